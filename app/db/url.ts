// Which database Laurel uses, from DATABASE_URL alone: unset or `file:` → SQLite, a
// `postgres://` or `postgresql://` URL → PostgreSQL. Shared by the app, the Prisma CLI
// configuration and the scripts, so they can never disagree.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  /** For SQLite, an absolute `file:` URL; for PostgreSQL, the URL as given. */
  url: string;
}

/** The SQLite file used when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_FILE = path.join("prisma", "laurel.sqlite");

export function databaseTarget(databaseUrl: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const raw = databaseUrl?.trim() ?? "";
  if (raw === "") {
    return { provider: "sqlite", url: `file:${path.resolve(cwd, DEFAULT_SQLITE_FILE)}` };
  }
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    return { provider: "postgresql", url: raw };
  }
  if (raw.startsWith("file:")) {
    // Resolve relative paths against the working directory, so the CLI, the app and the
    // tests open the same file whatever module asks.
    const file = raw.slice("file:".length);
    return { provider: "sqlite", url: `file:${path.resolve(cwd, file)}` };
  }
  throw new Error(
    `DATABASE_URL must be unset, a file: URL (SQLite) or a postgresql:// URL; got "${raw.split(":")[0]}:…"`,
  );
}
