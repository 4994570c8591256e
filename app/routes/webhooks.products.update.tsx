import type { ActionFunctionArgs } from "@remix-run/node";
import { productChanged } from "../points/catalog.server";
import { productPayloadSchema } from "../points/product-payload";
import { handleWebhook } from "../webhooks/handle.server";

export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, productPayloadSchema, productChanged);
