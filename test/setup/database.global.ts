// Once per run and provider: a migrated template database that each test file clones
// (test/setup/database.ts), so every file starts from the real migration history, quickly.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { setup as migrate } from "../../scripts/db.ts";
import { databaseUrlFor } from "./database-urls.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseProvider: "sqlite" | "postgresql";
    postgresAdminUrl: string;
    databaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const provider = project.config.provide.databaseProvider;
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  if (provider === "sqlite") {
    const file = path.join(os.tmpdir(), `laurel-template-${tag}.sqlite`);
    migrate({ quiet: true, databaseUrl: `file:${file}` });
    project.provide("databaseTemplate", file);
    return () => fs.rmSync(file, { force: true });
  }
  const adminUrl = project.config.provide.postgresAdminUrl ?? "";
  const name = `laurel_template_${tag}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  migrate({ quiet: true, databaseUrl: databaseUrlFor(adminUrl, name) });
  project.provide("databaseTemplate", name);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}
