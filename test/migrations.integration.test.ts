// The migration history of this run's provider matches prisma/models.prisma: a model change
// without a migration (`npm run prisma:migration -- <name>`) fails here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { composeSchema, pendingSql } from "../scripts/db.ts";

const provider = inject("databaseProvider");

describe(`${provider} migration history`, () => {
  it("matches the models", () => {
    const sql = pendingSql(provider);
    expect(sql, `prisma/${provider}/migrations is behind prisma/models.prisma; run npm run prisma:migration`).toBe("");
  });

  it("is reported as behind when a model changes without a migration", () => {
    const models = fs.readFileSync(path.join(process.cwd(), "prisma", "models.prisma"), "utf8");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-drift-"));
    const schema = path.join(dir, "schema.prisma");
    fs.writeFileSync(schema, composeSchema(provider, `${models}\nmodel DriftProbe {\n  id String @id\n}\n`));
    try {
      expect(pendingSql(provider, schema)).toMatch(/CREATE TABLE "DriftProbe"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
