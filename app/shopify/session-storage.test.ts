// Session storage when the database is down at start: no crash, a clear failure while it is
// down, and normal service once it is back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Session } from "@shopify/shopify-api";
import { afterAll, expect, it } from "vitest";
import { setup as migrate } from "../../scripts/db.ts";
import { createDb } from "../db.server";
import { createSessionStorage } from "./session-storage.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-sessions-"));
const file = path.join(dir, "later", "laurel.sqlite");
const db = createDb({ provider: "sqlite", url: `file:${file}` });

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("fails while the database is unreachable and recovers when it returns", async () => {
  // Constructing it with the database down must not leave an unhandled rejection (vitest fails on one).
  const storage = createSessionStorage(db);
  await expect(storage.loadSession("offline_a.myshopify.com")).rejects.toThrow();

  migrate({ quiet: true, databaseUrl: `file:${file}` });

  const session = new Session({ id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "s", isOnline: false });
  session.accessToken = "token";
  await expect(storage.storeSession(session)).resolves.toBe(true);
  expect((await storage.loadSession(session.id))?.accessToken).toBe("token");
});
