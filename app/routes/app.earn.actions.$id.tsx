// One custom action, new ("new") or existing: its names, points and limit, checked by the
// server with a message beside each field that needs one. Its id never changes once made.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { earnEditAction } from "../admin/earn-edit.server";
import { earnPage, removeCustomAction, saveCustomAction } from "../admin/earn-rules.server";
import { EarnEditPage, useEditForm, type EarnActionResult } from "../admin/earn-ui";
import { customActionValues, type CustomActionValues } from "../admin/earn-view";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

const notFound = () => new Response("No such action", { status: 404 });
const EMPTY: CustomActionValues = { nameEn: "", nameRu: "", points: "50", limitCount: "1", limitPer: "lifetime" };

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await earnPage(session.shop);
  if (!page) throw notFound();
  if (params.id === "new") return { id: null, values: EMPTY };
  const action = page.customActions.find((a) => a.id === params.id);
  if (!action) throw notFound();
  return { id: action.id, values: customActionValues(action) };
};

export const action = (args: ActionFunctionArgs) =>
  earnEditAction(args, "action", (shop, actor, id, form) =>
    form.intent === "remove" && id !== null
      ? removeCustomAction(shop, actor, id)
      : saveCustomAction(shop, actor, id, form),
  );

export default function CustomAction() {
  const { id, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EarnActionResult | undefined;
  const { t } = useI18n();
  const { field } = useEditForm(values, result);
  return (
    <EarnEditPage id={id} title={t(id ? "earn.action.editTitle" : "earn.action.newTitle")} result={result} removable>
      {id ? (
        <Text as="p" tone="subdued">
          {t("earn.action.idNote", { id })}
        </Text>
      ) : null}
      <FormLayout>
        <FormLayout.Group>
          <TextField label={t("earn.action.nameEn")} {...field("nameEn")} />
          <TextField label={t("earn.action.nameRu")} {...field("nameRu")} />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField label={t("earn.action.points")} inputMode="numeric" {...field("points")} />
          <TextField label={t("earn.action.limitCount")} inputMode="numeric" {...field("limitCount")} />
          <Select
            label={t("earn.action.limitPer")}
            options={(["lifetime", "year", "month", "day"] as const).map((per) => ({
              label: t(`earn.action.per.${per}`),
              value: per,
            }))}
            {...field("limitPer")}
          />
        </FormLayout.Group>
      </FormLayout>
    </EarnEditPage>
  );
}
