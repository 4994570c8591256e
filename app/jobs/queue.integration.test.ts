import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { claim, complete, enqueue, fail, LEASE_MS, MAX_ATTEMPTS } from "./queue.server";

const shop = "queue.myshopify.com";
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  await db.job.deleteMany();
});

describe("job queue", () => {
  it("coalesces repeats of a waiting job and runs it once", async () => {
    for (let i = 0; i < 3; i++) await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: "m1" }));
    const claimed = await claim(db, 10);
    expect(claimed).toHaveLength(1);
    expect(await claim(db, 10)).toHaveLength(0);
    await complete(db, claimed[0]!);
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 1 });
  });

  it("runs again when the job was enqueued while it ran", async () => {
    await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: "m1" }));
    const [first] = await claim(db, 10);
    await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: "m1" }));
    await complete(db, first!);
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "queued" });
    expect(await claim(db, 10)).toHaveLength(1);
  });

  it("hands a job whose lease lapsed to the next worker", async () => {
    const now = at("2026-11-10T12:00:00Z");
    await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: "m1" }, now));
    expect(await claim(db, 10, now)).toHaveLength(1);
    expect(await claim(db, 10, new Date(now.getTime() + LEASE_MS - 1))).toHaveLength(0);
    expect(await claim(db, 10, new Date(now.getTime() + LEASE_MS + 1))).toHaveLength(1);
  });

  it("backs off after failures and gives up into a dead letter", async () => {
    const now = at("2026-11-10T12:00:00Z");
    await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: "m1" }, now));
    let clock = now.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [job] = await claim(db, 10, new Date(clock));
      expect(job?.attempts).toBe(attempt);
      await fail(db, job!, new Error("Throttled"), new Date(clock));
      const row = await db.job.findFirstOrThrow();
      clock = row.runAt.getTime();
    }
    expect(await db.job.findFirstOrThrow()).toMatchObject({
      status: "dead",
      lastError: "Throttled",
      attempts: MAX_ATTEMPTS,
    });
    expect(await claim(db, 10, new Date(clock + 3_600_000))).toHaveLength(0);
  });

  it("never gives the same job to two workers claiming at once", async () => {
    for (let i = 0; i < 30; i++) await db.$transaction((tx) => enqueue(tx, { shop, kind: "sync", key: `m${i}` }));
    const batches = await Promise.all([claim(db, 10), claim(db, 10), claim(db, 10), claim(db, 10)]);
    const ids = batches.flat().map((j) => j.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});
