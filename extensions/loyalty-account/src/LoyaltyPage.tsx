// The full page (customer-account.page.render): the member's points, VIP status, rewards, codes,
// history, ways to earn and birthday; a guest sees the invitation to sign in, the VIP tiers and
// the ways to earn.
import { useEffect, useMemo } from "preact/hooks";
import { hostClient } from "../../shared/api";
import { host } from "./host";
import { createPageState, type PageState } from "./page-state";
import { Birthday } from "./sections/Birthday";
import { Codes } from "./sections/Codes";
import { History } from "./sections/History";
import { Rewards } from "./sections/Rewards";
import { LoadFailed, Loading, SignIn } from "./sections/Status";
import { Summary } from "./sections/Summary";
import { VipStatus } from "./sections/VipStatus";
import { WaysToEarn } from "./sections/WaysToEarn";
import { vipCard } from "./vip";

export function LoyaltyPage() {
  const { authenticatedAccount, i18n } = host();
  const signedIn = authenticatedAccount.customer.value !== undefined;
  const state = useMemo(() => createPageState(hostClient(host), { signedIn }), [signedIn]);
  useEffect(() => void state.load(), [state]);
  return (
    <s-page heading={i18n.translate("page.heading")}>
      <s-stack gap="base">
        <Content state={state} />
      </s-stack>
    </s-page>
  );
}

function Content({ state }: { state: PageState }) {
  const { i18n } = host();
  const loyalty = state.loyalty.value;
  if (loyalty.status === "loading") return <Loading />;
  if (loyalty.status === "failed") return <LoadFailed error={loyalty.error} retry={() => void state.load()} />;
  const { program, member, rewards, codes } = loyalty.data;
  const vip = vipCard(i18n, program, member);
  return (
    <>
      {!state.signedIn && <SignIn />}
      {state.signedIn && member === null && (
        <s-banner tone="info">
          <s-text>{i18n.translate("member.not_member")}</s-text>
        </s-banner>
      )}
      {member && <Summary member={member} />}
      {vip && <VipStatus card={vip} />}
      <Rewards rewards={rewards} currency={program.currency} isMember={member !== null} flow={state.redemptions} />
      {member && <Codes codes={codes} currency={program.currency} />}
      {member && <History history={state.history} />}
      <WaysToEarn ways={program.earnRulesSummary} />
      {member && <Birthday form={state.birthday} />}
    </>
  );
}
