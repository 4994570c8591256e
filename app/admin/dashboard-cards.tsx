// The home dashboard as the merchant sees it: the period, the headline figures (with how the
// liability is worked out), the charts, members against everyone else, top rewards and the latest
// points movements. Loader data only; every figure was computed on the server.
import type { SerializeFrom } from "@remix-run/node";
import {
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Link,
  Text,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/translate";
import { PERIODS } from "../loyalty/dashboard";
import { REASONS } from "../loyalty/ledger";
import type { DashboardData } from "../stats/dashboard.server";
import { ChartCard } from "./dashboard-charts";
import { dashboardFormat, type DashboardFormat } from "./dashboard-format";
import { TableCard, TitledCard } from "./ui/cards";

export type DashboardView = SerializeFrom<DashboardData>;

function PeriodPicker({ period }: { period: number }) {
  const { t } = useI18n();
  return (
    <ButtonGroup variant="segmented">
      {PERIODS.map((p) => (
        <Button key={p} url={`/app?period=${p}`} pressed={p === period}>
          {t(`dashboard.period.${p}` as MessageKey)}
        </Button>
      ))}
    </ButtonGroup>
  );
}

function Figure({ label, value, help }: { label: string; value: string; help: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      </BlockStack>
    </Card>
  );
}

function Figures({ data, f }: { data: DashboardView; f: DashboardFormat }) {
  const { t, locale } = useI18n();
  const { summary } = data;
  const value = data.pointValue;
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
      <Figure
        label={t("dashboard.kpi.members")}
        value={f.number(data.members)}
        help={t("dashboard.kpi.membersHelp", { count: f.number(summary.enrolled) })}
      />
      <Figure
        label={t("dashboard.kpi.issued")}
        value={f.number(summary.issued)}
        help={t("dashboard.kpi.issuedHelp", { count: f.number(summary.reversed) })}
      />
      <Figure
        label={t("dashboard.kpi.redeemed")}
        value={f.number(summary.redeemed)}
        help={
          summary.redemptionRate === null
            ? t("dashboard.kpi.redeemedNoRate")
            : t("dashboard.kpi.redeemedHelp", { rate: f.percent(summary.redemptionRate) })
        }
      />
      <Figure
        label={t("dashboard.kpi.expired")}
        value={f.number(summary.expired)}
        help={t("dashboard.kpi.expiredHelp")}
      />
      <Figure
        label={t("dashboard.kpi.outstanding")}
        value={f.number(data.available + data.pending)}
        help={t("dashboard.kpi.outstandingHelp", {
          available: f.number(data.available),
          pending: f.number(data.pending),
        })}
      />
      <Figure
        label={t("dashboard.kpi.liability")}
        value={data.liability === null ? t("dashboard.kpi.liabilityUnknown") : f.money(data.liability)}
        help={
          value
            ? t("dashboard.liability.how", {
                available: f.number(data.available),
                money: f.money(value.minor),
                points: f.number(value.points),
                reward: value.title[locale],
              })
            : t("dashboard.liability.none")
        }
      />
      <Figure
        label={t("dashboard.kpi.codeRevenue")}
        value={f.money(summary.codeRevenue)}
        help={t("dashboard.kpi.codeRevenueHelp", {
          orders: f.number(summary.codeOrders),
          issued: f.number(summary.redemptions),
          used: f.number(summary.codesUsed),
        })}
      />
    </InlineGrid>
  );
}

function Charts({ data, f }: { data: DashboardView; f: DashboardFormat }) {
  const { t } = useI18n();
  const note = t(data.period === 365 ? "dashboard.charts.weekly" : "dashboard.charts.daily");
  const series = (name: string, pick: (p: DashboardView["series"][number]) => number) => ({
    name,
    data: data.series.map((p) => ({ key: p.day, value: pick(p) })),
  });
  const common = { note, formatKey: f.shortDay, formatValue: f.number };
  return (
    <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
      <ChartCard
        {...common}
        kind="line"
        title={t("dashboard.charts.members")}
        series={[series(t("dashboard.charts.members"), (p) => p.members)]}
      />
      <ChartCard
        {...common}
        kind="bar"
        title={t("dashboard.charts.joined")}
        series={[series(t("dashboard.charts.joined"), (p) => p.enrolled)]}
      />
      {/* Three bars a day stay legible for a month; over a quarter or a year lines read better. */}
      <ChartCard
        {...common}
        kind={data.period === 30 ? "bar" : "line"}
        title={t("dashboard.charts.points")}
        series={[
          series(t("dashboard.charts.issued"), (p) => p.issued),
          series(t("dashboard.charts.redeemed"), (p) => p.redeemed),
          series(t("dashboard.charts.expired"), (p) => p.expired),
        ]}
      />
    </InlineGrid>
  );
}

