// A signed-in member: balance and VIP tier (with its perks in the block), the rewards they can
// take now (each redeemed and applied in one click), points for cash, and how far the next reward
// is. All from metafields; the balance after a redemption comes from Laurel's answer.
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import type { StorefrontClient } from "../../shared/api";
import { describeValue, errorMessage, formatPoints } from "../../shared/format";
import { perksLine } from "../../shared/tiers";
import { host } from "./host";
import { localize, tierPerksOf, type Catalog, type CatalogReward, type Member } from "./metafields";
import { currencyDigits, fromMinor, moneyToMinor } from "./money";
import { offersFor } from "./offers";
import { PointsForCash } from "./PointsForCash";
import { AppliedCode, FlowNotice } from "./RedeemStatus";
import { createRedeemFlow, isLaurelCode, type RedeemFlow } from "./redeem-flow";

interface Props {
  member: Member;
  catalog: Catalog | null;
  client: StorefrontClient;
  compact: boolean;
}

export function MemberRewards({ member, catalog, client, compact }: Props) {
  const api = host();
  const { i18n } = api;
  const flow = useMemo(
    () =>
      createRedeemFlow({
        redeem: client.redeem,
        applyDiscountCodeChange: (change) => api.applyDiscountCodeChange(change),
        describeError: (error) => errorMessage(i18n, error),
      }),
    [client, api, i18n],
  );
  const state = flow.state.value;
  const balance = state.balance ?? member.points;
  const language = api.localization.language.value.isoCode;
  const currency = catalog?.currency ?? api.localization.currency.value.isoCode;
  const digits = currencyDigits(currency);
  const cart = api.cost.subtotalAmount.value;
  const subtotal = cart.currencyCode === currency ? moneyToMinor(cart.amount, currency) : null;
  const offers = offersFor(catalog, {
    balance,
    subtotal,
    digits,
    now: Date.now(),
    showPointsForCash: api.settings.value.show_points_for_cash !== false,
    tierId: member.tier?.id ?? null,
  });
  const tier = member.tier && localize(member.tier.name, language);
  // The tier's perks come with the catalog (one copy per shop, not per member); the block only.
  const tierPerks = tierPerksOf(member, catalog);
  const perks = !compact && tier && tierPerks ? perksLine(i18n, tier, tierPerks, currency) : null;
  const canApply = api.instructions.value.discounts.canUpdateDiscountCodes;
  const applied = api.discountCodes.value.find((c) => isLaurelCode(c.code, catalog?.codePrefix ?? null));
  const title = (reward: CatalogReward) => localize(reward.title, language);
  const redeem = (reward: CatalogReward, points?: number) =>
    flow.redeem({ rewardId: reward.id, points, subtotal: subtotal === null ? undefined : fromMinor(subtotal, digits) });

  const cash = offers.pointsForCash;
  // Compact (beside the discount field): one way to use points: points for cash, else the
  // costliest reward within reach (the most the member gets back).
  const costliest = offers.affordable.reduce<CatalogReward[]>(
    (best, r) => (best[0] && best[0].cost >= r.cost ? best : [r]),
    [],
  );
  const rewards = !compact ? offers.affordable : cash ? [] : costliest;
  const nothingToUse = offers.affordable.length === 0 && !cash;

  // A code redeemed elsewhere (the other slot, an earlier visit) spent points the metafield may
  // not show yet: show the balance only when this block redeemed it or no Laurel code is applied.
  const balanceKnown = state.balance != null || !applied;

  return (
    <s-stack gap="base">
      {(balanceKnown || tier) && (
        <s-stack direction="inline" gap="small-200" alignItems="center">
          {balanceKnown && <s-text>{i18n.translate("member.balance", { points: formatPoints(i18n, balance) })}</s-text>}
          {tier && <s-badge>{tier}</s-badge>}
        </s-stack>
      )}
      {perks && <s-text color="subdued">{perks}</s-text>}
      <FlowNotice flow={flow} />
      {applied ? (
        <AppliedCode
          code={applied.code}
          redeemed={state.redeemed[applied.code.toUpperCase()]}
          currency={currency}
          canRemove={canApply}
          flow={flow}
        />
      ) : (
        <>
          {!canApply && <s-banner tone="info">{i18n.translate("member.codes_locked")}</s-banner>}
          {rewards.map((reward) => (
            <RewardRow key={reward.id} reward={reward} title={title(reward)} currency={currency}>
              {canApply && <RedeemButton flow={flow} reward={reward} title={title(reward)} onRedeem={redeem} />}
            </RewardRow>
          ))}
          {cash && (
            <PointsForCash
              offer={cash}
              title={title(cash.reward)}
              currency={currency}
              digits={digits}
              canApply={canApply}
              flow={flow}
              onRedeem={(points) => redeem(cash.reward, points)}
            />
          )}
        </>
      )}
      {!compact && <NextReward nearest={offers.nearest} first={nothingToUse} balance={balance} title={title} />}
      {!compact && nothingToUse && !offers.nearest && (
        <s-text color="subdued">{i18n.translate("member.no_rewards")}</s-text>
      )}
    </s-stack>
  );
}

interface RowProps {
  reward: CatalogReward;
  title: string;
  currency: string;
  children?: ComponentChildren;
}

function RewardRow({ reward, title, currency, children }: RowProps) {
  const { i18n } = host();
  const detail = i18n.translate("member.reward_detail", {
    value: describeValue(i18n, reward.value, currency),
    points: formatPoints(i18n, reward.cost),
  });
  return (
    <s-stack direction="inline" gap="base" alignItems="center" justifyContent="space-between">
      <s-stack gap="none">
        <s-text type="strong">{title}</s-text>
        <s-text color="subdued">{detail}</s-text>
      </s-stack>
      {children}
    </s-stack>
  );
}

interface ButtonProps {
  flow: RedeemFlow;
  reward: CatalogReward;
  title: string;
  onRedeem: (reward: CatalogReward) => void;
}

function RedeemButton({ flow, reward, title, onRedeem }: ButtonProps) {
  const { i18n } = host();
  const busy = flow.state.value.busy;
  return (
    <s-button
      variant="secondary"
      loading={busy?.action === "redeem" && busy.rewardId === reward.id}
      disabled={busy !== null}
      accessibilityLabel={i18n.translate("member.redeem_label", { reward: title })}
      onClick={() => onRedeem(reward)}
    >
      {i18n.translate("member.redeem")}
    </s-button>
  );
}

interface NextProps {
  nearest: { reward: CatalogReward; shortBy: number } | null;
  /** No reward is within reach yet: say how far the first one is. */
  first: boolean;
  balance: number;
  title: (reward: CatalogReward) => string;
}

function NextReward({ nearest, first, balance, title }: NextProps) {
  const { i18n } = host();
  if (!nearest) return null;
  // Its own plural forms: "85 more points", "ещё 85 баллов".
  const words = {
    count: nearest.shortBy,
    points: i18n.formatNumber(nearest.shortBy),
    reward: title(nearest.reward),
  };
  return (
    <s-stack gap="small-200">
      <s-text color="subdued">{i18n.translate(first ? "member.first_reward" : "member.nearest", words)}</s-text>
      {first && (
        <s-progress value={balance} max={nearest.reward.cost} accessibilityLabel={i18n.translate("member.progress")} />
      )}
    </s-stack>
  );
}
