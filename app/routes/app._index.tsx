import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";
import { readShopBasics } from "../shopify/shop.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin } = await authenticate.admin(request);
  return { shopName: (await readShopBasics(admin)).name };
};

export default function Home() {
  const { shopName } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Page title={t("home.title")}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingLg">
                {t("home.welcome", { shopName })}
              </Text>
              <Text as="p">{t("home.intro")}</Text>
              <Text as="p" tone="subdued">
                {t("home.setupPending")}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
