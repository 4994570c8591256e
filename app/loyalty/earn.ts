// How many points an order earns, and why, line by line. Pure: the same order and rules always
// give the same answer, so checkout's "you will earn N points", the webhook that awards them and
// the tests all call this one function.
//
// Arithmetic is exact: every contribution is a rational number of points (BigInt numerator over a
// shared denominator), and the order's total is rounded once, so no fraction of a point is lost
// or invented line by line. Lines then get whole-point shares that add up to the total.

/** A line as the purchase rule sees it: amounts in the shop currency's minor units. */
export interface EarnLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  /** Price of one unit before discounts. */
  unitPrice: number;
  /** All discounts allocated to the line, for its whole quantity. */
  discount: number;
  giftCard: boolean;
}

export interface EarnOrder {
  id: string;
  currency: string;
  placedAt: Date;
  lines: EarnLine[];
  /** Shipping after shipping discounts. */
  shipping: number;
  tax: number;
  /** How many orders the customer placed before this one (for "first N orders" campaigns). */
  previousOrders: number;
}

/** What Laurel knows of a product from the catalog (tags, collections). */
export interface ProductFacts {
  tags: string[];
  collectionIds: string[];
}

export interface PurchaseRule {
  /** `points` points for every `per` minor units of eligible spend (1 per 100 = 1 per dollar). */
  points: number;
  per: number;
  includeShipping: boolean;
  includeTaxes: boolean;
  includeGiftCards: boolean;
  rounding: "down" | "nearest";
  /** Orders whose eligible spend is below this (minor units) earn nothing. */
  minimumOrder: number;
}

export interface ProductBonus {
  id: string;
  match: { productIds: string[]; collectionIds: string[]; tags: string[] };
  /** multiplier: the line's points × percent / 100 (150 = ×1.5); fixed: + points per unit. */
  kind: "multiplier" | "fixed";
  value: number;
}

export interface Campaign {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  /** multiplier: extra points = purchase points × (percent − 100) / 100; fixed: + points per order. */
  kind: "multiplier" | "fixed";
  value: number;
  /** Only the customer's first N orders qualify, when set. */
  firstOrders: number | null;
  /** Only members in these segments or tiers qualify, when set (later issues fill these in). */
  segmentIds: string[] | null;
  tierIds: string[] | null;
  /**
   * Paused and archived campaigns give nothing, whatever their dates. Absent means active: rules
   * saved before campaigns could be paused read that way.
   */
  status?: CampaignStatus;
}

export type CampaignStatus = "active" | "paused" | "archived";

/** Whether the merchant has the campaign switched on (its dates are checked separately). */
export const campaignIsOn = (campaign: Campaign) => (campaign.status ?? "active") === "active";

export interface EarnRules {
  purchase: PurchaseRule;
  bonuses: ProductBonus[];
  campaigns: Campaign[];
}

export interface MemberFacts {
  segmentIds: string[];
  tierId: string | null;
  /** The member's VIP tier multiplier on purchase points, percent (150 = ×1.5); absent: none. */
  tierMultiplier?: number;
}

export interface LinePoints {
  lineId: string;
  /** Spend on this line that earns points (after discounts), minor units. */
  amount: number;
  points: number;
  bonusId: string | null;
}

export interface Earning {
  /** Spend the purchase rule applied to: eligible lines, and shipping and tax when included. */
  eligibleAmount: number;
  /** Purchase points, product bonuses included. */
  purchasePoints: number;
  lines: LinePoints[];
  shipping: { amount: number; points: number };
  tax: { amount: number; points: number };
  campaigns: { id: string; points: number }[];
  /** The extra purchase points the member's VIP tier gives (its multiplier), when any. */
  tier: { id: string; points: number } | null;
  total: number;
  /** Why the order earns less than it might: "below_minimum". */
  notes: string[];
}

interface Rational {
  numerator: bigint;
}

/** Every rational here shares this denominator: per × 100 (bonus percent) × 100 (campaign percent). */
const denominator = (rule: PurchaseRule) => BigInt(rule.per) * 10_000n;

function round(value: bigint, over: bigint, mode: PurchaseRule["rounding"]): number {
  if (value <= 0n) return 0;
  return Number(mode === "down" ? value / over : (value * 2n + over) / (2n * over));
}

