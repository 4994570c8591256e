// The storefront benchmark's floor (scripts/bench.ts): a request authenticated like any other
// storefront call, answered with no work. Off (404) unless BENCH_FLOOR_ROUTE=on.
import { env } from "../env.server";
import { storefrontRoute } from "../storefront/route.server";

export const loader = storefrontRoute(async () =>
  env.BENCH_FLOOR_ROUTE === "on" ? Response.json({}) : new Response(null, { status: 404 }),
);
