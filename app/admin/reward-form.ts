// The reward form in the admin: a reward as form fields (money as decimal strings in the shop's
// currency, numbers and dates as text) and back. Validation is the domain schema's; this only
// turns text into the schema's input and the schema's complaints into a message per field, as
// translation keys so the page shows them in the merchant's language.
import type { MessageKey } from "../i18n/translate";
import { minorPerUnit, toDecimal, toMinor } from "../loyalty/currency";
import { rewardSchema, type Reward, type RewardType } from "../loyalty/rewards";
import { BUILT_IN_SEGMENTS, readSegmentChoice, segmentChoiceText } from "../loyalty/segments";

export const REWARD_TYPES = [
  "amount_off",
  "percent_off",
  "free_shipping",
  "free_product",
  "points_for_cash",
] as const satisfies readonly RewardType[];

export interface RewardFormValues {
  type: RewardType;
  titleEn: string;
  titleRu: string;
  cost: string;
  amount: string;
  percent: string;
  cap: string;
  maxShippingRate: string;
  variantId: string;
  stepValue: string;
  maxPercentOfSubtotal: string;
  minimumSubtotal: string;
  codeLifetimeDays: string;
  combinesOrder: boolean;
  combinesProduct: boolean;
  combinesShipping: boolean;
  startsAt: string;
  endsAt: string;
  limitPerMember: string;
  /** Only members in these segments may redeem: ids joined by commas, "" for everyone. */
  segmentIds: string;
}

export type RewardField = keyof RewardFormValues;

/** The fields only some types have; every other field belongs to every reward. */
export const TYPE_FIELDS: Record<RewardType, RewardField[]> = {
  amount_off: ["amount"],
  percent_off: ["percent", "cap"],
  free_shipping: ["maxShippingRate"],
  free_product: ["variantId"],
  points_for_cash: ["stepValue", "maxPercentOfSubtotal"],
};

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string>;
}
export type FieldErrors = Partial<Record<RewardField, FieldError>>;

/**
 * Restrictions kept as they were when the form doesn't post them: tiers (the tiers' pages set
 * them), and segments when the form had no segment choice.
 */
export interface KeptFields {
  tierIds: string[] | null;
  segmentIds: string[] | null;
}

export const emptyRewardForm = (): RewardFormValues => ({
  type: "amount_off",
  titleEn: "",
  titleRu: "",
  cost: "",
  amount: "",
  percent: "",
  cap: "",
  maxShippingRate: "",
  variantId: "",
  stepValue: "",
  maxPercentOfSubtotal: "",
  minimumSubtotal: "",
  codeLifetimeDays: "30",
  combinesOrder: false,
  combinesProduct: false,
  combinesShipping: false,
  startsAt: "",
  endsAt: "",
  limitPerMember: "",
  segmentIds: "",
});

const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
/** Dates are days in the form; the time of day (UTC midnight when set here) isn't shown. */
const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : "");

export function rewardFormValues(reward: Reward, currency: string): RewardFormValues {
  const money = (minor: number | null) => (minor === null ? "" : toDecimal(minor, currency));
  const values: RewardFormValues = {
    ...emptyRewardForm(),
    type: reward.type,
    titleEn: reward.title.en,
    titleRu: reward.title.ru,
    cost: text(reward.cost),
    minimumSubtotal: money(reward.minimumSubtotal),
    codeLifetimeDays: text(reward.codeLifetimeDays),
    combinesOrder: reward.combinesWith.orderDiscounts,
    combinesProduct: reward.combinesWith.productDiscounts,
    combinesShipping: reward.combinesWith.shippingDiscounts,
    startsAt: day(reward.startsAt),
    endsAt: day(reward.endsAt),
    limitPerMember: text(reward.limitPerMember),
    segmentIds: segmentChoiceText(reward.segmentIds),
  };
  switch (reward.type) {
    case "amount_off":
      return { ...values, amount: money(reward.amount) };
    case "percent_off":
      return { ...values, percent: text(reward.percent), cap: money(reward.cap) };
    case "free_shipping":
      return { ...values, maxShippingRate: money(reward.maxShippingRate) };
    case "free_product":
      return { ...values, variantId: reward.variantId };
    case "points_for_cash":
      return { ...values, stepValue: money(reward.stepValue), maxPercentOfSubtotal: text(reward.maxPercentOfSubtotal) };
  }
}

/** The example amount in money errors: 5 units, written as the currency writes it ("5.00", "5"). */
export const moneyExample = (currency: string) => toDecimal(5 * minorPerUnit(currency), currency);

type Form = { get(name: string): unknown };

