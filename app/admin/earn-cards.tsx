// The cards of the Ways to earn page: the purchase rule (with a live example), the lists of
// product bonuses, campaigns and custom actions, and the points for built-in actions.
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  IndexTable,
  InlineStack,
  Text,
  TextField,
  type BadgeProps,
  type IndexTableProps,
} from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import { minorPerUnit, toDecimal } from "../loyalty/currency";
import type { Translate } from "../i18n/translate";
import type { CampaignPhase } from "./earn-forms";
import { SaveBar, useFieldErrors, type EarnActionResult } from "./earn-ui";
import { FormCard, IntentButton } from "./ui/cards";
import { useFields } from "./ui/fields";
import { purchasePreview, PREVIEW_UNITS, type EarnOverview } from "./earn-view";

const PHASE_TONE: Record<CampaignPhase, BadgeProps["tone"]> = {
  running: "success",
  upcoming: "info",
  paused: "warning",
  ended: undefined,
  archived: undefined,
};

export function CampaignBadge({ phase }: { phase: CampaignPhase }) {
  const { t } = useI18n();
  return <Badge tone={PHASE_TONE[phase]}>{t(`earn.campaign.status.${phase}`)}</Badge>;
}

export function PurchaseCard({
  values,
  currency,
  pointsName,
  result,
}: {
  values: EarnOverview["purchase"];
  currency: string;
  pointsName: EarnOverview["pointsName"];
  result: EarnActionResult | undefined;
}) {
  const { t, locale } = useI18n();
  const { values: form, field, checkbox } = useFields(values, useFieldErrors(result, "purchase"));
  // The example order has one line and no shipping or tax, so only these fields change it.
  const preview = purchasePreview(
    { points: form.points, per: form.per, minimumOrder: form.minimumOrder },
    values.rounding,
    currency,
  );
  return (
    <FormCard intent="purchase" title={t("earn.purchase.title")} gap="400">
      <FormLayout>
        <FormLayout.Group>
          <TextField label={t("earn.purchase.points")} inputMode="numeric" {...field("points")} />
          <TextField
            label={t("earn.purchase.per")}
            inputMode="decimal"
            suffix={currency}
            helpText={t("earn.purchase.perHelp", { currency })}
            {...field("per")}
          />
          <TextField
            label={t("earn.purchase.minimumOrder")}
            inputMode="decimal"
            suffix={currency}
            helpText={t("earn.purchase.minimumOrderHelp")}
            {...field("minimumOrder")}
          />
        </FormLayout.Group>
        <Checkbox label={t("earn.purchase.includeShipping")} {...checkbox("includeShipping")} />
        <Checkbox label={t("earn.purchase.includeTaxes")} {...checkbox("includeTaxes")} />
        <Checkbox label={t("earn.purchase.includeGiftCards")} {...checkbox("includeGiftCards")} />
      </FormLayout>
      <Text as="p" variant="bodyMd" fontWeight="semibold">
        {preview === null
          ? t("earn.purchase.previewUnavailable")
          : t("earn.purchase.preview", {
              amount: toDecimal(PREVIEW_UNITS * minorPerUnit(currency), currency),
              currency,
              points: preview,
              pointsName: pointsName[locale],
            })}
      </Text>
      <Text as="p" tone="subdued">
        {t("earn.purchase.roundingNote")}
      </Text>
      <SaveBar />
    </FormCard>
  );
}

