// The profile block (customer-account.profile.block.render): the balance with the member's VIP
// tier, and a link to the page.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import { hostClient } from "../../shared/api";
import { errorMessage, formatPoints } from "../../shared/format";
import { host } from "../../loyalty-account/src/host";
import { FULL_PAGE_URL } from "../../loyalty-account/src/links";
import { createRemote } from "../../loyalty-account/src/remote";

export default async function extension() {
  render(<ProfileCard />, document.body);
}

export function ProfileCard() {
  const { authenticatedAccount, i18n } = host();
  const signedIn = authenticatedAccount.customer.value !== undefined;
  const loyalty = useMemo(() => createRemote(() => hostClient(host).loyalty()), []);
  useEffect(() => {
    if (signedIn) void loyalty.load();
  }, [loyalty, signedIn]);
  const state = loyalty.state.value;
  return (
    <s-section heading={i18n.translate("profile.heading")}>
      <s-stack gap="small">
        {!signedIn ? (
          <s-text>{i18n.translate("profile.signin")}</s-text>
        ) : state.status === "loading" ? (
          <s-skeleton-paragraph />
        ) : state.status === "ready" && state.data.member ? (
          <s-stack direction="inline" gap="small-200" alignItems="center">
            <s-text type="strong">
              {i18n.translate("profile.balance", { points: formatPoints(i18n, state.data.member.balance) })}
            </s-text>
            {state.data.member.tier && <s-badge>{state.data.member.tier.name}</s-badge>}
          </s-stack>
        ) : state.status === "ready" ? (
          <s-text>{i18n.translate("member.not_member")}</s-text>
        ) : (
          <s-text color="subdued">{errorMessage(i18n, state.error)}</s-text>
        )}
        <s-link href={FULL_PAGE_URL}>{i18n.translate("profile.link")}</s-link>
      </s-stack>
    </s-section>
  );
}
