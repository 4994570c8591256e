// The members pages' inputs: the list's filters (from the URL, so a filtered list can be shared,
// reloaded and handed to a bulk adjustment unchanged) and the adjustment form. Each problem is
// reported on its field as a message key; nothing here touches the database.
import { z } from "zod";
import type { MessageKey } from "../i18n/translate";
import { MAX_ADJUSTMENT, MAX_REASON } from "../loyalty/adjustment";
import { isSegmentId } from "../loyalty/segments";
import { TIER_ID } from "../loyalty/tiers";
import { formText, type FormSource } from "./form-text";

export const SORTS = ["balance_desc", "balance_asc", "activity_desc", "activity_asc"] as const;
export const STATUSES = ["active", "redacted", "all"] as const;
export const ACTIVITIES = ["", "active", "inactive"] as const;

export interface MemberFilter {
  /** Part of an email, first or last name; "" for none. */
  search: string;
  minBalance: number | null;
  maxBalance: number | null;
  /** Active within the last `days`, or inactive (no activity, or none) for `days`. */
  activity: (typeof ACTIVITIES)[number];
  days: number;
  status: (typeof STATUSES)[number];
  sort: (typeof SORTS)[number];
  /** Members whose effective tier (app/loyalty/tiers.ts effectiveTier) is this one; null for any. */
  tier: string | null;
  /**
   * Members in this segment (app/loyalty/segments.ts: a built-in one or `tier:<id>`); null for
   * any. A bulk job stored before segments has none: read it as null.
   */
  segment: string | null;
}

export const DEFAULT_FILTER: MemberFilter = {
  search: "",
  minBalance: null,
  maxBalance: null,
  activity: "",
  days: 90,
  status: "active",
  sort: "balance_desc",
  tier: null,
  segment: null,
};

/** The filter's fields as they appear in the URL (and in the bulk form). */
export const FILTER_PARAMS = ["q", "min", "max", "activity", "days", "status", "sort", "tier", "segment"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export type FilterErrors = Partial<Record<FilterParam | "page", MessageKey>>;

const MAX_BALANCE = 1_000_000_000;
const MAX_DAYS = 3650;
const MAX_SEARCH = 100;

/** "14" → 14; empty → null; anything but plain digits → NaN (an error). */
const whole = (text: string): number | null =>
  text.trim() === "" ? null : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;

/**
 * The filter the URL (or a submitted form) describes. A bad field is reported and left at its
 * default, so the list still shows and the merchant sees what to fix. `tierIds`, when given, are
 * the tiers the shop has now (none while tiers are off): a tier not among them is refused; so
 * with `segmentIds`, the segments the shop has now (segments.server's segmentIdsOf).
 */
export function readFilter(
  source: FormSource,
  tierIds?: readonly string[],
  segmentIds?: readonly string[],
): { filter: MemberFilter; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const filter = { ...DEFAULT_FILTER };

  const search = formText(source, "q").trim();
  if (search.length > MAX_SEARCH) errors.q = "members.error.search";
  else filter.search = search;

  for (const [param, field] of [
    ["min", "minBalance"],
    ["max", "maxBalance"],
  ] as const) {
    const value = whole(formText(source, param));
    if (value !== null && !(value <= MAX_BALANCE)) errors[param] = "members.error.balance";
    else filter[field] = value;
  }
  if (filter.minBalance !== null && filter.maxBalance !== null && filter.minBalance > filter.maxBalance) {
    errors.max = "members.error.balanceRange";
    filter.maxBalance = null;
  }

  const activity = formText(source, "activity");
  if ((ACTIVITIES as readonly string[]).includes(activity)) filter.activity = activity as MemberFilter["activity"];
  else errors.activity = "members.error.choice";

  const days = whole(formText(source, "days"));
  if (days !== null && !(days >= 1 && days <= MAX_DAYS)) errors.days = "members.error.days";
  else if (days !== null) filter.days = days;

  const status = formText(source, "status") || DEFAULT_FILTER.status;
  if ((STATUSES as readonly string[]).includes(status)) filter.status = status as MemberFilter["status"];
  else errors.status = "members.error.choice";

  const sort = formText(source, "sort") || DEFAULT_FILTER.sort;
  if ((SORTS as readonly string[]).includes(sort)) filter.sort = sort as MemberFilter["sort"];
  else errors.sort = "members.error.choice";

  const tier = formText(source, "tier").trim();
  if (tier !== "") {
    if (TIER_ID.test(tier) && (tierIds === undefined || tierIds.includes(tier))) filter.tier = tier;
    else errors.tier = "members.error.tier";
  }

  const segment = formText(source, "segment").trim();
  if (segment !== "") {
    if (isSegmentId(segment) && (segmentIds === undefined || segmentIds.includes(segment))) filter.segment = segment;
    else errors.segment = "members.error.segment";
  }

  return { filter, errors };
}

/** The page number in the URL (1 when absent or bad). */
export function readPage(source: FormSource): number {
  const page = whole(formText(source, "page"));
  return page !== null && page >= 1 && page <= 100_000 ? page : 1;
}

/** The filter as URL parameters, defaults left out. */
export function filterParams(filter: MemberFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search) params.set("q", filter.search);
  if (filter.minBalance !== null) params.set("min", String(filter.minBalance));
  if (filter.maxBalance !== null) params.set("max", String(filter.maxBalance));
  if (filter.activity) {
    params.set("activity", filter.activity);
    params.set("days", String(filter.days));
  }
  if (filter.status !== DEFAULT_FILTER.status) params.set("status", filter.status);
  if (filter.sort !== DEFAULT_FILTER.sort) params.set("sort", filter.sort);
  if (filter.tier) params.set("tier", filter.tier);
  if (filter.segment) params.set("segment", filter.segment);
  return params;
}

export interface AdjustmentInput {
  points: number;
  reason: string;
  idempotencyKey: string;
}

export type AdjustmentField = keyof AdjustmentInput;
export type AdjustmentErrors = Partial<Record<AdjustmentField | "form", MessageKey>>;

export const adjustmentSchema = z.object({
  points: z
    .number()
    .int()
    .refine((p) => p !== 0 && Math.abs(p) <= MAX_ADJUSTMENT),
  reason: z.string().trim().min(1).max(MAX_REASON),
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[\w-]+$/),
});

const ADJUSTMENT_MESSAGES: Record<AdjustmentField, MessageKey> = {
  points: "members.error.points",
  reason: "members.error.reason",
  idempotencyKey: "members.error.stale",
};

/** Checks an adjustment (from a form or a caller), one message per field at fault. */
export function validateAdjustment(
  raw: unknown,
): { ok: true; value: AdjustmentInput } | { ok: false; errors: AdjustmentErrors } {
  const parsed = adjustmentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: AdjustmentErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AdjustmentField;
    errors[field] ??= ADJUSTMENT_MESSAGES[field] ?? "members.error.stale";
  }
  return { ok: false, errors };
}

/** A submitted adjustment form: points as typed ("-50", "+20", "20"). */
export function readAdjustment(source: FormSource) {
  const points = formText(source, "points").trim();
  return validateAdjustment({
    points: /^[+-]?\d{1,9}$/.test(points) ? Number(points) : NaN,
    reason: formText(source, "reason"),
    idempotencyKey: formText(source, "idempotencyKey"),
  });
}

/** How many of a member's latest codes and orders the member page shows. */
export const RECENT_ROWS = 25;
