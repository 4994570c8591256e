// The ledger in the database: members, their entries and the balance projection, always
// written together in the caller's transaction.
import { randomUUID } from "node:crypto";
import { provider, sql, type Db } from "../db.server";
import type { Statement, Tx } from "../db/sql.server";
import { applyEntry, type Balance, type Entry } from "../loyalty/ledger";
import { enqueue, enqueueStatement } from "../jobs/queue.server";

export type { Tx };
/** Reads that work inside a transaction or outside one. */
export type Client = Tx | Db;

export interface MemberRow {
  id: string;
  shop: string;
  customerId: string;
  available: number;
  pending: number;
  held: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  lastActivityAt: Date | null;
}

export const balanceOf = (member: MemberRow): Balance => ({
  available: member.available,
  pending: member.pending,
  held: member.held,
  lifetimeEarned: member.lifetimeEarned,
  lifetimeRedeemed: member.lifetimeRedeemed,
});

export const MEMBER_COLUMN_NAMES = [
  "id",
  "shop",
  "customerId",
  "status",
  "available",
  "pending",
  "held",
  "lifetimeEarned",
  "lifetimeRedeemed",
  "lastActivityAt",
] as const;
const MEMBER_COLUMNS = MEMBER_COLUMN_NAMES.map((c) => `"${c}"`).join(", ");

/**
 * The member's current row, held for the rest of the transaction, so two changes for one member
 * never decide from the same stale balance. (SQLite runs one write transaction at a time anyway.)
 */
export async function lockedMember(tx: Tx, memberId: string): Promise<MemberRow> {
  const [member] = await sql(tx).query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM "Member" WHERE "id" = $1${provider === "postgresql" ? " FOR UPDATE" : ""}`,
    [memberId],
  );
  if (!member) throw new Error(`no member ${memberId}`);
  return member;
}

export interface MemberDetails {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/**
 * The statement that enrols the customer, or finds and locks their member row, returning it. On
 * a conflict PostgreSQL locks the existing row and returns its latest version. (SQLite has one
 * writer at a time.) PostgreSQL only: `onlyIf` is a condition the enrolment waits on (say, that
 * the program is live), for when the statement runs beside the reads that decide it.
 */
export function enrolment(
  shop: string,
  customerId: string,
  details: MemberDetails = {},
  now = new Date(),
  onlyIf?: string,
): Statement {
  return {
    text: enrolmentText(onlyIf),
    args: [
      randomUUID(),
      shop,
      customerId,
      details.email ?? null,
      details.firstName ?? null,
      details.lastName ?? null,
      now,
    ],
  };
}

/** The enrolment's text for each condition its callers use (a handful), built once. */
const enrolmentTexts = new Map<string | undefined, string>();
function enrolmentText(onlyIf: string | undefined) {
  let text = enrolmentTexts.get(onlyIf);
  if (text === undefined) {
    const values = onlyIf
      ? `SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::timestamp(3) WHERE ${onlyIf}`
      : `VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    text = `INSERT INTO "Member" ("id", "shop", "customerId", "email", "firstName", "lastName", "enrolledAt") ${values}
     ON CONFLICT ("shop", "customerId") DO UPDATE SET "shop" = EXCLUDED."shop" RETURNING ${MEMBER_COLUMNS}`;
    enrolmentTexts.set(onlyIf, text);
  }
  return text;
}

/** The shop's member for this customer, enrolled now if they are not yet; locked. */
export async function memberFor(
  tx: Tx,
  shop: string,
  customerId: string,
  details: MemberDetails = {},
  now = new Date(),
): Promise<MemberRow> {
  const enrol = enrolment(shop, customerId, details, now);
  const [member] = await sql(tx).query<MemberRow>(enrol.text, enrol.args);
  return member!;
}

/** The job that sends a member's balance to Shopify (customer metafields; see sync.server.ts). */
export const SYNC_MEMBER = "sync_member";

const memberSync = (member: Pick<MemberRow, "id" | "shop">) => ({
  shop: member.shop,
  kind: SYNC_MEMBER,
  key: member.id,
  payload: { memberId: member.id },
});

/** Queues the member's balance for Shopify. */
export function enqueueMemberSync(tx: Tx, member: Pick<MemberRow, "id" | "shop">, now = new Date()) {
  return enqueue(tx, memberSync(member), now);
}

const ENTRY_COLUMNS = 16;

/**
 * Appends entries and moves the member's balances by them, checking the ledger's rules. The
 * entries, the balance, the outbox job and any `also` statements (independent writes of the
 * caller's, such as the order's new state) go to the database together (one round trip on
 * PostgreSQL).
 */
export async function append(
  tx: Tx,
  member: MemberRow,
  entries: Entry[],
  policy: { allowNegative: boolean },
  orderId: string | null = null,
  now = new Date(),
  also: Statement[] = [],
): Promise<MemberRow> {
  if (entries.length === 0) {
    await sql(tx).batch(also);
    return member;
  }
  const balance = entries.reduce((b, e) => applyEntry(b, e, policy), balanceOf(member));
  const values = entries.map(
    (_, i) => `(${Array.from({ length: ENTRY_COLUMNS }, (_, c) => `$${i * ENTRY_COLUMNS + c + 1}`).join(", ")})`,
  );
  const insertEntries: Statement = {
    text: `INSERT INTO "LedgerEntry" ("id", "shop", "memberId", "reason", "key", "available", "pending", "held",
       "lifetimeEarned", "lifetimeRedeemed", "corrects", "shortfall", "pendingUntil", "note", "orderId", "createdAt")
     VALUES ${values.join(", ")}`,
    args: entries.flatMap((e) => [
      randomUUID(),
      member.shop,
      member.id,
      e.reason,
      e.key,
      e.available,
      e.pending,
      e.held,
      e.lifetimeEarned,
      e.lifetimeRedeemed,
      e.corrects,
      e.shortfall,
      e.pendingUntil,
      e.note,
      orderId,
      now,
    ]),
  };
  // Settlement and expiry are bookkeeping, not the member doing something: they don't reset
  // the inactivity clock.
  const active = entries.some((e) => e.reason !== "settle" && e.reason !== "expiry");
  const updateBalance: Statement = {
    text: `UPDATE "Member" SET "available" = $1, "pending" = $2, "held" = $3, "lifetimeEarned" = $4,
       "lifetimeRedeemed" = $5${active ? `, "lastActivityAt" = $7` : ""} WHERE "id" = $6`,
    args: [
      balance.available,
      balance.pending,
      balance.held,
      balance.lifetimeEarned,
      balance.lifetimeRedeemed,
      member.id,
      ...(active ? [now] : []),
    ],
  };
  // The new balance reaches Shopify through the outbox, committed with the entries.
  await sql(tx).batch([insertEntries, updateBalance, enqueueStatement(memberSync(member), now), ...also]);
  return { ...member, ...balance };
}
