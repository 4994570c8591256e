// The earn page's forms: what a merchant typed (strings, as a form posts them) → the program's
// values, or an error message key per field. Money is typed as a decimal in the shop's currency
// and kept in minor units; multipliers are typed as "1.5" and kept as percents (150).
import { z } from "zod";
import type { Period } from "../loyalty/actions";
import type { Campaign } from "../loyalty/earn";
import { exponentOf, toMinor } from "../loyalty/currency";
import { BUILT_IN_SEGMENTS, readSegmentChoice } from "../loyalty/segments";
import type { MessageKey } from "../i18n/translate";

export type FieldErrors = Record<string, MessageKey>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };
export type FormInput = Record<string, unknown>;

/** A posted field as trimmed text; a field not posted at all reads as empty. */
const text = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "string" ? v.trim() : ""));

const whole = (min: number, max: number, error: MessageKey) =>
  text()
    .refine((s) => /^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max, { error })
    .transform(Number);

/** Switches post "on" (a checkbox) or "true" (a fetcher) when set, and nothing when not. */
const checkbox = () =>
  z
    .unknown()
    .optional()
    .transform((v) => v === "on" || v === "true");

/** No amount above a billion units: a typo, not a rule. */
const MAX_UNITS = 1_000_000_000;

/** A decimal amount in `currency`, as minor units; empty means `empty` when given. */
function money(currency: string, options: { positive: boolean; empty?: number }, error: MessageKey) {
  return text().transform((s, ctx) => {
    if (s === "" && options.empty !== undefined) return options.empty;
    const fail = (message: MessageKey) => {
      ctx.issues.push({ code: "custom", message, input: s });
      return z.NEVER;
    };
    if (!/^\d{1,10}(\.\d+)?$/.test(s) || Number(s.split(".")[0]) >= MAX_UNITS) return fail(error);
    if ((s.split(".")[1] ?? "").replace(/0+$/, "").length > exponentOf(currency)) {
      return fail("earn.error.amountDecimals");
    }
    const minor = toMinor(s, currency);
    return options.positive && minor <= 0 ? fail(error) : minor;
  });
}

/** "1.5" → 150 (percent), two decimals at most, within [min, max] percent. */
const multiplier = (min: number, max: number, error: MessageKey) =>
  text().transform((s, ctx) => {
    const match = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(s);
    const percent = match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : NaN;
    if (!(percent >= min && percent <= max)) {
      ctx.issues.push({ code: "custom", message: error, input: s });
      return z.NEVER;
    }
    return percent;
  });

/** Comma- or line-separated values, deduplicated, empties dropped. */
const list = () =>
  text().transform((s) => [
    ...new Set(
      s
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ]);

/** Product or collection ids as numbers or GIDs → GIDs, as orders and the catalog name them. */
const gids = (type: "Product" | "Collection") =>
  list().transform((items, ctx) => {
    const prefix = `gid://shopify/${type}/`;
    const out = items.map((item) => (/^\d+$/.test(item) ? `${prefix}${item}` : item));
    if (out.some((id) => !new RegExp(`^${prefix}\\d+$`).test(id))) {
      ctx.issues.push({ code: "custom", message: "earn.error.ids", input: items });
      return z.NEVER;
    }
    return out;
  });

function parse<T>(schema: z.ZodType<T>, input: FormInput): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    // Every rule here names its message key; anything else (a missing field) reads as invalid.
    errors[field] ??= issue.message.startsWith("earn.error.") ? (issue.message as MessageKey) : "earn.error.invalid";
  }
  return { ok: false, errors };
}

export interface PurchaseInput {
  points: number;
  per: number;
  minimumOrder: number;
  includeShipping: boolean;
  includeTaxes: boolean;
  includeGiftCards: boolean;
}

export const parsePurchase = (input: FormInput, currency: string): Parsed<PurchaseInput> =>
  parse(
    z.object({
      points: whole(0, 10_000, "earn.error.purchasePoints"),
      per: money(currency, { positive: true }, "earn.error.amountPositive"),
      minimumOrder: money(currency, { positive: false, empty: 0 }, "earn.error.amountOrZero"),
      includeShipping: checkbox(),
      includeTaxes: checkbox(),
      includeGiftCards: checkbox(),
    }),
    input,
  );

