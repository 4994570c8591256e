// The Operations page's cards: program health, the sync queue by kind, the failed jobs, and the
// webhook deliveries processed. Data comes from operations.server.ts through the route's loader.
import { Badge, BlockStack, Card, DataTable, InlineStack, Text, type BadgeProps } from "@shopify/polaris";
import type { MessageKey, Translate } from "../i18n/translate";
import { useI18n } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { kindState, type KindState, type KindSummary, type Level, type ProgramStatus } from "./operations-health";
import type { Overview, ProblemJob } from "./operations.server";
import { IntentButton } from "./ui/cards";

type Tone = BadgeProps["tone"];

const LEVEL_TONE: Record<Level, Tone> = { ok: "success", info: "success", warning: "warning", critical: "critical" };
const PROGRAM_TONE: Record<ProgramStatus, Tone> = { live: "success", paused: "warning", draft: "info", none: "info" };
const STATE_TONE: Record<KindState, Tone> = {
  failing: "critical",
  delayed: "critical",
  retrying: "warning",
  pending: "info",
  ok: "success",
  idle: undefined,
};

const KIND_LABELS: Record<string, MessageKey> = {
  sync_member: "operations.kind.sync_member",
  publish_rewards: "operations.kind.publish_rewards",
  sync_catalog: "operations.kind.sync_catalog",
  sync_product: "operations.kind.sync_product",
  check_newsletter: "operations.kind.check_newsletter",
  tiers_apply: "operations.kind.tiers_apply",
  sync_tier_discounts: "operations.kind.sync_tier_discounts",
  sync_tier: "operations.kind.sync_tier",
};

/** A job kind's name for merchants; a kind this page doesn't know yet shows as it is stored. */
export const kindLabel = (t: Translate, kind: string) => (KIND_LABELS[kind] ? t(KIND_LABELS[kind]) : kind);

/** Times in UTC, said so: the server and the browser then render the same text. */
export function useTimeFormat() {
  const { locale } = useI18n();
  return (value: Date | string | null) => (value === null ? null : formatTime(locale, value));
}

export function formatTime(locale: Locale, value: Date | string) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return `${format.format(new Date(value))} UTC`;
}

