// Plain SQL inside a Prisma transaction, for the hottest paths (decision 007). Prisma's client
// compiles every call in WebAssembly (about 0.8 ms of CPU each, measured); a statement sent
// straight to the transaction's driver connection costs about a fifth of that. The driver
// adapter is wrapped so a transaction started by `transaction()` hands its connection to the
// callback: ORM calls and plain statements then share one connection and one commit.
//
// Statements are written once, PostgreSQL style ($1, $2…, quoted camelCase names); for SQLite the
// placeholders become `?` in order. Where a transaction was not started by `transaction()`, the
// same statements go through Prisma's raw API on the same transaction: slower, equally correct.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "../db.server";
import { preparePool } from "./prepared.server";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Dialect = "sqlite" | "postgresql";

type ArgType = { scalarType: "string" | "int" | "datetime" | "unknown"; arity: "scalar" };
interface AdapterQuery {
  sql: string;
  args: unknown[];
  argTypes: ArgType[];
}
interface AdapterResult {
  columnNames: string[];
  columnTypes: number[];
  rows: unknown[][];
}
interface AdapterTransaction {
  queryRaw(query: AdapterQuery): Promise<AdapterResult>;
  executeRaw(query: AdapterQuery): Promise<number>;
}

/** The adapter's transaction, handed from `startTransaction` to the callback that asked for it. */
interface Slot {
  tx?: AdapterTransaction;
}
const slots = new AsyncLocalStorage<Slot>();
const connections = new WeakMap<object, AdapterTransaction>();

type AdapterFactory = {
  connect(): Promise<object>;
  connectToShadowDb?(): Promise<object>;
  readonly provider: string;
  readonly adapterName: string;
};

/** The adapter each Prisma client connected through, for statements outside a transaction. */
const adapters = new WeakMap<object, AdapterTransaction>();

/**
 * Wraps a Prisma driver adapter factory so `transaction()` can reach each transaction's
 * connection, and `sqlOf(db)` the adapter's pool. `client()` names the Prisma client it serves.
 */
export function capturingAdapter<F extends AdapterFactory>(factory: F, client: () => object): F {
  const capture = (adapter: object) => {
    adapters.set(client(), adapter as AdapterTransaction);
    // PostgreSQL's adapter holds a node-postgres pool: its connections prepare repeated statements.
    const pool = (adapter as { client?: { on?: unknown } }).client;
    if (factory.provider === "postgres" && pool && typeof pool.on === "function") {
      preparePool(pool as Parameters<typeof preparePool>[0]);
    }
    return new Proxy(adapter, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== "startTransaction") return typeof value === "function" ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const started = await (value as (...a: unknown[]) => Promise<AdapterTransaction>).apply(target, args);
          const slot = slots.getStore();
          if (slot && !slot.tx) slot.tx = started;
          return started;
        };
      },
    });
  };
  return new Proxy(factory, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => capture(await (value as () => Promise<object>).call(target));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `db.$transaction(fn)` whose callback can also send plain SQL on the same connection (`sqlOf`). */
export function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const slot: Slot = {};
  return slots.run(slot, () =>
    db.$transaction(async (tx) => {
      if (slot.tx) connections.set(tx, slot.tx);
      // Later transactions started inside this one are on their own.
      slot.tx = undefined;
      return fn(tx);
    }),
  );
}

export interface Statement {
  text: string;
  args: unknown[];
}

export interface Sql {
  dialect: Dialect;
  /**
   * Independent writes in one round trip where the database allows: PostgreSQL runs them as one
   * statement of data-modifying CTEs (each sees the transaction as it was before the batch, so
   * none may depend on another's effect); SQLite runs them one after another.
   */
  batch(statements: Statement[]): Promise<void>;
  /** Rows as objects; DateTime columns as Dates, integers as numbers (also from RETURNING). */
  query<T = Record<string, unknown>>(text: string, args?: unknown[]): Promise<T[]>;
  execute(text: string, args?: unknown[]): Promise<number>;
}

const DATETIME = 10;
const BOOLEAN = 5;
/** Integer columns; the SQLite adapter hands them over as text (it reads them as bigints). */
const INTEGERS = new Set([0, 1, 128]);

/** $1, $2… → ? for SQLite, with the arguments in the order they appear. */
function forDialect(text: string, args: unknown[], dialect: Dialect): { text: string; args: unknown[] } {
  if (dialect === "postgresql") return { text, args };
  const ordered: unknown[] = [];
  const converted = text.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(args[Number(n) - 1]);
    return "?";
  });
  return { text: converted, args: ordered };
}

/** How a value is sent: Dates as the adapter writes them for Prisma (so they compare alike). */
function argOf(value: unknown): [unknown, ArgType] {
  if (value instanceof Date) return [value, { scalarType: "datetime", arity: "scalar" }];
  if (typeof value === "number") return [value, { scalarType: "int", arity: "scalar" }];
  if (typeof value === "string") return [value, { scalarType: "string", arity: "scalar" }];
  return [value ?? null, { scalarType: "unknown", arity: "scalar" }];
}

