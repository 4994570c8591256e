// Bulk adjustment: the same points and reason for every active member a filtered list shows, run
// by the worker in batches so any number of members works without holding a request open. Each
// batch is one transaction (members locked, entries, balances, syncs queued, progress saved), and
// each member's entry is keyed `bulk:<job key>:<member id>`, so no member is adjusted twice.
import type { Tx } from "../db/sql.server";
import { transaction } from "../db/sql.server";
import db, { provider, sql } from "../db.server";
import { enqueue, type ClaimedJob } from "../jobs/queue.server";
import { manualAdjustment } from "../loyalty/adjustment";
import { append, balanceOf, type MemberRow } from "../points/ledger.server";
import { recordAudit } from "./audit.server";
import { validateAdjustment, type AdjustmentInput, type MemberFilter } from "./members-form";
import {
  AdjustmentRefused,
  filterContext,
  MEMBER_ROW,
  whereOf,
  type FilterContext,
  type Where,
} from "./members.server";

export const BULK_ADJUST = "bulk_adjust";
/** Members per transaction: small enough to finish well inside the worker's lease. */
export const BULK_BATCH = 200;
export const RECENT_BULK_JOBS = 5;

interface BulkPayload {
  /** Cleared when the job finishes: a search may be a customer's email, kept no longer than needed. */
  filter: MemberFilter;
  searched: boolean;
  points: number;
  reason: string;
  actor: string;
  startedAt: string;
  /** The last member id done: members are taken in id order. */
  cursor: string | null;
  matched: number;
  applied: number;
  skipped: number;
  done: boolean;
}

export interface BulkProgress {
  key: string;
  status: "queued" | "running" | "done" | "failed";
  points: number;
  matched: number;
  applied: number;
  /** Members a deduction would have taken below zero: left as they were. */
  skipped: number;
  startedAt: Date;
  error: string | null;
}

const bulkKey = (jobKey: string, memberId: string) => `bulk:${jobKey}:${memberId}`;

/**
 * Only active members are adjusted; only those enrolled when the merchant asked. Segments are
 * decided as at that moment too, so every batch selects by the same bounds.
 */
function bulkWhere(shop: string, payload: Pick<BulkPayload, "filter" | "startedAt">, context: FilterContext): Where {
  const startedAt = new Date(payload.startedAt);
  // With the ladder, a tier filter matches as the list does (the free lowest tier takes in members
  // not yet placed). A job stored before segments has no segment in its filter.
  const filter = { ...payload.filter, status: "active" as const, segment: payload.filter.segment ?? null };
  const where = whereOf(shop, filter, startedAt, context);
  return {
    text: `${where.text} AND "enrolledAt" <= $${where.args.length + 1}`,
    args: [...where.args, startedAt],
  };
}

function progressOf(job: { key: string; status: string; payload: string; lastError: string | null }): BulkProgress {
  const payload = JSON.parse(job.payload) as BulkPayload;
  return {
    key: job.key,
    status:
      job.status === "done"
        ? "done"
        : job.status === "dead"
          ? "failed"
          : job.status === "running"
            ? "running"
            : "queued",
    points: payload.points,
    matched: payload.matched,
    applied: payload.applied,
    skipped: payload.skipped,
    startedAt: new Date(payload.startedAt),
    error: job.lastError,
  };
}

/**
 * Queues the adjustment of every member the filter matches, and audits it once (the filter, the
 * count, the points and reason). The idempotency key names the job: submitting again with it
 * returns the job already queued.
 */
