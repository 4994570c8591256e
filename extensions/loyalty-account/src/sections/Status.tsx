// The page's waiting and failing states: skeletons while loading, the error with a retry.
import { errorMessage } from "../../../shared/format";
import { host } from "../host";

export function Loading() {
  const { i18n } = host();
  return (
    <s-section>
      <s-stack gap="base">
        <s-spinner accessibilityLabel={i18n.translate("page.loading")} />
        <s-skeleton-paragraph />
        <s-skeleton-paragraph />
      </s-stack>
    </s-section>
  );
}

export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { i18n } = host();
  return (
    <s-banner tone="critical" heading={i18n.translate("page.load_failed")}>
      <s-stack gap="small">
        <s-text>{errorMessage(i18n, error)}</s-text>
        <s-button variant="secondary" onClick={retry}>
          {i18n.translate("page.retry")}
        </s-button>
      </s-stack>
    </s-banner>
  );
}

export function SignIn() {
  const { i18n } = host();
  return (
    <s-banner tone="info" heading={i18n.translate("signin.heading")}>
      <s-text>{i18n.translate("signin.body")}</s-text>
    </s-banner>
  );
}