/** Just the earn rate (onboarding's first step): `points` for every `per` spent. */
export const parseEarnRate = (input: FormInput, currency: string): Parsed<Pick<PurchaseInput, "points" | "per">> =>
  parse(
    z.object({
      points: whole(1, 10_000, "earn.error.ratePoints"),
      per: money(currency, { positive: true }, "earn.error.amountPositive"),
    }),
    input,
  );

export interface BonusInput {
  kind: "multiplier" | "fixed";
  value: number;
  match: { productIds: string[]; collectionIds: string[]; tags: string[] };
}

const kindOf = z.object({ kind: z.enum(["multiplier", "fixed"], { error: "earn.error.invalid" }) });

const errorsOf = (...results: Parsed<unknown>[]): FieldErrors =>
  Object.assign({}, ...results.map((r) => (r.ok ? {} : r.errors)));

/**
 * The value field means a multiplier or points depending on the kind chosen, so it's checked
 * once the kind is known; every other field is checked alongside, so all errors show at once.
 */
function valueOf(input: FormInput, multiplierRule: z.ZodType<number>, pointsRule: z.ZodType<number>) {
  const kind = kindOf.safeParse(input);
  if (!kind.success) return { kind: parse(kindOf, input), value: null };
  const rule = kind.data.kind === "multiplier" ? multiplierRule : pointsRule;
  return { kind: { ok: true as const, value: kind.data.kind }, value: parse(z.object({ value: rule }), input) };
}

export function parseBonus(input: FormInput): Parsed<BonusInput> {
  const match = parse(
    z.object({ productIds: gids("Product"), collectionIds: gids("Collection"), tags: list() }),
    input,
  );
  // ×0 is allowed: it's how a merchant keeps a product from earning at all.
  const { kind, value } = valueOf(
    input,
    multiplier(0, 100_000, "earn.error.bonusMultiplier"),
    whole(1, 100_000, "earn.error.bonusPoints"),
  );
  const errors = errorsOf(match, kind, ...(value ? [value] : []));
  if (match.ok && !match.value.productIds.length && !match.value.collectionIds.length && !match.value.tags.length) {
    errors.match = "earn.error.bonusMatch";
  }
  if (!match.ok || !kind.ok || !value?.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind: kind.value, value: value.value.value, match: match.value } };
}

/**
 * What the campaign form sets: the campaign but its id, status and tier targets. Its segments
 * only when the form posted the field (absent: the campaign keeps the ones it has).
 */
export type CampaignInput = Pick<Campaign, "name" | "startsAt" | "endsAt" | "kind" | "value" | "firstOrders"> & {
  segmentIds?: Campaign["segmentIds"];
};

/**
 * A posted "only for members in segments" choice (segment-ui.tsx): ids joined by commas, each
 * among the segments the form offered; "" for everyone (null); not posted: undefined.
 */
export function parseSegmentChoice(
  input: FormInput,
  offered: readonly string[] = BUILT_IN_SEGMENTS,
): Parsed<string[] | null | undefined> {
  const posted = input.segmentIds;
  if (posted === undefined) return { ok: true, value: undefined };
  const choice = readSegmentChoice(typeof posted === "string" ? posted : "", offered);
  return choice.ok
    ? { ok: true, value: choice.value }
    : { ok: false, errors: { segmentIds: "segments.error.unknown" } };
}

const DAY = 86_400_000;

/** "2026-11-27" → that day's midnight, UTC (campaign days run midnight to midnight UTC). */
const day = (error: MessageKey) =>
  text().transform((s, ctx) => {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null;
    if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== s) {
      ctx.issues.push({ code: "custom", message: error, input: s });
      return z.NEVER;
    }
    return at;
  });

