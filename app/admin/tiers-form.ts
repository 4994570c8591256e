// The VIP tiers editor's form: a ladder as the fields show it (thresholds in the metric's unit,
// money as decimals in the shop's currency, multipliers as "1.5") and a posted form back into a
// Ladder, or a message key per field. Validation is the domain's ladderSchema (limits, rising
// thresholds, unique ids); this turns text into its input and its complaints into messages, so
// the page and the engine agree. Also the member page's tier override form.
import type { MessageKey } from "../i18n/translate";
import { minorPerUnit, toDecimal, toMinor } from "../loyalty/currency";
import {
  ladderSchema,
  MAX_THRESHOLD,
  MAX_TIERS,
  TIER_ID,
  TIER_METRICS,
  type Ladder,
  type TierMetric,
} from "../loyalty/tiers";

/** The audit log's subject for ladder changes (the page links to their history). */
export const TIERS_SUBJECT = "tiers";

/** A ladder has at least a base tier and one to climb to. */
export const MIN_TIERS = 2;
const MAX_REASON = 500;

export interface TierRowValues {
  /** Empty for a tier added in the form: the save gives it one from its English name. */
  id: string;
  nameEn: string;
  nameRu: string;
  threshold: string;
  /** "1.5", "×1.5" or "150%". */
  multiplier: string;
  discount: string;
  freeShipping: boolean;
  /** Empty or 0: every order ships free. */
  freeShippingOver: string;
  entryBonus: string;
}
export type RowField = keyof TierRowValues;

export interface LadderFormValues {
  enabled: boolean;
  metric: string;
  window: string;
  graceDays: string;
  downgrade: string;
  tiers: TierRowValues[];
}
export type LadderField = Exclude<keyof LadderFormValues, "tiers">;

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string>;
}
/**
 * Keyed by the ladder's fields ("metric"), a row's ("tiers.2.threshold"), "tiers" for the number
 * of rows and "form" for what no field owns.
 */
export type LadderErrors = Partial<Record<string, FieldError>>;

/** The name a row's field has in the posted form (and its error key). */
export const rowField = (index: number, field: RowField) => `tiers.${index}.${field}`;

/** A switch as the editor posts it (a hidden field, since an unchecked box posts nothing). */
export const switchValue = (on: boolean) => (on ? "yes" : "no");

/** The fields the editor posts for `values`, as the parser reads them back. */
export function ladderFormData(values: LadderFormValues, intent: string): URLSearchParams {
  const data = new URLSearchParams({
    intent,
    enabled: switchValue(values.enabled),
    metric: values.metric,
    window: values.window,
    graceDays: values.graceDays,
    downgrade: values.downgrade,
  });
  values.tiers.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) {
      data.set(rowField(i, field as RowField), typeof value === "boolean" ? switchValue(value) : value);
    }
  });
  return data;
}

