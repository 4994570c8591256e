// The Operations page's data: the queue by kind and state, the failed jobs, the deliveries
// processed, and retrying failed jobs — each scoped to its shop and audited.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { claim, enqueue, fail, MAX_ATTEMPTS } from "../jobs/queue.server";
import { auditLog } from "./audit.server";
import { SYNC_DELAY_MS } from "./operations-health";
import {
  JOBS_PAGE,
  operationsOverview,
  problemJobs,
  queueSummary,
  retryDeadJobs,
  retryJob,
  webhookSummary,
} from "./operations.server";

const SHOP = "ops.myshopify.com";
const OTHER = "other-ops.myshopify.com";
const ACTOR = "staff:42";
const now = new Date("2026-11-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

type JobRow = { shop?: string; kind?: string; key: string; status?: string; attempts?: number; lastError?: string };
function job(row: JobRow, times: { runAt?: Date; updatedAt?: Date; lockedUntil?: Date } = {}) {
  return db.job.create({
    data: {
      shop: row.shop ?? SHOP,
      kind: row.kind ?? "sync_member",
      key: row.key,
      status: row.status ?? "queued",
      attempts: row.attempts ?? 0,
      lastError: row.lastError ?? null,
      runAt: times.runAt ?? now,
      lockedUntil: times.lockedUntil ?? null,
      ...(times.updatedAt ? { updatedAt: times.updatedAt } : {}),
    },
  });
}
const dead = (key: string, extra: Partial<JobRow> = {}, failedAt = ago(60_000)) =>
  job(
    { key, status: "dead", attempts: MAX_ATTEMPTS, lastError: "Access denied for metafieldsSet", ...extra },
    { updatedAt: failedAt },
  );

/** A job driven through the real queue until it gives up. */
async function killedByTheQueue(key: string) {
  await db.$transaction((tx) => enqueue(tx, { shop: SHOP, kind: "publish_rewards", key }, ago(3_600_000)));
  let clock = ago(3_600_000).getTime();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [claimed] = await claim(db, 10, new Date(clock));
    await fail(db, claimed!, new Error("Throttled"), new Date(clock));
    clock = (await db.job.findFirstOrThrow({ where: { shop: SHOP, key } })).runAt.getTime();
  }
  return db.job.findFirstOrThrow({ where: { shop: SHOP, key } });
}

beforeEach(async () => {
  await db.job.deleteMany();
  await db.webhookEvent.deleteMany();
  await db.auditLog.deleteMany();
  await db.program.deleteMany();
});

describe("queue summary", () => {
  it("counts each kind's rows by state, with the last success and how overdue it is", async () => {
    await job({ key: "m1", status: "done" }, { updatedAt: ago(120_000) });
    await job({ key: "m2", status: "done" }, { updatedAt: ago(30_000) });
    await job({ key: "m3" }, { runAt: ago(10 * 60_000) });
    await job({ key: "m4", attempts: 2, lastError: "Throttled" }, { runAt: new Date(now.getTime() + 4000) });
    await dead("m5");
    await job({ key: "m6", status: "running", attempts: 1 }, { lockedUntil: new Date(now.getTime() + 30_000) });
    // A worker died holding this one: its lease lapsed 20 minutes ago.
    await job({ kind: "sync_product", key: "p1", status: "running", attempts: 1 }, { lockedUntil: ago(20 * 60_000) });
    await job({ shop: OTHER, key: "m1", status: "dead" });
    await job({ shop: OTHER, kind: "check_newsletter", key: "c1" }, { runAt: ago(3_600_000) });

    const kinds = await queueSummary(SHOP, now);

    expect(kinds).toEqual([
      {
        kind: "sync_member",
        queued: 2,
        retrying: 1,
        running: 1,
        done: 2,
        dead: 1,
        lastDoneAt: ago(30_000),
        dueSince: ago(10 * 60_000),
      },
      {
        kind: "sync_product",
        queued: 0,
        retrying: 0,
        running: 1,
        done: 0,
        dead: 0,
        lastDoneAt: null,
        dueSince: ago(20 * 60_000),
      },
    ]);
  });

  it("judges the program's health from its status and queue", async () => {
    await db.program.create({ data: { shop: SHOP, status: "live", currency: "USD", settings: "{}" } });
    await job({ key: "m1", status: "done" });
    expect((await operationsOverview(SHOP, now)).health).toEqual({ level: "ok", reasons: [] });

    await dead("m2");
    await job({ kind: "publish_rewards", key: SHOP }, { runAt: ago(SYNC_DELAY_MS + 60_000) });
    const overview = await operationsOverview(SHOP, now);
    expect(overview.program).toBe("live");
    expect(overview.health).toEqual({
      level: "critical",
      reasons: [
        { code: "dead_jobs", count: 1 },
        { code: "sync_delayed", minutes: 6 },
      ],
    });
    expect((await operationsOverview(OTHER, now)).health).toEqual({ level: "info", reasons: [{ code: "no_program" }] });
  });
});

