// The earn pages' data as the forms show it: money as decimal strings in the shop's currency,
// multipliers as "1.5", campaign days as YYYY-MM-DD and each campaign's phase at `now`.
import { pointsForOrder, type Campaign, type EarnRules, type ProductBonus, type PurchaseRule } from "../loyalty/earn";
import { minorPerUnit, toDecimal } from "../loyalty/currency";
import type { ProgramSettings } from "../loyalty/program";
import { campaignDays, campaignPhase, multiplierText, parsePurchase, type CampaignPhase } from "./earn-forms";

export interface EarnSource {
  currency: string;
  pointsName: ProgramSettings["pointsName"];
  version: number | null;
  rules: EarnRules;
  actions: ProgramSettings["actions"];
  customActions: ProgramSettings["customActions"];
}

export interface BonusValues {
  kind: ProductBonus["kind"];
  value: string;
  productIds: string;
  collectionIds: string;
  tags: string;
}

export interface CampaignValues {
  name: string;
  startsAt: string;
  endsOn: string;
  kind: Campaign["kind"];
  value: string;
  firstOrders: string;
}

export interface CustomActionValues {
  nameEn: string;
  nameRu: string;
  points: string;
  limitCount: string;
  limitPer: ProgramSettings["customActions"][number]["limit"]["per"];
}

/** "gid://shopify/Product/12" → "12": merchants see the number from the admin's address. */
const numericIds = (ids: string[]) => ids.map((id) => id.slice(id.lastIndexOf("/") + 1)).join(", ");

export const bonusValues = (bonus: ProductBonus): BonusValues => ({
  kind: bonus.kind,
  value: bonus.kind === "multiplier" ? multiplierText(bonus.value) : String(bonus.value),
  productIds: numericIds(bonus.match.productIds),
  collectionIds: numericIds(bonus.match.collectionIds),
  tags: bonus.match.tags.join(", "),
});

export const campaignValues = (campaign: Campaign): CampaignValues => ({
  name: campaign.name,
  ...campaignDays(campaign),
  kind: campaign.kind,
  value: campaign.kind === "multiplier" ? multiplierText(campaign.value) : String(campaign.value),
  firstOrders: campaign.firstOrders === null ? "" : String(campaign.firstOrders),
});

export const customActionValues = (action: ProgramSettings["customActions"][number]): CustomActionValues => ({
  nameEn: action.name.en,
  nameRu: action.name.ru,
  points: String(action.points),
  limitCount: String(action.limit.count),
  limitPer: action.limit.per,
});

/** Archived campaigns go last; the rest keep the merchant's order. */
const PHASE_ORDER: Record<CampaignPhase, number> = { running: 0, upcoming: 0, paused: 0, ended: 0, archived: 1 };

export function earnOverview(source: EarnSource, now: Date) {
  const { rules, currency } = source;
  return {
    currency,
    pointsName: source.pointsName,
    version: source.version,
    purchase: {
      points: String(rules.purchase.points),
      per: toDecimal(rules.purchase.per, currency),
      minimumOrder: toDecimal(rules.purchase.minimumOrder, currency),
      includeShipping: rules.purchase.includeShipping,
      includeTaxes: rules.purchase.includeTaxes,
      includeGiftCards: rules.purchase.includeGiftCards,
      rounding: rules.purchase.rounding,
    },
    bonuses: rules.bonuses.map((bonus) => ({ id: bonus.id, ...bonusValues(bonus), match: bonus.match })),
    campaigns: rules.campaigns
      .map((campaign) => ({ id: campaign.id, ...campaignValues(campaign), phase: campaignPhase(campaign, now) }))
      .sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]),
    actions: {
      signup: String(source.actions.signup),
      birthday: String(source.actions.birthday),
      newsletter: String(source.actions.newsletter),
    },
    customActions: source.customActions.map((action) => ({
      id: action.id,
      name: action.name,
      points: action.points,
      limit: action.limit,
    })),
  };
}

export type EarnOverview = ReturnType<typeof earnOverview>;

/** The example order the purchase form's preview prices: 100 units of the shop's currency. */
export const PREVIEW_UNITS = 100;

/**
 * Points an order of 100 units would earn under the purchase rule as typed (before any product
 * bonus or campaign), by the same function that awards them; null while the form is invalid.
 */
export function purchasePreview(
  form: Record<string, unknown>,
  rounding: PurchaseRule["rounding"],
  currency: string,
): number | null {
  const parsed = parsePurchase(form, currency);
  if (!parsed.ok) return null;
  const price = PREVIEW_UNITS * minorPerUnit(currency);
  const earning = pointsForOrder(
    {
      id: "preview",
      currency,
      placedAt: new Date(0),
      lines: [
        { id: "line", productId: null, variantId: null, quantity: 1, unitPrice: price, discount: 0, giftCard: false },
      ],
      shipping: 0,
      tax: 0,
      previousOrders: 0,
    },
    { purchase: { ...parsed.value, rounding }, bonuses: [], campaigns: [] },
  );
  return earning.total;
}
