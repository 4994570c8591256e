// A code's life after it is issued: an order uses it; a refund or cancellation of that order, or
// the code expiring unused, may give its points back (the merchant's policy); and redemptions a
// crash left holding points are finished.
import db from "../db.server";
import { LAUREL_NOTES, redeemRestore, type LaurelNote } from "../loyalty/ledger";
import { append, lockedMember, type Tx } from "../points/ledger.server";
import { transaction } from "../db/sql.server";
import { loadProgram } from "../points/program.server";
import { unauthenticated } from "../shopify.server";
import { settleRedemption, undoRedemption } from "./redeem.server";
import { ShopifyCodes } from "./shopify-codes.server";

/** How long a redemption may hold points before recovery looks at it (far beyond a live saga). */
export const STUCK_AFTER_MS = 5 * 60_000;
/** Orders reach Laurel by webhook, later than checkout: an expired code waits this long for its order. */
const USE_GRACE_MS = 60 * 60_000;

/** Laurel codes are upper case; shoppers may type them in any case (Shopify ignores case). */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** orders/create and orders/paid: the order's Laurel codes are used, and linked to it. */
export async function markCodesUsed(tx: Tx, shop: string, codes: string[], orderId: string, at: Date) {
  if (codes.length === 0) return;
  await tx.redemption.updateMany({
    where: { shop, code: { in: codes.map(normaliseCode) }, status: "issued", usedAt: null },
    data: { usedAt: at, usedOrderId: orderId },
  });
}

/** A settled redemption's points back to its member, once (the entry's key is the guard). */
async function restore(tx: Tx, redemption: { id: string; memberId: string; points: number }, note: LaurelNote) {
  const { count } = await tx.redemption.updateMany({
    where: { id: redemption.id, status: "issued", returnedAt: null },
    data: { returnedAt: new Date() },
  });
  if (count === 0) return false;
  const member = await lockedMember(tx, redemption.memberId);
  await append(tx, member, [redeemRestore(redemption.id, redemption.points, note)], { allowNegative: false });
  return true;
}

/** An order that used Laurel codes was cancelled or fully refunded: the merchant's policy decides. */
export async function orderReversed(tx: Tx, shop: string, orderId: string, why: "cancelled" | "refunded") {
  const used = await tx.redemption.findMany({ where: { shop, usedOrderId: orderId, returnedAt: null } });
  if (used.length === 0) return;
  const program = await loadProgram(tx, shop);
  if (program?.settings.codeOnRefund !== "return_points") return;
  for (const redemption of used)
    await restore(tx, redemption, why === "cancelled" ? LAUREL_NOTES.orderCancelled : LAUREL_NOTES.orderRefunded);
}

/** Scheduled: unused codes past their end give their points back where the merchant chose so. */
export async function returnExpiredCodes(now = new Date(), limit = 500) {
  const due = await db.redemption.findMany({
    where: { status: "issued", usedAt: null, returnedAt: null, endsAt: { lt: new Date(now.getTime() - USE_GRACE_MS) } },
    orderBy: { endsAt: "asc" },
    take: limit,
  });
  let returned = 0;
  for (const redemption of due) {
    const program = await loadProgram(db, redemption.shop);
    if (!program?.settings.returnPointsForExpiredCodes) continue;
    if (await transaction(db, (tx) => restore(tx, redemption, LAUREL_NOTES.codeExpired))) returned += 1;
  }
  return returned;
}

/**
 * Scheduled: redemptions still holding points long after their saga should have ended (a crash,
 * or Shopify silent during the undo). If the shopper got no answer and the code exists, it is
 * theirs: settle. If they were told it failed, or there is no code: remove it and release.
 */
export async function recoverRedemptions(
  now = new Date(),
  codesFor: (shop: string) => Promise<ShopifyCodes> = async (shop) =>
    new ShopifyCodes((await unauthenticated.admin(shop)).admin),
) {
  const stuck = await db.redemption.findMany({
    where: { status: "holding", updatedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
    take: 100,
  });
  for (const redemption of stuck) {
    try {
      const codes = await codesFor(redemption.shop);
      const discountId = redemption.error ? null : await codes.findByCode(redemption.code);
      if (discountId) await settleRedemption(redemption.id, discountId);
      else await undoRedemption(codes, redemption, redemption.error ?? "recovered: Shopify has no such code");
    } catch (error) {
      console.error(`redemption recovery ${redemption.id}:`, error);
    }
  }
  return stuck.length;
}
