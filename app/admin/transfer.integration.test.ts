// CSV export and import on each database: exports stream every row, in order, across batches,
// for one shop only; an import's dry run counts and reports rows without changing a balance;
// applying it through the worker moves balances once however often the job runs, records
// progress, audits once and empties the file.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import db from "../db.server";
import { runDueJobs } from "../jobs/worker.server";
import { readCsv } from "../loyalty/csv";
import { SYNC_MEMBER } from "../points/ledger.server";
import { ledgerCsv, LEDGER_COLUMNS, membersCsv, MEMBER_COLUMNS } from "./export.server";
import {
  applyImport,
  discardImport,
  IMPORT_BALANCES,
  importRun,
  ImportNotFound,
  ImportRefused,
  previewImport,
  recentImports,
  runImportBalances,
  runImportTurn,
} from "./import.server";
import { DEFAULT_FILTER } from "./members-form";

const newShop = () => `transfer-${randomUUID().slice(0, 8)}.myshopify.com`;
const ACTOR = "staff:7";
const handlers = { [IMPORT_BALANCES]: runImportBalances, [SYNC_MEMBER]: async () => {} };

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}
const records = (csv: string) => [...readCsv(csv)].map((r) => r.cells);

async function members(
  shop: string,
  rows: { n: number; available?: number; email?: string | null; status?: string }[],
) {
  for (const r of rows) {
    await db.member.create({
      data: {
        id: `${shop}-m${String(r.n).padStart(3, "0")}`,
        shop,
        customerId: `gid://shopify/Customer/${r.n}`,
        email: r.email === undefined ? `c${r.n}@example.com` : r.email,
        firstName: r.n === 1 ? "=cmd|' /C calc'!A0" : `Name ${r.n}`,
        available: r.available ?? r.n * 10,
        status: r.status ?? "active",
        enrolledAt: new Date("2026-01-01T00:00:00Z"),
      },
    });
  }
}

describe("members export", () => {
  it("streams every member the filter matches, in the list's order, across batches, for one shop", async () => {
    const shop = newShop();
    await members(
      shop,
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ n, available: n === 7 ? 30 : n * 10 })),
    );
    await members(newShop(), [{ n: 1 }]);
    const bytes = new Uint8Array(
      await new Response(membersCsv(shop, { ...DEFAULT_FILTER, minBalance: 20 }, new Date(), 2)).arrayBuffer(),
    );
    // A byte-order mark, so spreadsheets read UTF-8 (decoding drops it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const [header, ...rows] = records(csv);
    expect(header).toEqual([...MEMBER_COLUMNS]);
    // balance_desc, ties by id descending: 70 60 50 40 30(m7) 30(m3) 20
    expect(rows.map((r) => [r[2], r[6]])).toEqual([
      ["c6@example.com", "60"],
      ["c5@example.com", "50"],
      ["c4@example.com", "40"],
      ["c7@example.com", "30"],
      ["c3@example.com", "30"],
      ["c2@example.com", "20"],
    ]);
    expect(rows[0]).toEqual([
      `${shop}-m006`,
      "gid://shopify/Customer/6",
      "c6@example.com",
      "Name 6",
      "",
      "active",
      "60",
      "0",
      "0",
      "0",
      "0",
      "2026-01-01T00:00:00.000Z",
      "",
    ]);
  });

  it("pages by activity with never-active members last, and defuses formulas", async () => {
    const shop = newShop();
    await members(
      shop,
      [1, 2, 3, 4, 5].map((n) => ({ n })),
    );
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    await db.member.update({ where: { id: `${shop}-m001` }, data: { lastActivityAt: at(3) } });
    await db.member.update({ where: { id: `${shop}-m002` }, data: { lastActivityAt: at(5) } });
    await db.member.update({ where: { id: `${shop}-m004` }, data: { lastActivityAt: at(3) } });
    for (const sort of ["activity_desc", "activity_asc"] as const) {
      const csv = await text(membersCsv(shop, { ...DEFAULT_FILTER, sort }, new Date(), 2));
      const ids = records(csv)
        .slice(1)
        .map((r) => r[0]!.slice(-1));
      expect(ids, sort).toEqual(sort === "activity_desc" ? ["2", "4", "1", "5", "3"] : ["1", "4", "2", "3", "5"]);
    }
    const csv = await text(membersCsv(shop, DEFAULT_FILTER));
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
  });
});