export async function startBulkAdjust(
  shop: string,
  filter: MemberFilter,
  input: AdjustmentInput,
  actor: string,
  now = new Date(),
): Promise<BulkProgress> {
  const valid = validateAdjustment(input);
  if (!valid.ok) throw new AdjustmentRefused(valid.errors);
  const { points, reason, idempotencyKey: key } = valid.value;
  return transaction(db, async (tx) => {
    const existing = await tx.job.findUnique({ where: { shop_kind_key: { shop, kind: BULK_ADJUST, key } } });
    if (existing) return progressOf(existing);
    const payload: BulkPayload = {
      filter,
      searched: filter.search !== "",
      points,
      reason,
      actor,
      startedAt: now.toISOString(),
      cursor: null,
      matched: 0,
      applied: 0,
      skipped: 0,
      done: false,
    };
    const where = bulkWhere(shop, payload, await filterContext(tx, shop));
    const [row] = await sql(tx).query<{ n: number }>(
      `SELECT COUNT(*) AS "n" FROM "Member" WHERE ${where.text}`,
      where.args,
    );
    payload.matched = Number(row?.n ?? 0);
    if (payload.matched === 0) throw new AdjustmentRefused({ form: "members.error.bulkEmpty" });
    await enqueue(tx, { shop, kind: BULK_ADJUST, key, payload }, now);
    await recordAudit(tx, {
      shop,
      actor,
      action: "member.bulk_adjust",
      subject: null,
      // The search text is left out: it may be a customer's email, and the log keeps no customer details.
      after: {
        job: key,
        filter: { ...filter, search: undefined },
        searched: payload.searched,
        count: payload.matched,
        points,
        reason,
      },
    });
    return progressOf({ key, status: "queued", payload: JSON.stringify(payload), lastError: null });
  });
}

/** One batch of a bulk job; true when the job has no members left. */
export async function runBulkBatch(
  shop: string,
  job: Pick<ClaimedJob, "id" | "key">,
  size = BULK_BATCH,
  now = new Date(),
) {
  return transaction(db, async (tx) => {
    // Read under the transaction: a job's payload is its progress.
    const row = await tx.job.findUniqueOrThrow({ where: { id: job.id }, select: { payload: true } });
    const payload = JSON.parse(row.payload) as BulkPayload;
    if (payload.done) return true;
    const where = bulkWhere(shop, payload, await filterContext(tx, shop));
    const after = payload.cursor === null ? "" : ` AND "id" > $${where.args.length + 1}`;
    const members = await sql(tx).query<MemberRow>(
      `SELECT ${MEMBER_ROW} FROM "Member" WHERE ${where.text}${after} ORDER BY "id" LIMIT ${size}${
        provider === "postgresql" ? " FOR UPDATE" : ""
      }`,
      payload.cursor === null ? where.args : [...where.args, payload.cursor],
    );
    const keys = members.map((m) => bulkKey(job.key, m.id));
    const already = new Set(
      (await tx.ledgerEntry.findMany({ where: { shop, key: { in: keys } }, select: { memberId: true } })).map(
        (e) => e.memberId,
      ),
    );
    let { applied, skipped } = payload;
    for (const member of members) {
      if (already.has(member.id)) continue;
      const outcome = manualAdjustment(bulkKey(job.key, member.id), payload.points, payload.reason, balanceOf(member));
      if (!outcome.ok) {
        skipped++;
        continue;
      }
      await append(tx, member, [outcome.entry], { allowNegative: false }, null, now);
      applied++;
    }
    const done = members.length < size;
    const next: BulkPayload = {
      ...payload,
      filter: done ? { ...payload.filter, search: "" } : payload.filter,
      cursor: members.at(-1)?.id ?? payload.cursor,
      applied,
      skipped,
      done,
    };
    await saveProgress(tx, shop, job, next, now);
    return done;
  });
}

/**
 * Progress is the job's payload. Unfinished, the job is queued again (its version moves, so the
 * worker leaves it queued for the next batch); finished, only the payload changes and the worker
 * marks it done.
 */
async function saveProgress(
  tx: Tx,
  shop: string,
  job: Pick<ClaimedJob, "id" | "key">,
  payload: BulkPayload,
  now: Date,
) {
  if (payload.done) {
    await tx.job.update({ where: { id: job.id }, data: { payload: JSON.stringify(payload) } });
  } else {
    await enqueue(tx, { shop, kind: BULK_ADJUST, key: job.key, payload }, now);
  }
}

/** The worker's handler: one batch of each of the shop's bulk jobs per turn. */
export async function runBulkAdjust(shop: string, jobs: ClaimedJob[]): Promise<void> {
  for (const job of jobs) await runBulkBatch(shop, job);
}

/** The shop's latest bulk adjustments and how far each has got. */
export async function recentBulkJobs(shop: string): Promise<BulkProgress[]> {
  const jobs = await db.job.findMany({
    where: { shop, kind: BULK_ADJUST },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_BULK_JOBS,
    select: { key: true, status: true, payload: true, lastError: true },
  });
  return jobs.map(progressOf);
}
