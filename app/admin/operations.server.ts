// The Operations page's reads and its one write: the shop's job queue by kind and state, the jobs
// that failed (with why), the webhook deliveries Laurel processed, and putting failed jobs back in
// the queue. Every query is scoped by shop.
import type { Prisma } from "../../prisma/generated/sqlite";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { recordAudit } from "./audit.server";
import { assessHealth, type Assessment, type KindSummary, type ProgramStatus } from "./operations-health";

export const JOBS_PAGE = 25;
export const LATEST_DELIVERIES = 20;
const DAY_MS = 24 * 60 * 60_000;

export interface TopicCount {
  topic: string;
  lastDay: number;
  lastWeek: number;
  lastReceivedAt: Date | null;
}

export interface Delivery {
  id: string;
  topic: string;
  receivedAt: Date;
  triggeredAt: Date | null;
}

export interface Overview {
  program: ProgramStatus;
  kinds: KindSummary[];
  health: Assessment;
  webhooks: { topics: TopicCount[]; latest: Delivery[] };
}

export interface ProblemJob {
  id: string;
  kind: string;
  key: string;
  status: "dead" | "retrying";
  attempts: number;
  lastError: string | null;
  /** When it last failed. */
  failedAt: Date;
  /** When it runs again (retrying jobs only). */
  nextRunAt: Date | null;
}

/** Jobs the merchant should see: dead ones, and queued ones waiting to retry after a failure. */
const PROBLEM: Prisma.JobWhereInput = {
  OR: [{ status: "dead" }, { status: "queued", lastError: { not: null } }],
};

async function programStatus(shop: string): Promise<ProgramStatus> {
  const program = await db.program.findUnique({ where: { shop }, select: { status: true } });
  if (!program) return "none";
  return program.status === "live" || program.status === "paused" ? program.status : "draft";
}

