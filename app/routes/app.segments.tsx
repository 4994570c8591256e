// The built-in member segments: who each holds (with the shop's thresholds) and how many members
// are in it now, each linking to the members list filtered by it. Counted on every visit.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Banner, Link, Page, Text } from "@shopify/polaris";
import { dashboardFormat } from "../admin/dashboard-format";
import { segmentDescription, segmentLabel } from "../admin/segment-ui";
import { TableCard } from "../admin/ui/cards";
import { useI18n } from "../i18n/context";
import { segmentsPage } from "../segments/segments.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await segmentsPage(session.shop);
  if (!page) throw new Response("No program", { status: 404 });
  return page;
};

const membersUrl = (segmentId: string) => `/app/members?segment=${encodeURIComponent(segmentId)}`;

export default function Segments() {
  const { currency, settings, members, tiersOn, segments } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const format = dashboardFormat(locale, currency);
  return (
    <Page title={t("segments.title")} subtitle={t("segments.help")}>
      <BlockStack gap="400">
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
      </BlockStack>
    </Page>
  );
}
