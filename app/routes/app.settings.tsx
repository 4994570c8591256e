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
  Card,
  ChoiceList,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { actorOf } from "../admin/audit.server";
import { readForm, type FieldErrors, type SettingsField, type SettingsForm } from "../admin/program-settings-form";
import { PROGRAM_SUBJECT } from "../admin/program-settings-form";
import { saveProgramSettings, setProgramStatus, settingsPage } from "../admin/program-settings.server";
import { useI18n } from "../i18n/context";
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

const NO_ERRORS: FieldErrors = {};

export default function ProgramSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useI18n();
  const [values, setValues] = useState<SettingsForm>(page.form);
  // After a save the loader runs again: show what was stored (trimmed, upper-cased prefix).
  useEffect(() => setValues(page.form), [page.form]);

  const errors = result && !result.ok && result.intent === "settings" ? result.errors : NO_ERRORS;
  const set = (field: SettingsField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const error = (field: SettingsField) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };
  const choice = (field: SettingsField, options: [string, Parameters<typeof t>[0]][]) => ({
    name: field,
    choices: options.map(([value, label]) => ({ value, label: t(label) })),
    selected: [values[field]],
    onChange: (selected: string[]) => set(field)(selected[0] ?? ""),
    error: error(field),
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
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("program.points.title")}
                    </Text>
                    <TextField
                      label={t("program.pointsNameEn")}
                      name="pointsNameEn"
                      value={values.pointsNameEn}
                      onChange={set("pointsNameEn")}
                      error={error("pointsNameEn")}
                      helpText={t("program.pointsNameHelp")}
                      autoComplete="off"
                      maxLength={40}
                    />
                    <TextField
                      label={t("program.pointsNameRu")}
                      name="pointsNameRu"
                      value={values.pointsNameRu}
                      onChange={set("pointsNameRu")}
                      error={error("pointsNameRu")}
                      autoComplete="off"
                      maxLength={40}
                    />
                    <TextField
                      label={t("program.pendingDays")}
                      name="pendingDays"
                      type="number"
                      min={0}
                      max={365}
                      value={values.pendingDays}
                      onChange={set("pendingDays")}
                      error={error("pendingDays")}
                      helpText={t("program.pendingDaysHelp")}
                      autoComplete="off"
                    />
                    <Select
                      label={t("program.rounding")}
                      name="rounding"
                      options={[
                        { value: "down", label: t("program.rounding.down") },
                        { value: "nearest", label: t("program.rounding.nearest") },
                      ]}
                      value={values.rounding}
                      onChange={set("rounding")}
                      error={error("rounding")}
                      helpText={t("program.roundingHelp")}
                    />
                  </BlockStack>
                </Card>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("program.expiry.title")}
                    </Text>
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
                        name="expiryMonths"
                        type="number"
                        min={1}
                        max={120}
                        value={values.expiryMonths}
                        onChange={set("expiryMonths")}
                        error={error("expiryMonths")}
                        helpText={t("program.expiryMonthsHelp")}
                        autoComplete="off"
                      />
                    )}
                  </BlockStack>
                </Card>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("program.refunds.title")}
                    </Text>
                    <ChoiceList
                      title={t("program.allowNegativeAfterRefund")}
                      {...choice("allowNegativeAfterRefund", [
                        ["no", "program.negative.no"],
                        ["yes", "program.negative.yes"],
                      ])}
                    />
                  </BlockStack>
                </Card>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("program.codes.title")}
                    </Text>
                    <TextField
                      label={t("program.codePrefix")}
                      name="codePrefix"
                      value={values.codePrefix}
                      onChange={set("codePrefix")}
                      error={error("codePrefix")}
                      helpText={t("program.codePrefixHelp", {
                        example: `${values.codePrefix.trim().toUpperCase() || "LAUREL"}-XXXX-XXXX-XXXX`,
                      })}
                      autoComplete="off"
                      maxLength={12}
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
                  </BlockStack>
                </Card>
                <InlineStack align="end">
                  <Button submit variant="primary" loading={submitting}>
                    {t("program.save")}
                  </Button>
                </InlineStack>
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
  if (!result) return null;
  if (!result.ok) {
    const formError = result.errors.form;
    return (
      <Banner tone="critical" title={t("program.invalid")}>
        {formError && <p>{t(formError)}</p>}
      </Banner>
    );
  }
  if (result.intent === "status") {
    return (
      <Banner
        tone="success"
        title={t(result.status === "live" ? "program.status.nowLive" : "program.status.nowPaused")}
      />
    );
  }
  return <Banner tone="success" title={t(result.changed ? "program.saved" : "program.unchanged")} />;
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
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={next} />
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t("program.status.title")}
            </Text>
            <Badge tone={text.badge}>{t(text.label)}</Badge>
          </InlineStack>
          <Text as="p">{t(text.help)}</Text>
          <InlineStack>
            <Button submit variant={next === "live" ? "primary" : "secondary"} disabled={submitting}>
              {t(next === "live" ? "program.status.turnOn" : "program.status.pause")}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
