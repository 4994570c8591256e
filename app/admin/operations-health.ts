// How the program is running, judged from what the database holds: the job queue (the outbox
// that carries balances, the reward catalog and the product index to Shopify) and the program's
// status. Plain data in, plain verdicts out, so the thresholds are tested without a database.

/** A due job left unclaimed this long means the worker is stopped or far behind. */
export const SYNC_DELAY_MS = 5 * 60_000;

/** One job kind's rows by state. Rows are per (kind, key): a key that runs again reuses its row. */
export interface KindSummary {
  kind: string;
  /** Waiting to run, including those waiting to retry after a failure. */
  queued: number;
  /** Queued after a failure, waiting out the backoff (a subset of `queued`). */
  retrying: number;
  running: number;
  done: number;
  /** Gave up after MAX_ATTEMPTS: nothing retries them until the merchant does. */
  dead: number;
  lastDoneAt: Date | null;
  /** The oldest moment a job of this kind became due and wasn't picked up (null: none overdue). */
  dueSince: Date | null;
}

export type ProgramStatus = "draft" | "live" | "paused" | "none";

export type Reason =
  | { code: "dead_jobs"; count: number }
  | { code: "sync_delayed"; minutes: number }
  | { code: "retrying"; count: number }
  | { code: "program_paused" }
  | { code: "program_draft" }
  | { code: "no_program" };

export type Level = "ok" | "info" | "warning" | "critical";

export type KindState = "failing" | "delayed" | "retrying" | "pending" | "ok" | "idle";

const LEVELS: Level[] = ["ok", "info", "warning", "critical"];

export const levelOf = (reason: Reason): Level => {
  switch (reason.code) {
    case "dead_jobs":
    case "sync_delayed":
      return "critical";
    case "retrying":
    case "program_paused":
      return "warning";
    default:
      return "info";
  }
};

/** Whole minutes a job has been overdue, or null when it isn't overdue past the threshold. */
export function delayMinutes(dueSince: Date | null, now: Date): number | null {
  if (!dueSince) return null;
  const late = now.getTime() - dueSince.getTime();
  return late >= SYNC_DELAY_MS ? Math.floor(late / 60_000) : null;
}

/** The state of one kind of work, worst first: dead rows outweigh a delay, a delay a retry. */
export function kindState(kind: KindSummary, now: Date): KindState {
  if (kind.dead > 0) return "failing";
  if (delayMinutes(kind.dueSince, now) !== null) return "delayed";
  if (kind.retrying > 0) return "retrying";
  if (kind.queued + kind.running > 0) return "pending";
  return kind.done > 0 ? "ok" : "idle";
}

export interface Assessment {
  level: Level;
  reasons: Reason[];
}

/** The program's health: every reason that needs the merchant's eye, and the worst level among them. */
export function assessHealth(program: ProgramStatus, kinds: KindSummary[], now: Date): Assessment {
  const reasons: Reason[] = [];
  const dead = kinds.reduce((sum, k) => sum + k.dead, 0);
  if (dead > 0) reasons.push({ code: "dead_jobs", count: dead });
  const dueSince = kinds.reduce<Date | null>(
    (oldest, k) => (k.dueSince && (!oldest || k.dueSince < oldest) ? k.dueSince : oldest),
    null,
  );
  const minutes = delayMinutes(dueSince, now);
  if (minutes !== null) reasons.push({ code: "sync_delayed", minutes });
  const retrying = kinds.reduce((sum, k) => sum + k.retrying, 0);
  if (retrying > 0) reasons.push({ code: "retrying", count: retrying });
  if (program === "paused") reasons.push({ code: "program_paused" });
  if (program === "draft") reasons.push({ code: "program_draft" });
  if (program === "none") reasons.push({ code: "no_program" });
  const level = reasons.reduce<Level>(
    (worst, reason) => (LEVELS.indexOf(levelOf(reason)) > LEVELS.indexOf(worst) ? levelOf(reason) : worst),
    "ok",
  );
  return { level, reasons };
}
