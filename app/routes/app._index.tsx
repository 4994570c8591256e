// The admin's home: until the merchant finishes the setup guide it sends them there; after, the
// program's status, where to place Laurel's blocks (deep links into the checkout and accounts
// editor, with Laurel's app and its customer-account collection chosen) and the dashboard for
// the last 30, 90 or 365 days (?period=), read from the daily rollup (app/stats/), with the
// members by VIP tier while the shop's tiers are on.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { Dashboard } from "../admin/dashboard-cards";
import { distributionOf, TierDistributionCard } from "../admin/tier-cards";
import db from "../db.server";
import { env } from "../env.server";
import { editorLink } from "../admin/editor-links";
import { onboardingPage } from "../admin/onboarding.server";
import { useI18n } from "../i18n/context";
import { parsePeriod } from "../loyalty/dashboard";
import { authenticate } from "../shopify.server";
import { readShopBasics } from "../shopify/shop.server";
import { dashboardData } from "../stats/dashboard.server";
import { loadLadder } from "../tiers/ladder.server";
import { tierDistribution } from "../tiers/views.server";

/** Active members per tier while the shop's tiers are on; null otherwise. */
async function tiersOf(shop: string) {
  const ladder = await loadLadder(db, shop);
  if (!ladder?.enabled) return null;
  return distributionOf(ladder, await tierDistribution(shop, ladder));
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const program = await onboardingPage(session.shop);
  if (program && !program.onboarded) throw redirect("/app/onboarding");
  const period = parsePeriod(new URL(request.url).searchParams.get("period"));
  const [shop, dashboard, tiers] = await Promise.all([
    readShopBasics(admin),
    dashboardData(session.shop, period),
    tiersOf(session.shop),
  ]);
  return {
    shopName: shop.name,
    status: program?.status ?? null,
    dashboard,
    tiers,
    links: {
      checkout: editorLink(env.SHOPIFY_API_KEY, "checkout"),
      accounts: editorLink(env.SHOPIFY_API_KEY, "profile", "loyalty-collection"),
    },
  };
};

export default function Home() {
  const { shopName, status, links, dashboard, tiers } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Page title={t("home.title")}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingLg">
                  {t("home.welcome", { shopName })}
                </Text>
                {status && (
                  <Badge tone={status === "live" ? "success" : status === "paused" ? "warning" : undefined}>
                    {t(`onboarding.status.${status}`)}
                  </Badge>
                )}
              </InlineStack>
              <Text as="p">{t("home.intro")}</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("onboarding.blocks.title")}
              </Text>
              <Text as="p" tone="subdued">
                {t("onboarding.blocks.help")}
              </Text>
              <InlineStack gap="400" wrap>
                <BlockStack gap="100">
                  <Button url={links.checkout} target="_top" variant="primary">
                    {t("onboarding.blocks.checkout")}
                  </Button>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t("onboarding.blocks.checkoutHelp")}
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Button url={links.accounts} target="_top">
                    {t("onboarding.blocks.accounts")}
                  </Button>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t("onboarding.blocks.accountsHelp")}
                  </Text>
                </BlockStack>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        {dashboard && (
          <Layout.Section>
            <Dashboard data={dashboard} />
          </Layout.Section>
        )}
        {tiers && (
          <Layout.Section>
            <TierDistributionCard data={tiers} />
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
