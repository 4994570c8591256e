import type { ActionFunctionArgs } from "@remix-run/node";
import { customerCreated, customerPayloadSchema } from "../points/customers.server";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhook(request, customerPayloadSchema, (tx, shop, customer) => customerCreated(tx, shop, customer));
