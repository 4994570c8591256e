import type { ActionFunctionArgs } from "@remix-run/node";
import { orderPayloadSchema } from "../points/order-payload";
import { orderPaid } from "../points/orders.server";
import { handleWebhookRecordedBy } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookRecordedBy(request, orderPayloadSchema, (tx, shop, order, record) =>
    orderPaid(tx, shop, order, new Date(), record),
  );