function Buyers({ data, f }: { data: DashboardView; f: DashboardFormat }) {
  const { t } = useI18n();
  const none = t("dashboard.none");
  const row = (label: string, b: DashboardView["summary"]["members"]) => [
    label,
    f.number(b.orders),
    f.money(b.revenue),
    b.averageOrder === null ? none : f.money(b.averageOrder),
    b.repeatRate === null ? none : f.percent(b.repeatRate),
  ];
  return (
    <TitledCard small title={t("dashboard.orders.title")}>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
        headings={[
          t("dashboard.orders.buyer"),
          t("dashboard.orders.orders"),
          t("dashboard.orders.revenue"),
          t("dashboard.orders.average"),
          t("dashboard.orders.repeat"),
        ]}
        rows={[
          row(t("dashboard.orders.members"), data.summary.members),
          row(t("dashboard.orders.others"), data.summary.others),
        ]}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        {t("dashboard.orders.note", { currency: data.currency })}
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {t("dashboard.orders.repeatNote", { guests: f.number(data.summary.others.guestOrders) })}
      </Text>
    </TitledCard>
  );
}

function TopRewards({ data, f }: { data: DashboardView; f: DashboardFormat }) {
  const { t, locale } = useI18n();
  return (
    <TableCard
      small
      title={t("dashboard.top.title")}
      empty={t("dashboard.top.empty")}
      table={{
        columnContentTypes: ["text", "numeric", "numeric"],
        headings: [t("dashboard.top.reward"), t("dashboard.top.codes"), t("dashboard.top.points")],
        rows: data.topRewards.map((r) => [r.title[locale], f.number(r.redemptions), f.number(r.points)]),
      }}
    />
  );
}

function RecentActivity({ data, f }: { data: DashboardView; f: DashboardFormat }) {
  const { t, locale } = useI18n();
  const change = new Intl.NumberFormat(locale, { signDisplay: "exceptZero" });
  return (
    <TableCard
      small
      title={t("dashboard.recent.title")}
      empty={t("dashboard.recent.empty")}
      table={{
        columnContentTypes: ["text", "text", "numeric", "text"],
        headings: [
          t("dashboard.recent.member"),
          t("dashboard.recent.what"),
          t("dashboard.recent.points"),
          t("dashboard.recent.when"),
        ],
        rows: data.recent.map((e) => [
          <Link key={e.id} url={`/app/members/${e.memberId}`}>
            {e.name ?? t("dashboard.recent.noName")}
          </Link>,
          t(`members.reason.${REASONS.includes(e.reason) ? e.reason : "other"}` as MessageKey),
          change.format(e.points),
          f.time(e.createdAt),
        ]),
      }}
    />
  );
}

export function Dashboard({ data }: { data: DashboardView }) {
  const { t, locale } = useI18n();
  const f = dashboardFormat(locale, data.currency);
  return (
    <BlockStack gap="400">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="h2" variant="headingLg">
          {t("dashboard.title")}
        </Text>
        <PeriodPicker period={data.period} />
      </InlineStack>
      <Box>
        <Text as="p" tone="subdued" variant="bodySm">
          {t("dashboard.asOf", { first: f.day(data.first), last: f.day(data.last), time: f.time(data.asOf) })}
        </Text>
      </Box>
      <Figures data={data} f={f} />
      <Charts data={data} f={f} />
      <Buyers data={data} f={f} />
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <TopRewards data={data} f={f} />
        <RecentActivity data={data} f={f} />
      </InlineGrid>
    </BlockStack>
  );
}
