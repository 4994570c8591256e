// The job queue in the database. Enqueue inside the transaction that makes the change; the worker
// claims due jobs with a lease, so a crashed worker's jobs run again once the lease lapses, and on
// PostgreSQL several app instances share the queue (FOR UPDATE SKIP LOCKED).
import { randomUUID } from "node:crypto";
import { provider, sql, type Db } from "../db.server";
import type { Statement } from "../db/sql.server";
import type { Tx } from "../points/ledger.server";

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 8;

export interface ClaimedJob {
  id: string;
  shop: string;
  kind: string;
  key: string;
  payload: string;
  version: number;
  attempts: number;
}

type NewJob = { shop: string; kind: string; key: string; payload?: unknown };

/** The statement that queues (or re-queues) the job for `key`; a job already waiting absorbs it. */
export function enqueueStatement(job: NewJob, now = new Date()): Statement {
  return {
    text: `INSERT INTO "Job" ("id", "shop", "kind", "key", "payload", "runAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
     ON CONFLICT ("shop", "kind", "key") DO UPDATE SET "payload" = EXCLUDED."payload", "status" = 'queued',
       "runAt" = EXCLUDED."runAt", "attempts" = 0, "lastError" = NULL, "version" = "Job"."version" + 1,
       "updatedAt" = EXCLUDED."updatedAt"`,
    args: [randomUUID(), job.shop, job.kind, job.key, JSON.stringify(job.payload ?? {}), now],
  };
}

/** Queues (or re-queues) the job for `key`, in the caller's transaction. */
export async function enqueue(tx: Tx, job: NewJob, now = new Date()) {
  const { text, args } = enqueueStatement(job, now);
  await sql(tx).execute(text, args);
}

/** Claims up to `limit` due jobs (queued, or running with a lapsed lease). */
export async function claim(db: Db, limit: number, now = new Date()): Promise<ClaimedJob[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  if (provider === "postgresql") {
    return db.$queryRawUnsafe<ClaimedJob[]>(
      `UPDATE "Job" SET "status" = 'running', "lockedUntil" = $1, "attempts" = "attempts" + 1, "updatedAt" = $2
       WHERE "id" IN (
         SELECT "id" FROM "Job"
         WHERE ("status" = 'queued' AND "runAt" <= $2) OR ("status" = 'running' AND "lockedUntil" < $2)
         ORDER BY "runAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "shop", "kind", "key", "payload", "version", "attempts"`,
      leaseUntil,
      now,
      limit,
    );
  }
  // SQLite has one writer at a time: pick and mark in one transaction.
  return db.$transaction(async (tx) => {
    const due = await tx.job.findMany({
      where: {
        OR: [
          { status: "queued", runAt: { lte: now } },
          { status: "running", lockedUntil: { lt: now } },
        ],
      },
      orderBy: { runAt: "asc" },
      take: limit,
    });
    for (const job of due) {
      await tx.job.update({
        where: { id: job.id },
        data: { status: "running", lockedUntil: leaseUntil, attempts: { increment: 1 } },
      });
    }
    return due.map((j) => ({
      id: j.id,
      shop: j.shop,
      kind: j.kind,
      key: j.key,
      payload: j.payload,
      version: j.version,
      attempts: j.attempts + 1,
    }));
  });
}

/** Done, unless the job was enqueued again while it ran (then it stays queued and runs again). */
export async function complete(db: Db, job: ClaimedJob) {
  await db.job.updateMany({
    where: { id: job.id, version: job.version },
    data: { status: "done", lockedUntil: null, lastError: null },
  });
}

/** Backs off exponentially; after MAX_ATTEMPTS the job is dead and shown to the merchant. */
export async function fail(db: Db, job: ClaimedJob, error: unknown, now = new Date()) {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= MAX_ATTEMPTS;
  const delay = Math.min(2 ** job.attempts * 1000, 15 * 60_000);
  await db.job.updateMany({
    where: { id: job.id, version: job.version },
    data: {
      status: dead ? "dead" : "queued",
      runAt: new Date(now.getTime() + delay),
      lockedUntil: null,
      lastError: message.slice(0, 1000),
    },
  });
}