describe("failed jobs", () => {
  it("lists dead and retrying jobs of the shop, most recently failed first, a page at a time", async () => {
    await dead("m1", {}, ago(3000));
    await job(
      { key: "m2", attempts: 3, lastError: "Throttled" },
      { runAt: new Date(now.getTime() + 8000), updatedAt: ago(1000) },
    );
    await job({ key: "m3" });
    await job({ key: "m4", status: "done" });
    await dead("m9", { shop: OTHER });

    const { jobs, page, hasNext } = await problemJobs(SHOP);

    expect(page).toBe(1);
    expect(hasNext).toBe(false);
    expect(jobs).toEqual([
      expect.objectContaining({
        key: "m2",
        status: "retrying",
        attempts: 3,
        lastError: "Throttled",
        failedAt: ago(1000),
        nextRunAt: new Date(now.getTime() + 8000),
      }),
      expect.objectContaining({
        key: "m1",
        kind: "sync_member",
        status: "dead",
        attempts: MAX_ATTEMPTS,
        lastError: "Access denied for metafieldsSet",
        failedAt: ago(3000),
        nextRunAt: null,
      }),
    ]);
  });

  it("pages through many", async () => {
    for (let i = 0; i < JOBS_PAGE + 2; i++) await dead(`m${String(i).padStart(2, "0")}`, {}, ago(i * 1000));
    const first = await problemJobs(SHOP, { page: 1 });
    const second = await problemJobs(SHOP, { page: 2 });
    expect(first.jobs).toHaveLength(JOBS_PAGE);
    expect(first.hasNext).toBe(true);
    expect(second.jobs.map((j) => j.key)).toEqual([`m${JOBS_PAGE}`, `m${JOBS_PAGE + 1}`]);
    expect(second.hasNext).toBe(false);
  });
});

describe("webhook deliveries", () => {
  it("counts the shop's deliveries per topic over a day and a week, and lists the latest", async () => {
    const delivery = (shop: string, topic: string, receivedAt: Date, n: number) =>
      db.webhookEvent.create({
        data: { shop, topic, dedupeKey: `${topic}-${n}`, webhookId: `w-${n}`, apiVersion: "2026-10", receivedAt },
      });
    await delivery(SHOP, "orders/paid", ago(60_000), 1);
    await delivery(SHOP, "orders/paid", ago(2 * 86_400_000), 2);
    await delivery(SHOP, "orders/paid", ago(8 * 86_400_000), 3);
    await delivery(SHOP, "customers/update", ago(10 * 60_000), 4);
    await delivery(OTHER, "orders/paid", ago(1000), 5);

    const { topics, latest } = await webhookSummary(SHOP, now);

    expect(topics).toEqual([
      { topic: "orders/paid", lastDay: 1, lastWeek: 2, lastReceivedAt: ago(60_000) },
      { topic: "customers/update", lastDay: 1, lastWeek: 1, lastReceivedAt: ago(10 * 60_000) },
    ]);
    expect(latest.map((d) => [d.topic, d.receivedAt])).toEqual([
      ["orders/paid", ago(60_000)],
      ["customers/update", ago(10 * 60_000)],
      ["orders/paid", ago(2 * 86_400_000)],
      ["orders/paid", ago(8 * 86_400_000)],
    ]);
  });
});

