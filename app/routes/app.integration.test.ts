// The embedded admin's loaders: authentication through the library's real token-exchange code
// path, and the shop's name read through Admin GraphQL with the shop's offline token.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../shopify/api-version";
import { interceptHttp } from "../../test/http";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { loader as homeLoader } from "./app._index";
import { loader as layoutLoader } from "./app";
import { finishOnboarding } from "../admin/onboarding.server";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram } from "../points/program.server";
import { rollupDashboards } from "../stats/rollup.server";
import { defaultLadder } from "../loyalty/tiers";
import { saveLadder } from "../tiers/ladder.server";

const GRAPHQL_PATH = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
let http: ReturnType<typeof interceptHttp>;

beforeEach(() => {
  http = interceptHttp();
});
afterEach(() => http.restore());

function answerShopQuery(name: string) {
  http.replyJson(`https://${TEST_SHOP}`, GRAPHQL_PATH, { data: { shop: { name, currencyCode: "USD" } } });
  return http.requests;
}

describe("/app", () => {
  it("reads the shop's name through Admin GraphQL with the shop's offline token", async () => {
    await installOfflineSession(TEST_SHOP, "shpat_offline");
    const requests = answerShopQuery("Laurel Test Shop");

    const data = await homeLoader(args(await adminRequest("/app")));

    expect(data).toMatchObject({ shopName: "Laurel Test Shop", status: null, dashboard: null });
    // Where to place Laurel's blocks: the checkout and accounts editor, Laurel's app chosen.
    expect(data.links.checkout).toBe(
      "shopify://admin/settings/checkout/editor?page=checkout&context=apps&app=testApiKey",
    );
    expect(data.links.accounts).toContain("page=profile&context=apps&app=testApiKey&collection=loyalty-collection");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ origin: `https://${TEST_SHOP}`, path: GRAPHQL_PATH, method: "POST" });
    expect(requests[0]!.headers["x-shopify-access-token"]).toBe("shpat_offline");
    expect(JSON.parse(requests[0]!.body).query).toMatch(/query ShopBasics/);
  });

  it("sends a merchant who hasn't finished the setup guide to it, and home once they have", async () => {
    await installOfflineSession(TEST_SHOP, "shpat_offline");
    await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", false));
    answerShopQuery("Laurel Test Shop");

    const outcome = await homeLoader(args(await adminRequest("/app"))).catch((thrown: unknown) => thrown);
    expect(outcome).toBeInstanceOf(Response);
    expect(new URL((outcome as Response).headers.get("Location")!, "https://x").pathname).toBe("/app/onboarding");

    await finishOnboarding(TEST_SHOP, "staff:1");
    expect(await homeLoader(args(await adminRequest("/app")))).toMatchObject({ status: "live" });
  });

  it("shows the dashboard for the period asked, from the shop's own figures", async () => {
    await installOfflineSession(TEST_SHOP, "shpat_offline");
    await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", false));
    await finishOnboarding(TEST_SHOP, "staff:1");
    const now = Date.now();
    const member = await db.member.create({
      data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/7", firstName: "Ana", available: 700 },
    });
    // Points earned today and 60 days ago; another shop's never show.
    await db.ledgerEntry.createMany({
      data: [
        { shop: TEST_SHOP, memberId: member.id, reason: "earn_action", key: "a", available: 500, lifetimeEarned: 500 },
        {
          shop: TEST_SHOP,
          memberId: member.id,
          reason: "earn_action",
          key: "b",
          available: 200,
          lifetimeEarned: 200,
          createdAt: new Date(now - 60 * 86_400_000),
        },
        { shop: "other.myshopify.com", memberId: "x", reason: "earn_action", key: "c", lifetimeEarned: 9_000 },
      ],
    });
    // The worker's scheduled run brings the figures up to date: here its first, over the whole year
    // (the earlier tests' views rolled the shop up before these entries existed).
    await db.dashboardRollup.deleteMany();
    await rollupDashboards();
    answerShopQuery("Laurel Test Shop");
    answerShopQuery("Laurel Test Shop");
    answerShopQuery("Laurel Test Shop");

    const month = await homeLoader(args(await adminRequest("/app")));
    expect(month.dashboard).toMatchObject({ period: 30, currency: "USD", members: 1, available: 700 });
    expect(month.dashboard!.summary.issued).toBe(500);
    expect(month.dashboard!.recent[0]).toMatchObject({ memberId: member.id, name: "Ana", points: 500 });
    // The default catalog values a point at a cent: $7.00 for 700 points.
    expect(month.dashboard!.liability).toBe(700);

    const quarter = await homeLoader(args(await adminRequest("/app?period=90")));
    expect(quarter.dashboard).toMatchObject({ period: 90 });
    expect(quarter.dashboard!.summary.issued).toBe(700);
    expect(quarter.dashboard!.series).toHaveLength(90);

    // Anything but 30, 90 or 365 reads as 30.
    expect((await homeLoader(args(await adminRequest("/app?period=7")))).dashboard).toMatchObject({ period: 30 });
  });

  it("rejects a session token signed with another secret", async () => {
    await installOfflineSession();
    const requests = answerShopQuery("never asked");
    const request = await adminRequest("/app");
    const url = new URL(request.url);
    const [header, payload] = url.searchParams.get("id_token")!.split(".");
    url.searchParams.set("id_token", `${header}.${payload}.${"forged".padEnd(43, "x")}`);

    const outcome = await homeLoader(args(new Request(url))).catch((thrown: unknown) => thrown);

    // A document load with a bad token is bounced to get a fresh one from App Bridge.
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(302);
    expect((outcome as Response).headers.get("Location")).toMatch(/^\/auth\/session-token\?/);
    expect(requests).toHaveLength(0);
  });

  it("answers 401 to a data request with a forged bearer token", async () => {
    await installOfflineSession();
    const requests = answerShopQuery("never asked");
    const valid = await bearerRequest("/app?_data=routes/app._index");
    const [header, payload] = valid.headers.get("Authorization")!.slice("Bearer ".length).split(".");
    const forged = new Request(valid.url, { headers: { Authorization: `Bearer ${header}.${payload}.forged` } });

    const outcome = await homeLoader(args(forged)).catch((thrown: unknown) => thrown);

    expect((outcome as Response).status).toBe(401);
    expect(requests).toHaveLength(0);
  });

  it("shows the members by tier while the shop's tiers are on", async () => {
    await installOfflineSession(TEST_SHOP, "shpat_offline");
    await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", false));
    await finishOnboarding(TEST_SHOP, "staff:1");
    await db.member.deleteMany({ where: { shop: TEST_SHOP } });
    const ladder = { ...defaultLadder(100), enabled: true };
    await transaction(db, (tx) => saveLadder(tx, TEST_SHOP, "staff:1", { ...ladder, enabled: false }));
    // Not placed yet (on the free lowest tier), two Gold, one redacted (not counted), another shop's.
    const members: [string, string | null, string?][] = [
      ["1", null],
      ["2", "gold"],
      ["3", "gold"],
      ["4", "silver", "redacted"],
    ];
    for (const [n, tierId, status] of members)
      await db.member.create({
        data: { shop: TEST_SHOP, customerId: `gid://shopify/Customer/t${n}`, tierId, status: status ?? "active" },
      });
    await db.member.create({
      data: { shop: "other.myshopify.com", customerId: "gid://shopify/Customer/t9", tierId: "gold" },
    });
    answerShopQuery("Laurel Test Shop");
    answerShopQuery("Laurel Test Shop");

    expect((await homeLoader(args(await adminRequest("/app")))).tiers).toBeNull();

    await transaction(db, (tx) => saveLadder(tx, TEST_SHOP, "staff:1", ladder));
    const { tiers } = await homeLoader(args(await adminRequest("/app")));
    expect(tiers).toEqual({
      none: 0,
      total: 3,
      tiers: [
        { id: "bronze", name: { en: "Bronze", ru: "Бронза" }, count: 1 },
        { id: "silver", name: { en: "Silver", ru: "Серебро" }, count: 0 },
        { id: "gold", name: { en: "Gold", ru: "Золото" }, count: 2 },
      ],
    });
  });

  it("takes the admin's language from the URL Shopify opens", async () => {
    await installOfflineSession();
    const data = await layoutLoader(args(await adminRequest("/app?locale=ru-RU")));
    expect(data).toMatchObject({ apiKey: "testApiKey", locale: "ru" });
  });
});
