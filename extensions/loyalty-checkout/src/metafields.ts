// What Laurel publishes for checkout in its `$app:loyalty` metafields, read without a network
// call: the member's balance and VIP tier (customer `member`) and the active reward catalog with
// the shop's VIP tiers and their perks (shop `rewards`).
// Parsed by hand (no zod in the bundle) and defensively: a bad document counts as absent, a
// bad reward is skipped, so a publishing mistake never breaks checkout.
import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";
import type { RewardType, TierPerksView, ValueView } from "../../shared/contract";

/** Merchant-written text by language: `{"en": "…", "ru": "…"}`. */
export type Localized = Record<string, string>;

export interface Member {
  points: number;
  pending: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  /** The member's VIP tier, its name in the merchant's languages; null: none (or tiers off). */
  tier: { id: string; name: Localized } | null;
}

/** A tier of the shop's ladder, with its perks as the storefront API carries them. */
export interface CatalogTier {
  id: string;
  name: Localized;
  perks: TierPerksView;
}

export interface CatalogReward {
  id: string;
  title: Localized;
  type: RewardType;
  /** Points; for points for cash, one step. */
  cost: number;
  value: ValueView;
  minimumSubtotal: string | null;
  checkoutOnly: boolean;
  startsAt: string | null;
  endsAt: string | null;
  limitPerMember: number | null;
  /** Only members on these tiers may take it; null: everyone. */
  tierIds: string[] | null;
}

export interface Catalog {
  currency: string;
  pointsName: Localized;
  /** The shop's code prefix, when the catalog carries it (it tells Laurel's codes apart). */
  codePrefix: string | null;
  rewards: CatalogReward[];
  /** The shop's VIP tiers, when the catalog carries them (empty: none, or tiers off). */
  tiers: CatalogTier[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isDecimal = (v: unknown): v is string => typeof v === "string" && /^\d+(\.\d+)?$/.test(v);
const isDate = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));
const orNull = <T>(v: unknown, check: (v: unknown) => v is T): T | null | undefined =>
  v === null || v === undefined ? null : check(v) ? v : undefined;

const REWARD_TYPES: readonly RewardType[] = [
  "amount_off",
  "percent_off",
  "free_shipping",
  "free_product",
  "points_for_cash",
];

/** Shopify resolves `$app:loyalty` to `app--<app id>--loyalty`; accept either spelling. */
const isLaurelNamespace = (namespace: string) => namespace === "$app:loyalty" || /^app--\d+--loyalty$/.test(namespace);