/** Each job kind of the shop, with its rows by state, when it last succeeded and how overdue it is. */
export async function queueSummary(shop: string, now = new Date()): Promise<KindSummary[]> {
  const [byStatus, retrying, dueQueued, lapsedRunning] = await Promise.all([
    db.job.groupBy({ by: ["kind", "status"], where: { shop }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.job.groupBy({
      by: ["kind"],
      where: { shop, status: "queued", lastError: { not: null } },
      _count: { _all: true },
    }),
    db.job.groupBy({ by: ["kind"], where: { shop, status: "queued", runAt: { lte: now } }, _min: { runAt: true } }),
    // A running job whose lease lapsed was dropped by a worker that died: it is due again.
    db.job.groupBy({
      by: ["kind"],
      where: { shop, status: "running", lockedUntil: { lt: now } },
      _min: { lockedUntil: true },
    }),
  ]);
  const kinds = new Map<string, KindSummary>();
  const of = (kind: string) => {
    let summary = kinds.get(kind);
    if (!summary) {
      summary = { kind, queued: 0, retrying: 0, running: 0, done: 0, dead: 0, lastDoneAt: null, dueSince: null };
      kinds.set(kind, summary);
    }
    return summary;
  };
  for (const row of byStatus) {
    const summary = of(row.kind);
    const count = row._count._all;
    if (row.status === "queued") summary.queued += count;
    else if (row.status === "running") summary.running += count;
    else if (row.status === "dead") summary.dead += count;
    else if (row.status === "done") {
      summary.done += count;
      summary.lastDoneAt = row._max.updatedAt;
    }
  }
  for (const row of retrying) of(row.kind).retrying = row._count._all;
  const overdue = (kind: string, since: Date | null) => {
    const summary = of(kind);
    if (since && (!summary.dueSince || since < summary.dueSince)) summary.dueSince = since;
  };
  for (const row of dueQueued) overdue(row.kind, row._min.runAt);
  for (const row of lapsedRunning) overdue(row.kind, row._min.lockedUntil);
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Deliveries processed per topic over the last day and week, and the latest few. */
export async function webhookSummary(shop: string, now = new Date()): Promise<Overview["webhooks"]> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const [week, day, latest] = await Promise.all([
    db.webhookEvent.groupBy({
      by: ["topic"],
      where: { shop, receivedAt: { gte: weekAgo } },
      _count: { _all: true },
      _max: { receivedAt: true },
    }),
    db.webhookEvent.groupBy({ by: ["topic"], where: { shop, receivedAt: { gte: dayAgo } }, _count: { _all: true } }),
    db.webhookEvent.findMany({
      where: { shop },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: LATEST_DELIVERIES,
      select: { id: true, topic: true, receivedAt: true, triggeredAt: true },
    }),
  ]);
  const lastDay = new Map(day.map((row) => [row.topic, row._count._all]));
  const topics = week
    .map((row) => ({
      topic: row.topic,
      lastDay: lastDay.get(row.topic) ?? 0,
      lastWeek: row._count._all,
      lastReceivedAt: row._max.receivedAt,
    }))
    .sort((a, b) => b.lastWeek - a.lastWeek || a.topic.localeCompare(b.topic));
  return { topics, latest };
}

export async function operationsOverview(shop: string, now = new Date()): Promise<Overview> {
  const [program, kinds, webhooks] = await Promise.all([
    programStatus(shop),
    queueSummary(shop, now),
    webhookSummary(shop, now),
  ]);
  return { program, kinds, health: assessHealth(program, kinds, now), webhooks };
}

/** The shop's failed jobs, most recently failed first, a page at a time (`page` from 1). */
export async function problemJobs(
  shop: string,
  options: { page?: number } = {},
): Promise<{ jobs: ProblemJob[]; page: number; hasNext: boolean }> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const rows = await db.job.findMany({
    where: { shop, ...PROBLEM },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * JOBS_PAGE,
    take: JOBS_PAGE + 1,
    select: {
      id: true,
      kind: true,
      key: true,
      status: true,
      attempts: true,
      lastError: true,
      updatedAt: true,
      runAt: true,
    },
  });
  const jobs = rows.slice(0, JOBS_PAGE).map((row) => ({
    id: row.id,
    kind: row.kind,
    key: row.key,
    status: row.status === "dead" ? ("dead" as const) : ("retrying" as const),
    attempts: row.attempts,
    lastError: row.lastError,
    failedAt: row.updatedAt,
    nextRunAt: row.status === "dead" ? null : row.runAt,
  }));
  return { jobs, page, hasNext: rows.length > JOBS_PAGE };
}

/**
 * Back in the queue, due now, with a fresh set of attempts. The version moves on as when the job
 * is queued again (queue.server.ts), so a stale worker's late result can't overwrite it. The last
 * error is cleared, so the failed list shows only what still fails; the audit entry keeps it.
 */
const requeue = (now: Date) => ({
  status: "queued",
  attempts: 0,
  runAt: now,
  lockedUntil: null,
  lastError: null,
  version: { increment: 1 },
});

export type RetryOutcome =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  /** Running, done, or already waiting to run without a failure: nothing to retry. */
  | { ok: false; reason: "not_retryable"; status: string }
  /** A worker took or finished the job between reading and writing it. */
  | { ok: false; reason: "changed" };

/** Puts one failed (dead, or retrying after a failure) job of the shop back in the queue now. */
export function retryJob(shop: string, actor: string, jobId: string, now = new Date()): Promise<RetryOutcome> {
  return transaction(db, async (tx): Promise<RetryOutcome> => {
    const job = await tx.job.findFirst({ where: { id: jobId, shop } });
    if (!job) return { ok: false, reason: "not_found" };
    const failed = job.status === "dead" || (job.status === "queued" && job.lastError !== null);
    if (!failed) return { ok: false, reason: "not_retryable", status: job.status };
    const { count } = await tx.job.updateMany({
      where: { id: job.id, shop, status: job.status, attempts: job.attempts, version: job.version },
      data: requeue(now),
    });
    if (count === 0) return { ok: false, reason: "changed" };
    await recordAudit(tx, {
      shop,
      actor,
      action: "operations.retry",
      subject: job.id,
      before: { kind: job.kind, key: job.key, status: job.status, attempts: job.attempts, lastError: job.lastError },
      after: { kind: job.kind, key: job.key, status: "queued", attempts: 0, runAt: now.toISOString() },
    });
    return { ok: true };
  });
}

/** Puts every dead job of one kind of the shop back in the queue now; returns how many. */
export function retryDeadJobs(shop: string, actor: string, kind: string, now = new Date()): Promise<number> {
  return transaction(db, async (tx) => {
    const { count } = await tx.job.updateMany({ where: { shop, kind, status: "dead" }, data: requeue(now) });
    // Nothing changed, nothing to log.
    if (count > 0) {
      await recordAudit(tx, {
        shop,
        actor,
        action: "operations.retry",
        subject: null,
        before: { kind, status: "dead", jobs: count },
        after: { kind, status: "queued", jobs: count, runAt: now.toISOString() },
      });
    }
    return count;
  });
}
