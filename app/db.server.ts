// The Prisma client for whichever database DATABASE_URL names (db/url.ts).
//
// Each provider has its own generated client (prisma/generated/<provider>, from the same
// models); it is loaded at run time so the bundler never inlines Prisma's engine files. Code is
// typed against the SQLite client, the narrower of the two APIs, so what compiles runs on both.
import { createRequire } from "node:module";
import path from "node:path";
import type { PrismaClient } from "../prisma/generated/sqlite";
import { capturingAdapter, sqlOf, type Sql, type Tx } from "./db/sql.server";
import { databaseTarget, type DatabaseTarget } from "./db/url";

export type Db = PrismaClient;

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));

export function createDb(target: DatabaseTarget): Db {
  const generated = requireFromRoot(`./prisma/generated/${target.provider}`) as {
    PrismaClient: new (options: { adapter: unknown }) => Db;
  };
  if (target.provider === "postgresql") {
    const { PrismaPg } = requireFromRoot("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    // A short connect timeout: /healthz must report an unreachable database, not hang.
    const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 3000 });
    const client: Db = new generated.PrismaClient({ adapter: capturingAdapter(adapter, () => client) });
    return client;
  }
  const { PrismaBetterSQLite3 } = requireFromRoot(
    "@prisma/adapter-better-sqlite3",
  ) as typeof import("@prisma/adapter-better-sqlite3");
  const client: Db = new generated.PrismaClient({
    adapter: capturingAdapter(new PrismaBetterSQLite3({ url: target.url }), () => client),
  });
  return client;
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

declare global {
  // Reused across Vite's hot reloads in development, so each reload doesn't open a new pool.
  var __laurelDb: Db | undefined;
}

/** Which database this process uses (a few statements differ between them). */
export const provider = databaseTarget(process.env.DATABASE_URL).provider;

const db: Db = globalThis.__laurelDb ?? createDb(databaseTarget(process.env.DATABASE_URL));
if (process.env.NODE_ENV === "development") globalThis.__laurelDb = db;

export default db;

/** Plain SQL on this transaction, in this database's dialect (db/sql.server.ts). */
export const sql = (tx: Tx | Db): Sql => sqlOf(tx, provider);
