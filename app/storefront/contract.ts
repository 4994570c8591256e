// The storefront API's wire format, as docs/storefront-api.md describes it: what the routes
// answer and what the extensions send and read (extensions/shared/contract.ts re-exports it), so
// a change to either side that breaks the other fails the typecheck. Types only: no imports, so
// the extensions' build never pulls in server code. Money is a decimal string in the shop's
// currency, points are integers.

export type ValueView =
  | { kind: "amount"; amount: string; currency: string }
  | { kind: "free_product"; amount: string | null; currency: string; variantId: string }
  | { kind: "percentage"; percent: number; cap: string | null }
  | { kind: "free_shipping"; maxShippingRate: string | null }
  | { kind: "points_for_cash"; pointsStep: number; stepValue: string; maxPercentOfSubtotal: number; currency: string };

export type RewardType = "amount_off" | "percent_off" | "free_shipping" | "free_product" | "points_for_cash";

export interface EarnWay {
  kind: "purchase" | "signup" | "birthday" | "newsletter" | "custom" | "campaign";
  points: number;
  /** The server's sentence in the shopper's language. */
  text: string;
  /** Purchases: `points` for every `amount` (a decimal in `currency`) spent. */
  amount?: string;
  currency?: string;
}

/** What VIP tiers are reached by: points earned, money spent or orders placed (app/loyalty/tiers.ts). */
export type TierMetric = "points" | "spend" | "orders";
/** Over what the metric is summed: the last 12 months, since 1 January, or all time. */
export type TierWindow = "rolling12" | "calendarYear" | "lifetime";

/**
 * An amount of the ladder's metric: points and orders as integers; spend as money, a decimal
 * string in the shop's currency like every amount here. Read it with `program.tierMetric`.
 */
export type TierAmount = number | string;

export interface TierPerksView {
  /** Points on purchases × earnMultiplier / 100, a whole percent: 150 is ×1.5, 100 no extra. */
  earnMultiplier: number;
  /** A discount on every order, a whole percent (0: none). */
  discountPercent: number;
  /** Free shipping on orders from this subtotal (a decimal in the shop's currency; "0.00": every order); null: no free shipping. */
  freeShippingOver: string | null;
  /** Points given once, on first reaching the tier. */
  entryBonus: number;
}

/** A tier: its name in the shopper's language and its perks. */
export interface TierView {
  id: string;
  name: string;
  perks: TierPerksView;
}

/** A tier of the ladder, lowest first, with what reaches it. */
export interface LadderTierView extends TierView {
  threshold: TierAmount;
}

/** The member's next tier: reached at `threshold`, `needed` more away. */
export interface NextTierView {
  id: string;
  name: string;
  threshold: TierAmount;
  needed: TierAmount;
}

export interface MemberView {
  balance: number;
  pending: number;
  lifetimeEarned: number;
  birthday: string | null;
  /** The member's VIP tier; null while the shop has no tiers, or before the member reaches the first. */
  tier: TierView | null;
  /** The tier above; null at the top or while the shop has no tiers. */
  nextTier: NextTierView | null;
  /** 0–100, from the current tier's threshold to the next one's (100 at the top); null without tiers. */
  progress: number | null;
  expiring: { points: number; at: string }[];
}

export interface RewardView {
  id: string;
  title: string;
  type: RewardType;
  cost: number;
  value: ValueView;
  affordable: boolean;
  redeemable: boolean;
  reason?: string;
  shortBy: number;
}

export interface CodeView {
  code: string;
  title: string;
  value: ValueView;
  endsAt: string;
  used: boolean;
}

export interface LoyaltyResponse {
  program: {
    pointsName: string;
    currency: string;
    earnRulesSummary: EarnWay[];
    /** The shop's VIP tiers, lowest first; null while it has none switched on (as are the two below). */
    tiers: LadderTierView[] | null;
    tierMetric: TierMetric | null;
    tierWindow: TierWindow | null;
  };
  member: MemberView | null;
  rewards: RewardView[];
  codes: CodeView[];
}

export interface HistoryEntry {
  id: string;
  reason: string;
  points: number;
  pending: number;
  at: string;
  orderId: string | null;
  note: string | null;
}

export interface HistoryResponse {
  entries: HistoryEntry[];
  nextCursor: string | null;
}

export interface RedeemRequest {
  rewardId: string;
  idempotencyKey: string;
  points?: number;
  subtotal?: string;
}

export interface RedeemResponse {
  code: string;
  title: string;
  value: ValueView;
  points: number;
  endsAt: string;
  balance: number;
}

export interface EstimateLine {
  variantId: string;
  productId?: string;
  quantity: number;
  price: string;
}

export interface EstimateRequest {
  lines: EstimateLine[];
  subtotal?: string;
}

export interface EstimateResponse {
  points: number;
}

export interface BirthdayResponse {
  birthday: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; shortBy?: number; seconds?: number; reason?: string };
}
