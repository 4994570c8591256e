// The action every earn add/edit page (bonus, custom action, campaign) shares: run the change
// the form asks for as the signed-in staff member, then back to the earn page, or the form's
// field errors (422), or 404 for an item of another shop or none at all.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { actorOf } from "./audit.server";
import type { FormInput } from "./earn-forms";
import type { SaveResult } from "./earn-rules.server";
import type { EarnActionResult } from "./earn-ui";

type Change = (shop: string, actor: string, id: string | null, form: FormInput) => Promise<SaveResult>;

export async function earnEditAction({ request, params }: ActionFunctionArgs, noun: string, change: Change) {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData()) as FormInput;
  const id = params.id === "new" ? null : (params.id ?? "");
  const saved = await change(session.shop, actorOf(sessionToken), id, form);
  if (!saved.ok) {
    if (saved.status === 404) throw new Response(`No such ${noun}`, { status: 404 });
    return data<EarnActionResult>({ ok: false, errors: saved.errors }, { status: saved.status });
  }
  return redirect("/app/earn");
}
