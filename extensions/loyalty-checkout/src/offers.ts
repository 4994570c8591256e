// Which rewards a member sees at checkout, from the published catalog alone (no network call):
// the ones they can take now, the nearest one they can't yet, and how many points they may
// turn into cash on this cart. The server re-checks everything on redeem; this only chooses
// what to offer, with the same rules (docs/storefront-api.md, "Reasons").
import type { Catalog, CatalogReward } from "./metafields";
import { toMinor } from "./money";

export interface OfferContext {
  balance: number;
  /** The cart's subtotal in minor units of the catalog's currency; null when unknown. */
  subtotal: number | null;
  /** Decimals of the catalog's currency. */
  digits: number;
  now: number;
  showPointsForCash: boolean;
  /** The member's VIP tier id (null: none): rewards limited to other tiers are not offered. */
  tierId: string | null;
}

export interface PointsForCashOffer {
  reward: CatalogReward;
  step: number;
  /** What one step is worth, in minor units. */
  stepValue: number;
  /** The most points this cart takes (a multiple of `step`, at least one step). */
  max: number;
}

export interface Offers {
  affordable: CatalogReward[];
  nearest: { reward: CatalogReward; shortBy: number } | null;
  pointsForCash: PointsForCashOffer | null;
}

/** Whether the member's tier may take the reward (the server's `tier` reason). */
export const fitsTier = (reward: CatalogReward, tierId: string | null) =>
  reward.tierIds === null || (tierId !== null && reward.tierIds.includes(tierId));

export function isActive(reward: CatalogReward, now: number): boolean {
  if (reward.startsAt !== null && Date.parse(reward.startsAt) > now) return false;
  return reward.endsAt === null || Date.parse(reward.endsAt) > now;
}

/**
 * Whether the cart allows the reward. An unknown subtotal (the cart is in another currency than
 * the program's) rules out checkout-only rewards and minimums, which can't be checked.
 */
export function fitsCart(reward: CatalogReward, subtotal: number | null, digits: number): boolean {
  if (subtotal === null) return !reward.checkoutOnly && reward.minimumSubtotal === null;
  if (reward.minimumSubtotal === null) return true;
  const minimum = toMinor(reward.minimumSubtotal, digits);
  return minimum !== null && minimum <= subtotal;
}

/**
 * min(floor(balance / step), floor(subtotal × percent / 100 / stepValue)) × step, in integers
 * (the server's maxPointsForCash).
 */
export function maxPointsForCash(
  offer: Pick<PointsForCashOffer, "step" | "stepValue">,
  percent: number,
  balance: number,
  subtotal: number,
): number {
  if (offer.step <= 0 || offer.stepValue <= 0) return 0;
  const byBalance = Math.floor(balance / offer.step);
  const byCap = Math.floor((subtotal * percent) / (100 * offer.stepValue));
  return Math.max(0, Math.min(byBalance, byCap)) * offer.step;
}

/** Any number the shopper typed, as points this cart takes: a multiple of step in [step, max]. */
export function clampPoints(offer: Pick<PointsForCashOffer, "step" | "max">, points: number): number {
  if (!Number.isFinite(points)) return offer.max;
  const steps = Math.floor(points / offer.step);
  return Math.min(offer.max, Math.max(1, steps) * offer.step);
}

/** What `points` are worth, in minor units. */
export const cashFor = (offer: Pick<PointsForCashOffer, "step" | "stepValue">, points: number) =>
  Math.floor(points / offer.step) * offer.stepValue;

function pointsForCash(reward: CatalogReward, context: OfferContext): PointsForCashOffer | null {
  if (reward.value.kind !== "points_for_cash" || context.subtotal === null) return null;
  const stepValue = toMinor(reward.value.stepValue, context.digits);
  if (stepValue === null) return null;
  const step = reward.value.pointsStep;
  const max = maxPointsForCash(
    { step, stepValue },
    reward.value.maxPercentOfSubtotal,
    context.balance,
    context.subtotal,
  );
  return max >= step ? { reward, step, stepValue, max } : null;
}

export function offersFor(catalog: Catalog | null, context: OfferContext): Offers {
  const offers: Offers = { affordable: [], nearest: null, pointsForCash: null };
  for (const reward of catalog?.rewards ?? []) {
    if (!isActive(reward, context.now) || !fitsCart(reward, context.subtotal, context.digits)) continue;
    if (!fitsTier(reward, context.tierId)) continue;
    const cashReward = reward.type === "points_for_cash";
    if (cashReward && !context.showPointsForCash) continue;
    if (reward.cost > context.balance) {
      const shortBy = reward.cost - context.balance;
      if (!offers.nearest || shortBy < offers.nearest.shortBy) offers.nearest = { reward, shortBy };
    } else if (cashReward) {
      offers.pointsForCash ??= pointsForCash(reward, context);
    } else {
      offers.affordable.push(reward);
    }
  }
  return offers;
}
