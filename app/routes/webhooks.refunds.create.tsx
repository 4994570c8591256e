import type { ActionFunctionArgs } from "@remix-run/node";
import { refundPayloadSchema } from "../points/order-payload";
import { refundCreated } from "../points/orders.server";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, refundPayloadSchema, refundCreated);
