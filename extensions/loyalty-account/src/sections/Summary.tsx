// Balance, pending points and the next expiries (the tier has its own card: VipStatus).
import { formatDate, formatPoints } from "../../../shared/format";
import type { MemberView } from "../../../shared/contract";
import { host } from "../host";

export function Summary({ member }: { member: MemberView }) {
  const { i18n } = host();
  return (
    <s-section heading={i18n.translate("summary.heading")}>
      <s-stack gap="small-100">
        <s-text color="subdued">{i18n.translate("summary.balance")}</s-text>
        <s-heading>{formatPoints(i18n, member.balance)}</s-heading>
        {member.pending > 0 && (
          <s-text>{i18n.translate("summary.pending", { points: formatPoints(i18n, member.pending) })}</s-text>
        )}
        {member.expiring.map((expiry) => (
          <s-text key={expiry.at} tone="warning">
            {i18n.translate("summary.expiring", {
              count: expiry.points,
              points: formatPoints(i18n, expiry.points),
              date: formatDate(i18n, expiry.at),
            })}
          </s-text>
        ))}
      </s-stack>
    </s-section>
  );
}
