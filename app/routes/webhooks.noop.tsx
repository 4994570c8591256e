// The benchmark's floor (scripts/bench.ts): a webhook verified like any other, answered with 200
// and no work. Off (404) unless BENCH_FLOOR_ROUTE=on.
import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "../env.server";
import { verifyWebhook } from "../webhooks/verify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  if (env.BENCH_FLOOR_ROUTE !== "on") return new Response(null, { status: 404 });
  await verifyWebhook(request);
  return new Response();
};