/** The values as posted, to show again beside their errors (a form sent before the page's script ran). */
export function postedRewardForm(form: Form): RewardFormValues {
  const empty = emptyRewardForm();
  const read = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const entries = Object.entries(empty).map(([name, fallback]) =>
    typeof fallback === "boolean" ? [name, ["on", "true"].includes(read(name))] : [name, read(name)],
  );
  const values = Object.fromEntries(entries) as unknown as RewardFormValues;
  return { ...values, type: REWARD_TYPES.find((type) => type === values.type) ?? empty.type };
}

/**
 * Form data → a valid reward, or a message per field. Empty optional fields are null; text the
 * schema can't read as a number is passed on as NaN so the schema's own message names the field.
 * `segments`: the segment ids the form offered (the built-in ones, plus the tiers' when given).
 */
export function parseRewardForm(
  form: Form,
  currency: string,
  kept: KeptFields = { tierIds: null, segmentIds: null },
  segments: readonly string[] = BUILT_IN_SEGMENTS,
): { ok: true; reward: Reward } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const raw = (name: RewardField) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  /** A whole number; "" → undefined (required or defaulted) or null (optional). */
  const int = (name: RewardField, optional: boolean) => {
    const value = raw(name);
    if (value === "") return optional ? null : undefined;
    return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  };
  const money = (name: RewardField, optional: boolean) => {
    const value = raw(name);
    if (value === "") return optional ? null : undefined;
    try {
      return toMinor(value, currency);
    } catch {
      errors[name] = { key: "rewards.error.money", values: { example: moneyExample(currency) } };
      return Number.NaN;
    }
  };
  const date = (name: RewardField) => raw(name) || null;
  const checked = (name: RewardField) => ["on", "true"].includes(raw(name));
  const variant = raw("variantId");
  const segmentChoice = form.get("segmentIds") === null ? null : readSegmentChoice(raw("segmentIds"), segments);
  if (segmentChoice && !segmentChoice.ok) errors.segmentIds = { key: "segments.error.unknown" };

  const type = raw("type");
  const input = {
    type,
    title: { en: raw("titleEn"), ru: raw("titleRu") },
    cost: int("cost", false),
    minimumSubtotal: money("minimumSubtotal", true),
    codeLifetimeDays: int("codeLifetimeDays", false),
    combinesWith: {
      orderDiscounts: checked("combinesOrder"),
      productDiscounts: checked("combinesProduct"),
      shippingDiscounts: checked("combinesShipping"),
    },
    startsAt: date("startsAt"),
    endsAt: date("endsAt"),
    tierIds: kept.tierIds,
    segmentIds: segmentChoice?.ok ? segmentChoice.value : kept.segmentIds,
    limitPerMember: int("limitPerMember", true),
    // Only the chosen type's fields are read: the others' leftovers in the form don't matter.
    ...(type === "amount_off" && { amount: money("amount", false) }),
    ...(type === "percent_off" && { percent: int("percent", false), cap: money("cap", true) }),
    ...(type === "free_shipping" && { maxShippingRate: money("maxShippingRate", true) }),
    // A bare number is taken as the variant's id, as the admin shows it in product URLs.
    ...(type === "free_product" && {
      variantId: /^\d+$/.test(variant) ? `gid://shopify/ProductVariant/${variant}` : variant,
    }),
    ...(type === "points_for_cash" && {
      stepValue: money("stepValue", false),
      maxPercentOfSubtotal: int("maxPercentOfSubtotal", false),
    }),
  };
  const parsed = rewardSchema.safeParse(input);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, reward: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const field = fieldOf(issue.path);
    // The first complaint per field is enough; a money field's own format error comes first.
    if (!errors[field]) errors[field] = { key: messageOf(field, issue.code) };
  }
  return { ok: false, errors };
}

function fieldOf(path: readonly PropertyKey[]): RewardField {
  const [head, sub] = path.map(String);
  if (head === "title") return sub === "ru" ? "titleRu" : "titleEn";
  if (head === "combinesWith") return "combinesOrder";
  if (head && head in emptyRewardForm()) return head as RewardField;
  return "type";
}

/** The schema has one message per field (see app/loyalty/rewards.ts), save the few below. */
function messageOf(field: RewardField, code: string): MessageKey {
  switch (field) {
    case "titleEn":
    case "titleRu":
      return code === "too_big" ? "rewards.error.titleTooLong" : "rewards.error.title";
    case "startsAt":
      return "rewards.error.date";
    case "endsAt":
      return code === "custom" ? "rewards.error.endsBeforeStart" : "rewards.error.date";
    case "combinesOrder":
    case "combinesProduct":
    case "combinesShipping":
      return "rewards.error.type";
    case "segmentIds":
      return "segments.error.unknown";
    default:
      return `rewards.error.${field}` as MessageKey;
  }
}
