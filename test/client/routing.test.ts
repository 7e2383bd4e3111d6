import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";
import { TOKEN, testClient } from "../helpers.js";
import { server } from "../setup.js";

const page = { data: [], meta: { page: { number: 1, size: 100, total: 0 } } };

describe("servers and headers", () => {
  it("sends regional paths to the region's server with bearer auth and the user agent", async () => {
    const seen: Request[] = [];
    server.use(
      http.get("https://eu.api.konghq.com/v2/control-planes", ({ request }) => {
        seen.push(request);
        return HttpResponse.json(page);
      }),
    );
    const { konnect } = testClient({ region: "eu", userAgent: "my-pipeline/1.2" });
    await konnect.api.GET("/v2/control-planes");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.get("user-agent")).toBe(`my-pipeline/1.2 konnect-aws/${VERSION}`);
  });

  it("sends cloud-gateway and identity paths to the global server whatever the region", async () => {
    const hosts: string[] = [];
    server.use(
      http.get("https://global.api.konghq.com/v2/cloud-gateways/networks", ({ request }) => {
        hosts.push(new URL(request.url).host);
        return HttpResponse.json(page);
      }),
      http.get("https://global.api.konghq.com/v3/organizations/me", ({ request }) => {
        hosts.push(new URL(request.url).host);
        return HttpResponse.json({ id: "0b1f7c2e-5f0e-4d8e-9a0b-1c2d3e4f5a6b", name: "Acme", state: "active" });
      }),
    );
    const { konnect } = testClient({ region: "au" });
    await konnect.api.GET("/v2/cloud-gateways/networks", { params: { query: { filter: { name: { eq: "net" } } } } });
    const org = await konnect.checkToken();
    expect(org.name).toBe("Acme");
    expect(hosts).toEqual(["global.api.konghq.com", "global.api.konghq.com"]);
  });

  it("serializes deepObject filters as Konnect expects", async () => {
    let query = "";
    server.use(
      http.get("https://us.api.konghq.com/v2/control-planes", ({ request }) => {
        query = decodeURIComponent(new URL(request.url).search);
        return HttpResponse.json(page);
      }),
    );
    const { konnect } = testClient();
    await konnect.api.GET("/v2/control-planes", { params: { query: { filter: { name: { eq: "prod" } } } } });
    expect(query).toBe("?filter[name][eq]=prod");
  });

  it("uses serverUrl for both servers when only it is given (a proxy or a fake)", async () => {
    const urls: string[] = [];
    server.use(
      http.get("http://localhost:8080/v3/organizations/me", ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ id: "0b1f7c2e-5f0e-4d8e-9a0b-1c2d3e4f5a6b", name: "Acme" });
      }),
    );
    const { konnect } = testClient({ serverUrl: "http://localhost:8080/" });
    expect(konnect.globalServerUrl).toBe("http://localhost:8080");
    await konnect.checkToken();
    expect(urls).toEqual(["http://localhost:8080/v3/organizations/me"]);
  });
});
