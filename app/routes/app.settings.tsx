// Program settings: the points' name, pending period, expiry, refunds, rounding, reward codes,
// and whether the program is live. Validation, the save and its audit entry are in
// admin/program-settings.server.ts; this page shows the values and the errors it returns.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ChoiceList,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect } from "react";
import { actorOf } from "../admin/audit.server";
import { readForm, type SettingsField, type SettingsForm } from "../admin/program-settings-form";
import { PROGRAM_SUBJECT } from "../admin/program-settings-form";
import { saveProgramSettings, setProgramStatus, settingsPage } from "../admin/program-settings.server";
import { FormCard, SaveOutcome, SubmitBar, TitledCard } from "../admin/ui/cards";
import { useFieldErrors, useFields } from "../admin/ui/fields";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/translate";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await settingsPage(session.shop);
  if (!page) throw new Response("No program for this shop", { status: 404 });
  return page;
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const submitted = await request.formData();
  const intent = submitted.get("intent") === "status" ? "status" : "settings";
  const actor = actorOf(sessionToken);
  const result =
    intent === "status"
      ? await setProgramStatus(session.shop, actor, String(submitted.get("status") ?? ""))
      : await saveProgramSettings(session.shop, actor, readForm(submitted));
  if (!result) throw new Response("No program for this shop", { status: 404 });
  const status = intent === "status" && result.ok ? String(submitted.get("status")) : null;
  return result.ok
    ? { intent, ok: true as const, changed: result.changed, status }
    : data({ intent, ...result }, { status: 400 });
};

export default function ProgramSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useI18n();
  const error = useFieldErrors(result && !result.ok && result.intent === "settings" ? result.errors : undefined);
  const { values, setValues, set, field } = useFields<SettingsForm>(page.form, error);
  // After a save the loader runs again: show what was stored (trimmed, upper-cased prefix).
  useEffect(() => setValues(page.form), [page.form, setValues]);

  const choice = (name: SettingsField, options: [string, MessageKey][]) => ({
    name,
    choices: options.map(([value, label]) => ({ value, label: t(label) })),
    selected: [values[name]],
    onChange: (selected: string[]) => set(name)(selected[0] ?? ""),
    error: error(name),
  });

  return (
    <Page
      title={t("program.title")}
      secondaryActions={[{ content: t("program.history"), url: `/app/audit?subject=${PROGRAM_SUBJECT}` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Outcome result={result} />
            <StatusCard status={page.status} submitting={submitting} />
            {/* The server validates and answers on each field, in the admin's language. */}
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="settings" />
              <BlockStack gap="400">
                <TitledCard title={t("program.points.title")}>
                  <TextField
                    label={t("program.pointsNameEn")}
                    helpText={t("program.pointsNameHelp")}
                    maxLength={40}
                    {...field("pointsNameEn")}
                  />
                  <TextField label={t("program.pointsNameRu")} maxLength={40} {...field("pointsNameRu")} />
                  <TextField
                    label={t("program.pendingDays")}
                    type="number"
                    min={0}
                    max={365}
                    helpText={t("program.pendingDaysHelp")}
                    {...field("pendingDays")}
                  />
                  <Select
                    label={t("program.rounding")}
                    options={[
                      { value: "down", label: t("program.rounding.down") },
                      { value: "nearest", label: t("program.rounding.nearest") },
                    ]}
                    helpText={t("program.roundingHelp")}
                    {...field("rounding")}
                  />
                </TitledCard>
                <TitledCard title={t("program.expiry.title")}>
                  <ChoiceList
                    title={t("program.expiryKind")}
                    {...choice("expiryKind", [
                      ["never", "program.expiry.never"],
                      ["inactivity", "program.expiry.inactivity"],
                      ["fifo", "program.expiry.fifo"],
                    ])}
                  />
                  {values.expiryKind !== "never" && (
                    <TextField
                      label={t("program.expiryMonths")}
                      type="number"
                      min={1}
                      max={120}
                      helpText={t("program.expiryMonthsHelp")}
                      {...field("expiryMonths")}
                    />
                  )}
                </TitledCard>
                <TitledCard title={t("program.refunds.title")}>
                  <ChoiceList
                    title={t("program.allowNegativeAfterRefund")}
                    {...choice("allowNegativeAfterRefund", [
                      ["no", "program.negative.no"],
                      ["yes", "program.negative.yes"],
                    ])}
                  />
                </TitledCard>
                <TitledCard title={t("program.codes.title")}>
                  <TextField
                    label={t("program.codePrefix")}
                    helpText={t("program.codePrefixHelp", {
                      example: `${values.codePrefix.trim().toUpperCase() || "LAUREL"}-XXXX-XXXX-XXXX`,
                    })}
                    maxLength={12}
                    {...field("codePrefix")}
                  />
                  <Text as="p" tone="subdued">
                    {t("program.codeLifetimeNote")}
                  </Text>
                  <ChoiceList
                    title={t("program.codeOnRefund")}
                    {...choice("codeOnRefund", [
                      ["keep_used", "program.codeOnRefund.keep_used"],
                      ["return_points", "program.codeOnRefund.return_points"],
                    ])}
                  />
                  <ChoiceList
                    title={t("program.returnPointsForExpiredCodes")}
                    {...choice("returnPointsForExpiredCodes", [
                      ["no", "program.expiredCodes.no"],
                      ["yes", "program.expiredCodes.yes"],
                    ])}
                  />
                </TitledCard>
                <SubmitBar label={t("program.save")} />
              </BlockStack>
            </Form>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** What the last submission did: saved, nothing to save, or what needs fixing. */
function Outcome({ result }: { result: ReturnType<typeof useActionData<typeof action>> }) {
  const { t } = useI18n();
  if (result?.ok && result.intent === "status") {
    return (
      <Banner
        tone="success"
        title={t(result.status === "live" ? "program.status.nowLive" : "program.status.nowPaused")}
      />
    );
  }
  return (
    <SaveOutcome
      result={result}
      titles={{ invalid: "program.invalid", saved: "program.saved", unchanged: "program.unchanged" }}
      unchangedTone="success"
    />
  );
}

const STATUS_TEXT = {
  live: { badge: "success", label: "program.status.live", help: "program.status.liveHelp" },
  paused: { badge: "warning", label: "program.status.paused", help: "program.status.pausedHelp" },
  draft: { badge: "info", label: "program.status.draft", help: "program.status.draftHelp" },
} as const;

/** Live or paused, and the one button that switches it. */
function StatusCard({ status, submitting }: { status: keyof typeof STATUS_TEXT; submitting: boolean }) {
  const { t } = useI18n();
  const text = STATUS_TEXT[status];
  const next = status === "live" ? "paused" : "live";
  return (
    <FormCard
      intent="status"
      fields={{ status: next }}
      title={t("program.status.title")}
      badge={<Badge tone={text.badge}>{t(text.label)}</Badge>}
    >
      <Text as="p">{t(text.help)}</Text>
      <InlineStack>
        <Button submit variant={next === "live" ? "primary" : "secondary"} disabled={submitting}>
          {t(next === "live" ? "program.status.turnOn" : "program.status.pause")}
        </Button>
      </InlineStack>
    </FormCard>
  );
}