describe("ledger export", () => {
  it("streams the shop's entries in the range, oldest first, across batches", async () => {
    const shop = newShop();
    await members(shop, [{ n: 1, email: "ana@example.com" }]);
    const memberId = `${shop}-m001`;
    const at = (iso: string) => new Date(iso);
    const entries = [
      ["e0", "2026-10-31T23:59:59.999Z"],
      ["e1", "2026-11-01T00:00:00.000Z"],
      ["e3", "2026-11-02T10:00:00.000Z"],
      ["e2", "2026-11-02T10:00:00.000Z"],
      ["e4", "2026-11-30T23:59:59.999Z"],
      ["e5", "2026-12-01T00:00:00.000Z"],
    ];
    for (const [key, when] of entries) {
      await db.ledgerEntry.create({
        data: {
          id: `${shop}-${key}`,
          shop,
          memberId,
          reason: "earn_purchase",
          key: key!,
          available: 5,
          lifetimeEarned: 5,
          note: key === "e2" ? 'a, "quoted" note' : null,
          orderId: key === "e1" ? "gid://shopify/Order/9" : null,
          createdAt: at(when!),
        },
      });
    }
    await db.ledgerEntry.create({
      data: { shop: newShop(), memberId: "x", reason: "import", key: "k", createdAt: at("2026-11-05T00:00:00Z") },
    });
    const csv = await text(ledgerCsv(shop, { from: at("2026-11-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") }, 2));
    const [header, ...rows] = records(csv);
    expect(header).toEqual([...LEDGER_COLUMNS]);
    expect(rows.map((r) => r[0]!.slice(-2))).toEqual(["e1", "e2", "e3", "e4"]);
    expect(rows[0]).toEqual([
      `${shop}-e1`,
      "2026-11-01T00:00:00.000Z",
      memberId,
      "gid://shopify/Customer/1",
      "ana@example.com",
      "earn_purchase",
      "5",
      "0",
      "0",
      "5",
      "0",
      "gid://shopify/Order/9",
      "",
    ]);
    expect(rows[1]![12]).toBe('a, "quoted" note');
  });

  it("writes just the header for a range without entries", async () => {
    const csv = await text(ledgerCsv(newShop(), { from: new Date(0), to: new Date() }));
    expect(records(csv)).toEqual([[...LEDGER_COLUMNS]]);
  });
});

