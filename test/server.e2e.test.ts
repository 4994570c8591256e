// The production build, started as `npm start` starts it: /healthz reflects the database, and a
// bad configuration stops the server at once with one message naming every problem.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { freePort, migratedSqlite, spawnApp, startApp, type RunningApp } from "./app-server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-"));
const running: RunningApp[] = [];

afterEach(() => {
  for (const app of running.splice(0)) app.stop();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const baseEnv = {
  NODE_ENV: "production" as const,
  SHOPIFY_API_KEY: "e2e-key",
  SHOPIFY_API_SECRET: "e2e-secret",
  SHOPIFY_APP_URL: "https://laurel.example.com",
};

async function started(databaseUrl: string) {
  const app = await startApp({ ...baseEnv, DATABASE_URL: databaseUrl });
  running.push(app);
  return app;
}

describe("npm start", () => {
  it("answers /healthz 200 on a migrated database", async () => {
    const app = await started(migratedSqlite(path.join(dir, "laurel.sqlite")));
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it.each([
    ["PostgreSQL", "postgresql://postgres@127.0.0.1:1/laurel"],
    ["SQLite", `file:${path.join(dir, "missing", "laurel.sqlite")}`],
  ])("answers /healthz 503 while %s is unreachable, and keeps serving", async (_label, url) => {
    const app = await started(url);
    const first = await fetch(`${app.url}/healthz`);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ status: "unavailable", database: "unreachable" });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
    expect(app.child.exitCode).toBeNull();
  });

  it("refuses to start with a bad configuration, naming every problem", async () => {
    const app = spawnApp({ NODE_ENV: "production", SHOPIFY_APP_URL: "nope" }, await freePort());
    running.push(app);
    expect(await app.exited).not.toBe(0);
    const output = app.output();
    expect(output).toContain("Laurel cannot start: fix these environment variables:");
    expect(output).toContain("SHOPIFY_API_KEY: required");
    expect(output).toContain("SHOPIFY_API_SECRET: required");
    expect(output).toContain("SHOPIFY_APP_URL: must be an http(s) URL");
  });
});
