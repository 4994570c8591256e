// Each VIP tier's perks at checkout without Shopify Functions (decision 009): a customer segment
// that selects the tier's tag, and automatic discounts limited to it — a percentage off every
// order, and free shipping (from a subtotal, if the tier says so). Pure: what each tier needs in
// Shopify, in Shopify's input shapes, whether what was sent last still matches, and which tier
// tags a member's customer should carry. app/tiers/shopify.server.ts sends it.
import { toDecimal } from "./currency";
import { effectiveTier, tierTag, type Ladder } from "./tiers";

/** The language of what shoppers and the merchant see in Shopify: the shop's primary one. */
export type ShopLanguage = "en" | "ru";
export const languageOf = (locale: string | null | undefined): ShopLanguage =>
  locale?.toLowerCase().startsWith("ru") ? "ru" : "en";

const HOUR = 3_600_000;
/**
 * Every tier discount ends this long after Laurel last renewed it. Shopify revokes the app's
 * token before app/uninstalled arrives, so Laurel cannot delete its discounts after an uninstall;
 * instead they lapse by themselves once the renewals stop.
 */
export const LEASE_MS = 48 * HOUR;
/** A lease with less than this left is renewed by the next sync (the scheduler runs every 6 h). */
export const RENEW_BELOW_MS = 36 * HOUR;
export const RENEW_EVERY_MS = 6 * HOUR;

/** What one tier needs in Shopify. Names and titles in the shop's language. */
export interface TierSpec {
  tierId: string;
  /** The tier's names, as members' metafields carry them (a rename refreshes those). */
  names: { en: string; ru: string };
  segment: { name: string; query: string };
  /** A percentage off every order; null when the tier gives none. */
  discount: { title: string; percent: number } | null;
  /** Free shipping; `minimumSubtotal` a decimal in the shop's currency, null for every order. */
  shipping: { title: string; minimumSubtotal: string | null } | null;
}

const TITLES = {
  en: {
    segment: (name: string) => `Laurel VIP: ${name}`,
    discount: (name: string, percent: number) => `${name} member discount — ${percent}%`,
    shipping: (name: string) => `${name} member free shipping`,
  },
  ru: {
    segment: (name: string) => `Laurel VIP: ${name}`,
    discount: (name: string, percent: number) => `Скидка уровня «${name}» — ${percent}%`,
    shipping: (name: string) => `Бесплатная доставка уровня «${name}»`,
  },
} as const;

/** The segment that selects a tier's members: those Laurel tagged with the tier's tag. */
export const segmentQuery = (tierId: string) => `customer_tags CONTAINS '${tierTag(tierId)}'`;

/** Shopify refuses a second segment of the same name: the first free one of Name, Name (2)… */
export const segmentName = (base: string, attempt: number) => (attempt === 0 ? base : `${base} (${attempt + 1})`);

/** Every tier's Shopify objects while tiers are on; none when they are off or never set up. */
export function tierSpecs(ladder: Ladder | null, currency: string, language: ShopLanguage): TierSpec[] {
  if (!ladder?.enabled) return [];
  const titles = TITLES[language];
  return ladder.tiers.map((tier) => {
    const name = tier.name[language];
    const { discountPercent, freeShippingOver } = tier.perks;
    return {
      tierId: tier.id,
      names: { en: tier.name.en, ru: tier.name.ru },
      segment: { name: titles.segment(name), query: segmentQuery(tier.id) },
      discount:
        discountPercent > 0 ? { title: titles.discount(name, discountPercent), percent: discountPercent } : null,
      shipping:
        freeShippingOver === null
          ? null
          : {
              title: titles.shipping(name),
              minimumSubtotal: freeShippingOver > 0 ? toDecimal(freeShippingOver, currency) : null,
            },
    };
  });
}

/** What Laurel last sent for a tier (TierDiscount.synced). */
export interface Synced {
  spec: TierSpec;
  /** The segment's name in Shopify (the spec's, or a numbered one when that was taken). */
  segmentName: string;
  /** When the discounts' lease ends (ISO). */
  endsAt: string;
}

/** Reads TierDiscount.synced; anything unreadable (e.g. the initial "{}") counts as never synced. */
export function parseSynced(text: string | null | undefined): Synced | null {
  try {
    const value = JSON.parse(text ?? "null") as Partial<Synced> | null;
    return value?.spec && typeof value.segmentName === "string" && typeof value.endsAt === "string"
      ? (value as Synced)
      : null;
  } catch {
    return null;
  }
}

