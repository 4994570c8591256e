// The rewards catalogue: what each gives and costs, and what the shopper can do about it now.
import { describeValue, errorMessage, formatDate, formatPoints } from "../../../shared/format";
import type { RewardView } from "../../../shared/contract";
import { host } from "../host";
import { rewardOffer, type RedeemFlow } from "../rewards";
import { CopyCode } from "./CopyCode";

interface RewardsProps {
  rewards: RewardView[];
  currency: string;
  isMember: boolean;
  flow: RedeemFlow;
}

export function Rewards({ rewards, currency, isMember, flow }: RewardsProps) {
  const { i18n } = host();
  return (
    <s-section heading={i18n.translate("rewards.heading")}>
      {rewards.length === 0 ? (
        <s-paragraph color="subdued">{i18n.translate("rewards.empty")}</s-paragraph>
      ) : (
        <s-stack gap="base">
          {rewards.map((reward) => (
            <Reward key={reward.id} reward={reward} currency={currency} isMember={isMember} flow={flow} />
          ))}
        </s-stack>
      )}
    </s-section>
  );
}

function Reward({ reward, currency, isMember, flow }: { reward: RewardView } & Omit<RewardsProps, "rewards">) {
  const { i18n } = host();
  const redemptions = flow.byReward.value;
  const redemption = redemptions[reward.id];
  const busy = Object.values(redemptions).some((r) => r.status === "redeeming");
  const offer = rewardOffer(reward, isMember);
  const cost = formatPoints(i18n, reward.cost);
  return (
    <s-box border="base" borderRadius="base" padding="base">
      <s-stack gap="small-100">
        <s-stack direction="inline" justifyContent="space-between" alignItems="center" gap="base">
          <s-stack gap="small-300">
            <s-text type="strong">{reward.title}</s-text>
            <s-text color="subdued">{describeValue(i18n, reward.value, currency)}</s-text>
          </s-stack>
          <s-text>{i18n.translate("rewards.cost", { points: cost })}</s-text>
        </s-stack>
        {offer.kind === "redeem" && (
          <s-button
            variant="primary"
            loading={redemption?.status === "redeeming"}
            disabled={busy}
            accessibilityLabel={i18n.translate("rewards.redeem_label", { title: reward.title, points: cost })}
            onClick={() => void flow.redeem(reward.id)}
          >
            {i18n.translate("rewards.redeem")}
          </s-button>
        )}
        {offer.kind === "checkout_only" && <s-text color="subdued">{i18n.translate("rewards.checkout_only")}</s-text>}
        {offer.kind === "short" && (
          <s-text color="subdued">
            {i18n.translate("rewards.short", { points: formatPoints(i18n, offer.shortBy) })}
          </s-text>
        )}
        {offer.kind === "unavailable" && <s-text color="subdued">{i18n.translate(offer.reasonKey)}</s-text>}
        {offer.kind === "members_only" && <s-badge color="subdued">{i18n.translate("rewards.members_only")}</s-badge>}
        {redemption?.status === "redeemed" && (
          <s-banner tone="success">
            <s-stack gap="small-100">
              <s-text>
                {i18n.translate("rewards.redeemed", { date: formatDate(i18n, redemption.result.endsAt) })}
              </s-text>
              <CopyCode code={redemption.result.code} scope="redeemed" />
            </s-stack>
          </s-banner>
        )}
        {redemption?.status === "failed" && (
          <s-banner tone="critical">
            <s-text>{errorMessage(i18n, redemption.error)}</s-text>
          </s-banner>
        )}
      </s-stack>
    </s-box>
  );
}
