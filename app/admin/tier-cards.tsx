// VIP tiers as the admin shows them: a member's tier card (tier, qualifying value, progress, review,
// the override form) and tier timeline, the dashboard's members by tier, and the tiers editor's
// preview of where members would land. Loader data only; the figures come from app/tiers/.
import type { TierChangeLine } from "../tiers/views.server";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  DataTable,
  FormLayout,
  InlineStack,
  Link,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import type { MessageKey, Translate } from "../i18n/translate";
import { toDecimal } from "../loyalty/currency";
import type { Ladder, TierMetric, TierWindow } from "../loyalty/tiers";
import type { OverrideErrors } from "./tiers-form";
import { TableCard, TitledCard } from "./ui/cards";
import { useFieldErrors } from "./ui/fields";

export interface TierName {
  id: string;
  name: { en: string; ru: string };
}

/** The ladder's tiers, lowest first, as the pages name them. */
export const tierNames = (ladder: Ladder): TierName[] => ladder.tiers.map(({ id, name }) => ({ id, name }));

type When = Date | string | null;

const dateOf = (locale: Locale, value: When) =>
  value === null ? null : new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));

/** A tier's name in the admin's language; a tier no longer on the ladder by its id; none as "No tier". */
export function tierLabel(t: Translate, locale: Locale, tiers: TierName[], id: string | null) {
  if (id === null) return t("tiers.noTier");
  return tiers.find((tier) => tier.id === id)?.name[locale] ?? id;
}

/** A value of the ladder's metric: points and orders as numbers, spend as money (minor units). */
export function metricText(locale: Locale, metric: TierMetric, value: number, currency: string) {
  if (metric !== "spend") return new Intl.NumberFormat(locale).format(value);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    toDecimal(value, currency) as Intl.StringNumericLiteral,
  );
}

const actorOf = (t: Translate, actor: string) => {
  if (actor === "system") return t("audit.actor.system");
  if (actor === "staff:unknown") return t("audit.actor.unknownStaff");
  if (actor.startsWith("staff:")) return t("audit.actor.staff", { id: actor.slice("staff:".length) });
  return actor;
};

const CAUSES = ["qualified", "review", "override", "override_cleared", "ladder"] as const;
const causeKey = (cause: string): MessageKey =>
  (CAUSES as readonly string[]).includes(cause) ? (`tiers.cause.${cause}` as MessageKey) : "tiers.cause.other";

// --- The member page -------------------------------------------------------------------------------

/** A timeline line as the loader sends it (its date as text once serialised). */
export type TierChangeView = Omit<TierChangeLine, "createdAt"> & { createdAt: Date | string };

export interface MemberTierData {
  metric: TierMetric;
  window: TierWindow;
  currency: string;
  tiers: TierName[];
  /** The member's effective tier (null: none). */
  tierId: string | null;
  value: number;
  progress: { next: string | null; needed: number; percent: number };
  since: When;
  reviewAt: When;
  locked: boolean;
  timeline: TierChangeView[];
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <InlineStack align="space-between" gap="200" blockAlign="center">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span">{children}</Text>
    </InlineStack>
  );
}

/** The member's tier, what they have done in the window, how far the next tier is, and when they are reviewed. */
export function MemberTierCard({ data }: { data: MemberTierData }) {
  const { t, locale } = useI18n();
  const name = (id: string | null) => tierLabel(t, locale, data.tiers, id);
  const value = (n: number) => metricText(locale, data.metric, n, data.currency);
  const review = data.locked
    ? t("tiers.member.reviewLocked")
    : (dateOf(locale, data.reviewAt) ?? t("tiers.member.reviewNever"));
  return (
    <TitledCard
      title={t("tiers.member.title")}
      badge={data.locked ? <Badge tone="attention">{t("tiers.member.locked")}</Badge> : undefined}
    >
      <Text as="p" variant="headingLg">
        {name(data.tierId)}
      </Text>
      <Fact label={t(`tiers.value.${data.metric}`)}>{value(data.value)}</Fact>
      <Text as="p" variant="bodySm" tone="subdued">
        {t("tiers.member.counted", { window: t(`tiers.window.${data.window}`) })}
      </Text>
      {data.progress.next ? (
        <BlockStack gap="100">
          <ProgressBar progress={data.progress.percent} size="small" />
          <Text as="p" variant="bodySm">
            {t(`tiers.progress.${data.metric}`, {
              needed: value(data.progress.needed),
              tier: name(data.progress.next),
            })}
          </Text>
        </BlockStack>
      ) : (
        <Text as="p" variant="bodySm">
          {t("tiers.progress.top")}
        </Text>
      )}
      <Fact label={t("tiers.member.since")}>{dateOf(locale, data.since) ?? t("members.none")}</Fact>
      <Fact label={t("tiers.member.review")}>{review}</Fact>
    </TitledCard>
  );
}

type OverrideAnswer =
  | { intent: "tier"; ok: true; tierId: string | null; locked: boolean }
  | { intent: "tier"; ok: false; errors: OverrideErrors };