/** A card listing one kind of item (bonuses, campaigns, custom actions), with its Add button. */
function ListCard({
  title,
  help,
  addLabel,
  addUrl,
  singular,
  empty,
  headings,
  itemCount,
  children,
}: {
  title: string;
  help: string;
  addLabel: string;
  addUrl: string;
  singular: string;
  empty: string;
  headings: IndexTableProps["headings"];
  itemCount: number;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Button url={addUrl}>{addLabel}</Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          {help}
        </Text>
        <IndexTable
          resourceName={{ singular, plural: title }}
          itemCount={itemCount}
          selectable={false}
          emptyState={<Text as="p">{empty}</Text>}
          headings={headings}
        >
          {children}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}

/** A list row's Edit link and Remove button. */
function EditRemove({ editUrl, intent, id }: { editUrl: string; intent: string; id: string }) {
  const { t } = useI18n();
  return (
    <InlineStack gap="200">
      <Button size="slim" url={editUrl}>
        {t("earn.edit")}
      </Button>
      <IntentButton size="slim" tone="critical" fields={{ intent, id }}>
        {t("earn.remove")}
      </IntentButton>
    </InlineStack>
  );
}

const bonusMatch = (t: Translate, match: EarnOverview["bonuses"][number]["match"]) =>
  [
    match.productIds.length ? t("earn.bonuses.products", { count: match.productIds.length }) : null,
    match.collectionIds.length ? t("earn.bonuses.collections", { count: match.collectionIds.length }) : null,
    match.tags.length ? t("earn.bonuses.tags", { tags: match.tags.join(", ") }) : null,
  ]
    .filter(Boolean)
    .join("; ");

export function BonusesCard({ bonuses }: { bonuses: EarnOverview["bonuses"] }) {
  const { t } = useI18n();
  return (
    <ListCard
      title={t("earn.bonuses.title")}
      help={t("earn.bonuses.help")}
      addLabel={t("earn.bonuses.add")}
      addUrl="/app/earn/bonuses/new"
      singular={t("earn.bonuses.bonus")}
      empty={t("earn.bonuses.empty")}
      itemCount={bonuses.length}
      headings={[
        { title: t("earn.bonuses.appliesTo") },
        { title: t("earn.bonuses.bonus") },
        { title: t("earn.manage") },
      ]}
    >
      {bonuses.map((bonus, index) => (
        <IndexTable.Row id={bonus.id} key={bonus.id} position={index}>
          <IndexTable.Cell>{bonusMatch(t, bonus.match)}</IndexTable.Cell>
          <IndexTable.Cell>
            {bonus.kind === "multiplier"
              ? t("earn.bonus.multiplierValue", { multiplier: bonus.value })
              : t("earn.bonus.fixedValue", { points: bonus.value })}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <EditRemove editUrl={`/app/earn/bonuses/${bonus.id}`} intent="removeBonus" id={bonus.id} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </ListCard>
  );
}

export function CampaignsCard({ campaigns }: { campaigns: EarnOverview["campaigns"] }) {
  const { t } = useI18n();
  return (
    <ListCard
      title={t("earn.campaigns.title")}
      help={t("earn.campaigns.help")}
      addLabel={t("earn.campaigns.add")}
      addUrl="/app/earn/campaigns/new"
      singular={t("earn.campaigns.name")}
      empty={t("earn.campaigns.empty")}
      itemCount={campaigns.length}
      headings={[
        { title: t("earn.campaigns.name") },
        { title: t("earn.campaigns.dates") },
        { title: t("earn.campaigns.bonus") },
        { title: t("earn.campaigns.firstOrders") },
        { title: t("earn.campaigns.status") },
        { title: t("earn.manage") },
      ]}
    >
      {campaigns.map((campaign, index) => (
        <IndexTable.Row id={campaign.id} key={campaign.id} position={index}>
          <IndexTable.Cell>
            <Text as="span" fontWeight="semibold">
              {campaign.name}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {t("earn.campaigns.datesValue", { from: campaign.startsAt, to: campaign.endsOn })}
          </IndexTable.Cell>
          <IndexTable.Cell>
            {campaign.kind === "multiplier"
              ? t("earn.campaign.multiplierValue", { multiplier: campaign.value })
              : t("earn.campaign.fixedValue", { points: campaign.value })}
          </IndexTable.Cell>
          <IndexTable.Cell>{campaign.firstOrders || t("earn.none")}</IndexTable.Cell>
          <IndexTable.Cell>
            <CampaignBadge phase={campaign.phase} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Button size="slim" url={`/app/earn/campaigns/${campaign.id}`}>
              {t("earn.edit")}
            </Button>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </ListCard>
  );
}

export function ActionsCard({
  values,
  result,
}: {
  values: EarnOverview["actions"];
  result: EarnActionResult | undefined;
}) {
  const { t } = useI18n();
  const { field } = useFields(values, useFieldErrors(result, "actions"));
  return (
    <FormCard intent="actions" title={t("earn.actions.title")} help={t("earn.actions.help")} gap="400">
      <FormLayout>
        <FormLayout.Group>
          {(["signup", "birthday", "newsletter"] as const).map((name) => (
            <TextField key={name} label={t(`earn.actions.${name}`)} inputMode="numeric" {...field(name)} />
          ))}
        </FormLayout.Group>
      </FormLayout>
      <SaveBar />
    </FormCard>
  );
}

export function CustomActionsCard({ actions }: { actions: EarnOverview["customActions"] }) {
  const { t, locale } = useI18n();
  return (
    <ListCard
      title={t("earn.customActions.title")}
      help={t("earn.customActions.help")}
      addLabel={t("earn.customActions.add")}
      addUrl="/app/earn/actions/new"
      singular={t("earn.customActions.name")}
      empty={t("earn.customActions.empty")}
      itemCount={actions.length}
      headings={[
        { title: t("earn.customActions.name") },
        { title: t("earn.customActions.id") },
        { title: t("earn.customActions.points") },
        { title: t("earn.customActions.limit") },
        { title: t("earn.manage") },
      ]}
    >
      {actions.map((action, index) => (
        <IndexTable.Row id={action.id} key={action.id} position={index}>
          <IndexTable.Cell>{action.name[locale]}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" tone="subdued">
              {action.id}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{action.points}</IndexTable.Cell>
          <IndexTable.Cell>{t(`earn.limit.${action.limit.per}`, { count: action.limit.count })}</IndexTable.Cell>
          <IndexTable.Cell>
            <EditRemove editUrl={`/app/earn/actions/${action.id}`} intent="removeAction" id={action.id} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </ListCard>
  );
}
