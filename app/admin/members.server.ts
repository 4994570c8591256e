// The admin's members: the list (search, filters, sort, pages), one member's page (balances,
// ledger, codes, orders) and the manual adjustment. Every query is scoped by shop. The list is
// plain SQL so that one statement works on SQLite and PostgreSQL alike (case-insensitive search
// with LOWER … LIKE, which Prisma offers only on PostgreSQL).
import { effectiveTierCondition } from "../tiers/members.server";
import type { Tx } from "../db/sql.server";
import { transaction } from "../db/sql.server";
import db, { provider, sql } from "../db.server";
import { manualAdjustment } from "../loyalty/adjustment";
import { tierSegmentId } from "../loyalty/segments";
import type { Ladder } from "../loyalty/tiers";
import type { OrderState } from "../loyalty/order-points";
import { append, balanceOf, type Client, type MemberRow } from "../points/ledger.server";
import {
  segmentCondition,
  segmentContext,
  segmentIdsOf,
  type OfferedSegment,
  type SegmentContext,
} from "../segments/segments.server";
import { loadLadder } from "../tiers/ladder.server";
import { recordAudit } from "./audit.server";
import { validateAdjustment, type AdjustmentErrors, type AdjustmentInput, type MemberFilter } from "./members-form";

export const MEMBERS_PAGE = 50;
/** Counting stops here: beyond it the list says "10,000+" rather than scan every row. */
export const COUNT_CAP = 10_000;
export const LEDGER_PAGE = 25;
import { RECENT_ROWS } from "./members-form";

export { RECENT_ROWS };
const DAY_MS = 24 * 60 * 60_000;

export interface Where {
  text: string;
  args: unknown[];
}

/** `%`, `_` and the escape itself match literally in LIKE. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Members whose effective tier (app/loyalty/tiers.ts effectiveTier) is `tierId`: those who hold
 * it, and on a lowest tier that asks for nothing also those not yet placed or whose tier left the
 * ladder. Nobody while tiers are off or for a tier not on the ladder. Without the ladder
 * (undefined: a caller that doesn't read it) only the members who hold the tier.
 */
function tierClause(tierId: string, ladder: Ladder | null | undefined, arg: (value: unknown) => string): string {
  if (ladder === undefined) return `"tierId" = ${arg(tierId)}`;
  return effectiveTierCondition(tierId, ladder, arg);
}

/** What some filters need besides the filter: the shop's tier ladder and segment context. */
export interface FilterContext {
  /** For the tier filter (see tierClause); undefined: only the members who hold the tier. */
  ladder?: Ladder | null;
  /** For the segment filter; without it (or for a segment the shop hasn't) nobody matches. */
  segments?: SegmentContext | null;
}

/**
 * The shop's filter context: one read (the program with its ladder), two for a shop without a
 * program (its ladder alone, and no segments).
 */
export async function filterContext(client: Client, shop: string): Promise<Required<FilterContext>> {
  const segments = await segmentContext(client, shop);
  return { ladder: segments ? segments.ladder : await loadLadder(client, shop), segments };
}

/** The tiers and segments a filter may name now (readFilter's allowed ids). */
export function filterChoices(context: FilterContext) {
  const ladder = context.ladder;
  return {
    tierIds: ladder?.enabled ? ladder.tiers.map((t) => t.id) : [],
    segmentIds: context.segments ? segmentIdsOf(context.segments) : [],
  };
}

/** The segments the list's filter offers, tier segments named as their tier (as the segments page shows them). */
export function segmentOptions(context: FilterContext): OfferedSegment[] {
  if (!context.segments) return [];
  const names = new Map((context.segments.ladder?.tiers ?? []).map((t) => [tierSegmentId(t.id), t.name]));
  return segmentIdsOf(context.segments).map((id) => ({ id, tier: names.get(id) ?? null }));
}

/**
 * The filter as a WHERE clause ($1 is the shop) over the unaliased "Member", relative to `now` for
 * the activity window and segments. The tier filter needs the shop's ladder to place members by
 * their effective tier (see tierClause), the segment filter the segment context; both add their
 * values through the same `arg`, so the whole filter stays one statement.
 */
