// Login outside Shopify's admin (e.g. a merchant opening the app URL directly): asks for the
// shop domain, then hands over to Shopify's install/login flow.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { requestLocale } from "../../i18n/locale";
import { polarisTranslations } from "../../i18n/polaris";
import { translator } from "../../i18n/translate";
import { login } from "../../shopify.server";
import { loginError } from "./errors";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

async function attempt(request: Request) {
  const locale = requestLocale(request);
  const error = loginError(await login(request));
  return { locale, error: error ? translator(locale)(error) : undefined };
}

export const loader = ({ request }: LoaderFunctionArgs) => attempt(request);
export const action = ({ request }: ActionFunctionArgs) => attempt(request);

export default function Login() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const { locale } = loaded;
  const error = (submitted ?? loaded).error;
  const t = translator(locale);
  const [shop, setShop] = useState("");
  return (
    <AppProvider i18n={polarisTranslations[locale]}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h2">
                {t("login.title")}
              </Text>
              <TextField
                type="text"
                name="shop"
                label={t("login.shopLabel")}
                helpText={t("login.shopHelp")}
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit>{t("login.submit")}</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
