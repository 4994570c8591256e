// One campaign, new ("new") or existing: its form, checked by the server with a message beside
// each field that needs one, and its status: pause, resume, archive. Every change applies from
// now on; orders placed before it keep the campaign as it was then.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { earnEditAction } from "../admin/earn-edit.server";
import { CampaignBadge } from "../admin/earn-cards";
import { campaignPhase, type CampaignPhase } from "../admin/earn-forms";
import { changeCampaignStatus, earnPage, isCampaignChange, saveCampaign } from "../admin/earn-rules.server";
import { EarnEditPage, useEditForm, type EarnActionResult } from "../admin/earn-ui";
import { SegmentChoice } from "../admin/segment-ui";
import db from "../db.server";
import { offeredSegments } from "../segments/segments.server";
import { IntentButton } from "../admin/ui/cards";
import { campaignValues, type CampaignValues } from "../admin/earn-view";
import { useI18n } from "../i18n/context";
import { segmentChoiceText } from "../loyalty/segments";
import { authenticate } from "../shopify.server";

const notFound = () => new Response("No such campaign", { status: 404 });

/** The form's values: the campaign's, and its segments as the segment choice carries them. */
type FormValues = CampaignValues & { segmentIds: string };

/** A new campaign starts as a week from today (UTC), doubling points, for every member. */
function fresh(now: Date): FormValues {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    name: "",
    startsAt: day(0),
    endsOn: day(6),
    kind: "multiplier",
    value: "2",
    firstOrders: "",
    segmentIds: "",
  };
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const page = await earnPage(session.shop, now);
  if (!page) throw notFound();
  // The segments the form offers (and saveCampaign accepts): the built-in ones and each tier's.
  const segments = await offeredSegments(db, session.shop);
  if (params.id === "new") return { id: null, values: fresh(now), phase: null, segments };
  const campaign = page.rules.campaigns.find((c) => c.id === params.id);
  if (!campaign) throw notFound();
  const values: FormValues = { ...campaignValues(campaign), segmentIds: segmentChoiceText(campaign.segmentIds) };
  return { id: campaign.id, values, phase: campaignPhase(campaign, now), segments };
};

export const action = (args: ActionFunctionArgs) =>
  earnEditAction(args, "campaign", (shop, actor, id, form) =>
    id !== null && isCampaignChange(form.intent)
      ? changeCampaignStatus(shop, actor, id, form.intent)
      : saveCampaign(shop, actor, id, form),
  );

export default function CampaignPage() {
  const { id, values, phase, segments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EarnActionResult | undefined;
  const { t } = useI18n();
  const archived = phase === "archived";
  const { form, field } = useEditForm(values, result, { disabled: archived });
  const multiplier = form.kind === "multiplier";
  return (
    <EarnEditPage
      id={id}
      title={t(id ? "earn.campaign.editTitle" : "earn.campaign.newTitle")}
      titleMetadata={phase ? <CampaignBadge phase={phase} /> : undefined}
      result={result}
      notes={
        <>
          {archived ? <Banner tone="info" title={t("earn.campaign.archivedNote")} /> : null}
          {phase === "paused" ? <Banner tone="warning" title={t("earn.campaign.pausedNote")} /> : null}
        </>
      }
      saveable={!archived}
      footer={id && !archived ? <StatusButtons phase={phase} /> : null}
    >
      <FormLayout>
        <TextField label={t("earn.campaign.name")} helpText={t("earn.campaign.nameHelp")} {...field("name")} />
        <FormLayout.Group>
          <TextField type="date" label={t("earn.campaign.startsAt")} {...field("startsAt")} />
          <TextField
            type="date"
            label={t("earn.campaign.endsOn")}
            helpText={t("earn.campaign.datesHelp")}
            {...field("endsOn")}
          />
        </FormLayout.Group>
        <FormLayout.Group>
          <Select
            label={t("earn.campaign.kind")}
            options={[
              { label: t("earn.campaign.kind.multiplier"), value: "multiplier" },
              { label: t("earn.campaign.kind.fixed"), value: "fixed" },
            ]}
            {...field("kind")}
          />
          <TextField
            label={t(multiplier ? "earn.campaign.valueMultiplier" : "earn.campaign.valueFixed")}
            helpText={multiplier ? t("earn.campaign.valueMultiplierHelp") : undefined}
            inputMode="decimal"
            {...field("value")}
          />
        </FormLayout.Group>
        <TextField
          label={t("earn.campaign.firstOrders")}
          helpText={t("earn.campaign.firstOrdersHelp")}
          inputMode="numeric"
          {...field("firstOrders")}
        />
        <SegmentChoice {...field("segmentIds")} options={segments} />
      </FormLayout>
    </EarnEditPage>
  );
}

/** Pause or resume, and archive, for a campaign that isn't archived. */
function StatusButtons({ phase }: { phase: CampaignPhase | null }) {
  const { t } = useI18n();
  return (
    <InlineStack gap="200">
      {phase === "paused" ? (
        <IntentButton fields={{ intent: "resume" }}>{t("earn.campaign.resume")}</IntentButton>
      ) : (
        <IntentButton fields={{ intent: "pause" }} disabled={phase === "ended"}>
          {t("earn.campaign.pause")}
        </IntentButton>
      )}
      <IntentButton tone="critical" fields={{ intent: "archive" }}>
        {t("earn.campaign.archive")}
      </IntentButton>
    </InlineStack>
  );
}