describe("import", () => {
  const FILE = [
    "email,customer_id,points,note",
    "C1@Example.com,,100,from Smile", // row 2: by email
    ",3,300,", // row 3: by customer id
    "c3@example.com,,-5,", // row 4: negative points
    "c2@example.com,,lots,", // row 5: bad points
    ",gid://shopify/Customer/1,7,", // row 6: member 1 again
    "c4@example.com,,0,", // row 7: zero: nothing to add
    "gone@example.com,5,50,", // row 8: redacted member
    "c6@example.com,,60,", // row 9: already imported
  ].join("\r\n");

  async function setUp() {
    const shop = newShop();
    await members(shop, [
      { n: 1, available: 0 },
      { n: 2, available: 0 },
      { n: 3, available: 10 },
      { n: 4, available: 0 },
      { n: 5, available: 0, email: null, status: "redacted" },
      { n: 6, available: 0 },
    ]);
    await db.ledgerEntry.create({
      data: { shop, memberId: `${shop}-m006`, reason: "import", key: "import:earlier:2", available: 1 },
    });
    return shop;
  }

  const balances = async (shop: string) =>
    Object.fromEntries(
      (await db.member.findMany({ where: { shop }, orderBy: { id: "asc" } })).map((m) => [m.id.slice(-4), m.available]),
    );

  it("dry-runs: counts rows, reports problems by row and field, changes no balance", async () => {
    const shop = await setUp();
    const run = await previewImport(shop, ACTOR, "balances.csv", FILE);
    expect(run).toMatchObject({
      status: "previewed",
      total: 8,
      valid: 3,
      lookups: 0,
      processed: 0,
      fileName: "balances.csv",
    });
    expect(run.errors).toEqual([
      { row: 4, field: "points", message: "transfer.rowError.negativePoints" },
      { row: 5, field: "points", message: "transfer.rowError.badPoints" },
      { row: 6, field: "customer", message: "transfer.rowError.duplicate" },
      { row: 8, field: "customer", message: "transfer.rowError.redacted" },
      { row: 9, field: "customer", message: "transfer.rowError.alreadyImported" },
    ]);
    expect(JSON.stringify(run.errors)).not.toContain("@");
    expect(await balances(shop)).toEqual({ m001: 0, m002: 0, m003: 10, m004: 0, m005: 0, m006: 0 });
    expect(await db.auditLog.count({ where: { shop } })).toBe(0);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("enrols a Shopify customer who isn't a member yet, by customer id, with the starting balance", async () => {
    const shop = newShop();
    await members(shop, [{ n: 1, available: 0 }]);
    const csv = ["email,customer_id,points,note", "new@example.com,77,300,", ",77,5,"].join("\n");
    const run = await previewImport(shop, ACTOR, "new.csv", csv);
    expect(run).toMatchObject({ total: 2, valid: 1, lookups: 0 });
    expect(run.errors).toEqual([{ row: 3, field: "customer", message: "transfer.rowError.duplicate" }]);
    await applyImport(shop, run.id, ACTOR);
    expect(await runImportTurn(shop, run.id)).toBe(true);
    const joined = await db.member.findUniqueOrThrow({
      where: { shop_customerId: { shop, customerId: "gid://shopify/Customer/77" } },
    });
    expect(joined).toMatchObject({ available: 300, email: "new@example.com", status: "active" });
    expect(await db.ledgerEntry.count({ where: { shop, memberId: joined.id } })).toBe(1);
    // Imported once: a second file for the same customer is told so.
    const again = await previewImport(shop, ACTOR, "again.csv", "customer_id,points\n77,300");
    expect(again.errors).toEqual([{ row: 2, field: "customer", message: "transfer.rowError.alreadyImported" }]);
  });

  it("refuses an unreadable file as a whole, keeping nothing", async () => {
    const shop = newShop();
    await expect(previewImport(shop, ACTOR, "x.csv", "name,balance\nAna,5")).rejects.toMatchObject({
      code: "header",
      row: 1,
    });
    await expect(previewImport(shop, ACTOR, "x.csv", "email,points\r\n")).rejects.toBeInstanceOf(ImportRefused);
    expect(await db.importRun.count({ where: { shop } })).toBe(0);
  });

  it("applies through the worker once, however often the job runs; audits once; empties the file", async () => {
    const shop = await setUp();
    const run = await previewImport(shop, ACTOR, "balances.csv", FILE);
    const queued = await applyImport(shop, run.id, ACTOR);
    const again = await applyImport(shop, run.id, ACTOR);
    expect(queued.status).toBe("queued");
    expect(again.status).toBe("queued");
    expect(await db.job.count({ where: { shop, kind: IMPORT_BALANCES } })).toBe(1);

    for (let i = 0; i < 3; i++) await runDueJobs(handlers);
    const done = await importRun(shop, run.id);
    expect(done).toMatchObject({ status: "done", total: 8, processed: 8, applied: 3, skipped: 5 });
    expect((await db.importRun.findUniqueOrThrow({ where: { id: run.id } })).csv).toBe("");
    expect(await balances(shop)).toEqual({ m001: 100, m002: 0, m003: 310, m004: 0, m005: 0, m006: 0 });
    const entries = await db.ledgerEntry.findMany({ where: { shop, key: { startsWith: `import:${run.id}:` } } });
    expect(entries.map((e) => [e.key, e.available, e.lifetimeEarned, e.note]).sort()).toEqual([
      [`import:${run.id}:2`, 100, 100, "from Smile"],
      [`import:${run.id}:3`, 300, 300, null],
    ]);
    expect((await db.job.findFirstOrThrow({ where: { shop, kind: IMPORT_BALANCES } })).status).toBe("done");
    expect(await db.job.count({ where: { shop, kind: SYNC_MEMBER } })).toBe(2);
    expect(await db.auditLog.findMany({ where: { shop } })).toEqual([
      expect.objectContaining({ actor: ACTOR, action: "import.apply", subject: run.id }),
    ]);

    // The job queued again, and a run rewound to its start (a replay): nothing moves twice.
    await runImportBalances(shop, [
      { id: "x", shop, kind: IMPORT_BALANCES, key: run.id, payload: "{}", version: 0, attempts: 1 },
    ]);
    await db.importRun.update({ where: { id: run.id }, data: { status: "running", processed: 0, csv: FILE } });
    await runImportTurn(shop, run.id);
    expect(await balances(shop)).toEqual({ m001: 100, m002: 0, m003: 310, m004: 0, m005: 0, m006: 0 });
  });

  it("moves progress batch by batch and yields the worker when its turn is up", async () => {
    const shop = newShop();
    await members(
      shop,
      Array.from({ length: 7 }, (_, i) => ({ n: i + 1, available: 0 })),
    );
    const file = ["customer_id,points", ...Array.from({ length: 7 }, (_, i) => `${i + 1},${i + 1}`)].join("\n");
    const run = await previewImport(shop, ACTOR, "b.csv", file);
    await applyImport(shop, run.id, ACTOR);
    expect(await runImportTurn(shop, run.id, { batch: 3, budgetMs: 0 })).toBe(false);
    expect(await importRun(shop, run.id)).toMatchObject({ status: "running", processed: 3, applied: 3 });
    expect((await db.importRun.findUniqueOrThrow({ where: { id: run.id } })).csv).toBe(file);
    expect((await db.job.findFirstOrThrow({ where: { shop, kind: IMPORT_BALANCES } })).status).toBe("queued");
    expect(await runImportTurn(shop, run.id, { batch: 3 })).toBe(true);
    expect(await importRun(shop, run.id)).toMatchObject({ status: "done", processed: 7, applied: 7, skipped: 0 });
    expect((await db.member.aggregate({ where: { shop }, _sum: { available: true } }))._sum.available).toBe(28);
  });

  it("is scoped by shop: another shop's run is not found, and its members are not matched", async () => {
    const shop = await setUp();
    const other = newShop();
    const run = await previewImport(shop, ACTOR, "balances.csv", FILE);
    await expect(importRun(other, run.id)).rejects.toBeInstanceOf(ImportNotFound);
    await expect(applyImport(other, run.id, ACTOR)).rejects.toBeInstanceOf(ImportNotFound);
    await expect(discardImport(other, run.id)).rejects.toBeInstanceOf(ImportNotFound);
    const theirs = await previewImport(other, ACTOR, "balances.csv", FILE);
    // No email matches the first shop's members: rows 2, 7 and 9 name emails to look up in the
    // other shop's Shopify; the customer ids (3, 1, 5) would enrol the other shop's own customers
    // of those ids, who aren't members there yet.
    expect(theirs).toMatchObject({ valid: 6, lookups: 3 });
    expect(theirs.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(await recentImports(other)).toHaveLength(1);
    const nothing = await previewImport(other, ACTOR, "bad.csv", "email,points\nc1@example.com,lots");
    await expect(applyImport(other, nothing.id, ACTOR)).rejects.toMatchObject({ code: "nothingValid" });
  });

  it("discards a dry run with its file; a run once applied can't be discarded", async () => {
    const shop = await setUp();
    const run = await previewImport(shop, ACTOR, "balances.csv", FILE);
    await discardImport(shop, run.id);
    expect(await db.importRun.count({ where: { shop } })).toBe(0);
    const second = await previewImport(shop, ACTOR, "balances.csv", FILE);
    await applyImport(shop, second.id, ACTOR);
    await expect(discardImport(shop, second.id)).rejects.toMatchObject({ code: "notPreviewed" });
  });

  it("marks a run failed and empties its file when its job has used its last attempt", async () => {
    const shop = await setUp();
    const run = await previewImport(shop, ACTOR, "balances.csv", FILE);
    await applyImport(shop, run.id, ACTOR);
    await db.importRun.update({ where: { id: run.id }, data: { csv: "broken" } });
    const job = { id: "j", shop, kind: IMPORT_BALANCES, key: run.id, payload: "{}", version: 0 };
    await expect(runImportBalances(shop, [{ ...job, attempts: 1 }])).rejects.toThrow();
    expect((await importRun(shop, run.id)).status).toBe("queued");
    await expect(runImportBalances(shop, [{ ...job, attempts: 8 }])).rejects.toThrow();
    const failed = await db.importRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([failed.status, failed.csv]).toEqual(["failed", ""]);
  });
});
