// The program's ways to earn, in the shopper's language.
import type { EarnWay } from "../../../shared/contract";
import { host } from "../host";
import { describeWay } from "../ways";

export function WaysToEarn({ ways }: { ways: EarnWay[] }) {
  const { i18n } = host();
  return (
    <s-section heading={i18n.translate("earn.heading")}>
      {ways.length === 0 ? (
        <s-paragraph color="subdued">{i18n.translate("earn.empty")}</s-paragraph>
      ) : (
        <s-unordered-list>
          {ways.map((way) => (
            <s-list-item key={`${way.kind}:${way.text}`}>{describeWay(i18n, way)}</s-list-item>
          ))}
        </s-unordered-list>
      )}
    </s-section>
  );
}
