// CSV exports: the members a filtered list shows, and the ledger between two dates. Each is a
// stream read from the database a batch at a time (keyset pages, so the thousandth batch costs
// what the first did), so any size works without holding it in memory. Columns are English
// snake_case (a machine format, documented on the import/export page); points are plain
// integers, times ISO 8601 in UTC.
import db, { sql } from "../db.server";
import { csvRow } from "../loyalty/csv";
import type { MemberFilter } from "./members-form";
import { whereOf, type FilterContext, type MemberListRow, type Where } from "./members.server";

export const EXPORT_BATCH = 1000;

export const MEMBER_COLUMNS = [
  "member_id",
  "customer_id",
  "email",
  "first_name",
  "last_name",
  "status",
  "available",
  "pending",
  "held",
  "lifetime_earned",
  "lifetime_redeemed",
  "enrolled_at",
  "last_activity_at",
] as const;

export const LEDGER_COLUMNS = [
  "entry_id",
  "created_at",
  "member_id",
  "customer_id",
  "email",
  "reason",
  "available",
  "pending",
  "held",
  "lifetime_earned",
  "lifetime_redeemed",
  "order_id",
  "note",
] as const;

type Cell = string | number | null;

/** A Date, or what a driver gave for one, as ISO 8601 UTC (empty for none). */
const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | number | Date).toISOString();

/**
 * A CSV body: the header, then each batch `next` gives, until one comes back short. Starts with
 * a byte-order mark so spreadsheets read the file as UTF-8 (Cyrillic names, accents).
 */
function csvStream<T>(
  header: readonly string[],
  next: (after: T | null) => Promise<{ rows: T[]; cells: Cell[][] }>,
  size: number,
) {
  const encoder = new TextEncoder();
  let after: T | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow([...header])}`));
        return;
      }
      const batch = await next(after);
      if (batch.cells.length > 0) controller.enqueue(encoder.encode(batch.cells.map(csvRow).join("")));
      if (batch.rows.length < size) controller.close();
      else after = batch.rows.at(-1)!;
    },
  });
}

/** A list row plus the balances only the file carries. */
interface MemberExportRow extends MemberListRow {
  held: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
}

/**
 * Rows after `last` in the list's own order (members.server's ORDER_BY): by balance, or by last
 * activity with members never active at the end; the id breaks ties.
 */
function afterMember(sort: MemberFilter["sort"], last: MemberExportRow | null, where: Where): Where {
  if (!last) return where;
  const args = [...where.args];
  const arg = (value: unknown) => {
    args.push(value);
    return `$${args.length}`;
  };
  const desc = sort.endsWith("_desc");
  const beyond = desc ? "<" : ">";
  const id = arg(last.id);
  let clause: string;
  if (sort.startsWith("balance")) {
    const a = arg(last.available);
    clause = `("available" ${beyond} ${a} OR ("available" = ${a} AND "id" ${beyond} ${id}))`;
  } else if (last.lastActivityAt === null) {
    clause = `("lastActivityAt" IS NULL AND "id" ${beyond} ${id})`;
  } else {
    const t = arg(last.lastActivityAt);
    clause = `("lastActivityAt" ${beyond} ${t} OR ("lastActivityAt" = ${t} AND "id" ${beyond} ${id}) OR "lastActivityAt" IS NULL)`;
  }
  return { text: `${where.text} AND ${clause}`, args };
}

const MEMBER_ORDER: Record<MemberFilter["sort"], string> = {
  balance_desc: `"available" DESC, "id" DESC`,
  balance_asc: `"available" ASC, "id" ASC`,
  activity_desc: `"lastActivityAt" DESC NULLS LAST, "id" DESC`,
  activity_asc: `"lastActivityAt" ASC NULLS LAST, "id" ASC`,
};

/**
 * Every member of the shop the filter matches, in the list's order, as CSV; `context` as the
 * list's (members.server's filterContext), for the tier and segment filters.
 */
export function membersCsv(
  shop: string,
  filter: MemberFilter,
  now = new Date(),
  size = EXPORT_BATCH,
  context: FilterContext = { ladder: null },
) {
  const where = whereOf(shop, filter, now, context);
  return csvStream<MemberExportRow>(
    MEMBER_COLUMNS,
    async (last) => {
      const page = afterMember(filter.sort, last, where);
      const rows = await sql(db).query<MemberExportRow>(
        `SELECT "id", "customerId", "email", "firstName", "lastName", "status", "available", "pending", "held",
           "lifetimeEarned", "lifetimeRedeemed", "enrolledAt", "lastActivityAt"
         FROM "Member" WHERE ${page.text} ORDER BY ${MEMBER_ORDER[filter.sort]} LIMIT ${size}`,
        page.args,
      );
      return {
        rows,
        cells: rows.map((m) => [
          m.id,
          m.customerId,
          m.email,
          m.firstName,
          m.lastName,
          m.status,
          m.available,
          m.pending,
          m.held,
          m.lifetimeEarned,
          m.lifetimeRedeemed,
          iso(m.enrolledAt),
          iso(m.lastActivityAt),
        ]),
      };
    },
    size,
  );
}

interface LedgerExportRow {
  id: string;
  createdAt: Date;
  memberId: string;
  customerId: string | null;
  email: string | null;
  reason: string;
  available: number;
  pending: number;
  held: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  orderId: string | null;
  note: string | null;
}

/** The shop's ledger entries made in [from, to), oldest first (the (shop, createdAt) index), as CSV. */
export function ledgerCsv(shop: string, range: { from: Date; to: Date }, size = EXPORT_BATCH) {
  return csvStream<LedgerExportRow>(
    LEDGER_COLUMNS,
    async (last) => {
      const args: unknown[] = [shop, range.from, range.to];
      const after = last ? ` AND (e."createdAt" > $4 OR (e."createdAt" = $4 AND e."id" > $5))` : "";
      if (last) args.push(last.createdAt, last.id);
      const rows = await sql(db).query<LedgerExportRow>(
        `SELECT e."id", e."createdAt", e."memberId", m."customerId", m."email", e."reason", e."available",
           e."pending", e."held", e."lifetimeEarned", e."lifetimeRedeemed", e."orderId", e."note"
         FROM "LedgerEntry" e LEFT JOIN "Member" m ON m."id" = e."memberId"
         WHERE e."shop" = $1 AND e."createdAt" >= $2 AND e."createdAt" < $3${after}
         ORDER BY e."createdAt", e."id" LIMIT ${size}`,
        args,
      );
      return {
        rows: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
        cells: rows.map((e) => [
          e.id,
          iso(e.createdAt),
          e.memberId,
          e.customerId,
          e.email,
          e.reason,
          e.available,
          e.pending,
          e.held,
          e.lifetimeEarned,
          e.lifetimeRedeemed,
          e.orderId,
          e.note,
        ]),
      };
    },
    size,
  );
}

/** A download's file name: what it holds and when it was made (`members-2026-11-10.csv`). */
export const exportFileName = (what: "members" | "ledger", now = new Date()) =>
  `${what}-${now.toISOString().slice(0, 10)}.csv`;

/** The response for a CSV stream: a download, never cached (it holds customers' details). */
export const csvResponse = (body: ReadableStream<Uint8Array>, fileName: string) =>
  new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
