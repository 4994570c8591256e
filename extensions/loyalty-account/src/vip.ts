// The VIP card's content, in the shopper's words: the member's tier and its perks, how far the
// next tier is, and every tier of the ladder with what reaches it and what it gives. Null while
// the shop has no tiers on (the API's `program.tiers` is null then).
import type { I18n } from "@shopify/ui-extensions";
import type { LoyaltyResponse, MemberView } from "../../shared/contract";
import { perkPhrases, progressText, sentence, thresholdText, windowText } from "../../shared/tiers";

export interface VipCard {
  /** The member's part; null for a guest or a customer who is not a member. */
  member: {
    /** The member's tier and its perks, each a sentence; null before they reach the first tier. */
    tier: { name: string; perks: string[] } | null;
    /** How far the next tier is; null at the top. */
    next: { text: string; label: string; percent: number } | null;
  } | null;
  tiers: { id: string; name: string; threshold: string; perks: string; current: boolean }[];
  /** Over what the ladder counts ("Counted over the last 12 months."). */
  basis: string;
}

type Words = Pick<I18n, "translate" | "formatNumber" | "formatCurrency" | "formatDate">;

export function vipCard(i18n: Words, program: LoyaltyResponse["program"], member: MemberView | null): VipCard | null {
  const { tiers, tierMetric: metric, tierWindow, currency } = program;
  if (!tiers || !metric || !tierWindow) return null;
  const perks = (p: Parameters<typeof perkPhrases>[1]) => perkPhrases(i18n, p, currency);
  const next = member?.nextTier ?? null;
  return {
    member: member && {
      tier: member.tier && { name: member.tier.name, perks: perks(member.tier.perks).map(sentence) },
      next: next && {
        text: progressText(i18n, metric, next.needed, next.name, currency),
        label: i18n.translate("vip.progress_label", { tier: next.name }),
        percent: Math.min(100, Math.max(0, member.progress ?? 0)),
      },
    },
    tiers: tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      threshold: thresholdText(i18n, metric, tier.threshold, currency),
      perks: sentence(perks(tier.perks).join(", ")),
      current: member?.tier?.id === tier.id,
    })),
    basis: windowText(i18n, tierWindow),
  };
}
