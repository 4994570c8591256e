// Points for cash: the member picks how many points to spend (a multiple of the step, up to what
// the balance and the reward's share of this cart allow) and gets that much off in one click.
import { useState } from "preact/hooks";
import { formatMoney, formatPoints } from "../../shared/format";
import { host } from "./host";
import { fromMinor } from "./money";
import { cashFor, clampPoints, type PointsForCashOffer } from "./offers";
import type { RedeemFlow } from "./redeem-flow";

interface Props {
  offer: PointsForCashOffer;
  title: string;
  currency: string;
  digits: number;
  canApply: boolean;
  flow: RedeemFlow;
  onRedeem: (points: number) => void;
}

/** The typed text of a Polaris field from its input/change event. */
const fieldValue = (event: Event) => (event.currentTarget as { value?: string } | null)?.value ?? "";

export function PointsForCash({ offer, title, currency, digits, canApply, flow, onRedeem }: Props) {
  const { i18n } = host();
  // Starts at the most this cart takes; the shopper steps down.
  const [text, setText] = useState(String(offer.max));
  const typed = Number(text);
  const points = clampPoints(offer, typed);
  const valid = text.trim() !== "" && typed === points;
  const amount = formatMoney(i18n, fromMinor(cashFor(offer, points), digits), currency);
  const busy = flow.state.value.busy;
  const words = { points: formatPoints(i18n, points), amount };

  return (
    <s-stack gap="small-200">
      <s-text type="strong">{title}</s-text>
      {canApply && (
        <s-number-field
          label={i18n.translate("cash.label")}
          value={text}
          min={offer.step}
          max={offer.max}
          step={offer.step}
          controls="stepper"
          inputMode="numeric"
          error={
            valid
              ? undefined
              : i18n.translate("cash.invalid", {
                  step: formatPoints(i18n, offer.step),
                  max: formatPoints(i18n, offer.max),
                })
          }
          onInput={(event) => setText(fieldValue(event))}
          // On commit, snap what was typed to what will be used.
          onChange={(event) => setText(String(clampPoints(offer, Number(fieldValue(event)))))}
        />
      )}
      <s-text color="subdued">
        {i18n.translate("cash.range", {
          step: formatPoints(i18n, offer.step),
          value: formatMoney(i18n, fromMinor(offer.stepValue, digits), currency),
          max: formatPoints(i18n, offer.max),
        })}
      </s-text>
      {canApply && (
        <s-button
          variant="secondary"
          loading={busy?.action === "redeem" && busy.rewardId === offer.reward.id}
          disabled={busy !== null || !valid}
          onClick={() => onRedeem(points)}
        >
          {i18n.translate("cash.button", words)}
        </s-button>
      )}
    </s-stack>
  );
}
