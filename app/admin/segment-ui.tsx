// Segments as the admin shows them: each one's name and description in the admin's language, and
// the "Only for members in segments" choice the campaign and reward forms share. The choice
// posts one field (ids joined by commas; "" for everyone), which the forms' parsers check against
// the options they offered.
import { BlockStack, ChoiceList, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import type { MessageKey, Translate } from "../i18n/translate";
import { BUILT_IN_SEGMENTS, isBuiltInSegment, type SegmentSettings } from "../loyalty/segments";

/** A segment a form or page can show; tier segments carry their tier's name. */
export interface SegmentOption {
  id: string;
  tier?: { en: string; ru: string } | null;
}

/** What the forms offer until the tiers' segments are passed in as well. */
export const BUILT_IN_OPTIONS: SegmentOption[] = BUILT_IN_SEGMENTS.map((id) => ({ id }));

export function segmentLabel(t: Translate, locale: Locale, option: SegmentOption): string {
  if (isBuiltInSegment(option.id)) return t(`segments.name.${option.id}` as MessageKey);
  if (option.tier) return t("segments.name.tier", { tier: option.tier[locale] });
  return t("segments.choice.gone", { id: option.id });
}

/** Who the segment holds, with the shop's thresholds (`money` writes minor units in its currency). */
export function segmentDescription(
  t: Translate,
  locale: Locale,
  option: SegmentOption,
  settings: SegmentSettings,
  money: (minor: number) => string,
): string {
  switch (option.id) {
    case "new":
      return t("segments.description.new", { days: settings.newDays });
    case "active":
      return t("segments.description.active", { days: settings.atRiskAfterDays });
    case "at-risk":
      return t("segments.description.at-risk", { from: settings.atRiskAfterDays + 1, to: settings.lapsedAfterDays });
    case "lapsed":
      return t("segments.description.lapsed", { days: settings.lapsedAfterDays });
    case "high-value":
      return t("segments.description.high-value", { amount: money(settings.highValueSpend) });
  }
  return option.tier ? t("segments.description.tier", { tier: option.tier[locale] }) : "";
}

/** The ids in a choice's posted text. */
const idsOf = (value: string) =>
  value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);

/**
 * Tick boxes over `options`, carried by one hidden field `name`. Ids already chosen that are no
 * longer offered (a tier since removed) stay listed, so saving doesn't drop them unseen.
 */
export function SegmentChoice({
  name,
  value,
  onChange,
  error,
  disabled,
  options = BUILT_IN_OPTIONS,
}: {
  name: string;
  /** Ids joined by commas; absent reads as none. */
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  options?: SegmentOption[];
}) {
  const { t, locale } = useI18n();
  const selected = idsOf(value ?? "");
  const offered = options.map((o) => o.id);
  const all = [...options, ...selected.filter((id) => !offered.includes(id)).map((id) => ({ id }))];
  return (
    <BlockStack gap="100">
      <ChoiceList
        allowMultiple
        name={`${name}Choice`}
        title={t("segments.choice.title")}
        choices={all.map((option) => ({ label: segmentLabel(t, locale, option), value: option.id }))}
        selected={selected}
        onChange={(ids) => onChange(ids.join(","))}
        error={error}
        disabled={disabled}
      />
      <Text as="p" tone="subdued">
        {t("segments.choice.help")}
      </Text>
      <input type="hidden" name={name} value={value ?? ""} />
    </BlockStack>
  );
}