export function whereOf(shop: string, filter: MemberFilter, now: Date, context: FilterContext = {}): Where {
  const args: unknown[] = [shop];
  const arg = (value: unknown) => {
    args.push(value);
    return `$${args.length}`;
  };
  const parts = [`"shop" = $1`];
  if (filter.status !== "all") parts.push(`"status" = ${arg(filter.status)}`);
  if (filter.search) {
    const p = arg(likePattern(filter.search));
    parts.push(
      `(LOWER("email") LIKE ${p} ESCAPE '\\' OR LOWER("firstName") LIKE ${p} ESCAPE '\\' OR LOWER("lastName") LIKE ${p} ESCAPE '\\')`,
    );
  }
  if (filter.minBalance !== null) parts.push(`"available" >= ${arg(filter.minBalance)}`);
  if (filter.maxBalance !== null) parts.push(`"available" <= ${arg(filter.maxBalance)}`);
  if (filter.activity) {
    const since = arg(new Date(now.getTime() - filter.days * DAY_MS));
    parts.push(
      filter.activity === "active"
        ? `"lastActivityAt" >= ${since}`
        : `("lastActivityAt" IS NULL OR "lastActivityAt" < ${since})`,
    );
  }
  // A bulk job's filter stored before tiers has no tier.
  if (filter.tier) parts.push(tierClause(filter.tier, context.ladder, arg));
  // Likewise before segments: no segment.
  if (filter.segment) {
    const condition = context.segments ? segmentCondition(filter.segment, now, context.segments, arg) : null;
    parts.push(condition ?? "1 = 0");
  }
  return { text: parts.join(" AND "), args };
}

const ORDER_BY: Record<MemberFilter["sort"], string> = {
  balance_desc: `"available" DESC, "id" DESC`,
  balance_asc: `"available" ASC, "id" ASC`,
  activity_desc: `"lastActivityAt" DESC NULLS LAST, "id" DESC`,
  activity_asc: `"lastActivityAt" ASC NULLS LAST, "id" ASC`,
};

export interface MemberListRow {
  id: string;
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  status: string;
  available: number;
  pending: number;
  enrolledAt: Date;
  lastActivityAt: Date | null;
}

/** A list row with the tier the member holds (the page shows their effective tier). */
export interface ListedMember extends MemberListRow {
  tierId: string | null;
}

export interface MemberList {
  members: ListedMember[];
  page: number;
  hasNext: boolean;
  /** Members matching the filter, up to COUNT_CAP; `capped` when there are more. */
  total: { count: number; capped: boolean };
}

/** How many members match, counted only up to `cap` (a LIMITed scan, however many there are). */
export async function countMembers(where: Where, cap = COUNT_CAP): Promise<{ count: number; capped: boolean }> {
  const [row] = await sql(db).query<{ n: number }>(
    `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Member" WHERE ${where.text} LIMIT ${cap + 1}) AS "matching"`,
    where.args,
  );
  const count = Number(row?.n ?? 0);
  return { count: Math.min(count, cap), capped: count > cap };
}

/**
 * One page of the shop's members. Offset paging: a merchant narrows by search and filters rather
 * than paging deep, and sorting by balance walks the (shop, available) index. `context` carries
 * the shop's tier ladder and segment context, for the tier and segment filters.
 */
export async function listMembers(
  shop: string,
  filter: MemberFilter,
  page = 1,
  now = new Date(),
  size = MEMBERS_PAGE,
  context: FilterContext = { ladder: null },
): Promise<MemberList> {
  const where = whereOf(shop, filter, now, context);
  const [rows, total] = await Promise.all([
    sql(db).query<ListedMember>(
      `SELECT "id", "customerId", "email", "firstName", "lastName", "status", "available", "pending", "enrolledAt",
         "lastActivityAt", "tierId" FROM "Member" WHERE ${where.text} ORDER BY ${ORDER_BY[filter.sort]}
       LIMIT ${size + 1} OFFSET ${(page - 1) * size}`,
      where.args,
    ),
    countMembers(where),
  ]);
  return { members: rows.slice(0, size), page, hasNext: rows.length > size, total };
}

export interface LedgerLine {
  id: string;
  reason: string;
  available: number;
  pending: number;
  held: number;
  note: string | null;
  orderId: string | null;
  createdAt: Date;
}

