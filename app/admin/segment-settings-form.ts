// The segments' thresholds form: each value as the text its field holds, and how a submitted
// form becomes thresholds. Validation is the domain's schema (segmentSettingsSchema), so the page
// and the rules agree on every limit; each problem is reported on its field, as a message key.
import type { MessageKey } from "../i18n/translate";
import { toDecimal, toMinor } from "../loyalty/currency";
import { segmentSettingsSchema, type SegmentSettings } from "../loyalty/segments";
import { textFields, wholeNumber, type FormSource } from "./form-text";

export const SEGMENT_FIELDS = ["newDays", "atRiskAfterDays", "lapsedAfterDays", "highValueSpend"] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];
export type SegmentForm = Record<SegmentField, string>;
export type SegmentErrors = Partial<Record<SegmentField, MessageKey>>;

/** The form's values: days as whole numbers, the spend as a decimal in the shop's currency. */
export const segmentFormOf = (settings: SegmentSettings, currency: string): SegmentForm => ({
  newDays: String(settings.newDays),
  atRiskAfterDays: String(settings.atRiskAfterDays),
  lapsedAfterDays: String(settings.lapsedAfterDays),
  highValueSpend: toDecimal(settings.highValueSpend, currency),
});

/** The submitted thresholds' fields. */
export const readSegmentForm = (data: FormSource): SegmentForm => textFields(data, SEGMENT_FIELDS);

/** "500" or "499.99" → minor units of `currency`; not an amount → NaN. */
function minor(text: string, currency: string) {
  try {
    return toMinor(text.trim(), currency);
  } catch {
    return Number.NaN;
  }
}

/** A field's message when its own value is wrong. */
const MESSAGES: Record<SegmentField, MessageKey> = {
  newDays: "segments.error.days",
  atRiskAfterDays: "segments.error.days",
  lapsedAfterDays: "segments.error.days",
  highValueSpend: "segments.error.highValueSpend",
};
/** Lapsed must come after at risk (the schema's refinement). */
const ORDER: MessageKey = "segments.error.lapsedAfterDays";

/** The submitted thresholds, or a message for every field that is wrong. */
export function segmentSettingsFromForm(
  form: SegmentForm,
  currency: string,
): { ok: true; settings: SegmentSettings } | { ok: false; errors: SegmentErrors } {
  const candidate = {
    newDays: wholeNumber(form.newDays),
    atRiskAfterDays: wholeNumber(form.atRiskAfterDays),
    lapsedAfterDays: wholeNumber(form.lapsedAfterDays),
    highValueSpend: minor(form.highValueSpend, currency),
  };
  const parsed = segmentSettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: SegmentErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SegmentField;
    errors[field] ??= issue.code === "custom" ? ORDER : MESSAGES[field];
  }
  // The schema checks the order of the two only once every field is right: say it now as well.
  if (!errors.lapsedAfterDays && candidate.lapsedAfterDays <= candidate.atRiskAfterDays) {
    errors.lapsedAfterDays = ORDER;
  }
  return { ok: false, errors };
}
