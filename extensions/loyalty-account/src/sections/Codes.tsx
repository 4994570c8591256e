// The member's discount codes: unexpired or used, newest first (as the API lists them).
import { describeValue, formatDate } from "../../../shared/format";
import type { CodeView } from "../../../shared/contract";
import { host } from "../host";
import { CopyCode } from "./CopyCode";

export function Codes({ codes, currency }: { codes: CodeView[]; currency: string }) {
  const { i18n } = host();
  return (
    <s-section heading={i18n.translate("codes.heading")}>
      {codes.length === 0 ? (
        <s-paragraph color="subdued">{i18n.translate("codes.empty")}</s-paragraph>
      ) : (
        <s-stack gap="base">
          {codes.map((code) => (
            <s-stack key={code.code} gap="small-300">
              <s-stack direction="inline" gap="small" alignItems="center">
                <s-text type="strong">{code.title}</s-text>
                <s-badge tone={code.used ? "neutral" : "auto"}>
                  {i18n.translate(code.used ? "codes.used" : "codes.active")}
                </s-badge>
              </s-stack>
              <s-text color="subdued">{describeValue(i18n, code.value, currency)}</s-text>
              {code.used ? (
                <s-text type="redundant">{code.code}</s-text>
              ) : (
                <>
                  <CopyCode code={code.code} scope="codes" />
                  <s-text color="subdued">
                    {i18n.translate("codes.ends", { date: formatDate(i18n, code.endsAt) })}
                  </s-text>
                </>
              )}
            </s-stack>
          ))}
        </s-stack>
      )}
    </s-section>
  );
}
