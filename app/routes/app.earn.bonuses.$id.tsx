// One product bonus, new ("new") or existing: its form, checked by the server with a message
// beside each field that needs one. Saving goes back to the Ways to earn page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormLayout, InlineError, Select, TextField } from "@shopify/polaris";
import { earnEditAction } from "../admin/earn-edit.server";
import { earnPage, removeBonus, saveBonus } from "../admin/earn-rules.server";
import { EarnEditPage, useEditForm, type EarnActionResult } from "../admin/earn-ui";
import { bonusValues, type BonusValues } from "../admin/earn-view";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

const notFound = () => new Response("No such bonus", { status: 404 });
const EMPTY: BonusValues = { kind: "multiplier", value: "2", productIds: "", collectionIds: "", tags: "" };

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await earnPage(session.shop);
  if (!page) throw notFound();
  if (params.id === "new") return { id: null, values: EMPTY };
  const bonus = page.rules.bonuses.find((b) => b.id === params.id);
  if (!bonus) throw notFound();
  return { id: bonus.id, values: bonusValues(bonus) };
};

export const action = (args: ActionFunctionArgs) =>
  earnEditAction(args, "bonus", (shop, actor, id, form) =>
    form.intent === "remove" && id !== null ? removeBonus(shop, actor, id) : saveBonus(shop, actor, id, form),
  );

export default function Bonus() {
  const { id, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EarnActionResult | undefined;
  const { t } = useI18n();
  const { form, field, error } = useEditForm(values, result);
  const multiplier = form.kind === "multiplier";
  return (
    <EarnEditPage id={id} title={t(id ? "earn.bonus.editTitle" : "earn.bonus.newTitle")} result={result} removable>
      <FormLayout>
        <FormLayout.Group>
          <Select
            label={t("earn.bonus.kind")}
            options={[
              { label: t("earn.bonus.kind.multiplier"), value: "multiplier" },
              { label: t("earn.bonus.kind.fixed"), value: "fixed" },
            ]}
            {...field("kind")}
          />
          <TextField
            label={t(multiplier ? "earn.bonus.valueMultiplier" : "earn.bonus.valueFixed")}
            helpText={multiplier ? t("earn.bonus.valueMultiplierHelp") : undefined}
            inputMode="decimal"
            {...field("value")}
          />
        </FormLayout.Group>
        <TextField label={t("earn.bonus.productIds")} helpText={t("earn.bonus.idsHelp")} {...field("productIds")} />
        <TextField
          label={t("earn.bonus.collectionIds")}
          helpText={t("earn.bonus.idsHelp")}
          {...field("collectionIds")}
        />
        <TextField label={t("earn.bonus.tags")} helpText={t("earn.bonus.tagsHelp")} {...field("tags")} />
        {error("match") ? <InlineError message={error("match")!} fieldID="tags" /> : null}
      </FormLayout>
    </EarnEditPage>
  );
}
