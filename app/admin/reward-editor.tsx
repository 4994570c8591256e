// The reward form, for a new reward and an existing one: the type chosen decides which value
// fields show; the server validates and answers a message per field, shown beside it.
import { Form, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Checkbox,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/translate";
import type { RewardStatus } from "../loyalty/rewards";
import { REWARD_TYPES, TYPE_FIELDS, type FieldErrors, type RewardField, type RewardFormValues } from "./reward-form";
import { STATUS_TONE } from "./reward-views";
import { BUILT_IN_OPTIONS, SegmentChoice, type SegmentOption } from "./segment-ui";
import { SubmitBar, TitledCard } from "./ui/cards";
import { useFieldErrors, useFields } from "./ui/fields";

export interface RewardEditorProps {
  currency: string;
  values: RewardFormValues;
  errors?: FieldErrors;
  /** Set when editing: the reward's status, for its badge and the pause/resume/archive actions. */
  status?: RewardStatus;
  /** Why the last pause/resume/archive didn't happen. */
  notice?: MessageKey;
  /** The segments the reward can be limited to (the server accepts these only). */
  segments?: SegmentOption[];
}

type TextFieldName = Exclude<
  RewardField,
  "type" | "combinesOrder" | "combinesProduct" | "combinesShipping" | "segmentIds"
>;

const MONEY: TextFieldName[] = ["amount", "cap", "maxShippingRate", "stepValue", "minimumSubtotal"];
const PERCENT: TextFieldName[] = ["percent", "maxPercentOfSubtotal"];
const WHOLE: TextFieldName[] = ["cost", "codeLifetimeDays", "limitPerMember", ...PERCENT];
const HELP: Partial<Record<TextFieldName, MessageKey>> = {
  cap: "rewards.form.capHelp",
  variantId: "rewards.form.variantIdHelp",
};

export function RewardEditor({
  currency,
  values: initial,
  errors = {},
  status,
  notice,
  segments = BUILT_IN_OPTIONS,
}: RewardEditorProps) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const errorOf = useFieldErrors(errors);
  const { values, set, field: props, checkbox } = useFields<RewardFormValues>(initial, errorOf);

  const field = (name: TextFieldName, labelKey: MessageKey = `rewards.form.${name}` as MessageKey) => (
    <TextField
      key={name}
      label={t(labelKey)}
      {...props(name)}
      type={name === "startsAt" || name === "endsAt" ? "date" : "text"}
      inputMode={MONEY.includes(name) ? "decimal" : WHOLE.includes(name) ? "numeric" : undefined}
      suffix={MONEY.includes(name) ? currency : PERCENT.includes(name) ? "%" : undefined}
      helpText={
        name === "cost" && values.type === "points_for_cash"
          ? t("rewards.form.costStepHelp")
          : HELP[name] && t(HELP[name])
      }
    />
  );

  const statusAction = (intent: "pause" | "resume" | "archive") => ({
    content: t(`rewards.action.${intent}`),
    onAction: () => submit({ intent }, { method: "post" }),
  });
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <Page
      title={status ? initial[locale === "ru" ? "titleRu" : "titleEn"] : t("rewards.newTitle")}
      titleMetadata={status && <Badge tone={STATUS_TONE[status]}>{t(`rewards.status.${status}`)}</Badge>}
      backAction={{ content: t("rewards.title"), url: "/app/rewards" }}
      secondaryActions={
        status === "active"
          ? [statusAction("pause"), statusAction("archive")]
          : status === "paused"
            ? [statusAction("resume"), statusAction("archive")]
            : status === "archived"
              ? [statusAction("resume")]
              : []
      }
    >
      <Form method="post">
        <input type="hidden" name="intent" value="save" />
        <Layout>
          {(hasErrors || notice) && (
            <Layout.Section>
              <Banner tone="critical">{t(notice ?? "rewards.form.invalid")}</Banner>
            </Layout.Section>
          )}
          <Layout.Section>
            <BlockStack gap="400">
              <TitledCard title={t("rewards.section.details")}>
                <FormLayout>
                  <Select
                    label={t("rewards.form.type")}
                    name="type"
                    options={REWARD_TYPES.map((type) => ({ label: t(`rewards.type.${type}`), value: type }))}
                    value={values.type}
                    onChange={(type) => set("type")(type as RewardFormValues["type"])}
                    error={errorOf("type")}
                  />
                  <FormLayout.Group>
                    {field("titleEn")}
                    {field("titleRu")}
                  </FormLayout.Group>
                  {field("cost")}
                </FormLayout>
              </TitledCard>
              <TitledCard title={t("rewards.section.value")}>
                <FormLayout>{TYPE_FIELDS[values.type].map((name) => field(name as TextFieldName))}</FormLayout>
              </TitledCard>
              <TitledCard title={t("rewards.section.conditions")}>
                <FormLayout>
                  <FormLayout.Group>
                    {field("minimumSubtotal")}
                    {field("codeLifetimeDays")}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("startsAt")}
                    {field("endsAt")}
                  </FormLayout.Group>
                  {field("limitPerMember")}
                  <BlockStack gap="100">
                    <Text as="p">{t("rewards.form.combinesWith")}</Text>
                    {(["combinesOrder", "combinesProduct", "combinesShipping"] as const).map((name) => (
                      <Checkbox key={name} label={t(`rewards.form.${name}`)} {...checkbox(name)} />
                    ))}
                  </BlockStack>
                  <SegmentChoice {...props("segmentIds")} options={segments} />
                </FormLayout>
              </TitledCard>
              <SubmitBar label={t("rewards.action.save")} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
