// What happened to the member's codes: the Laurel code on this checkout (with what it gives when
// it was redeemed here) and a way to take it off, and the outcome of the last action.
import { describeValue } from "../../shared/format";
import type { RedeemResponse } from "../../shared/contract";
import { host } from "./host";
import type { RedeemFlow } from "./redeem-flow";

interface AppliedProps {
  code: string;
  /** Laurel's answer when the code was redeemed in this checkout; unknown for an earlier code. */
  redeemed: RedeemResponse | undefined;
  currency: string;
  canRemove: boolean;
  flow: RedeemFlow;
}

export function AppliedCode({ code, redeemed, currency, canRemove, flow }: AppliedProps) {
  const { i18n } = host();
  const busy = flow.state.value.busy;
  const heading = redeemed
    ? i18n.translate("applied.title", { code, value: describeValue(i18n, redeemed.value, currency) })
    : i18n.translate("applied.title_plain", { code });
  return (
    <s-banner tone="success" heading={heading}>
      <s-stack gap="small-200">
        <s-text>{i18n.translate("applied.keep")}</s-text>
        {canRemove && (
          <s-button
            variant="secondary"
            loading={busy?.action === "remove"}
            disabled={busy !== null}
            onClick={() => flow.remove(code)}
          >
            {i18n.translate("applied.remove")}
          </s-button>
        )}
      </s-stack>
    </s-banner>
  );
}

export function FlowNotice({ flow }: { flow: RedeemFlow }) {
  const { i18n } = host();
  const notice = flow.state.value.notice;
  switch (notice?.kind) {
    case undefined:
      return null;
    case "error":
      return (
        <s-banner tone="critical">
          <s-stack gap="small-200">
            <s-text>{notice.message}</s-text>
            {notice.retry && (
              <s-button variant="secondary" onClick={() => flow.retry()}>
                {i18n.translate("notice.retry")}
              </s-button>
            )}
          </s-stack>
        </s-banner>
      );
    case "not_applied":
      return <s-banner tone="warning">{i18n.translate("notice.not_applied", notice)}</s-banner>;
    case "removed":
      return <s-banner tone="info">{i18n.translate("notice.removed", notice)}</s-banner>;
    case "remove_failed":
      return <s-banner tone="critical">{i18n.translate("notice.remove_failed", notice)}</s-banner>;
  }
}
