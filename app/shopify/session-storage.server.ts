// Shopify session storage on Laurel's database, made to survive a database that is down when
// the app starts. The library's first table check runs in its constructor and nothing awaits
// it: with the database down, Node would exit on the unhandled rejection (instead of /healthz
// answering 503), and afterwards the storage would stay "not ready" even once the database is
// back. Here a failed check is remembered as false and repeated on the next use.
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { Db } from "../db.server";

type Internals = { ready: Promise<boolean> };
const METHODS = ["storeSession", "loadSession", "deleteSession", "deleteSessions", "findSessionsByShop"] as const;

export function createSessionStorage(db: Db): PrismaSessionStorage<never> {
  // The generated client has the `session` model the storage needs; its type is the generated
  // one rather than @prisma/client's, hence the cast.
  const storage = new PrismaSessionStorage(db as never, { connectionRetries: 1, connectionRetryIntervalMs: 50 });
  const internals = storage as unknown as Internals;
  internals.ready = internals.ready.catch(() => false);
  for (const name of METHODS) {
    const method = storage[name].bind(storage) as (...args: unknown[]) => Promise<unknown>;
    (storage as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      if (!(await internals.ready)) await storage.isReady();
      return method(...args);
    };
  }
  return storage;
}
