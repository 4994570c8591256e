// Scheduled work over the ledger: pending points that have waited their time become available,
// and points that have expired under the shop's policy are taken. Both are idempotent by their
// ledger keys, so overlapping runs (or several app instances) can't do either twice.
import db from "../db.server";
import { entry } from "../loyalty/ledger";
import { expiryOf, type Movement } from "../loyalty/expiry";
import { onSettle, type OrderState } from "../loyalty/order-points";
import { append, balanceOf, lockedMember } from "./ledger.server";
import { transaction } from "../db/sql.server";
import { loadProgram } from "./program.server";

const BATCH = 500;

/** Settles purchase points whose pending period has passed. Returns how many orders settled. */
export async function settleDue(now = new Date()): Promise<number> {
  const due = await db.ledgerEntry.findMany({
    where: { reason: "earn_purchase", pendingUntil: { lte: now }, orderId: { not: null } },
    select: { shop: true, orderId: true, memberId: true },
    take: BATCH,
  });
  const done = new Set(
    (
      await db.ledgerEntry.findMany({
        where: { key: { in: due.map((e) => `settle:${e.orderId}`) } },
        select: { shop: true, key: true },
      })
    ).map((e) => `${e.shop}|${e.key}`),
  );
  let settled = 0;
  for (const earn of due.filter((e) => !done.has(`${e.shop}|settle:${e.orderId}`))) {
    await transaction(db, async (tx) => {
      const member = await lockedMember(tx, earn.memberId);
      const order = await tx.loyaltyOrder.findUnique({
        where: { shop_orderId: { shop: earn.shop, orderId: earn.orderId! } },
      });
      if (!order) return;
      const outcome = onSettle(JSON.parse(order.state) as OrderState, balanceOf(member), now);
      await append(tx, member, outcome.entries, { allowNegative: false }, earn.orderId, now);
      await tx.loyaltyOrder.update({ where: { id: order.id }, data: { state: JSON.stringify(outcome.state) } });
      settled += 1;
    });
  }
  return settled;
}

/** Takes expired points, shop by shop, under each shop's policy. Returns the points taken. */
export async function expireDue(now = new Date()): Promise<number> {
  let taken = 0;
  for (const { shop } of await db.program.findMany({ select: { shop: true } })) {
    const program = await loadProgram(db, shop);
    const policy = program?.settings.expiry;
    if (!policy || policy.kind === "never") continue;
    const members = await db.member.findMany({
      where: { shop, status: "active", available: { gt: 0 } },
      select: { id: true },
    });
    for (const candidate of members) {
      taken += await transaction(db, async (tx) => {
        const member = await lockedMember(tx, candidate.id);
        const movements: Movement[] = (
          await tx.ledgerEntry.findMany({
            where: { memberId: member.id, available: { not: 0 } },
            select: { createdAt: true, available: true },
            orderBy: { createdAt: "asc" },
          })
        ).map((e) => ({ at: e.createdAt, available: e.available }));
        const { dueNow } = expiryOf(policy, movements, member.available, member.lastActivityAt, now);
        if (dueNow <= 0) return 0;
        // Keyed by the moment the points fell due, so a repeated run finds it done.
        const since =
          policy.kind === "inactivity" ? member.lastActivityAt!.toISOString() : now.toISOString().slice(0, 10);
        const key = `expiry:${member.id}:${since}`;
        if (await tx.ledgerEntry.findUnique({ where: { shop_key: { shop, key } } })) return 0;
        await append(tx, member, [entry("expiry", key, { available: -dueNow })], { allowNegative: false }, null, now);
        return dueNow;
      });
    }
  }
  return taken;
}
