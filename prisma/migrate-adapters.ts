// The driver adapters the Prisma CLI uses for migrations (never the app at run time).
//
// PostgreSQL: works around two defects of @prisma/adapter-pg 6.19 that break every migrate
// command on the JavaScript schema engine (upstream prisma/prisma#27403):
// 1. The schema engine introspects catalog columns of PostgreSQL's `name` and `"char"` types,
//    which the adapter cannot map ("Column type 'name' could not be deserialized"). Both are plain
//    text on the wire, so the client below reports those columns as `text` (arrays as `text[]`).
// 2. `executeScript` splits scripts on every `;`, even inside comments, strings and dollar quotes.
//    PostgreSQL splits a multi-statement script itself when it is sent as one simple query, so
//    that is what we do; the script then also runs atomically.
// 3. Its shadow database is dropped while the shadow pool still holds a connection, so every
//    command that uses one fails at the end. The shadow database is managed here instead.
//
// SQLite: the schema engine applies a whole migration to the shadow database through
// `executeRaw`, which better-sqlite3 prepares as a single statement ("contains more than one
// statement"). A parameterless executeRaw is therefore run as a script.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// PostgreSQL type OIDs (pg_type): catalog text types → the text types the adapter maps.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT = new Map([
  [18, TEXT], // "char"
  [19, TEXT], // name
  [1002, TEXT_ARRAY], // "char"[]
  [1003, TEXT_ARRAY], // name[]
]);

type Fields = { dataTypeID: number }[];

function asText<R extends { fields?: Fields } | undefined>(result: R): R {
  for (const field of result?.fields ?? []) {
    field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  }
  return result;
}

class NameAsTextClient extends pg.Client {
  // pg's overloads (promise, callback, submittable) are matched at run time; types are erased here.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: { fields?: Fields }) =>
        (last as (e: Error | null, r: unknown) => void)(error, error ? result : asText(result));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out instanceof Promise) return out.then(asText) as never;
    return out as never;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function wholeScripts(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

export function pgMigrateAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  // Discrete fields, not `connectionString`: the adapter makes its shadow database's pool with
  // `{ ...config, database }`, and pg lets a connection string override that `database`.
  const config = { ...parse(connectionString), Client: NameAsTextClient, allowExitOnIdle: true };
  const inner = new PrismaPg(config as pg.PoolConfig);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wholeScripts(await inner.connect()),
    async connectToShadowDb() {
      const main = await inner.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = wholeScripts(await new PrismaPg({ ...config, database } as pg.PoolConfig).connect());
      const closeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await closeShadow();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await main.dispose();
      };
      return shadow;
    },
  };
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

function scriptsAsScripts(adapter: SqliteAdapter): SqliteAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

export function sqliteMigrateAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => scriptsAsScripts(await inner.connect()),
    connectToShadowDb: async () => scriptsAsScripts(await inner.connectToShadowDb()),
  };
}