export type CodeStatus = "pending" | "failed" | "active" | "used" | "expired" | "returned";

export interface CodeLine {
  id: string;
  code: string;
  title: string;
  points: number;
  status: CodeStatus;
  usedAt: Date | null;
  endsAt: Date;
  createdAt: Date;
}

export interface OrderLine {
  id: string;
  orderId: string;
  placedAt: Date | null;
  /** Points the order earned, less what refunds and cancellation took back. */
  points: number;
  pending: boolean;
  cancelled: boolean;
}

export interface MemberDetail {
  id: string;
  customerId: string;
  status: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  birthday: string | null;
  enrolledAt: Date;
  lastActivityAt: Date | null;
  available: number;
  pending: number;
  held: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  ledger: { entries: LedgerLine[]; next: string | null };
  codes: CodeLine[];
  orders: OrderLine[];
}

export function codeStatus(
  r: { status: string; usedAt: Date | null; returnedAt: Date | null; endsAt: Date },
  now: Date,
): CodeStatus {
  if (r.status === "holding") return "pending";
  if (r.status === "failed") return "failed";
  if (r.usedAt) return "used";
  if (r.returnedAt) return "returned";
  return r.endsAt < now ? "expired" : "active";
}

function orderLine(row: { id: string; orderId: string; placedAt: Date | null; state: string }): OrderLine {
  const state = JSON.parse(row.state) as OrderState;
  const pendingUntil = state.pendingUntil ? new Date(state.pendingUntil) : null;
  return {
    id: row.id,
    orderId: row.orderId,
    placedAt: row.placedAt,
    points: state.earned - state.reversed,
    pending: pendingUntil !== null && !state.settled,
    cancelled: state.cancelled,
  };
}

/** A position in a member's ledger: the last entry shown (time and id, for same-millisecond rows). */
const encodeCursor = (e: { createdAt: Date; id: string }) => `${e.createdAt.toISOString()}|${e.id}`;
function decodeCursor(cursor: string | null | undefined) {
  const [at, id] = (cursor ?? "").split("|");
  const time = at ? new Date(at) : null;
  return time && !Number.isNaN(time.getTime()) && id ? { time, id } : null;
}

