// A way to earn in the shopper's words: the built-in ones from this extension's locale files,
// with the language's plural forms and local money format; custom actions and campaigns as the
// server words them (their names are the merchant's).
import type { I18n } from "@shopify/ui-extensions";
import type { EarnWay } from "../../shared/contract";
import { formatMoney, formatPoints } from "../../shared/format";

export function describeWay(i18n: I18n, way: EarnWay): string {
  const points = formatPoints(i18n, way.points);
  switch (way.kind) {
    case "purchase":
      return way.amount && way.currency
        ? i18n.translate("earn.way.purchase", { points, amount: formatMoney(i18n, way.amount, way.currency) })
        : way.text;
    case "signup":
    case "birthday":
    case "newsletter":
      return i18n.translate(`earn.way.${way.kind}`, { points });
    default:
      return way.text;
  }
}
