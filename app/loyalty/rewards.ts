// The reward catalog's pure logic: what a reward is, whether a member can redeem it now, what a
// redemption gives (points taken, discount made), and the discount code itself. The admin, the
// storefront widget and checkout all call these, so they agree on every rule.
//
// Money is integer minor units of the shop's currency and points are integers. Products such as
// subtotal × percent can pass 2^53, so they are computed with BigInt and divided exactly once.
import { z } from "zod";
import { minorPerUnit } from "./currency";

export const REWARD_STATUSES = ["active", "paused", "archived"] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** A whole number within [min, max], with one plain message for every way it can be wrong. */
const int = (min: number, max: number, message: string) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

const anyInt = (min: number, message: string) => int(min, Number.MAX_SAFE_INTEGER, message);

const title = z.string({ error: "Enter a title." }).trim().min(1, { error: "Enter a title." }).max(80, {
  error: "Title must be at most 80 characters.",
});

const date = z.coerce.date({ error: "Enter a valid date." }).nullable();

const ids = z.array(z.string().min(1)).nullable();

const common = {
  title: z.object({ en: title, ru: title }),
  /** Points; for points_for_cash, the step: any positive multiple of it can be spent. */
  cost: int(1, 10_000_000, "Cost must be a whole number of points from 1 to 10,000,000."),
  /** Minor units of the shop currency the cart must reach for the code to apply. */
  minimumSubtotal: anyInt(0, "Minimum subtotal must be zero or more.").nullable(),
  codeLifetimeDays: int(1, 365, "Code lifetime must be from 1 to 365 days.").default(30),
  combinesWith: z
    .object({ orderDiscounts: z.boolean(), productDiscounts: z.boolean(), shippingDiscounts: z.boolean() })
    .default({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }),
  startsAt: date,
  endsAt: date,
  /** Restriction hooks for tiers and segments (later issues fill them in); null = everyone. */
  tierIds: ids,
  segmentIds: ids,
  /** How many times one member may redeem the reward; null = unlimited. */
  limitPerMember: anyInt(1, "Limit per member must be at least 1.").nullable(),
};

export const rewardSchema = z
  .discriminatedUnion(
    "type",
    [
      z.object({
        ...common,
        type: z.literal("amount_off"),
        amount: anyInt(1, "Amount must be greater than zero."),
      }),
      z.object({
        ...common,
        type: z.literal("percent_off"),
        percent: int(1, 100, "Percent must be a whole number from 1 to 100."),
        /** Largest discount in minor units; null = uncapped. */
        cap: anyInt(1, "Cap must be greater than zero.").nullable(),
      }),
      z.object({
        ...common,
        type: z.literal("free_shipping"),
        /** Shipping rates above this (minor units) stay paid; null = any rate. */
        maxShippingRate: anyInt(0, "Maximum shipping rate must be zero or more.").nullable(),
      }),
      z.object({
        ...common,
        type: z.literal("free_product"),
        variantId: z
          .string({ error: "Choose a product variant." })
          .regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/, { error: "Choose a product variant." }),
      }),
      z.object({
        ...common,
        type: z.literal("points_for_cash"),
        /** Minor units each `cost` points buy. */
        stepValue: anyInt(1, "Step value must be greater than zero."),
        maxPercentOfSubtotal: int(1, 100, "Maximum share of the subtotal must be from 1 to 100 percent."),
      }),
    ],
    { error: "Choose a reward type." },
  )
  .refine((r) => r.startsAt === null || r.endsAt === null || r.endsAt > r.startsAt, {
    error: "End date must be after the start date.",
    path: ["endsAt"],
  });

export type Reward = z.infer<typeof rewardSchema>;
export type RewardType = Reward["type"];
export type PointsForCashReward = Extract<Reward, { type: "points_for_cash" }>;

/** Throws the ZodError when the input is not a valid reward; use rewardSchema.safeParse for forms. */
export function parseReward(input: unknown): Reward {
  return rewardSchema.parse(input);
}

// ---------------------------------------------------------------------------------------------
// Availability

export interface AvailabilityContext {
  balance: number;
  now: Date;
  /** How many times this member already redeemed this reward. */
  redeemedByMember: number;
  tierId: string | null;
  segmentIds: string[];
  /** The cart subtotal (minor units) when the request comes from checkout, else null. */
  subtotal: number | null;
}

export type UnavailableReason =
  | "paused"
  | "archived"
  | "not_started"
  | "ended"
  | "limit_reached"
  | "tier"
  | "segment"
  | "checkout_only"
  | "minimum_subtotal"
  | "insufficient_points";

export interface Availability {
  redeemable: boolean;
  /** Whether the balance covers `cost`, whatever else stands in the way (for "N more points"). */
  affordable: boolean;
  /** The first reason, in check order, the member can't redeem now; null when they can. */
  reason: UnavailableReason | null;
  shortBy: number;
}

