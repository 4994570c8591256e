// The admin's audit log: every change a merchant makes (program, rules, rewards, members), with
// who made it, when, and the state before and after. Written in the same transaction as the
// change, so a change is never unlogged and a log line never describes a change that rolled back.
import type { Tx } from "../db/sql.server";
import db from "../db.server";

export interface AuditEntry {
  shop: string;
  actor: string;
  /** e.g. "program.settings.update", "reward.create", "reward.pause", "member.adjust" */
  action: string;
  subject?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: string;
  actor: string;
  action: string;
  subject: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/** The staff member behind an admin request, from the session token's `sub` (a Shopify user id). */
export const actorOf = (sessionToken: { sub?: unknown } | undefined): string =>
  typeof sessionToken?.sub === "string" && sessionToken.sub !== "" ? `staff:${sessionToken.sub}` : "staff:unknown";

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      shop: entry.shop,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

const PAGE = 50;

/** A position in the log: the last entry shown (time and id, so same-millisecond rows aren't skipped). */
const cursorOf = (record: AuditRecord) => `${record.createdAt.toISOString()}|${record.id}`;

function parseCursor(cursor: string | undefined) {
  const [at, id] = (cursor ?? "").split("|");
  const time = at ? new Date(at) : null;
  return time && !Number.isNaN(time.getTime()) && id ? { time, id } : null;
}

/** The shop's audit log, newest first, optionally for one subject; pass `next` back as `cursor`. */
export async function auditLog(
  shop: string,
  options: { subject?: string; cursor?: string } = {},
): Promise<{ entries: AuditRecord[]; next: string | null }> {
  const after = parseCursor(options.cursor);
  const rows = await db.auditLog.findMany({
    where: {
      shop,
      ...(options.subject ? { subject: options.subject } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.time } }, { createdAt: after.time, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
  });
  const entries = rows.slice(0, PAGE).map((row) => ({
    id: row.id,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    createdAt: row.createdAt,
  }));
  return { entries, next: rows.length > PAGE ? cursorOf(entries.at(-1)!) : null };
}
