// The reward catalog: every reward with its type, cost, status and how many codes it has issued
// and members used, filtered by status; pause, resume, archive and reorder from the list.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  IndexTable,
  Link,
  Page,
  Tabs,
  Text,
} from "@shopify/polaris";
import { actorOf } from "../admin/audit.server";
import { STATUS_FILTERS, STATUS_TONE, statusFilterOf, type RewardRow } from "../admin/reward-views";
import { rewardsList, runRewardCommand } from "../admin/rewards-admin.server";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return rewardsList(session.shop, statusFilterOf(new URL(request.url).searchParams.get("status")));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  const outcome = await runRewardCommand(
    session.shop,
    actorOf(sessionToken),
    String(form.get("id") ?? ""),
    String(form.get("intent") ?? ""),
  );
  return data(outcome, { status: outcome.status });
};

export default function Rewards() {
  const { filter, rows, counts } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const fetcher = useFetcher<typeof action>();
  const selected = STATUS_FILTERS.indexOf(filter);
  const tabs = STATUS_FILTERS.map((status) => ({
    id: `rewards-${status}`,
    content: t(`rewards.tab.${status}`, { count: counts[status] }),
  }));
  return (
    <Page title={t("rewards.title")} primaryAction={{ content: t("rewards.create"), url: "/app/rewards/new" }}>
      <BlockStack gap="400">
        {fetcher.data?.error && <Banner tone="critical">{t(fetcher.data.error)}</Banner>}
        <Card padding="0">
          <Tabs tabs={tabs} selected={selected} onSelect={(index) => navigate(`?status=${STATUS_FILTERS[index]}`)} />
          <IndexTable
            resourceName={{ singular: t("rewards.title"), plural: t("rewards.title") }}
            itemCount={rows.length}
            selectable={false}
            emptyState={<EmptyList />}
            headings={[
              { title: t("rewards.column.title") },
              { title: t("rewards.column.type") },
              { title: t("rewards.column.cost"), alignment: "end" },
              { title: t("rewards.column.status") },
              { title: t("rewards.column.codes"), alignment: "end" },
              { title: t("rewards.column.actions") },
            ]}
          >
            {rows.map((row, index) => (
              <RewardLine
                key={row.id}
                row={row}
                index={index}
                first={index === 0}
                last={index === rows.length - 1}
                submit={(intent) => fetcher.submit({ intent, id: row.id }, { method: "post" })}
              />
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}

function EmptyList() {
  const { t } = useI18n();
  return (
    <BlockStack gap="200" inlineAlign="center">
      <Text as="h2" variant="headingMd">
        {t("rewards.empty.heading")}
      </Text>
      <Text as="p" tone="subdued">
        {t("rewards.empty.body")}
      </Text>
    </BlockStack>
  );
}

type Intent = "pause" | "resume" | "archive" | "up" | "down";

function RewardLine(props: {
  row: RewardRow;
  index: number;
  first: boolean;
  last: boolean;
  submit: (intent: Intent) => void;
}) {
  const { row, index, first, last, submit } = props;
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const button = (intent: Intent, label: string, disabled = false) => (
    <Button size="slim" disabled={disabled} onClick={() => submit(intent)}>
      {label}
    </Button>
  );
  return (
    <IndexTable.Row id={row.id} position={index}>
      <IndexTable.Cell>
        <Link url={`/app/rewards/${row.id}`} dataPrimaryLink monochrome removeUnderline>
          <Text as="span" fontWeight="semibold">
            {row.title[locale]}
          </Text>
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>{t(`rewards.type.${row.type}`)}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {number.format(row.cost)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={STATUS_TONE[row.status]}>{t(`rewards.status.${row.status}`)}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {t("rewards.codes", { issued: number.format(row.issued), used: number.format(row.used) })}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {/* The row opens the reward; its buttons do only what they say. */}
        <div onClick={(event) => event.stopPropagation()}>
          <ButtonGroup>
            {row.status === "active" && button("pause", t("rewards.action.pause"))}
            {row.status !== "active" && button("resume", t("rewards.action.resume"))}
            {row.status !== "archived" && button("archive", t("rewards.action.archive"))}
            {row.status !== "archived" && button("up", t("rewards.action.moveUp"), first)}
            {row.status !== "archived" && button("down", t("rewards.action.moveDown"), last)}
          </ButtonGroup>
        </div>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