function objects<T>(result: AdapterResult): T[] {
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {};
    result.columnNames.forEach((name, i) => {
      const value = row[i];
      const type = result.columnTypes[i];
      object[name] =
        value === null || value === undefined
          ? null
          : type === DATETIME
            ? new Date(String(value))
            : type === BOOLEAN
              ? value === true || Number(value) === 1
              : INTEGERS.has(type!) && typeof value !== "number"
                ? Number(value)
                : value;
    });
    return object as T;
  });
}

/**
 * Plain SQL on the transaction `tx` (its own connection when `transaction()` started it), or on
 * the client's pool outside a transaction (once the client has connected).
 */
export function sqlOf(tx: Tx | Db, dialect: Dialect): Sql {
  const connection = connections.get(tx) ?? adapters.get(tx);
  const prepare = (text: string, args: unknown[]): AdapterQuery => {
    const converted = forDialect(text, args, dialect);
    // SQLite has no booleans: Prisma keeps them as 0 and 1.
    const typed = converted.args.map((a) => argOf(dialect === "sqlite" && typeof a === "boolean" ? Number(a) : a));
    return { sql: converted.text, args: typed.map(([v]) => v), argTypes: typed.map(([, t]) => t) };
  };
  const batch = (run: (text: string, args: unknown[]) => Promise<number>) => async (statements: Statement[]) => {
    if (dialect === "sqlite" || statements.length < 2) {
      for (const statement of statements) await run(statement.text, statement.args);
      return;
    }
    const combined = combine(statements);
    await run(combined.text, combined.args);
  };
  if (connection) {
    const execute = (text: string, args: unknown[] = []) => connection.executeRaw(prepare(text, args));
    return {
      dialect,
      batch: batch(execute),
      query: async (text, args = []) => objects(await connection.queryRaw(prepare(text, args))),
      execute,
    };
  }
  const execute = (text: string, args: unknown[] = []) => {
    const q = prepare(text, args);
    return tx.$executeRawUnsafe(q.sql, ...q.args);
  };
  return {
    dialect,
    batch: batch(execute),
    query: async <T>(text: string, args: unknown[] = []) => {
      const q = prepare(text, args);
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(q.sql, ...q.args);
      return rows.map((row) => normalise(row, dialect)) as T[];
    },
    execute,
  };
}

/** $1, $2… of `text` moved up by `offset`, for a statement placed after another's arguments. */
const shifted = (text: string, offset: number) => text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * Combined texts by their parts' texts. The hot paths send a few shapes over and over: each is
 * renumbered once, and the same string goes out every time (so its prepared name is found at once).
 */
const combinedTexts = new Map<string, string>();
const MAX_COMBINED = 500;

/**
 * PostgreSQL: `WITH a AS (…), b AS (…) <select>`, one statement (one round trip) of named parts
 * that `select` (and later parts) may refer to, every part's $n renumbered after the last's.
 */
export function withClauses(parts: { name: string; statement: Statement }[], select: Statement): Statement {
  const args = [...parts.flatMap((part) => part.statement.args), ...select.args];
  // Renumbering depends on each part's argument count as well as its text.
  const key = `${parts.map((p) => `${p.name}\u0000${p.statement.args.length}\u0000${p.statement.text}`).join("\u0001")}\u0002${select.text}`;
  let text = combinedTexts.get(key);
  if (text === undefined) {
    let offset = 0;
    const clauses = parts.map(({ name, statement }) => {
      const clause = `${name} AS (${shifted(statement.text, offset)})`;
      offset += statement.args.length;
      return clause;
    });
    text = `WITH ${clauses.join(", ")} ${shifted(select.text, offset)}`;
    // Shapes that vary without end (multi-row VALUES of any length) can't grow the map for ever.
    if (combinedTexts.size >= MAX_COMBINED) combinedTexts.clear();
    combinedTexts.set(key, text);
  }
  return { text, args };
}

/** `alias."c" AS "alias.c"` for each column: several rows' columns in one result row (see columnsOf). */
export const aliasedColumns = (alias: string, columns: readonly string[]) =>
  columns.map((c) => `${alias}."${c}" AS "${alias}.${c}"`).join(", ");

/** The columns `aliasedColumns` put in `row` under `alias`, as a row of their own. */
export const columnsOf = <T>(row: Record<string, unknown>, alias: string, columns: readonly string[]) =>
  Object.fromEntries(columns.map((c) => [c, row[`${alias}.${c}`]])) as T;

/** PostgreSQL: independent writes as `WITH s0 AS (…), s1 AS (…) SELECT 1`. */
export const combine = (statements: Statement[]): Statement =>
  withClauses(
    statements.map((statement, i) => ({ name: `s${i}`, statement })),
    { text: "SELECT 1", args: [] },
  );

/** Prisma's raw API gives SQLite DateTimes as text and counts as bigints: make them as above. */
function normalise(row: Record<string, unknown>, dialect: Dialect): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      typeof value === "bigint"
        ? Number(value)
        : dialect === "sqlite" && typeof value === "string" && ISO.test(value)
          ? new Date(value)
          : value;
  }
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
