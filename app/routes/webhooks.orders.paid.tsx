import type { ActionFunctionArgs } from "@remix-run/node";
import { orderPayloadSchema } from "../points/order-payload";
import { orderPaid } from "../points/orders.server";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhook(request, orderPayloadSchema, (tx, shop, order) => orderPaid(tx, shop, order));