/** `segments`: the segment ids the form offered (the built-in ones, plus the tiers' when given). */
export function parseCampaign(
  input: FormInput,
  segments: readonly string[] = BUILT_IN_SEGMENTS,
): Parsed<CampaignInput> {
  const form = parse(
    z.object({
      name: text().refine((s) => s.length >= 1 && s.length <= 100, { error: "earn.error.name" }),
      firstOrders: text()
        .refine((s) => s === "" || (/^\d{1,6}$/.test(s) && Number(s) >= 1), { error: "earn.error.firstOrders" })
        .transform((s) => (s === "" ? null : Number(s))),
    }),
    input,
  );
  const days = parse(z.object({ startsAt: day("earn.error.date"), endsOn: day("earn.error.date") }), input);
  // A campaign adds to purchase points: a multiplier of ×1 or less would add nothing.
  const { kind, value } = valueOf(
    input,
    multiplier(101, 100_000, "earn.error.campaignMultiplier"),
    whole(1, 100_000, "earn.error.campaignPoints"),
  );
  const chosen = parseSegmentChoice(input, segments);
  const errors = errorsOf(form, days, kind, chosen, ...(value ? [value] : []));
  // The last day is included, so the campaign ends at the next midnight.
  const endsAt = days.ok ? new Date(days.value.endsOn.getTime() + DAY) : null;
  if (days.ok && endsAt! <= days.value.startsAt) errors.endsOn = "earn.error.endsBeforeStart";
  if (!form.ok || !days.ok || !kind.ok || !chosen.ok || !value?.ok || Object.keys(errors).length) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name: form.value.name,
      startsAt: days.value.startsAt,
      endsAt: endsAt!,
      kind: kind.value,
      value: value.value.value,
      firstOrders: form.value.firstOrders,
      ...(chosen.value !== undefined && { segmentIds: chosen.value }),
    },
  };
}

/** A campaign's dates as the form shows them: first and last day (UTC). */
export function campaignDays(campaign: { startsAt: Date; endsAt: Date }) {
  return {
    startsAt: campaign.startsAt.toISOString().slice(0, 10),
    endsOn: new Date(campaign.endsAt.getTime() - 1).toISOString().slice(0, 10),
  };
}

export interface ActionPointsInput {
  signup: number;
  birthday: number;
  newsletter: number;
}

const actionPoints = () => whole(0, 1_000_000, "earn.error.actionPoints");

export const parseActionPoints = (input: FormInput): Parsed<ActionPointsInput> =>
  parse(z.object({ signup: actionPoints(), birthday: actionPoints(), newsletter: actionPoints() }), input);

export interface CustomActionInput {
  name: { en: string; ru: string };
  points: number;
  limit: { count: number; per: Period };
}

const actionName = () => text().refine((s) => s.length >= 1 && s.length <= 60, { error: "earn.error.actionName" });

export const parseCustomAction = (input: FormInput): Parsed<CustomActionInput> =>
  parse(
    z
      .object({
        nameEn: actionName(),
        nameRu: actionName(),
        points: actionPoints(),
        limitCount: whole(1, 1000, "earn.error.limitCount"),
        limitPer: z.enum(["lifetime", "year", "month", "day"], { error: "earn.error.invalid" }),
      })
      .transform((form) => ({
        name: { en: form.nameEn, ru: form.nameRu },
        points: form.points,
        limit: { count: form.limitCount, per: form.limitPer },
      })),
    input,
  );

/** A custom action's id from its English name ("Write a review" → "write-a-review"), unique. */
export function actionIdFor(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || "action";
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** 150 → "1.5": a percent as the multiplier a merchant types. */
export const multiplierText = (percent: number) => String(percent / 100);

export type CampaignPhase = "upcoming" | "running" | "ended" | "paused" | "archived";

/** Where a campaign stands at `now`, as the campaign list's badges say it. */
export function campaignPhase(
  campaign: { startsAt: Date; endsAt: Date; status?: "active" | "paused" | "archived" },
  now: Date,
): CampaignPhase {
  if (campaign.status === "archived") return "archived";
  if (now >= campaign.endsAt) return "ended";
  if (campaign.status === "paused") return "paused";
  return now < campaign.startsAt ? "upcoming" : "running";
}