describe("retry", () => {
  it("puts a job the queue gave up on back in the queue, due now, and audits it", async () => {
    const before = await killedByTheQueue("s1");
    expect(before).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, lastError: "Throttled" });

    expect(await retryJob(SHOP, ACTOR, before.id, now)).toEqual({ ok: true });

    const after = await db.job.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ status: "queued", attempts: 0, lastError: null, runAt: now, lockedUntil: null });
    expect(after.version).toBe(before.version + 1);
    // The worker picks it up as any other due job.
    expect((await claim(db, 10, now)).map((j) => j.id)).toEqual([before.id]);
    const { entries } = await auditLog(SHOP);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: ACTOR,
        action: "operations.retry",
        subject: before.id,
        before: { kind: "publish_rewards", key: "s1", status: "dead", attempts: MAX_ATTEMPTS, lastError: "Throttled" },
        after: { kind: "publish_rewards", key: "s1", status: "queued", attempts: 0, runAt: now.toISOString() },
      }),
    ]);
  });

  it("retries a job waiting out its backoff at once", async () => {
    const waiting = await job(
      { key: "m1", attempts: 3, lastError: "Throttled" },
      { runAt: new Date(now.getTime() + 60_000) },
    );
    expect(await retryJob(SHOP, ACTOR, waiting.id, now)).toEqual({ ok: true });
    expect(await db.job.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: "queued",
      attempts: 0,
      runAt: now,
    });
  });

  it("refuses another shop's job as unknown and changes nothing", async () => {
    const theirs = await dead("m1", { shop: OTHER });

    expect(await retryJob(SHOP, ACTOR, theirs.id, now)).toEqual({ ok: false, reason: "not_found" });
    expect(await retryJob(SHOP, ACTOR, "no-such-job", now)).toEqual({ ok: false, reason: "not_found" });

    expect(await db.job.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("leaves running, done and plainly waiting jobs alone", async () => {
    const running = await job({ key: "m1", status: "running", attempts: 1 });
    const done = await job({ key: "m2", status: "done" });
    const waiting = await job({ key: "m3" });
    expect(await retryJob(SHOP, ACTOR, running.id, now)).toEqual({
      ok: false,
      reason: "not_retryable",
      status: "running",
    });
    expect(await retryJob(SHOP, ACTOR, done.id, now)).toMatchObject({ reason: "not_retryable", status: "done" });
    expect(await retryJob(SHOP, ACTOR, waiting.id, now)).toMatchObject({ reason: "not_retryable", status: "queued" });
    expect(await db.job.findUniqueOrThrow({ where: { id: running.id } })).toEqual(running);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("retries every dead job of one kind of the shop, in one audited change", async () => {
    await dead("m1");
    await dead("m2");
    const otherKind = await dead("p1", { kind: "sync_product" });
    const otherShop = await dead("m3", { shop: OTHER });
    const retrying = await job(
      { key: "m4", attempts: 2, lastError: "Throttled" },
      { runAt: new Date(now.getTime() + 4000) },
    );

    expect(await retryDeadJobs(SHOP, ACTOR, "sync_member", now)).toBe(2);

    const rows = await db.job.findMany({ where: { shop: SHOP, kind: "sync_member", key: { in: ["m1", "m2"] } } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["queued", 0, null],
      ["queued", 0, null],
    ]);
    expect(await db.job.findUniqueOrThrow({ where: { id: otherKind.id } })).toEqual(otherKind);
    expect(await db.job.findUniqueOrThrow({ where: { id: otherShop.id } })).toEqual(otherShop);
    expect(await db.job.findUniqueOrThrow({ where: { id: retrying.id } })).toEqual(retrying);
    const { entries } = await auditLog(SHOP);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: ACTOR,
        action: "operations.retry",
        subject: null,
        before: { kind: "sync_member", status: "dead", jobs: 2 },
        after: { kind: "sync_member", status: "queued", jobs: 2, runAt: now.toISOString() },
      }),
    ]);

    expect(await retryDeadJobs(SHOP, ACTOR, "sync_member", now)).toBe(0);
    expect(await db.auditLog.count()).toBe(1);
  });
});
