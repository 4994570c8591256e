// The embedded admin's layout: authenticates every page, provides App Bridge, Polaris (in the
// admin's language) and Laurel's translations.
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { I18nProvider, useI18n } from "../i18n/context";
import { requestLocale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import { env } from "../env.server";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { apiKey: env.SHOPIFY_API_KEY, appBridgeUrl: env.APP_BRIDGE_URL, locale: requestLocale(request) };
};

// The admin's locale arrives only on the first URL Shopify loads; later navigations and form
// submissions don't carry it, so this layout's data is kept rather than reloaded.
export const shouldRevalidate = () => false;

export default function App() {
  const { apiKey, appBridgeUrl, locale } = useLoaderData<typeof loader>();
  return (
    <AppProvider
      isEmbeddedApp
      apiKey={apiKey}
      i18n={polarisTranslations[locale]}
      {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}
    >
      <I18nProvider locale={locale}>
        <Navigation />
        <Outlet />
      </I18nProvider>
    </AppProvider>
  );
}

function Navigation() {
  const { t } = useI18n();
  return (
    <NavMenu>
      <Link to="/app" rel="home">
        {t("nav.home")}
      </Link>
      <Link to="/app/members">{t("nav.members")}</Link>
      <Link to="/app/segments">{t("segments.nav")}</Link>
      <Link to="/app/rewards">{t("nav.rewards")}</Link>
      <Link to="/app/earn">{t("nav.earn")}</Link>
      <Link to="/app/tiers">{t("tiers.nav")}</Link>
      <Link to="/app/import">{t("nav.import")}</Link>
      <Link to="/app/settings">{t("nav.settings")}</Link>
      <Link to="/app/operations">{t("nav.operations")}</Link>
      <Link to="/app/audit">{t("nav.audit")}</Link>
    </NavMenu>
  );
}

// Shopify's boundary turns auth redirects (thrown Responses) into the right headers and pages.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
