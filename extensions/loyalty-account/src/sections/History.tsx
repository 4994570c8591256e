// The points history, newest first, a page at a time.
import { errorMessage, formatDate, formatPoints } from "../../../shared/format";
import { historyLine, type HistoryLine, type HistoryState } from "../history";
import { host } from "../host";

export function History({ history }: { history: HistoryState }) {
  const { i18n } = host();
  const status = history.status.value;
  const lines = history.entries.value.map(historyLine).filter((line) => line !== null);
  const retry = status === "more_failed" ? history.loadMore : history.load;
  return (
    <s-section heading={i18n.translate("history.heading")}>
      <s-stack gap="base">
        {status === "loading" && <s-skeleton-paragraph />}
        {status !== "loading" && status !== "failed" && lines.length === 0 && !history.nextCursor.value && (
          <s-paragraph color="subdued">{i18n.translate("history.empty")}</s-paragraph>
        )}
        {lines.map((line) => (
          <Line key={line.id} line={line} />
        ))}
        {(status === "failed" || status === "more_failed") && (
          <s-banner tone="critical">
            <s-stack gap="small">
              <s-text>{errorMessage(i18n, history.error.value)}</s-text>
              <s-button variant="secondary" onClick={() => void retry()}>
                {i18n.translate("page.retry")}
              </s-button>
            </s-stack>
          </s-banner>
        )}
        {history.nextCursor.value && status !== "more_failed" && status !== "loading" && (
          <s-button variant="secondary" loading={status === "loading_more"} onClick={() => void history.loadMore()}>
            {i18n.translate("history.more")}
          </s-button>
        )}
      </s-stack>
    </s-section>
  );
}

function Line({ line }: { line: HistoryLine }) {
  const { i18n } = host();
  const points = formatPoints(i18n, Math.abs(line.points));
  const change = i18n.translate(line.points < 0 ? "history.loss" : "history.gain", { points });
  return (
    <s-stack direction="inline" justifyContent="space-between" alignItems="center" gap="base">
      <s-stack gap="small-300">
        <s-text>{i18n.translate(line.label)}</s-text>
        <s-text color="subdued">{formatDate(i18n, line.at)}</s-text>
      </s-stack>
      <s-text type="strong" tone={line.points < 0 ? "critical" : "success"}>
        {line.pending ? i18n.translate("history.pending", { change }) : change}
      </s-text>
    </s-stack>
  );
}
