import type { ActionFunctionArgs } from "@remix-run/node";
import { productDeleted } from "../points/catalog.server";
import { productDeletePayloadSchema } from "../points/product-payload";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhook(request, productDeletePayloadSchema, productDeleted);
