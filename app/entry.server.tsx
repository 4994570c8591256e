// Streams the HTML document; bots get it whole. Shopify's headers (CSP frame-ancestors for the
// admin, etc.) are added to every document response.
import { PassThrough } from "node:stream";
import { transaction } from "./db/sql.server";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { IMPORT_BALANCES, runImportBalances } from "./admin/import.server";
import { BULK_ADJUST, runBulkAdjust } from "./admin/members-bulk.server";
import { env } from "./env.server";
import { startWorker } from "./jobs/worker.server";
import db from "./db.server";
import { birthdaysDue } from "./points/actions.server";
import { enqueueCatalogSync, SYNC_CATALOG, SYNC_PRODUCT, syncCatalog, syncProducts } from "./points/catalog.server";
import { CHECK_NEWSLETTER, checkNewsletter } from "./points/newsletter.server";
import { expireDue, settleDue } from "./points/schedule.server";
import { SYNC_MEMBER, syncMembers } from "./points/sync.server";
import { recoverRedemptions, returnExpiredCodes } from "./rewards/lifecycle.server";
import { PUBLISH_REWARDS, publishRewards } from "./rewards/publish.server";
import { addDocumentResponseHeaders } from "./shopify.server";
import { rollupDashboards } from "./stats/rollup.server";
import { RENEW_EVERY_MS } from "./loyalty/tier-discounts";
import { TIERS_APPLY } from "./tiers/ladder.server";
import { reviewsDue, runTiersApply } from "./tiers/review.server";
import {
  renewTierDiscounts,
  SYNC_TIER,
  SYNC_TIER_DISCOUNTS,
  syncMemberTiers,
  syncTierDiscounts,
} from "./tiers/shopify.server";

export const streamTimeout = 5000;

// Queued work (balances to Shopify) runs in the app's own process unless turned off.
if (env.JOBS_WORKER === "on") {
  const handlers = {
    [SYNC_MEMBER]: syncMembers,
    [CHECK_NEWSLETTER]: checkNewsletter,
    [SYNC_CATALOG]: syncCatalog,
    [SYNC_PRODUCT]: syncProducts,
    [PUBLISH_REWARDS]: (shop: string) => publishRewards(shop),
    [BULK_ADJUST]: runBulkAdjust,
    [IMPORT_BALANCES]: runImportBalances,
    [TIERS_APPLY]: runTiersApply,
    [SYNC_TIER_DISCOUNTS]: syncTierDiscounts,
    [SYNC_TIER]: syncMemberTiers,
  };
  startWorker(handlers, [
    { name: "settle pending points", everyMs: 60_000, run: settleDue },
    { name: "expire points", everyMs: 15 * 60_000, run: expireDue },
    { name: "birthday bonuses", everyMs: 60 * 60_000, run: birthdaysDue },
    { name: "recover redemptions", everyMs: 60_000, run: recoverRedemptions },
    { name: "return points of expired codes", everyMs: 60 * 60_000, run: returnExpiredCodes },
    { name: "dashboard figures", everyMs: 60_000, run: rollupDashboards },
    { name: "tier reviews", everyMs: 60_000, run: reviewsDue },
    // Tier discounts end 48 h after their last renewal, so they lapse by themselves after an
    // uninstall (decision 009); installed shops' leases are renewed here.
    { name: "tier discount leases", everyMs: RENEW_EVERY_MS, run: renewTierDiscounts },
    {
      name: "catalog refresh",
      everyMs: 24 * 60 * 60_000,
      run: async () => {
        for (const { shop } of await db.program.findMany({ select: { shop: true } })) {
          await transaction(db, (tx) => enqueueCatalogSync(tx, shop));
        }
      },
    },
  ]);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // The library preloads App Bridge from Shopify's CDN; preload the one the page will load.
  if (env.APP_BRIDGE_URL && responseHeaders.has("Link")) {
    responseHeaders.set("Link", `<${env.APP_BRIDGE_URL}>; rel="preload"; as="script";`);
  }
  const userAgent = request.headers.get("user-agent");
  const ready = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [ready]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    // Let React finish rendering rejected boundaries before the stream closes.
    setTimeout(abort, streamTimeout + 1000);
  });
}
