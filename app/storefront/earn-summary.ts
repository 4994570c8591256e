// "Ways to earn", from the program's rules and settings: structured for the extensions, with a
// sentence in the shopper's language for those that just show it.
import { translator } from "../i18n/translate";
import type { Locale } from "../i18n/locale";
import { toDecimal } from "../loyalty/currency";
import { campaignIsOn, type EarnRules } from "../loyalty/earn";
import type { ProgramSettings } from "../loyalty/program";
import type { EarnWay } from "./contract";

export type { EarnWay } from "./contract";

export function earnSummary(
  rules: EarnRules,
  settings: ProgramSettings,
  currency: string,
  locale: Locale,
  now: Date,
): EarnWay[] {
  const t = translator(locale);
  const pointsName = settings.pointsName[locale];
  const ways: EarnWay[] = [];
  const { purchase } = rules;
  if (purchase.points > 0) {
    const amount = toDecimal(purchase.per, currency);
    ways.push({
      kind: "purchase",
      points: purchase.points,
      text: t("storefront.earn.purchase", { points: purchase.points, pointsName, amount, currency }),
      // Structured too, so an extension can word it with plural forms and local money format.
      amount,
      currency,
    });
  }
  for (const kind of ["signup", "birthday", "newsletter"] as const) {
    const points = settings.actions[kind];
    if (points > 0) ways.push({ kind, points, text: t(`storefront.earn.${kind}`, { points, pointsName }) });
  }
  for (const action of settings.customActions) {
    ways.push({
      kind: "custom",
      points: action.points,
      text: t("storefront.earn.custom", { points: action.points, pointsName, name: action.name[locale] }),
    });
  }
  // Campaigns open to everyone that are running now (tier- and segment-only ones are the tiers
  // issue's); paused and archived ones give nothing, so they are not shown.
  for (const c of rules.campaigns) {
    if (!campaignIsOn(c) || c.startsAt > now || c.endsAt <= now || c.segmentIds || c.tierIds) continue;
    const endsAt = c.endsAt.toISOString().slice(0, 10);
    ways.push({
      kind: "campaign",
      points: c.kind === "fixed" ? c.value : 0,
      text:
        c.kind === "multiplier"
          ? t("storefront.earn.campaignMultiplier", { name: c.name, multiplier: c.value / 100, endsAt })
          : t("storefront.earn.campaignFixed", { name: c.name, points: c.value, pointsName, endsAt }),
    });
  }
  return ways;
}