function parseJson(entries: AppMetafieldEntry[], type: "customer" | "shop", key: string): Json | null {
  const entry = entries.find(
    (e) => e.target.type === type && e.metafield.key === key && isLaurelNamespace(e.metafield.namespace),
  );
  if (!entry) return null;
  try {
    const parsed: unknown = JSON.parse(entry.metafield.value);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function parseMember(doc: Json | null): Member | null {
  if (!doc || !isCount(doc.points)) return null;
  const count = (v: unknown) => (isCount(v) ? v : 0);
  return {
    points: doc.points,
    pending: count(doc.pending),
    lifetimeEarned: count(doc.lifetimeEarned),
    lifetimeRedeemed: count(doc.lifetimeRedeemed),
    tier: parseTierName(doc.tier),
  };
}

/** `{id, name}`: a tier without an id or a name counts as none. */
function parseTierName(v: unknown): Member["tier"] {
  if (!isObject(v) || typeof v.id !== "string" || v.id === "") return null;
  const name = parseLocalized(v.name);
  return name ? { id: v.id, name } : null;
}

function parsePerks(v: unknown): TierPerksView | null {
  if (!isObject(v)) return null;
  const { earnMultiplier, discountPercent, entryBonus } = v;
  const freeShippingOver = orNull(v.freeShippingOver, isDecimal);
  const valid =
    isCount(earnMultiplier) &&
    earnMultiplier >= 100 &&
    isCount(discountPercent) &&
    discountPercent <= 100 &&
    isCount(entryBonus) &&
    freeShippingOver !== undefined;
  return valid ? { earnMultiplier, discountPercent, freeShippingOver, entryBonus } : null;
}

export function parseTier(v: unknown): CatalogTier | null {
  const tier = parseTierName(v);
  const perks = isObject(v) ? parsePerks(v.perks) : null;
  return tier && perks ? { ...tier, perks } : null;
}

const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.every((id) => typeof id === "string");

function parseLocalized(v: unknown): Localized | null {
  if (typeof v === "string") return { en: v };
  if (!isObject(v)) return null;
  const entries = Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

export function parseValue(v: unknown): ValueView | null {
  if (!isObject(v)) return null;
  const currency = typeof v.currency === "string" ? v.currency : null;
  switch (v.kind) {
    case "amount":
      return isDecimal(v.amount) && currency ? { kind: "amount", amount: v.amount, currency } : null;
    case "free_product": {
      const amount = orNull(v.amount, isDecimal);
      return amount !== undefined && currency && typeof v.variantId === "string"
        ? { kind: "free_product", amount, currency, variantId: v.variantId }
        : null;
    }
    case "percentage": {
      const cap = orNull(v.cap, isDecimal);
      return typeof v.percent === "number" && v.percent > 0 && cap !== undefined
        ? { kind: "percentage", percent: v.percent, cap }
        : null;
    }
    case "free_shipping": {
      const maxShippingRate = orNull(v.maxShippingRate, isDecimal);
      return maxShippingRate !== undefined ? { kind: "free_shipping", maxShippingRate } : null;
    }
    case "points_for_cash": {
      const { pointsStep, stepValue, maxPercentOfSubtotal: percent } = v;
      const valid =
        isCount(pointsStep) &&
        pointsStep > 0 &&
        isDecimal(stepValue) &&
        isCount(percent) &&
        percent > 0 &&
        percent <= 100;
      return valid && currency
        ? { kind: "points_for_cash", pointsStep, stepValue, maxPercentOfSubtotal: percent, currency }
        : null;
    }
    default:
      return null;
  }
}

export function parseReward(v: unknown): CatalogReward | null {
  if (!isObject(v) || typeof v.id !== "string") return null;
  const title = parseLocalized(v.title);
  const value = parseValue(v.value);
  const type = REWARD_TYPES.find((t) => t === v.type);
  const minimumSubtotal = orNull(v.minimumSubtotal, isDecimal);
  const startsAt = orNull(v.startsAt, isDate);
  const endsAt = orNull(v.endsAt, isDate);
  const limitPerMember = orNull(v.limitPerMember, isCount);
  const tierIds = orNull(v.tierIds, isIds);
  if (!title || !value || !type || !isCount(v.cost) || v.cost === 0) return null;
  if ((type === "points_for_cash") !== (value.kind === "points_for_cash")) return null;
  // A restriction that can't be read makes the reward unreadable: never offered to everyone by mistake.
  if (
    minimumSubtotal === undefined ||
    startsAt === undefined ||
    endsAt === undefined ||
    limitPerMember === undefined ||
    tierIds === undefined
  ) {
    return null;
  }
  return {
    id: v.id,
    title,
    type,
    cost: value.kind === "points_for_cash" ? value.pointsStep : v.cost,
    value,
    minimumSubtotal,
    checkoutOnly: v.checkoutOnly === true,
    startsAt,
    endsAt,
    limitPerMember,
    tierIds,
  };
}

export function parseCatalog(doc: Json | null): Catalog | null {
  if (!doc || typeof doc.currency !== "string" || !Array.isArray(doc.rewards)) return null;
  return {
    currency: doc.currency,
    pointsName: parseLocalized(doc.pointsName) ?? {},
    codePrefix: typeof doc.codePrefix === "string" && doc.codePrefix !== "" ? doc.codePrefix.toUpperCase() : null,
    rewards: doc.rewards.map(parseReward).filter((r): r is CatalogReward => r !== null),
    tiers: Array.isArray(doc.tiers) ? doc.tiers.map(parseTier).filter((t): t is CatalogTier => t !== null) : [],
  };
}

/** The member (null for a guest or a customer who is not a member) and the catalog. */
export function readLoyalty(entries: AppMetafieldEntry[]): { member: Member | null; catalog: Catalog | null } {
  return {
    member: parseMember(parseJson(entries, "customer", "member")),
    catalog: parseCatalog(parseJson(entries, "shop", "rewards")),
  };
}

/** The perks of the member's tier, from the catalog's tiers (null: no tier, or the catalog has none for it). */
export const tierPerksOf = (member: Member, catalog: Catalog | null): TierPerksView | null =>
  (member.tier && catalog?.tiers.find((t) => t.id === member.tier?.id)?.perks) ?? null;

/** Merchant text in the shopper's language (`ru-RU` → `ru`), else English, else any. */
export function localize(text: Localized, language: string): string {
  const base = language.toLowerCase().split("-")[0] ?? "";
  return text[language] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? "";
}
