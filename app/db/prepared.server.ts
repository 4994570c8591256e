// PostgreSQL parses and plans an unnamed statement every time it runs. Laurel's hot paths send
// the same few dozen statements over and over, so each pooled connection keeps them prepared:
// node-postgres skips the Parse step for a name the connection has seen, and PostgreSQL reuses
// the parsed statement (and, after a few runs, its plan). Only repeated texts get a name, and at
// most MAX_NAMED of them, so statements built with varying shapes (IN lists, multi-row VALUES)
// can't grow the connection's cache without bound: past the cap they run unnamed, as before.

interface QueryConfig {
  text?: string;
  name?: string;
}
interface PgClient {
  query: (config: unknown, ...rest: unknown[]) => unknown;
}
interface PgPool {
  on(event: "connect", listener: (client: PgClient) => void): unknown;
}

const MAX_NAMED = 400;
/** Runs of a text before it is prepared: one-off statements stay unnamed. */
const RUNS_BEFORE_NAMING = 2;

const names = new Map<string, string>();
const runs = new Map<string, number>();

/** The statement name for `text`, once it has run often enough (shared by every connection). */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_NAMED) return undefined;
  const count = (runs.get(text) ?? 0) + 1;
  if (count < RUNS_BEFORE_NAMING) {
    // The counter map is bounded too: it forgets everything when full.
    if (runs.size >= MAX_NAMED * 4) runs.clear();
    runs.set(text, count);
    return undefined;
  }
  runs.delete(text);
  const name = `laurel_${names.size + 1}`;
  names.set(text, name);
  return name;
}

const patched = new WeakSet<PgClient>();

/** Makes `client` send repeated statements as named (prepared) ones. */
export function prepareRepeated(client: PgClient) {
  if (patched.has(client)) return;
  patched.add(client);
  const query = client.query.bind(client);
  client.query = (config: unknown, ...rest: unknown[]) => {
    if (config && typeof config === "object" && !(config as QueryConfig).name) {
      const text = (config as QueryConfig).text;
      const name = typeof text === "string" ? statementName(text) : undefined;
      if (name) return query({ ...(config as object), name }, ...rest);
    }
    return query(config, ...rest);
  };
}

/** Every connection `pool` opens from now on prepares repeated statements. */
export function preparePool(pool: PgPool) {
  pool.on("connect", prepareRepeated);
}
