// GET /app/members/export: the members the list shows with the same filters (the list's query
// string), as a streamed CSV download. A bad filter answers 422 with each field's message key.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, exportFileName, membersCsv } from "../admin/export.server";
import { readFilter } from "../admin/members-form";
import { filterChoices, filterContext } from "../admin/members.server";
import db from "../db.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const context = await filterContext(db, session.shop);
  const { tierIds, segmentIds } = filterChoices(context);
  const { filter, errors } = readFilter(new URL(request.url).searchParams, tierIds, segmentIds);
  if (Object.keys(errors).length > 0) return data({ errors }, { status: 422 });
  return csvResponse(membersCsv(session.shop, filter, new Date(), undefined, context), exportFileName("members"));
};