export interface TierIds {
  segmentId: string | null;
  discountId: string | null;
  shippingDiscountId: string | null;
}

/** A lease that ends within RENEW_BELOW_MS (or has ended) is due for renewal. */
export const leaseDue = (synced: Synced | null, now: Date) =>
  !synced || new Date(synced.endsAt).getTime() - now.getTime() < RENEW_BELOW_MS;

/**
 * Whether the tier needs any Shopify call: not when what was sent last is what would be sent
 * now, every object it needs is recorded, and its discounts' lease (if it has any) has time left.
 */
export function needsSync(spec: TierSpec, ids: TierIds | null, synced: Synced | null, now: Date): boolean {
  if (!ids || !synced || JSON.stringify(synced.spec) !== JSON.stringify(spec)) return true;
  if ((spec.discount || spec.shipping) && leaseDue(synced, now)) return true;
  return (
    !ids.segmentId ||
    (spec.discount !== null) !== (ids.discountId !== null) ||
    (spec.shipping !== null) !== (ids.shippingDiscountId !== null)
  );
}

/** A segment's query as Shopify may echo it back: same words, any spacing. */
export const sameQuery = (a: string, b: string) => a.trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " ");

/**
 * How tier discounts combine. The percentage is an order discount: it combines with product
 * discounts, with shipping discounts (the tier's free shipping, a free-shipping reward) and with
 * other order discounts, so a member can still use Laurel's reward codes (when the reward allows
 * order combinations too). Free shipping combines with product and order discounts; Shopify
 * applies one shipping discount per shipping line anyway.
 */
export const DISCOUNT_COMBINES = { orderDiscounts: true, productDiscounts: true, shippingDiscounts: true } as const;
export const SHIPPING_COMBINES = { orderDiscounts: true, productDiscounts: true, shippingDiscounts: false } as const;

/** Only on creation: the segment it is limited to and when it starts (updates keep both). */
export interface Creation {
  segmentId: string;
  startsAt: Date;
}

/** DiscountAutomaticBasicInput for the tier's percentage (Shopify takes 0.05 for 5 %). */
export function discountInput(spec: NonNullable<TierSpec["discount"]>, endsAt: Date, creation: Creation | null) {
  return {
    title: spec.title,
    customerGets: { value: { percentage: spec.percent / 100 }, items: { all: true } },
    combinesWith: DISCOUNT_COMBINES,
    endsAt: endsAt.toISOString(),
    ...creationFields(creation),
  };
}

/** DiscountAutomaticFreeShippingInput for the tier's free shipping. */
export function shippingInput(spec: NonNullable<TierSpec["shipping"]>, endsAt: Date, creation: Creation | null) {
  return {
    title: spec.title,
    destination: { all: true },
    combinesWith: SHIPPING_COMBINES,
    ...(spec.minimumSubtotal !== null
      ? { minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: spec.minimumSubtotal } } }
      : {}),
    endsAt: endsAt.toISOString(),
    ...creationFields(creation),
  };
}

const creationFields = (creation: Creation | null) =>
  creation
    ? { startsAt: creation.startsAt.toISOString(), context: { customerSegments: { add: [creation.segmentId] } } }
    : {};

/**
 * Whether the tier's existing free-shipping discount must be made again rather than updated: an
 * update cannot be relied on to drop a minimum, so dropping one (or not knowing what was sent)
 * replaces the discount.
 */
export const shippingNeedsReplacing = (
  before: TierSpec["shipping"] | undefined,
  after: NonNullable<TierSpec["shipping"]>,
) => before == null || (before.minimumSubtotal !== null && after.minimumSubtotal === null);

// --- Member tags ------------------------------------------------------------------------------

const TAG_PREFIX = tierTag("");

/** The tier tag a member's customer should carry: their effective tier's, or none. */
export const wantedTag = (ladder: Ladder | null, tierId: string | null) => {
  const tier = effectiveTier(ladder, tierId);
  return tier ? tierTag(tier.id) : null;
};

/**
 * The tag changes that leave a customer with exactly the wanted tier tag: every other
 * `laurel-tier-*` tag goes (tiers removed from the ladder included); tags compare as Shopify
 * compares them, ignoring case.
 */
export function tagChanges(current: string[], wanted: string | null): { add: string[]; remove: string[] } {
  const lower = wanted?.toLowerCase() ?? null;
  const remove = current.filter((t) => t.toLowerCase().startsWith(TAG_PREFIX) && t.toLowerCase() !== lower);
  const add = wanted !== null && !current.some((t) => t.toLowerCase() === lower) ? [wanted] : [];
  return { add, remove };
}
