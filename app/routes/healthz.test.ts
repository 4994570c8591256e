// /healthz with a database that cannot be reached (the reachable case is in healthz.integration.test.ts).
import { afterEach, expect, it, vi } from "vitest";

const before = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = before;
});

it.each([
  ["PostgreSQL refusing connections", "postgresql://postgres@127.0.0.1:1/laurel"],
  ["SQLite in a missing directory", "file:/nonexistent/laurel/laurel.sqlite"],
])("answers 503 with %s", async (_label, url) => {
  vi.resetModules();
  process.env.DATABASE_URL = url;
  const { loader } = await import("./healthz");

  const response = await loader();

  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
});
