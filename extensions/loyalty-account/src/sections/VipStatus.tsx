// The VIP card: the member's tier with its perks, the progress bar to the next tier, and every
// tier with what reaches it and what it gives (guests see the tiers only). Content from vip.ts.
import type { VipCard } from "../vip";
import { host } from "../host";

export function VipStatus({ card }: { card: VipCard }) {
  const { i18n } = host();
  const { member } = card;
  return (
    <s-section heading={i18n.translate("vip.heading")}>
      <s-stack gap="base">
        {member && (
          <s-stack gap="small-200">
            {member.tier ? (
              <>
                <s-heading>{i18n.translate("vip.current", { tier: member.tier.name })}</s-heading>
                {member.tier.perks.length > 0 ? (
                  <s-unordered-list>
                    {member.tier.perks.map((perk) => (
                      <s-list-item key={perk}>{perk}</s-list-item>
                    ))}
                  </s-unordered-list>
                ) : (
                  <s-text color="subdued">{i18n.translate("vip.no_perks")}</s-text>
                )}
              </>
            ) : (
              <s-text>{i18n.translate("vip.no_tier")}</s-text>
            )}
            {member.next ? (
              <>
                <s-text>{member.next.text}</s-text>
                <s-progress value={member.next.percent} max={100} accessibilityLabel={member.next.label} />
              </>
            ) : (
              member.tier && <s-text>{i18n.translate("vip.top")}</s-text>
            )}
          </s-stack>
        )}
        <s-stack gap="small-200">
          <s-text type="strong">{i18n.translate("vip.all")}</s-text>
          {card.tiers.map((tier) => (
            <s-stack key={tier.id} gap="none">
              <s-stack direction="inline" gap="small-200" alignItems="center">
                <s-text type="strong">{tier.name}</s-text>
                {tier.current && <s-badge>{i18n.translate("vip.yours")}</s-badge>}
              </s-stack>
              <s-text color="subdued">{tier.threshold}</s-text>
              {tier.perks && <s-text>{tier.perks}</s-text>}
            </s-stack>
          ))}
          <s-text color="subdued">{card.basis}</s-text>
        </s-stack>
      </s-stack>
    </s-section>
  );
}
