// Both providers' histories move together: every migration exists for SQLite and PostgreSQL.
// (Whether each history matches the models is checked per provider in migrations.integration.test.ts.)
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const history = (provider: string) => {
  const dir = path.join(process.cwd(), "prisma", provider, "migrations");
  return {
    names: fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(),
    lock: fs.readFileSync(path.join(dir, "migration_lock.toml"), "utf8"),
  };
};

it("has the same migrations for SQLite and PostgreSQL", () => {
  const sqlite = history("sqlite");
  const postgresql = history("postgresql");
  expect(sqlite.names.length).toBeGreaterThan(0);
  expect(postgresql.names).toEqual(sqlite.names);
  expect(sqlite.lock).toContain('provider = "sqlite"');
  expect(postgresql.lock).toContain('provider = "postgresql"');
});
