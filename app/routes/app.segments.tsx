// The built-in member segments: who each holds (with the shop's thresholds) and how many members
// are in it now, each linking to the members list filtered by it; and the thresholds, which the
// merchant can set (validated and saved with an audit entry in admin/segment-settings.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Banner, FormLayout, Link, Page, Text, TextField } from "@shopify/polaris";
import { useEffect } from "react";
import { actorOf } from "../admin/audit.server";
import { dashboardFormat } from "../admin/dashboard-format";
import { segmentDescription, segmentLabel } from "../admin/segment-ui";
import { readSegmentForm, segmentFormOf, type SegmentForm } from "../admin/segment-settings-form";
import { saveSegmentSettings } from "../admin/segment-settings.server";
import { SaveOutcome, SubmitBar, TableCard, TitledCard } from "../admin/ui/cards";
import { useFieldErrors, useFields } from "../admin/ui/fields";
import { useI18n } from "../i18n/context";
import { segmentsPage } from "../segments/segments.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await segmentsPage(session.shop);
  if (!page) throw new Response("No program", { status: 404 });
  return { ...page, form: segmentFormOf(page.settings, page.currency) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const result = await saveSegmentSettings(
    session.shop,
    actorOf(sessionToken),
    readSegmentForm(await request.formData()),
  );
  if (!result) throw new Response("No program", { status: 404 });
  return result.ok ? result : data(result, { status: 400 });
};

const membersUrl = (segmentId: string) => `/app/members?segment=${encodeURIComponent(segmentId)}`;

export default function Segments() {
  const { currency, settings, members, tiersOn, segments, form } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const format = dashboardFormat(locale, currency);
  const error = useFieldErrors(result && !result.ok ? result.errors : undefined);
  const { setValues, field } = useFields<SegmentForm>(form, error);
  // After a save the loader runs again: show what was stored.
  useEffect(() => setValues(form), [form, setValues]);
  return (
    <Page title={t("segments.title")} subtitle={t("segments.help")}>
      <BlockStack gap="400">
        <SaveOutcome
          result={result}
          titles={{
            invalid: "program.invalid",
            saved: "segments.thresholds.saved",
            unchanged: "segments.thresholds.unchanged",
          }}
          unchangedTone="success"
        />
        <TableCard
          title={t("segments.table")}
          empty=""
          table={{
            columnContentTypes: ["text", "text", "numeric"],
            headings: [t("segments.column.segment"), t("segments.column.description"), t("segments.column.members")],
            rows: segments.map((segment) => [
              <Link key={segment.id} url={membersUrl(segment.id)} removeUnderline>
                {segmentLabel(t, locale, segment)}
              </Link>,
              segmentDescription(t, locale, segment, settings, format.money),
              format.number(segment.count),
            ]),
          }}
        >
          <Text as="p" tone="subdued">
            {t("segments.members", { count: format.number(members) })} {t("segments.purchases")}
          </Text>
        </TableCard>
        {tiersOn ? null : <Banner tone="info" title={t("segments.tiersOff")} />}
        {/* The server validates and answers on each field, in the admin's language. */}
        <Form method="post" noValidate>
          <TitledCard title={t("segments.thresholds.title")}>
            <Text as="p" tone="subdued">
              {t("segments.thresholds.help")}
            </Text>
            <FormLayout>
              <FormLayout.Group>
                <TextField label={t("segments.thresholds.newDays")} type="number" min={1} {...field("newDays")} />
                <TextField
                  label={t("segments.thresholds.atRiskAfterDays")}
                  helpText={t("segments.thresholds.atRiskHelp")}
                  type="number"
                  min={1}
                  {...field("atRiskAfterDays")}
                />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField
                  label={t("segments.thresholds.lapsedAfterDays")}
                  type="number"
                  min={1}
                  {...field("lapsedAfterDays")}
                />
                <TextField
                  label={t("segments.thresholds.highValueSpend", { currency })}
                  inputMode="decimal"
                  {...field("highValueSpend")}
                />
              </FormLayout.Group>
            </FormLayout>
            <SubmitBar label={t("segments.thresholds.save")} />
          </TitledCard>
        </Form>
      </BlockStack>
    </Page>
  );
}