export function bonusFor(line: EarnLine, bonuses: ProductBonus[], facts: Map<string, ProductFacts>) {
  const product = line.productId ? facts.get(line.productId) : undefined;
  return bonuses.find(
    (b) =>
      (line.productId !== null && b.match.productIds.includes(line.productId)) ||
      (product?.collectionIds.some((c) => b.match.collectionIds.includes(c)) ?? false) ||
      (product?.tags.some((t) => b.match.tags.some((wanted) => wanted.toLowerCase() === t.toLowerCase())) ?? false),
  );
}

export function campaignApplies(campaign: Campaign, order: EarnOrder, member: MemberFacts): boolean {
  if (!campaignIsOn(campaign)) return false;
  if (order.placedAt < campaign.startsAt || order.placedAt >= campaign.endsAt) return false;
  if (campaign.firstOrders !== null && order.previousOrders >= campaign.firstOrders) return false;
  if (campaign.segmentIds && !campaign.segmentIds.some((s) => member.segmentIds.includes(s))) return false;
  if (campaign.tierIds && (member.tierId === null || !campaign.tierIds.includes(member.tierId))) return false;
  return true;
}

/** Splits `total` whole points over weights (largest remainders), so shares add up exactly. */
function shares(total: number, weights: bigint[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * BigInt(total)) / sum);
  const rest = total - Number(exact.reduce((a, b) => a + b, 0n));
  const order = weights
    .map((w, i) => ({ i, remainder: (w * BigInt(total)) % sum }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i));
  const result = exact.map(Number);
  for (let k = 0; k < rest; k++) result[order[k]!.i]! += 1;
  return result;
}

export function pointsForOrder(
  order: EarnOrder,
  rules: EarnRules,
  facts: Map<string, ProductFacts> = new Map(),
  member: MemberFacts = { segmentIds: [], tierId: null },
): Earning {
  const rule = rules.purchase;
  const over = denominator(rule);
  const perPoint = (amount: number): Rational => ({ numerator: BigInt(amount) * BigInt(rule.points) * 10_000n });

  const lineParts = order.lines.map((line) => {
    const amount =
      line.giftCard && !rule.includeGiftCards ? 0 : Math.max(0, line.unitPrice * line.quantity - line.discount);
    const bonus = amount > 0 ? bonusFor(line, rules.bonuses, facts) : undefined;
    let value = perPoint(amount).numerator;
    if (bonus?.kind === "multiplier") value = (value * BigInt(bonus.value)) / 100n;
    if (bonus?.kind === "fixed") value += BigInt(bonus.value * line.quantity) * over;
    return { line, amount, value, bonusId: bonus?.id ?? null };
  });
  const shipping = rule.includeShipping ? Math.max(0, order.shipping) : 0;
  const tax = rule.includeTaxes ? Math.max(0, order.tax) : 0;
  const eligibleAmount = lineParts.reduce((sum, p) => sum + p.amount, 0) + shipping + tax;

  const notes: string[] = [];
  const qualifies = eligibleAmount > 0 && eligibleAmount >= rule.minimumOrder;
  if (eligibleAmount > 0 && !qualifies) notes.push("below_minimum");

  const exact = [...lineParts.map((p) => p.value), perPoint(shipping).numerator, perPoint(tax).numerator];
  const purchasePoints = qualifies
    ? round(
        exact.reduce((a, b) => a + b, 0n),
        over,
        rule.rounding,
      )
    : 0;
  const split = shares(purchasePoints, exact);

  const campaigns = qualifies
    ? rules.campaigns
        .filter((c) => campaignApplies(c, order, member))
        .map((c) => ({
          id: c.id,
          points: c.kind === "fixed" ? c.value : Math.floor((purchasePoints * Math.max(0, c.value - 100)) / 100),
        }))
        .filter((c) => c.points > 0)
    : [];

  // Like a campaign multiplier: on the purchase points only, rounded down.
  const tierPoints =
    purchasePoints > 0 && member.tierId !== null && (member.tierMultiplier ?? 100) > 100
      ? Math.floor((purchasePoints * ((member.tierMultiplier ?? 100) - 100)) / 100)
      : 0;
  const tier = tierPoints > 0 ? { id: member.tierId!, points: tierPoints } : null;

  return {
    eligibleAmount,
    purchasePoints,
    lines: lineParts.map((p, i) => ({ lineId: p.line.id, amount: p.amount, points: split[i]!, bonusId: p.bonusId })),
    shipping: { amount: shipping, points: split[lineParts.length]! },
    tax: { amount: tax, points: split[lineParts.length + 1]! },
    campaigns,
    tier,
    total: purchasePoints + campaigns.reduce((sum, c) => sum + c.points, 0) + tierPoints,
    notes,
  };
}
