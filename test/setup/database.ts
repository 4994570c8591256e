// Before each integration test file: a fresh database cloned from the run's migrated template,
// named in DATABASE_URL before any app module opens it; dropped when the file is done.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrlFor } from "./database-urls.ts";

const provider = inject("databaseProvider");
const template = inject("databaseTemplate");
const id = randomBytes(6).toString("hex");

async function closeAppDatabase() {
  const { default: db } = await import("../../app/db.server");
  await db.$disconnect();
}

if (provider === "sqlite") {
  const file = path.join(os.tmpdir(), `laurel-test-${id}.sqlite`);
  fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    await closeAppDatabase();
    fs.rmSync(file, { force: true });
  });
} else {
  const adminUrl = inject("postgresAdminUrl");
  const name = `laurel_test_${id}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  process.env.DATABASE_URL = databaseUrlFor(adminUrl, name);
  afterAll(async () => {
    await closeAppDatabase();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
}
