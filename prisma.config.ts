// Prisma CLI configuration. Laurel runs Prisma on its JavaScript engine only (no downloaded
// binaries): the CLI talks to the database through the same driver adapters as the app.
// The provider follows DATABASE_URL, exactly as at run time (app/db/url.ts). The adapters work
// around defects of the 6.19 adapters in the schema engine (prisma/migrate-adapters.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./app/db/url";
import { pgMigrateAdapter, sqliteMigrateAdapter } from "./prisma/migrate-adapters";

const target = databaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", target.provider, "schema.prisma"),
  migrations: { path: path.join("prisma", target.provider, "migrations") },
  async adapter() {
    if (target.provider === "postgresql") {
      return pgMigrateAdapter(target.url);
    }
    return sqliteMigrateAdapter(target.url);
  },
});
