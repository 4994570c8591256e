// A new reward: the form, and its submission (validated by the server; a message beside each
// field that needs one, and nothing saved until every field is right).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actorOf } from "../admin/audit.server";
import { RewardEditor } from "../admin/reward-editor";
import { emptyRewardForm } from "../admin/reward-form";
import { newRewardEditor, saveReward } from "../admin/rewards-admin.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return newRewardEditor(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const saved = await saveReward(session.shop, actorOf(sessionToken), null, await request.formData());
  if (saved && !saved.ok) return data({ errors: saved.errors, values: saved.values }, { status: 422 });
  return redirect("/app/rewards");
};

export default function NewReward() {
  const { currency, segments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Values come back with errors only when the form was sent before the page's script ran.
  return (
    <RewardEditor
      currency={currency}
      segments={segments}
      values={result?.values ?? emptyRewardForm()}
      errors={result?.errors}
    />
  );
}
