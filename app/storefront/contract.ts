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

export interface MemberView {
  balance: number;
  pending: number;
  lifetimeEarned: number;
  birthday: string | null;
  tier: string | null;
  nextTier: string | null;
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
  program: { pointsName: string; currency: string; earnRulesSummary: EarnWay[] };
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
