// The production build, started as `npm start` starts it: /healthz reflects the database, and a
// bad configuration stops the server at once with one message naming every problem.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setup as migrate } from "../scripts/db.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-"));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const baseEnv = {
  PATH: process.env.PATH,
  NODE_ENV: "production" as const,
  SHOPIFY_API_KEY: "e2e-key",
  SHOPIFY_API_SECRET: "e2e-secret",
  SHOPIFY_APP_URL: "https://laurel.example.com",
};

function start(env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/@remix-run/serve/dist/cli.js", "build/server/index.js"],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  running.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

async function startServer(databaseUrl: string) {
  const port = await freePort();
  const server = start({ ...baseEnv, PORT: String(port), DATABASE_URL: databaseUrl });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return { ...server, url: `http://127.0.0.1:${port}` };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not listen:\n${server.output()}`);
}

describe("npm start", () => {
  it("answers /healthz 200 on a migrated database", async () => {
    const url = `file:${path.join(dir, "laurel.sqlite")}`;
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      migrate({ quiet: true });
    } finally {
      process.env.DATABASE_URL = previous;
    }
    const server = await startServer(url);
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it.each([
    ["PostgreSQL", "postgresql://postgres@127.0.0.1:1/laurel"],
    ["SQLite", `file:${path.join(dir, "missing", "laurel.sqlite")}`],
  ])("answers /healthz 503 while %s is unreachable, and keeps serving", async (_label, url) => {
    const server = await startServer(url);
    const first = await fetch(`${server.url}/healthz`);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ status: "unavailable", database: "unreachable" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect(server.child.exitCode).toBeNull();
  });

  it("refuses to start with a bad configuration, naming every problem", async () => {
    const port = await freePort();
    const server = start({
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      SHOPIFY_APP_URL: "nope",
    });
    const code = await server.exited;
    expect(code).not.toBe(0);
    const output = server.output();
    expect(output).toContain("Laurel cannot start: fix these environment variables:");
    expect(output).toContain("SHOPIFY_API_KEY: required");
    expect(output).toContain("SHOPIFY_API_SECRET: required");
    expect(output).toContain("SHOPIFY_APP_URL: must be an http(s) URL");
  });
});
