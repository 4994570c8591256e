// GET /app/members/export: the members the list shows with the same filters (the list's query
// string), as a streamed CSV download. A bad filter answers 422 with each field's message key.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, exportFileName, membersCsv } from "../admin/export.server";
import { readFilter } from "../admin/members-form";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { filter, errors } = readFilter(new URL(request.url).searchParams);
  if (Object.keys(errors).length > 0) return data({ errors }, { status: 422 });
  return csvResponse(membersCsv(session.shop, filter), exportFileName("members"));
};
