// The ledger in the database: members, their entries and the balance projection, always
// written together in the caller's transaction.
import { provider, type Db } from "../db.server";
import { applyEntry, type Balance, type Entry } from "../loyalty/ledger";
import { enqueue } from "../jobs/queue.server";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
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
}

export const balanceOf = (member: MemberRow): Balance => ({
  available: member.available,
  pending: member.pending,
  held: member.held,
  lifetimeEarned: member.lifetimeEarned,
  lifetimeRedeemed: member.lifetimeRedeemed,
});

/**
 * Holds the member's row for the rest of the transaction, so two deliveries for one member never
 * decide from the same stale balance. (SQLite runs one write transaction at a time anyway.)
 */
export async function lockMember(tx: Tx, memberId: string): Promise<void> {
  if (provider === "postgresql")
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Member" WHERE "id" = $1 FOR UPDATE`, memberId);
}

export interface MemberDetails {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** The shop's member for this customer, enrolled now if they are not yet; locked. */
export async function memberFor(
  tx: Tx,
  shop: string,
  customerId: string,
  details: MemberDetails = {},
): Promise<MemberRow> {
  const member = await tx.member.upsert({
    where: { shop_customerId: { shop, customerId } },
    create: { shop, customerId, ...details },
    update: {},
  });
  // SQLite has one writer at a time, so the upserted row is current; PostgreSQL locks and re-reads.
  if (provider !== "postgresql") return member as MemberRow;
  await lockMember(tx, member.id);
  return (await tx.member.findUniqueOrThrow({ where: { id: member.id } })) as MemberRow;
}

/** The job that sends a member's balance to Shopify (customer metafields; see sync.server.ts). */
export const SYNC_MEMBER = "sync_member";

/** Queues the member's balance for Shopify. */
export function enqueueMemberSync(tx: Tx, member: Pick<MemberRow, "id" | "shop">) {
  return enqueue(tx, { shop: member.shop, kind: SYNC_MEMBER, key: member.id, payload: { memberId: member.id } });
}

/** Appends entries and moves the member's balances by them, checking the ledger's rules. */
export async function append(
  tx: Tx,
  member: MemberRow,
  entries: Entry[],
  policy: { allowNegative: boolean },
  orderId: string | null = null,
  now = new Date(),
): Promise<MemberRow> {
  if (entries.length === 0) return member;
  const balance = entries.reduce((b, e) => applyEntry(b, e, policy), balanceOf(member));
  await tx.ledgerEntry.createMany({
    data: entries.map((e) => ({
      shop: member.shop,
      memberId: member.id,
      reason: e.reason,
      key: e.key,
      available: e.available,
      pending: e.pending,
      held: e.held,
      lifetimeEarned: e.lifetimeEarned,
      lifetimeRedeemed: e.lifetimeRedeemed,
      corrects: e.corrects,
      shortfall: e.shortfall,
      pendingUntil: e.pendingUntil,
      note: e.note,
      orderId,
      createdAt: now,
    })),
  });
  // Settlement and expiry are bookkeeping, not the member doing something: they don't reset
  // the inactivity clock.
  const active = entries.some((e) => e.reason !== "settle" && e.reason !== "expiry");
  const updated = await tx.member.update({
    where: { id: member.id },
    data: { ...balance, ...(active ? { lastActivityAt: now } : {}) },
  });
  // The new balance reaches Shopify through the outbox, committed with the entries.
  await enqueueMemberSync(tx, member);
  return updated as MemberRow;
}