/** The merchant fixes the member's tier, or hands it back to the rules; a reason is required. */
export function TierOverrideForm({ data }: { data: MemberTierData }) {
  const { t, locale } = useI18n();
  const raw = useActionData<unknown>() as { intent?: string } | undefined;
  const answer = raw?.intent === "tier" ? (raw as OverrideAnswer) : undefined;
  const submitting = useNavigation().formData?.get("intent") === "tier";
  const error = useFieldErrors(answer && !answer.ok ? answer.errors : undefined);
  const [tierId, setTierId] = useState(data.locked ? (data.tierId ?? "") : "");
  const [reason, setReason] = useState("");
  return (
    <TitledCard title={t("tiers.override.title")} help={t("tiers.override.help")} small>
      {answer?.ok && (
        <Banner tone="success">
          {answer.locked
            ? t("tiers.override.done", { tier: tierLabel(t, locale, data.tiers, answer.tierId) })
            : t("tiers.override.cleared")}
        </Banner>
      )}
      {answer && !answer.ok && answer.errors.form && <Banner tone="critical">{error("form")}</Banner>}
      <Form method="post">
        <input type="hidden" name="intent" value="tier" />
        <FormLayout>
          <Select
            label={t("tiers.override.tier")}
            name="tierId"
            options={[
              { value: "", label: t("tiers.override.automatic") },
              ...data.tiers.map((tier) => ({ value: tier.id, label: tier.name[locale] })),
            ]}
            value={tierId}
            onChange={setTierId}
            error={error("tierId")}
          />
          <TextField
            label={t("tiers.override.reason")}
            name="reason"
            value={reason}
            onChange={setReason}
            maxLength={500}
            autoComplete="off"
            error={error("reason")}
          />
          <Button submit loading={submitting}>
            {t("tiers.override.submit")}
          </Button>
        </FormLayout>
      </Form>
    </TitledCard>
  );
}

/** Every change of the member's tier, newest first: from → to, why, the merchant's note, who. */
export function TierTimelineCard({ data }: { data: MemberTierData }) {
  const { t, locale } = useI18n();
  const name = (id: string | null) => tierLabel(t, locale, data.tiers, id);
  return (
    <TableCard
      title={t("tiers.timeline.title")}
      empty={t("tiers.timeline.empty")}
      table={{
        columnContentTypes: ["text", "text", "text", "text", "text"],
        headings: [
          t("tiers.timeline.date"),
          t("tiers.timeline.change"),
          t("tiers.timeline.cause"),
          t("tiers.timeline.note"),
          t("tiers.timeline.actor"),
        ],
        rows: data.timeline.map((c) => [
          dateOf(locale, c.createdAt) ?? "",
          `${name(c.fromTierId)} → ${name(c.toTierId)}`,
          t(causeKey(c.cause)),
          c.note ?? "",
          actorOf(t, c.actor),
        ]),
      }}
    />
  );
}

// --- The dashboard ---------------------------------------------------------------------------------

export interface TierDistributionData {
  tiers: (TierName & { count: number })[];
  /** Active members on no tier (the lowest tier asks for something they haven't reached). */
  none: number;
  total: number;
}

/** tierDistribution's counts in the ladder's order. */
export function distributionOf(ladder: Ladder, counts: Map<string | null, number>): TierDistributionData {
  const tiers = tierNames(ladder).map((tier) => ({ ...tier, count: counts.get(tier.id) ?? 0 }));
  const none = counts.get(null) ?? 0;
  return { tiers, none, total: tiers.reduce((sum, tier) => sum + tier.count, none) };
}

/** Active members per tier, with each tier's share. */
export function TierDistributionCard({ data }: { data: TierDistributionData }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const share = (count: number) => (data.total === 0 ? t("members.none") : percent.format(count / data.total));
  const rows = data.tiers.map((tier) => [tier.name[locale], number.format(tier.count), share(tier.count)]);
  if (data.none > 0) rows.push([t("tiers.noTier"), number.format(data.none), share(data.none)]);
  return (
    <TitledCard small title={t("dashboard.tiers.title")}>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric"]}
        headings={[t("dashboard.tiers.tier"), t("dashboard.tiers.members"), t("dashboard.tiers.share")]}
        rows={rows}
        totals={["", number.format(data.total), ""]}
        showTotalsInFooter
        totalsName={{ singular: t("dashboard.tiers.total"), plural: t("dashboard.tiers.total") }}
      />
      <InlineStack>
        <Link url="/app/tiers">{t("dashboard.tiers.edit")}</Link>
      </InlineStack>
    </TitledCard>
  );
}

// --- The tiers editor ------------------------------------------------------------------------------

export interface LadderPreviewData {
  tiers: (TierName & { qualify: number; afterSave: number })[];
  none: number;
  members: number;
}

/** Where the shop's active members would land on the ladder as previewed, before it is saved. */
export function TierPreviewCard({ data }: { data: LadderPreviewData }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const rows = data.tiers.map((tier) => [
    tier.name[locale],
    number.format(tier.qualify),
    number.format(tier.afterSave),
  ]);
  rows.push([t("tiers.noTier"), "", number.format(data.none)]);
  return (
    <TitledCard
      title={t("tiers.preview.title")}
      help={t("tiers.preview.help", { members: number.format(data.members) })}
    >
      <DataTable
        columnContentTypes={["text", "numeric", "numeric"]}
        headings={[t("tiers.preview.tier"), t("tiers.preview.qualify"), t("tiers.preview.afterSave")]}
        rows={rows}
      />
    </TitledCard>
  );
}