export function HealthCard({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const time = useTimeFormat();
  const lastDone = (kind: string) => overview.kinds.find((k) => k.kind === kind)?.lastDoneAt ?? null;
  const lastWebhook = overview.webhooks.latest[0]?.receivedAt ?? null;
  const facts: [string, string][] = [
    [t("operations.health.rewardsPublished"), time(lastDone("publish_rewards")) ?? t("operations.health.never")],
    [t("operations.health.balancesSynced"), time(lastDone("sync_member")) ?? t("operations.health.never")],
    [t("operations.health.lastWebhook"), time(lastWebhook) ?? t("operations.health.never")],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("operations.health.title")}
        </Text>
        <InlineStack gap="400">
          <InlineStack gap="200" blockAlign="center">
            <Text as="span">{t("operations.health.overall")}</Text>
            <Badge tone={LEVEL_TONE[overview.health.level]}>
              {t(`operations.health.level.${overview.health.level}`)}
            </Badge>
          </InlineStack>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span">{t("operations.health.program")}</Text>
            <Badge tone={PROGRAM_TONE[overview.program]}>{t(`operations.program.${overview.program}`)}</Badge>
          </InlineStack>
        </InlineStack>
        <BlockStack gap="100">
          {facts.map(([label, value]) => (
            <InlineStack key={label} gap="200">
              <Text as="span" tone="subdued">
                {label}:
              </Text>
              <Text as="span">{value}</Text>
            </InlineStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

export function QueueCard({ kinds, now, busy }: { kinds: KindSummary[]; now: Date; busy: boolean }) {
  const { t } = useI18n();
  const time = useTimeFormat();
  const rows = kinds.map((kind) => {
    const state = kindState(kind, now);
    return [
      kindLabel(t, kind.kind),
      <Badge key="state" tone={STATE_TONE[state]}>
        {t(`operations.state.${state}`)}
      </Badge>,
      kind.queued - kind.retrying,
      kind.retrying,
      kind.running,
      kind.dead,
      time(kind.lastDoneAt) ?? t("operations.health.never"),
      kind.dead > 0 ? (
        <IntentButton key="retry" size="slim" disabled={busy} fields={{ intent: "retryKind", kind: kind.kind }}>
          {t("operations.queue.retryAll", { count: kind.dead })}
        </IntentButton>
      ) : (
        ""
      ),
    ];
  });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("operations.queue.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("operations.queue.help")}
        </Text>
        {rows.length === 0 ? (
          <Text as="p">{t("operations.queue.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "text", "text"]}
            headings={[
              t("operations.queue.work"),
              t("operations.queue.state"),
              t("operations.queue.waiting"),
              t("operations.queue.retrying"),
              t("operations.queue.running"),
              t("operations.queue.failed"),
              t("operations.queue.lastSuccess"),
              "",
            ]}
            rows={rows}
          />
        )}
      </BlockStack>
    </Card>
  );
}

export function FailedJobsCard({
  jobs,
  page,
  hasNext,
  busy,
  onPage,
}: {
  jobs: ProblemJob[];
  page: number;
  hasNext: boolean;
  busy: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const time = useTimeFormat();
  const rows = jobs.map((job) => [
    kindLabel(t, job.kind),
    job.key,
    <BlockStack key="status" gap="100">
      <Badge tone={job.status === "dead" ? "critical" : "warning"}>
        {t(job.status === "dead" ? "operations.failed.dead" : "operations.failed.retrying")}
      </Badge>
      {job.nextRunAt ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {t("operations.failed.nextRun", { time: time(job.nextRunAt)! })}
        </Text>
      ) : null}
    </BlockStack>,
    job.attempts,
    job.lastError ?? t("operations.failed.noError"),
    time(job.failedAt),
    <IntentButton key="retry" size="slim" disabled={busy} fields={{ intent: "retry", jobId: job.id }}>
      {t("operations.failed.retry")}
    </IntentButton>,
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("operations.failed.title")}
        </Text>
        {rows.length === 0 && page === 1 ? (
          <Text as="p">{t("operations.failed.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
            headings={[
              t("operations.queue.work"),
              t("operations.failed.item"),
              t("operations.failed.status"),
              t("operations.failed.attempts"),
              t("operations.failed.error"),
              t("operations.failed.when"),
              "",
            ]}
            rows={rows}
            verticalAlign="top"
            pagination={{
              hasPrevious: page > 1,
              hasNext,
              onPrevious: () => onPage(page - 1),
              onNext: () => onPage(page + 1),
            }}
          />
        )}
      </BlockStack>
    </Card>
  );
}

export function WebhooksCard({ webhooks }: { webhooks: Overview["webhooks"] }) {
  const { t } = useI18n();
  const time = useTimeFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("operations.webhooks.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("operations.webhooks.help")}
        </Text>
        {webhooks.topics.length === 0 ? (
          <Text as="p">{t("operations.webhooks.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "text"]}
            headings={[
              t("operations.webhooks.topic"),
              t("operations.webhooks.lastDay"),
              t("operations.webhooks.lastWeek"),
              t("operations.webhooks.lastReceived"),
            ]}
            rows={webhooks.topics.map((row) => [row.topic, row.lastDay, row.lastWeek, time(row.lastReceivedAt) ?? ""])}
          />
        )}
        {webhooks.latest.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("operations.webhooks.latest")}
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={[
                t("operations.webhooks.topic"),
                t("operations.webhooks.received"),
                t("operations.webhooks.triggered"),
              ]}
              rows={webhooks.latest.map((delivery) => [
                delivery.topic,
                time(delivery.receivedAt),
                time(delivery.triggeredAt) ?? "",
              ])}
            />
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
