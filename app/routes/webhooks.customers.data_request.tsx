import type { ActionFunctionArgs } from "@remix-run/node";
import { customerRequestSchema, dataRequested } from "../compliance/compliance.server";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, customerRequestSchema, dataRequested);
