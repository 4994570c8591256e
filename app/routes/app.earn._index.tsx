// Ways to earn: the purchase rule, product bonuses, campaigns and actions on one page; bonuses,
// campaigns and custom actions open their own pages to be added or edited.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Page, Text } from "@shopify/polaris";
import { actorOf } from "../admin/audit.server";
import { ActionsCard, BonusesCard, CampaignsCard, CustomActionsCard, PurchaseCard } from "../admin/earn-cards";
import {
  earnPage,
  removeBonus,
  removeCustomAction,
  saveActionPoints,
  savePurchaseRule,
} from "../admin/earn-rules.server";
import { OutcomeBanner, type EarnActionResult } from "../admin/earn-ui";
import { earnOverview } from "../admin/earn-view";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const page = await earnPage(session.shop, now);
  if (!page) throw new Response("No loyalty program for this shop", { status: 404 });
  return earnOverview(page, now);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const actor = actorOf(sessionToken);
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  const id = String(form.id ?? "");
  const saved =
    intent === "purchase"
      ? await savePurchaseRule(session.shop, actor, form)
      : intent === "actions"
        ? await saveActionPoints(session.shop, actor, form)
        : intent === "removeBonus"
          ? await removeBonus(session.shop, actor, id)
          : intent === "removeAction"
            ? await removeCustomAction(session.shop, actor, id)
            : ({ ok: false, status: 422, errors: { form: "earn.error.invalid" } } as const);
  if (!saved.ok) return data<EarnActionResult>({ intent, ok: false, errors: saved.errors }, { status: saved.status });
  return data<EarnActionResult>({ intent, ok: true, changed: saved.changed });
};

export default function Earn() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EarnActionResult | undefined;
  const { t } = useI18n();
  return (
    <Page title={t("earn.title")}>
      <BlockStack gap="500">
        <OutcomeBanner result={result} />
        {view.version !== null ? (
          <Text as="p" tone="subdued">
            {t("earn.version", { version: view.version })}
          </Text>
        ) : null}
        <PurchaseCard
          key={`purchase-${view.version}`}
          values={view.purchase}
          currency={view.currency}
          pointsName={view.pointsName}
          result={result}
        />
        <BonusesCard bonuses={view.bonuses} />
        <CampaignsCard campaigns={view.campaigns} />
        <ActionsCard key={JSON.stringify(view.actions)} values={view.actions} result={result} />
        <CustomActionsCard actions={view.customActions} />
      </BlockStack>
    </Page>
  );
}
