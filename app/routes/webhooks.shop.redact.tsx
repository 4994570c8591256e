import type { ActionFunctionArgs } from "@remix-run/node";
import { shopRedacted, shopRequestSchema } from "../compliance/compliance.server";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, shopRequestSchema, shopRedacted);
