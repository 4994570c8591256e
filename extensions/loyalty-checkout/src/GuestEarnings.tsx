// For a guest (or a customer who is not a member): what this order would earn, asked of Laurel
// (POST /estimate) and asked again when the cart changes, and an invitation to join.
import { useEffect, useMemo } from "preact/hooks";
import type { StorefrontClient } from "../../shared/api";
import { errorMessage, formatPoints } from "../../shared/format";
import { createEstimator, estimateRequest } from "./estimate";
import { host } from "./host";
import type { Catalog } from "./metafields";

interface Props {
  catalog: Catalog | null;
  client: StorefrontClient;
  signedIn: boolean;
  compact: boolean;
}

export function GuestEarnings({ catalog, client, signedIn, compact }: Props) {
  const { i18n, lines, cost } = host();
  const estimator = useMemo(() => createEstimator({ estimate: client.estimate }), [client]);
  useEffect(() => () => estimator.dispose(), [estimator]);

  const subtotal = cost.subtotalAmount.value;
  // Points are earned on amounts in the program's currency; a cart in another can't be estimated.
  const request =
    !catalog || catalog.currency === subtotal.currencyCode ? estimateRequest(lines.value, subtotal) : null;
  // Runs after every render; the estimator asks only when the cart differs from the last one.
  useEffect(() => estimator.update(request));

  const { status, points, error } = estimator.state.value;
  return (
    <s-stack gap="small-200">
      {points !== null && points > 0 && (
        <s-text>{i18n.translate("guest.earn", { points: formatPoints(i18n, points) })}</s-text>
      )}
      {status === "loading" && points === null && (
        <s-spinner size="small" accessibilityLabel={i18n.translate("guest.estimating")} />
      )}
      {status === "error" && !compact && <s-banner tone="warning">{errorMessage(i18n, error)}</s-banner>}
      <s-text color="subdued">{i18n.translate(signedIn ? "guest.join" : "guest.sign_in")}</s-text>
    </s-stack>
  );
}
