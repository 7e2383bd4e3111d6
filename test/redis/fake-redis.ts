// Tiny RESP servers on node:net for checkRedis: one that never answers, one that answers the first
// plain-text PING and then goes silent, and one that answers commands with scripted replies (to echo a
// password back). No redis-server needed.
import { createServer, type Server, type Socket } from "node:net";

export interface FakeRedis {
  port: number;
  close(): Promise<void>;
}

/** Parses RESP arrays of bulk strings, and inline commands, out of a buffer; returns the commands and the rest. */
function parse(buffer: string): { commands: Array<string[] & { inline?: boolean }>; rest: string } {
  const commands: Array<string[] & { inline?: boolean }> = [];
  let rest = buffer;
  for (;;) {
    if (!rest.includes("\r\n")) break;
    if (!rest.startsWith("*")) {
      const end = rest.indexOf("\r\n");
      commands.push(Object.assign(rest.slice(0, end).split(" "), { inline: true }));
      rest = rest.slice(end + 2);
      continue;
    }
    const lines = rest.split("\r\n");
    const n = Number(lines[0]!.slice(1));
    if (lines.length < 1 + 2 * n + 1) break;
    const args: string[] = [];
    for (let i = 0; i < n; i++) args.push(lines[2 + 2 * i]!);
    commands.push(args);
    rest = lines.slice(1 + 2 * n).join("\r\n");
  }
  return { commands, rest };
}

async function listen(server: Server, sockets: Set<Socket>): Promise<FakeRedis> {
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A server that replies to RESP commands with `reply(command)`; `undefined` means no reply at all
 * (silence). checkRedis's plain-text probe (an inline PING) gets +PONG unless `answerProbe` is false.
 */
export async function startFakeRedis(reply: (command: string[]) => string | undefined, { answerProbe = true } = {}): Promise<FakeRedis> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    let buffer = "";
    socket.on("data", (chunk) => {
      const { commands, rest } = parse(buffer + chunk.toString("latin1"));
      buffer = rest;
      for (const command of commands) {
        const answer = command.inline ? (answerProbe ? "+PONG\r\n" : undefined) : reply(command);
        if (answer !== undefined) socket.write(answer);
      }
    });
  });
  return listen(server, sockets);
}

/** Answers the plain-text probe, then nothing ever again. */
export const silentAfterProbe = () => startFakeRedis(() => undefined);

/** Accepts connections and never sends a byte. */
export const silentServer = () => startFakeRedis(() => undefined, { answerProbe: false });