/**
 * Shopify's basic discounts can't cap a percentage or size a discount to a cart, so Laurel turns
 * these into an exact fixed amount, which needs the cart's subtotal: they are redeemed at checkout.
 */
export const needsSubtotal = (reward: Reward) =>
  reward.type === "points_for_cash" || (reward.type === "percent_off" && reward.cap !== null);

function unavailableReason(reward: Reward, status: RewardStatus, ctx: AvailabilityContext): UnavailableReason | null {
  if (status === "paused" || status === "archived") return status;
  if (reward.startsAt !== null && reward.startsAt > ctx.now) return "not_started";
  if (reward.endsAt !== null && reward.endsAt <= ctx.now) return "ended";
  if (reward.limitPerMember !== null && ctx.redeemedByMember >= reward.limitPerMember) return "limit_reached";
  if (reward.tierIds !== null && (ctx.tierId === null || !reward.tierIds.includes(ctx.tierId))) return "tier";
  if (reward.segmentIds !== null && !reward.segmentIds.some((s) => ctx.segmentIds.includes(s))) return "segment";
  if (ctx.subtotal === null && needsSubtotal(reward)) return "checkout_only";
  if (ctx.subtotal !== null && reward.minimumSubtotal !== null && ctx.subtotal < reward.minimumSubtotal) {
    return "minimum_subtotal";
  }
  if (ctx.balance < reward.cost) return "insufficient_points";
  return null;
}

export function availability(reward: Reward, status: RewardStatus, ctx: AvailabilityContext): Availability {
  const reason = unavailableReason(reward, status, ctx);
  return {
    redeemable: reason === null,
    affordable: ctx.balance >= reward.cost,
    reason,
    shortBy: Math.max(0, reward.cost - ctx.balance),
  };
}

// ---------------------------------------------------------------------------------------------
// Redemption

export type Discount =
  /** A fixed amount off the order. */
  | { kind: "amount"; amount: number; appliesTo: "order" }
  /** Free product: one unit's price off that variant, once. */
  | { kind: "amount"; amount: number; appliesTo: { variantId: string } }
  /** An uncapped percentage off the order. */
  | { kind: "percentage"; percent: number }
  | { kind: "free_shipping"; maxShippingRate: number | null };

export type RedemptionError =
  "invalid_points" | "checkout_only" | "over_cap" | "needs_variant_price" | "nothing_to_discount";

export type Redemption =
  | { ok: true; points: number; discount: Discount; minimumSubtotal: number | null }
  | { ok: false; error: RedemptionError; message: string };

export interface RedemptionRequest {
  /** Points to spend: any positive multiple of cost for points_for_cash; else cost (or omitted). */
  points?: number;
  /** The cart subtotal in minor units, when redeemed at checkout. */
  subtotal: number | null;
  /** Price of one unit of a free product's variant, minor units. */
  variantPrice?: number;
}

