// Plain SQL beside the ORM, on each database: the same rows, types and transaction either way.
import { expect, it } from "vitest";
import db, { sql } from "../db.server";
import { transaction } from "./sql.server";

const at = new Date("2026-11-24T01:02:03.456Z");

it.each([
  ["on the transaction's own connection", (fn: Parameters<typeof transaction>[1]) => transaction(db, fn)],
  [
    "through Prisma's raw API (a transaction started elsewhere)",
    (fn: Parameters<typeof transaction>[1]) => db.$transaction(fn),
  ],
])("writes rows the ORM reads and filters alike, %s", async (_label, run) => {
  const shop = `sql-${Math.random().toString(36).slice(2)}.myshopify.com`;
  const rows = await run(async (tx) => {
    // $2 twice: SQLite's ? placeholders get the arguments in the order they appear.
    await sql(tx).execute(
      `INSERT INTO "Job" ("id", "shop", "kind", "key", "payload", "runAt", "createdAt", "updatedAt", "attempts")
       VALUES ($1, $2, 'k', $2, '{}', $3, $3, $3, $4)`,
      [`${shop}-job`, shop, at, 7],
    );
    return sql(tx).query<{ key: string; runAt: Date; attempts: number }>(
      `SELECT "key", "runAt", "attempts" FROM "Job" WHERE "shop" = $1`,
      [shop],
    );
  });
  expect(rows).toEqual([{ key: shop, runAt: at, attempts: 7 }]);
  expect(await db.job.count({ where: { shop, runAt: { lte: at } } })).toBe(1);
  expect(await db.job.count({ where: { shop, runAt: { lt: at } } })).toBe(0);
  expect(await db.job.findFirstOrThrow({ where: { shop } })).toMatchObject({ runAt: at, attempts: 7 });
});

it("rolls back plain SQL with the rest of the transaction", async () => {
  const shop = `rollback-${Math.random().toString(36).slice(2)}.myshopify.com`;
  await expect(
    transaction(db, async (tx) => {
      await sql(tx).execute(`INSERT INTO "Shop" ("domain", "installedAt") VALUES ($1, $2)`, [shop, at]);
      await tx.program.create({ data: { shop, currency: "USD", settings: "{}" } });
      throw new Error("undo");
    }),
  ).rejects.toThrow("undo");
  expect(await db.shop.count({ where: { domain: shop } })).toBe(0);
  expect(await db.program.count({ where: { shop } })).toBe(0);
});

it("keeps concurrent transactions on their own connections", async () => {
  const shops = Array.from(
    { length: 8 },
    (_, i) => `parallel-${i}-${Math.random().toString(36).slice(2)}.myshopify.com`,
  );
  await Promise.all(
    shops.map((shop, i) =>
      transaction(db, async (tx) => {
        await sql(tx).execute(`INSERT INTO "Shop" ("domain", "installedAt") VALUES ($1, $2)`, [shop, at]);
        if (i % 2 === 1) throw new Error("odd ones roll back");
      }).catch(() => undefined),
    ),
  );
  const kept = await db.shop.findMany({ where: { domain: { in: shops } }, select: { domain: true } });
  expect(kept.map((s) => s.domain).sort()).toEqual(shops.filter((_, i) => i % 2 === 0).sort());
});
