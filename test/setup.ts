// One msw server for the whole suite, as msw's own tests do: unknown requests fail the test, and
// handlers added with server.use() are dropped after each test.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