/** The member's ledger, newest first, a page at a time (the (memberId, createdAt) index). */
export async function ledgerPage(shop: string, memberId: string, cursor?: string | null, size = LEDGER_PAGE) {
  const after = decodeCursor(cursor);
  const rows = await db.ledgerEntry.findMany({
    where: {
      shop,
      memberId,
      ...(after ? { OR: [{ createdAt: { lt: after.time } }, { createdAt: after.time, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
    select: {
      id: true,
      reason: true,
      available: true,
      pending: true,
      held: true,
      note: true,
      orderId: true,
      createdAt: true,
    },
  });
  const entries = rows.slice(0, size);
  return { entries, next: rows.length > size ? encodeCursor(entries.at(-1)!) : null };
}

/** One member of the shop, with the first page of the ledger (or `cursor`'s), codes and orders; null if not the shop's. */
export async function memberDetail(
  shop: string,
  memberId: string,
  cursor?: string | null,
  now = new Date(),
): Promise<MemberDetail | null> {
  const member = await db.member.findFirst({ where: { id: memberId, shop } });
  if (!member) return null;
  const [ledger, codes, orders] = await Promise.all([
    ledgerPage(shop, memberId, cursor),
    db.redemption.findMany({
      where: { shop, memberId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_ROWS,
      select: {
        id: true,
        code: true,
        title: true,
        points: true,
        status: true,
        usedAt: true,
        returnedAt: true,
        endsAt: true,
        createdAt: true,
      },
    }),
    db.loyaltyOrder.findMany({
      where: { shop, memberId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_ROWS,
      select: { id: true, orderId: true, placedAt: true, state: true },
    }),
  ]);
  return {
    id: member.id,
    customerId: member.customerId,
    status: member.status,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    birthday: member.birthday,
    enrolledAt: member.enrolledAt,
    lastActivityAt: member.lastActivityAt,
    available: member.available,
    pending: member.pending,
    held: member.held,
    lifetimeEarned: member.lifetimeEarned,
    lifetimeRedeemed: member.lifetimeRedeemed,
    ledger,
    codes: codes.map(({ returnedAt, ...c }) => ({ ...c, status: codeStatus({ ...c, returnedAt }, now) })),
    orders: orders.map(orderLine),
  };
}

/** Not this shop's member (or no such member): the page answers 404. */
export class MemberNotFound extends Error {}

/** An adjustment that was refused, with the message for each field at fault; nothing changed. */
export class AdjustmentRefused extends Error {
  readonly errors: AdjustmentErrors;
  constructor(errors: AdjustmentErrors) {
    super(`adjustment refused: ${Object.values(errors).join(", ")}`);
    this.errors = errors;
  }
}

export interface AdjustmentResult {
  entryId: string;
  points: number;
  before: number;
  after: number;
  /** True when this key had already been applied: nothing changed this time. */
  repeated: boolean;
}

/** The columns ledger.server's MemberRow holds, plus status. */
export const MEMBER_ROW = `"id", "shop", "customerId", "status", "available", "pending", "held", "lifetimeEarned",
  "lifetimeRedeemed", "lastActivityAt"`;

/** The shop's member, locked for the rest of the transaction (ledger.server's lock, scoped by shop). */
async function lockedShopMember(tx: Tx, shop: string, memberId: string) {
  const [member] = await sql(tx).query<MemberRow & { status: string }>(
    `SELECT ${MEMBER_ROW} FROM "Member" WHERE "id" = $1 AND "shop" = $2${provider === "postgresql" ? " FOR UPDATE" : ""}`,
    [memberId, shop],
  );
  return member ?? null;
}

export const adjustmentKey = (idempotencyKey: string) => `manual:${idempotencyKey}`;

/**
 * Adds or takes a member's points by hand, with a reason, once per idempotency key: a repeat
 * (a double submit, a retried request) changes nothing and answers with the first result's
 * entry. One transaction: lock, entry and balance, metafield sync queued, audit.
 */
export async function adjustMember(
  shop: string,
  memberId: string,
  input: AdjustmentInput,
  actor: string,
  now = new Date(),
): Promise<AdjustmentResult> {
  const valid = validateAdjustment(input);
  if (!valid.ok) throw new AdjustmentRefused(valid.errors);
  const { points, reason, idempotencyKey } = valid.value;
  const key = adjustmentKey(idempotencyKey);
  return transaction(db, async (tx) => {
    const member = await lockedShopMember(tx, shop, memberId);
    if (!member) throw new MemberNotFound(memberId);
    // Checked under the member's lock: a concurrent repeat waits for the first and then sees it.
    const earlier = await tx.ledgerEntry.findUnique({ where: { shop_key: { shop, key } } });
    if (earlier) {
      if (earlier.memberId !== memberId) throw new AdjustmentRefused({ idempotencyKey: "members.error.stale" });
      // The first result's balances are in its audit record (the entry holds only the change).
      const first = await tx.auditLog.findFirst({
        where: { shop, subject: memberId, action: "member.adjust", after: { contains: JSON.stringify(key) } },
        select: { before: true, after: true },
      });
      const balance = (json: string | null | undefined) =>
        json ? (JSON.parse(json) as { available?: number }).available : undefined;
      return {
        entryId: earlier.id,
        points: earlier.available,
        before: balance(first?.before) ?? member.available - earlier.available,
        after: balance(first?.after) ?? member.available,
        repeated: true,
      };
    }
    if (member.status !== "active") throw new AdjustmentRefused({ form: "members.error.redacted" });
    const outcome = manualAdjustment(key, points, reason, balanceOf(member));
    if (!outcome.ok) throw new AdjustmentRefused({ points: "members.error.belowZero" });
    await append(tx, member, [outcome.entry], { allowNegative: false }, null, now);
    const written = await tx.ledgerEntry.findUniqueOrThrow({
      where: { shop_key: { shop, key } },
      select: { id: true },
    });
    await recordAudit(tx, {
      shop,
      actor,
      action: "member.adjust",
      subject: memberId,
      before: { available: member.available },
      after: { available: outcome.after, points, reason, key },
    });
    return { entryId: written.id, points, before: member.available, after: outcome.after, repeated: false };
  });
}
