import type { ActionFunctionArgs } from "@remix-run/node";
import { handleShopRedact } from "../compliance/compliance.server";
import db from "../db.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await handleShopRedact(db, shop);
  return new Response();
};