const fail = (error: RedemptionError, message: string): Redemption => ({ ok: false, error, message });

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function assertAmount(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole amount ≥ 0: ${value}`);
}

/**
 * The smallest subtotal on which `amount` is at most `percent` % of it. Used as the code's minimum
 * so a code sized for one cart can't give more than the promised share of a smaller one.
 */
function minimumFor(reward: Reward, amount: bigint, percent: number): number {
  const least = Number(ceilDiv(amount * 100n, BigInt(percent)));
  return Math.max(reward.minimumSubtotal ?? 0, least);
}

/** The most steps of a points_for_cash reward the cap allows on this subtotal. */
const stepsWithinCap = (reward: PointsForCashReward, subtotal: number) =>
  (BigInt(Math.max(0, subtotal)) * BigInt(reward.maxPercentOfSubtotal)) / (100n * BigInt(reward.stepValue));

/**
 * The largest multiple of cost within the balance and the cap: what checkout's slider goes up to.
 * 0 when not even one step fits.
 */
export function maxPointsForCash(reward: PointsForCashReward, subtotal: number, balance: number): number {
  const affordable = BigInt(Math.max(0, Math.floor(balance / reward.cost)));
  const capped = stepsWithinCap(reward, subtotal);
  return Number(affordable < capped ? affordable : capped) * reward.cost;
}

function pointsForCash(reward: PointsForCashReward, request: RedemptionRequest): Redemption {
  const points = request.points ?? reward.cost;
  if (!Number.isSafeInteger(points) || points <= 0 || points % reward.cost !== 0) {
    return fail("invalid_points", `Points must be a positive multiple of ${reward.cost}.`);
  }
  if (request.subtotal === null) return fail("checkout_only", "This reward can only be redeemed at checkout.");
  assertAmount("subtotal", request.subtotal);
  const amount = BigInt(points / reward.cost) * BigInt(reward.stepValue);
  if (amount * 100n > BigInt(request.subtotal) * BigInt(reward.maxPercentOfSubtotal)) {
    const most = stepsWithinCap(reward, request.subtotal) * BigInt(reward.cost);
    return fail("over_cap", `At most ${most} points can be used on this order.`);
  }
  return {
    ok: true,
    points,
    // amount ≤ subtotal × percent / 100 ≤ subtotal, so it is a safe integer.
    discount: { kind: "amount", amount: Number(amount), appliesTo: "order" },
    minimumSubtotal: minimumFor(reward, amount, reward.maxPercentOfSubtotal),
  };
}

function cappedPercent(
  reward: Extract<Reward, { type: "percent_off" }>,
  cap: number,
  subtotal: number | null,
): Redemption {
  if (subtotal === null) return fail("checkout_only", "This reward can only be redeemed at checkout.");
  assertAmount("subtotal", subtotal);
  const share = (BigInt(subtotal) * BigInt(reward.percent)) / 100n;
  const amount = share < BigInt(cap) ? share : BigInt(cap);
  if (amount === 0n) return fail("nothing_to_discount", "The cart is too small for this reward to take anything off.");
  return {
    ok: true,
    points: reward.cost,
    discount: { kind: "amount", amount: Number(amount), appliesTo: "order" },
    minimumSubtotal: minimumFor(reward, amount, reward.percent),
  };
}

/**
 * What redeeming `reward` gives: the points to take and the discount to create. Eligibility
 * (status, dates, balance…) is `availability`'s job; this only sizes the redemption.
 */
export function redemptionOf(reward: Reward, request: RedemptionRequest): Redemption {
  if (reward.type === "points_for_cash") return pointsForCash(reward, request);
  // Every other reward has one price: a client asking to pay something else is refused, not obeyed.
  if (request.points !== undefined && request.points !== reward.cost) {
    return fail("invalid_points", `This reward costs exactly ${reward.cost} points.`);
  }
  const given = (discount: Discount): Redemption => ({
    ok: true,
    points: reward.cost,
    discount,
    minimumSubtotal: reward.minimumSubtotal,
  });
  switch (reward.type) {
    case "amount_off":
      return given({ kind: "amount", amount: reward.amount, appliesTo: "order" });
    case "percent_off":
      return reward.cap === null
        ? given({ kind: "percentage", percent: reward.percent })
        : cappedPercent(reward, reward.cap, request.subtotal);
    case "free_shipping":
      return given({ kind: "free_shipping", maxShippingRate: reward.maxShippingRate });
    case "free_product": {
      const price = request.variantPrice;
      if (price === undefined || !Number.isSafeInteger(price) || price < 1) {
        return fail("needs_variant_price", "The product's price is needed to redeem this reward.");
      }
      return given({ kind: "amount", amount: price, appliesTo: { variantId: reward.variantId } });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Codes

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * `PREFIX-XXXX-XXXX-XXXX`: a readable prefix, then 60 random bits in Crockford base32 (no I, L, O
 * or U, so codes read aloud or retyped stay unambiguous). The caller supplies the randomness
 * (crypto.getRandomValues) so this module stays pure and testable.
 */
export function discountCode(prefix: string, random: Uint8Array): string {
  if (random.length < 8) throw new RangeError(`discountCode needs at least 8 random bytes, got ${random.length}`);
  const head =
    prefix
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 12) || "LAUREL";
  let bits = 0n;
  for (const byte of random.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 4n; // 64 → 60 bits: 12 characters of 5 bits each
  let body = "";
  for (let i = 11; i >= 0; i--) body += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${head}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}

const DAY = 86_400_000;

/**
 * When a code issued at `now` expires. Not clipped to the reward's end: a member who redeemed
 * just before the reward ended paid for a code that lives its full lifetime.
 */
export const codeEndsAt = (now: Date, reward: Pick<Reward, "codeLifetimeDays">) =>
  new Date(now.getTime() + reward.codeLifetimeDays * DAY);

// ---------------------------------------------------------------------------------------------
// Defaults

/**
 * The rewards every new program starts with. Members earn 1 point per unit of currency, so
 * 100 points ≈ 1 unit of value (1 % back) in any currency.
 */
export function defaultRewards(currency: string): Reward[] {
  const base = {
    minimumSubtotal: null,
    codeLifetimeDays: 30,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
    startsAt: null,
    endsAt: null,
    tierIds: null,
    segmentIds: null,
    limitPerMember: null,
  };
  return [
    {
      ...base,
      type: "amount_off",
      // No currency symbol in the title: the storefront shows the amount, formatted, next to it.
      title: { en: "Amount off your order", ru: "Скидка на заказ" },
      cost: 500,
      amount: 5 * minorPerUnit(currency),
    },
    {
      ...base,
      type: "percent_off",
      title: { en: "10% off your order", ru: "Скидка 10% на заказ" },
      cost: 1000,
      percent: 10,
      cap: null,
    },
    {
      ...base,
      type: "free_shipping",
      title: { en: "Free shipping", ru: "Бесплатная доставка" },
      cost: 300,
      maxShippingRate: null,
    },
  ];
}
