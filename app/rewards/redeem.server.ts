// Redemption as one saga: hold the points, have Shopify make the customer's code, then settle the
// hold, or release it and remove anything half-made. Never a code without a debit, never a debit
// without a code. A retried request (same idempotency key) gets the same answer; a crash between
// steps is repaired by recoverRedemptions (recovery.server.ts).
import { restrictionFacts } from "../points/member-facts.server";
import db from "../db.server";
import { toMinor } from "../loyalty/currency";
import { redeemHold, redeemRelease, redeemSettle } from "../loyalty/ledger";
import { availability, codeEndsAt, discountCode, redemptionOf, type Discount } from "../loyalty/rewards";
import { append, lockedMember, type Tx } from "../points/ledger.server";
import { transaction } from "../db/sql.server";
import { loadProgram } from "../points/program.server";
import { unauthenticated } from "../shopify.server";
import { loadReward } from "./catalog.server";
import { discountInput } from "./discount-input";
import { ShopifyCodes } from "./shopify-codes.server";

export type RedeemErrorCode =
  | "invalid_request"
  | "not_a_member"
  | "reward_unavailable"
  | "insufficient_points"
  | "redemption_in_progress"
  | "shopify_unavailable";

export class RedeemError extends Error {
  readonly code: RedeemErrorCode;
  readonly field?: string;
  readonly details: Record<string, unknown>;
  constructor(code: RedeemErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export interface RedeemRequest {
  rewardId: string;
  /** Points to spend, for points-for-cash (a multiple of its step). */
  points?: number;
  idempotencyKey: string;
  /** The cart's subtotal (a decimal in the shop's currency), when the request comes from checkout. */
  subtotal?: string | null;
}

export interface Issued {
  redemptionId: string;
  code: string;
  title: { en: string; ru: string };
  discount: Discount;
  currency: string;
  points: number;
  endsAt: Date;
  balance: number;
}

export interface RedeemDeps {
  codes?: (shop: string) => Promise<ShopifyCodes>;
  now?: () => Date;
  random?: () => Uint8Array;
}

const shopifyCodes = async (shop: string) => new ShopifyCodes((await unauthenticated.admin(shop)).admin);

interface RedemptionRow {
  id: string;
  shop: string;
  memberId: string;
  code: string;
  points: number;
  title: string;
  discount: string;
  status: string;
  endsAt: Date;
  error: string | null;
}

async function issuedAnswer(row: RedemptionRow, currency: string): Promise<Issued> {
  const member = await db.member.findUniqueOrThrow({ where: { id: row.memberId } });
  return {
    redemptionId: row.id,
    code: row.code,
    title: JSON.parse(row.title),
    discount: JSON.parse(row.discount),
    currency,
    points: row.points,
    endsAt: row.endsAt,
    balance: member.available,
  };
}

/** The answer a repeated request gets: the same code, or the same failure. */
function repeat(row: RedemptionRow): never | "issued" {
  if (row.status === "issued") return "issued";
  if (row.status === "holding") {
    throw new RedeemError("redemption_in_progress", "this redemption is still being made; try again in a moment");
  }
  throw new RedeemError("shopify_unavailable", row.error ?? "the code could not be made", undefined, {
    pointsKept: true,
  });
}

/** Step 3a: the code exists; the hold becomes a redemption. Once only, whoever gets here first. */
export async function settleRedemption(redemptionId: string, discountId: string) {
  await transaction(db, async (tx) => {
    const held = await holding(tx, redemptionId);
    if (!held) return;
    await tx.redemption.update({ where: { id: held.row.id }, data: { status: "issued", discountId, error: null } });
    await append(tx, held.member, [redeemSettle(held.row.id, held.row.points)], { allowNegative: false });
  });
}

/** Step 3b: no code; every held point goes back. Once only. */
export async function releaseRedemption(redemptionId: string, error: string) {
  await transaction(db, async (tx) => {
    const held = await holding(tx, redemptionId);
    if (!held) return;
    await tx.redemption.update({ where: { id: held.row.id }, data: { status: "failed", error } });
    const release = redeemRelease(held.row.id, held.row.points, error.slice(0, 200));
    await append(tx, held.member, [release], { allowNegative: false });
  });
}

/** The redemption if it still holds points, with its member locked (so only one finisher wins). */
async function holding(tx: Tx, redemptionId: string) {
  const first = await tx.redemption.findUnique({ where: { id: redemptionId }, select: { memberId: true } });
  if (!first) return null;
  const member = await lockedMember(tx, first.memberId);
  const row = await tx.redemption.findUnique({ where: { id: redemptionId } });
  return row?.status === "holding" ? { row, member } : null;
}

/** Removes the code if Shopify made it after all, then releases. Leaves it holding if unsure. */
export async function undoRedemption(codes: ShopifyCodes, row: Pick<RedemptionRow, "id" | "code">, error: string) {
  const discountId = await codes.findByCode(row.code);
  if (discountId) await codes.remove(discountId);
  await releaseRedemption(row.id, error);
}

export async function redeem(
  shop: string,
  customerId: string,
  request: RedeemRequest,
  deps: RedeemDeps = {},
): Promise<Issued> {
  const now = deps.now?.() ?? new Date();
  const codesFor = deps.codes ?? shopifyCodes;
  const program = await loadProgram(db, shop);
  if (!program?.live) throw new RedeemError("reward_unavailable", "the program is not running", "rewardId");
  const stored = await loadReward(db, shop, request.rewardId);
  if (!stored) throw new RedeemError("reward_unavailable", "no such reward", "rewardId");
  const { reward } = stored;
  let subtotal: number | null = null;
  try {
    subtotal = request.subtotal ? toMinor(request.subtotal, program.currency) : null;
  } catch (error) {
    throw new RedeemError("invalid_request", (error as Error).message, "subtotal");
  }

  const previous = await previousAttempt(shop, customerId, request.idempotencyKey);
  if (previous && repeat(previous) === "issued") return issuedAnswer(previous, program.currency);

  let codes: ShopifyCodes | undefined;
  let variantPrice: number | undefined;
  if (reward.type === "free_product") {
    codes = await codesFor(shop);
    const price = await codes.variantPrice(reward.variantId).catch(() => {
      throw new RedeemError("shopify_unavailable", "Shopify did not answer; no points were used");
    });
    if (price === null)
      throw new RedeemError("reward_unavailable", "the reward's product is no longer sold", "rewardId");
    variantPrice = toMinor(price, program.currency);
  }

  // Step 1: hold the points, under the member's lock (parallel requests queue here).
  const held = await transaction(db, async (tx) => {
    const found = await tx.member.findUnique({ where: { shop_customerId: { shop, customerId } } });
    if (!found || found.status !== "active") throw new RedeemError("not_a_member", "join the program to redeem");
    const member = await lockedMember(tx, found.id);
    const again = await tx.redemption.findUnique({
      where: { shop_memberId_idempotencyKey: { shop, memberId: member.id, idempotencyKey: request.idempotencyKey } },
    });
    if (again) return { kind: "repeat" as const, row: again };
    const redeemedByMember = await tx.redemption.count({
      where: { shop, memberId: member.id, rewardId: stored.id, status: { in: ["holding", "issued"] } },
    });
    const can = availability(reward, stored.status, {
      balance: member.available,
      now,
      redeemedByMember,
      ...(await restrictionFacts(tx, shop, found, reward, now)),
      subtotal,
    });
    if (can.reason !== null && can.reason !== "insufficient_points") {
      throw new RedeemError("reward_unavailable", `the reward is not available: ${can.reason}`, "rewardId", {
        reason: can.reason,
      });
    }
    const made = redemptionOf(reward, { points: request.points, subtotal, variantPrice });
    if (!made.ok) throw new RedeemError("invalid_request", made.message, "points", { reason: made.error });
    if (made.points > member.available) {
      throw new RedeemError("insufficient_points", "not enough points", "points", {
        shortBy: made.points - member.available,
      });
    }
    const random = deps.random?.() ?? crypto.getRandomValues(new Uint8Array(8));
    const redemption = await tx.redemption.create({
      data: {
        shop,
        memberId: member.id,
        rewardId: stored.id,
        idempotencyKey: request.idempotencyKey,
        code: discountCode(program.settings.codePrefix, random),
        points: made.points,
        discount: JSON.stringify(made.discount),
        title: JSON.stringify(reward.title),
        endsAt: codeEndsAt(now, reward),
      },
    });
    await append(tx, member, [redeemHold(redemption.id, made.points)], { allowNegative: false }, null, now);
    return { kind: "held" as const, redemption, made };
  });
  if (held.kind === "repeat") {
    repeat(held.row);
    return issuedAnswer(held.row, program.currency);
  }
  const { redemption, made } = held;

  // Step 2: the code, in Shopify.
  codes ??= await codesFor(shop);
  const created = await codes.create(
    discountInput({
      code: redemption.code,
      title: `${reward.title.en} (Laurel)`,
      customerId,
      startsAt: now,
      endsAt: redemption.endsAt,
      discount: made.discount,
      minimumSubtotal: made.minimumSubtotal,
      combinesWith: reward.combinesWith,
      currency: program.currency,
    }),
  );

  // Step 3: settle, or release and undo.
  if (created.ok) {
    await settleRedemption(redemption.id, created.discountId);
    return issuedAnswer({ ...redemption, status: "issued" }, program.currency);
  }
  const failure = new RedeemError(
    "shopify_unavailable",
    "Shopify could not make the code; your points were not used",
    undefined,
    { pointsKept: true },
  );
  if (created.certain) {
    await releaseRedemption(redemption.id, created.message);
    throw failure;
  }
  // Unknown outcome: mark that the shopper was told it failed, so recovery removes the code
  // rather than issuing it, then try to undo now.
  await db.redemption.update({ where: { id: redemption.id }, data: { error: created.message } });
  try {
    await undoRedemption(codes, redemption, created.message);
  } catch {
    // Shopify still isn't answering: the recovery job finishes the undo; the points stay held.
  }
  throw failure;
}

async function previousAttempt(shop: string, customerId: string, idempotencyKey: string) {
  const member = await db.member.findUnique({ where: { shop_customerId: { shop, customerId } }, select: { id: true } });
  if (!member) return null;
  return db.redemption.findUnique({
    where: { shop_memberId_idempotencyKey: { shop, memberId: member.id, idempotencyKey } },
  });
}
