// Laurel at checkout, for both targets: the block (full: balance, rewards, points for cash,
// progress) and the reductions slot beside the discount field (compact: balance and one way to
// use points). Members are painted from metafields alone; only redeeming and guests' estimates
// call Laurel. Anything unexpected renders nothing rather than blocking checkout.
import "@shopify/ui-extensions/preact";
import { Component, render, type ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { hostClient } from "../../shared/api";
import { GuestEarnings } from "./GuestEarnings";
import { host } from "./host";
import { MemberRewards } from "./MemberRewards";
import { readLoyalty } from "./metafields";

export default async function extension() {
  render(
    <Boundary>
      <App />
    </Boundary>,
    document.body,
  );
}

function App() {
  const api = host();
  const entries = api.appMetafields.value;
  const { member, catalog } = useMemo(() => readLoyalty(entries), [entries]);
  const signedIn = api.buyerIdentity?.customer.value !== undefined;
  const compact = api.extension.target === "purchase.checkout.reductions.render-after";
  const client = useMemo(() => hostClient(host), []);

  const body =
    signedIn && member ? (
      <MemberRewards member={member} catalog={catalog} client={client} compact={compact} />
    ) : (
      <GuestEarnings catalog={catalog} client={client} signedIn={signedIn} compact={compact} />
    );
  if (compact) return body;
  const setting = api.settings.value.heading;
  const heading = typeof setting === "string" && setting.trim() !== "" ? setting.trim() : api.i18n.translate("heading");
  return <s-section heading={heading}>{body}</s-section>;
}

/** A render error hides the extension instead of surfacing in checkout. */
class Boundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  static override getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
