// One reward: its form (saved as a whole, validated by the server with a message beside each
// field that needs one) and its status (pause, resume, archive). Another shop's reward is a 404.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { actorOf } from "../admin/audit.server";
import { RewardEditor } from "../admin/reward-editor";
import { rewardEditor, runRewardCommand, saveReward } from "../admin/rewards-admin.server";
import { authenticate } from "../shopify.server";

const notFound = () => new Response("No such reward", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const editor = await rewardEditor(session.shop, params.id ?? "");
  if (!editor) throw notFound();
  return editor;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  if (intent !== "save") {
    const outcome = await runRewardCommand(session.shop, actorOf(sessionToken), id, intent);
    if (outcome.status === 404) throw notFound();
    return data({ errors: undefined, values: undefined, ...outcome }, { status: outcome.status });
  }
  const saved = await saveReward(session.shop, actorOf(sessionToken), id, form);
  if (!saved) throw notFound();
  if (!saved.ok) {
    return data({ errors: saved.errors, values: saved.values, status: 422, error: undefined }, { status: 422 });
  }
  return redirect("/app/rewards");
};

export default function EditReward() {
  const { id, currency, status, values, segments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Keyed by reward, so going from one reward to another starts from the other's values.
  return (
    <RewardEditor
      key={id}
      currency={currency}
      segments={segments}
      values={result?.values ?? values}
      status={status}
      errors={result?.errors}
      notice={result?.error}
    />
  );
}
