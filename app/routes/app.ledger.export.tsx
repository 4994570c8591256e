// GET /app/ledger/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the shop's ledger entries made on those
// days (UTC, both included), as a streamed CSV download. A bad date answers 422 with each
// field's message key.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, exportFileName, ledgerCsv } from "../admin/export.server";
import { readRange } from "../admin/transfer-form";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const range = readRange(new URL(request.url).searchParams);
  if (!range.ok) return data({ errors: range.errors }, { status: 422 });
  return csvResponse(ledgerCsv(session.shop, range.value), exportFileName("ledger"));
};
