// The worker that runs queued jobs, inside the app process. Each tick claims due jobs, groups
// them by shop and kind, and hands each group to its handler; a failing group is retried with
// backoff (queue.server.ts), and one shop's failures never hold up another's.
import db from "../db.server";
import { claim, complete, fail, type ClaimedJob } from "./queue.server";

export type JobHandler = (shop: string, jobs: ClaimedJob[]) => Promise<void>;

declare global {
  var __laurelWorker: NodeJS.Timeout | undefined;
}

export async function runDueJobs(handlers: Record<string, JobHandler>, limit = 200): Promise<number> {
  const jobs = await claim(db, limit);
  const groups = new Map<string, ClaimedJob[]>();
  for (const job of jobs) {
    const key = `${job.shop}|${job.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  for (const group of groups.values()) {
    const { shop, kind } = group[0]!;
    const handler = handlers[kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${kind}`);
      await handler(shop, group);
      for (const job of group) await complete(db, job);
    } catch (error) {
      for (const job of group) await fail(db, job, error);
    }
  }
  return jobs.length;
}

export interface Scheduled {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
}

/** Starts the worker once per process: queued jobs every tick, scheduled tasks on their period. */
export function startWorker(handlers: Record<string, JobHandler>, scheduled: Scheduled[] = [], intervalMs = 250): void {
  if (globalThis.__laurelWorker) return;
  let busy = false;
  const lastRun = new Map<string, number>();
  globalThis.__laurelWorker = setInterval(() => {
    if (busy) return;
    busy = true;
    (async () => {
      await runDueJobs(handlers);
      for (const task of scheduled) {
        if (Date.now() - (lastRun.get(task.name) ?? 0) < task.everyMs) continue;
        lastRun.set(task.name, Date.now());
        await task.run(new Date());
      }
    })()
      .catch((error) => console.error("job worker:", error))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  globalThis.__laurelWorker.unref();
}