/** 150 → "1.5", 100 → "1": a percent as the multiplier a merchant types, exactly. */
export function multiplierText(percent: number): string {
  const whole = Math.floor(percent / 100);
  const cents = percent % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

/** A threshold as its field shows it: money as a decimal, points and orders as whole numbers. */
export const thresholdText = (metric: TierMetric, value: number, currency: string) =>
  metric === "spend" ? toDecimal(value, currency) : String(value);

export function ladderFormValues(ladder: Ladder, currency: string): LadderFormValues {
  return {
    enabled: ladder.enabled,
    metric: ladder.metric,
    window: ladder.window,
    graceDays: String(ladder.graceDays),
    downgrade: ladder.downgrade,
    tiers: ladder.tiers.map((tier) => ({
      id: tier.id,
      nameEn: tier.name.en,
      nameRu: tier.name.ru,
      threshold: thresholdText(ladder.metric, tier.threshold, currency),
      multiplier: multiplierText(tier.perks.earnMultiplier),
      discount: String(tier.perks.discountPercent),
      freeShipping: tier.perks.freeShippingOver !== null,
      freeShippingOver:
        tier.perks.freeShippingOver === null || tier.perks.freeShippingOver === 0
          ? ""
          : toDecimal(tier.perks.freeShippingOver, currency),
      entryBonus: String(tier.perks.entryBonus),
    })),
  };
}

/** A new row at the top of the ladder: above the highest threshold, no perks yet. */
export function newTierRow(): TierRowValues {
  return {
    id: "",
    nameEn: "",
    nameRu: "",
    threshold: "",
    multiplier: "1",
    discount: "0",
    freeShipping: false,
    freeShippingOver: "",
    entryBonus: "0",
  };
}

type Source = { get(name: string): unknown };
const textOf = (source: Source, name: string) => {
  const value = source.get(name);
  return typeof value === "string" ? value : null;
};
const checked = (value: string | null) => value !== null && ["yes", "on", "true"].includes(value);

/**
 * The posted form as typed. Rows are numbered from 0 and read until the first missing one; one
 * beyond the limit is read so that too many rows are reported rather than cut off.
 */
export function readLadderForm(source: Source): LadderFormValues {
  const tiers: TierRowValues[] = [];
  for (let i = 0; i <= MAX_TIERS; i++) {
    const field = (name: RowField) => textOf(source, rowField(i, name));
    if (field("id") === null && field("nameEn") === null) break;
    tiers.push({
      id: field("id") ?? "",
      nameEn: field("nameEn") ?? "",
      nameRu: field("nameRu") ?? "",
      threshold: field("threshold") ?? "",
      multiplier: field("multiplier") ?? "",
      discount: field("discount") ?? "",
      freeShipping: checked(field("freeShipping")),
      freeShippingOver: field("freeShippingOver") ?? "",
      entryBonus: field("entryBonus") ?? "",
    });
  }
  return {
    enabled: checked(textOf(source, "enabled")),
    metric: textOf(source, "metric") ?? "",
    window: textOf(source, "window") ?? "",
    graceDays: textOf(source, "graceDays") ?? "",
    downgrade: textOf(source, "downgrade") ?? "",
    tiers,
  };
}

/** "14" → 14; anything but plain digits → NaN, which the schema rejects on its field. */
const whole = (text: string) => (/^\d{1,13}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** "1.5", "×1.5", "x1.5" → 150; "150%" → 150; anything else → NaN. At most two decimals. */
export function parseMultiplier(text: string): number {
  const value = text.trim().replace(/\s+/g, "");
  const percent = /^(\d{1,4})%$/.exec(value);
  if (percent) return Number(percent[1]);
  const times = /^[×xX*]?(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(value);
  if (!times) return Number.NaN;
  return Number(times[1]) * 100 + Number((times[2] ?? "").padEnd(2, "0"));
}

/** An id for a tier added in the form, from its English name ("Gold Plus" → "gold-plus"), unique. */
export function tierIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 24)
      .replace(/-+$/, "") || "tier";
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** The message for each field when the schema (or the text) refuses it. */
const ROW_MESSAGES: Record<Exclude<RowField, "id" | "freeShipping">, MessageKey> = {
  nameEn: "tiers.error.name",
  nameRu: "tiers.error.name",
  threshold: "tiers.error.threshold",
  multiplier: "tiers.error.multiplier",
  discount: "tiers.error.discount",
  freeShippingOver: "tiers.error.freeShippingOver",
  entryBonus: "tiers.error.entryBonus",
};
const PERK_FIELDS: Record<string, keyof typeof ROW_MESSAGES> = {
  earnMultiplier: "multiplier",
  discountPercent: "discount",
  freeShippingOver: "freeShippingOver",
  entryBonus: "entryBonus",
};

/** The form field a schema issue belongs to, and its message. */
function errorOf(path: readonly PropertyKey[], code: string, message: string): [string, FieldError] {
  const [head, index, field, inner] = path.map(String);
  if (head !== "tiers") {
    if (head === "graceDays") return [head, { key: "tiers.error.graceDays" }];
    if (head === "metric" || head === "window" || head === "downgrade") return [head, { key: "tiers.error.choice" }];
    return ["form", { key: "tiers.error.invalid" }];
  }
  if (index === undefined || field === undefined) return ["tiers", countError];
  const i = Number(index);
  if (field === "id")
    return [rowField(i, "nameEn"), { key: message === "duplicate" ? "tiers.error.duplicate" : "tiers.error.invalid" }];
  if (field === "name") return [rowField(i, inner === "ru" ? "nameRu" : "nameEn"), { key: "tiers.error.name" }];
  if (field === "threshold")
    return [
      rowField(i, "threshold"),
      { key: code === "custom" ? "tiers.error.thresholdOrder" : "tiers.error.threshold" },
    ];
  const perk = field === "perks" ? PERK_FIELDS[inner ?? ""] : undefined;
  if (perk) return [rowField(i, perk), { key: ROW_MESSAGES[perk] }];
  return ["form", { key: "tiers.error.invalid" }];
}

const countError: FieldError = {
  key: "tiers.error.count",
  values: { min: String(MIN_TIERS), max: String(MAX_TIERS) },
};

/**
 * The posted form → a valid ladder, or a message per field (nothing is saved then). Thresholds are
 * read in the chosen metric's unit; money must be a plain decimal with no more decimals than the
 * currency has. Rows without an id get one from their English name.
 */
export function parseLadderForm(
  values: LadderFormValues,
  currency: string,
): { ok: true; ladder: Ladder } | { ok: false; errors: LadderErrors } {
  const errors: LadderErrors = {};
  const example = toDecimal(500 * minorPerUnit(currency), currency);
  const money = (text: string, name: string, key: MessageKey) => {
    try {
      const minor = toMinor(text.trim(), currency);
      if (minor >= 0 && minor <= MAX_THRESHOLD) return minor;
    } catch {
      // reported below
    }
    errors[name] = { key, values: { example } };
    return Number.NaN;
  };
  const metric = (TIER_METRICS as readonly string[]).includes(values.metric) ? (values.metric as TierMetric) : null;
  if (values.tiers.length < MIN_TIERS || values.tiers.length > MAX_TIERS) errors.tiers = countError;

  const given = values.tiers.map((row) => row.id.trim()).filter((id) => id !== "");
  const taken = [...given];
  const tiers = values.tiers.slice(0, MAX_TIERS).map((row, i) => {
    let id = row.id.trim();
    if (id === "") {
      id = tierIdFor(row.nameEn, taken);
      taken.push(id);
    }
    const threshold =
      metric === "spend"
        ? money(row.threshold, rowField(i, "threshold"), "tiers.error.thresholdMoney")
        : whole(row.threshold);
    const over = row.freeShipping
      ? row.freeShippingOver.trim() === ""
        ? 0
        : money(row.freeShippingOver, rowField(i, "freeShippingOver"), "tiers.error.freeShippingOver")
      : null;
    const discount = row.discount.trim().replace(/\s*%$/, "");
    return {
      id,
      name: { en: row.nameEn.trim(), ru: row.nameRu.trim() },
      // Without a valid metric the unit is unknown: a rising placeholder, so only the metric's
      // error is shown.
      threshold: metric === null ? i : threshold,
      perks: {
        earnMultiplier: parseMultiplier(row.multiplier),
        discountPercent: whole(discount),
        freeShippingOver: over,
        entryBonus: row.entryBonus.trim() === "" ? 0 : whole(row.entryBonus),
      },
    };
  });
  const parsed = ladderSchema.safeParse({
    enabled: values.enabled,
    metric: values.metric,
    window: values.window,
    graceDays: whole(values.graceDays),
    downgrade: values.downgrade,
    tiers,
  });
  for (const issue of parsed.error?.issues ?? []) {
    const [field, error] = errorOf(issue.path, issue.code, issue.message);
    errors[field] ??= error;
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, ladder: parsed.data };
  // Money messages show an amount as the currency writes it; other messages ignore it.
  for (const [field, error] of Object.entries(errors))
    errors[field] = { key: error!.key, values: { ...error!.values, example } };
  return { ok: false, errors };
}

// --- The member page's override --------------------------------------------------------------

export interface OverrideInput {
  /** null: back to automatic (the override cleared). */
  tierId: string | null;
  reason: string;
}
export type OverrideErrors = Partial<Record<"tierId" | "reason" | "form", MessageKey>>;

/** The override form: a tier (or "" for automatic) and the reason, which is required. */
export function readOverride(
  source: Source,
): { ok: true; value: OverrideInput } | { ok: false; errors: OverrideErrors } {
  const tier = (textOf(source, "tierId") ?? "").trim();
  const reason = (textOf(source, "reason") ?? "").trim();
  const errors: OverrideErrors = {};
  if (tier !== "" && !TIER_ID.test(tier)) errors.tierId = "tiers.error.noTier";
  if (reason === "" || reason.length > MAX_REASON) errors.reason = "tiers.error.reason";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { tierId: tier === "" ? null : tier, reason } };
}
