// The earn forms read what a merchant typed exactly (money in minor units, multipliers as
// percents, campaign days in UTC) and name a message for each field that needs one.
import { describe, expect, it } from "vitest";
import {
  actionIdFor,
  campaignDays,
  campaignPhase,
  parseBonus,
  parseCampaign,
  parseCustomAction,
  parsePurchase,
} from "./earn-forms";
import { purchasePreview } from "./earn-view";

describe("the purchase form", () => {
  it("reads amounts in the shop's currency as minor units, and switches", () => {
    expect(parsePurchase({ points: " 2 ", per: "1.5", minimumOrder: "", includeTaxes: "on" }, "USD")).toEqual({
      ok: true,
      value: {
        points: 2,
        per: 150,
        minimumOrder: 0,
        includeShipping: false,
        includeTaxes: true,
        includeGiftCards: false,
      },
    });
    expect(parsePurchase({ points: "1", per: "100", minimumOrder: "1000" }, "JPY")).toMatchObject({
      value: { per: 100, minimumOrder: 1000 },
    });
  });

  it.each([
    [{ points: "1", per: "1.5", minimumOrder: "0" }, "JPY", { per: "earn.error.amountDecimals" }],
    [{ points: "1", per: "0.00", minimumOrder: "0" }, "USD", { per: "earn.error.amountPositive" }],
    [
      { points: "1", per: "-1", minimumOrder: "x" },
      "USD",
      { per: "earn.error.amountPositive", minimumOrder: "earn.error.amountOrZero" },
    ],
    [{ points: "10001", per: "1" }, "USD", { points: "earn.error.purchasePoints" }],
    [{ points: "1", per: "1000000000" }, "USD", { per: "earn.error.amountPositive" }],
  ])("refuses %j in %s", (input, currency, errors) => {
    expect(parsePurchase(input, currency)).toEqual({ ok: false, errors });
  });

  it("previews a 100-unit order by the function that awards points", () => {
    expect(purchasePreview({ points: "3", per: "2.00" }, "down", "USD")).toBe(150);
    expect(purchasePreview({ points: "1", per: "3.00" }, "nearest", "USD")).toBe(33);
    expect(purchasePreview({ points: "1", per: "1.00", minimumOrder: "150" }, "down", "USD")).toBe(0);
    expect(purchasePreview({ points: "", per: "1.00" }, "down", "USD")).toBeNull();
  });
});

describe("the bonus form", () => {
  it("reads ids as GIDs, tags as a list and a multiplier as a percent", () => {
    expect(
      parseBonus({ kind: "multiplier", value: "1.25", productIds: "1, 2,1", collectionIds: "", tags: "a,\nb" }),
    ).toEqual({
      ok: true,
      value: {
        kind: "multiplier",
        value: 125,
        match: {
          productIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
          collectionIds: [],
          tags: ["a", "b"],
        },
      },
    });
  });

  it("lets a multiplier of 0 keep products from earning, but wants whole points for a fixed bonus", () => {
    expect(parseBonus({ kind: "multiplier", value: "0", tags: "gift" })).toMatchObject({
      ok: true,
      value: { value: 0 },
    });
    expect(parseBonus({ kind: "fixed", value: "2.5", tags: "gift" })).toEqual({
      ok: false,
      errors: { value: "earn.error.bonusPoints" },
    });
    expect(parseBonus({ kind: "both", value: "2", productIds: "gid://shopify/Collection/1" })).toEqual({
      ok: false,
      errors: { kind: "earn.error.invalid", productIds: "earn.error.ids" },
    });
  });
});

describe("the campaign form", () => {
  it("runs from the first day's midnight to the midnight after the last day, UTC", () => {
    const parsed = parseCampaign({
      name: "Sale",
      startsAt: "2026-11-20",
      endsOn: "2026-11-20",
      kind: "fixed",
      value: "100",
      firstOrders: "1",
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: "Sale",
        startsAt: new Date("2026-11-20T00:00:00Z"),
        endsAt: new Date("2026-11-21T00:00:00Z"),
        kind: "fixed",
        value: 100,
        firstOrders: 1,
      },
    });
    if (parsed.ok) expect(campaignDays(parsed.value)).toEqual({ startsAt: "2026-11-20", endsOn: "2026-11-20" });
  });

  it("refuses impossible dates and a multiplier that adds nothing", () => {
    expect(
      parseCampaign({
        name: "Sale",
        startsAt: "2026-02-30",
        endsOn: "2026-03-01",
        kind: "multiplier",
        value: "1",
        firstOrders: "0",
      }),
    ).toEqual({
      ok: false,
      errors: {
        startsAt: "earn.error.date",
        value: "earn.error.campaignMultiplier",
        firstOrders: "earn.error.firstOrders",
      },
    });
  });

  const sale = { name: "Sale", startsAt: "2026-11-20", endsOn: "2026-11-26", kind: "multiplier", value: "2" };

  it("targets the segments chosen, everyone when none is, and leaves them alone when not posted", () => {
    expect(parseCampaign({ ...sale, segmentIds: "at-risk,lapsed" })).toMatchObject({
      ok: true,
      value: { segmentIds: ["at-risk", "lapsed"] },
    });
    expect(parseCampaign({ ...sale, segmentIds: "" })).toMatchObject({ ok: true, value: { segmentIds: null } });
    const untouched = parseCampaign(sale);
    expect(untouched.ok && "segmentIds" in untouched.value).toBe(false);
  });

  it("accepts only the segments the form offered, with the other fields' errors", () => {
    expect(parseCampaign({ ...sale, value: "1", segmentIds: "new,vip" })).toEqual({
      ok: false,
      errors: { segmentIds: "segments.error.unknown", value: "earn.error.campaignMultiplier" },
    });
    expect(parseCampaign({ ...sale, segmentIds: "tier:gold" })).toMatchObject({ ok: false });
    expect(parseCampaign({ ...sale, segmentIds: "tier:gold" }, ["new", "tier:gold"])).toMatchObject({
      ok: true,
      value: { segmentIds: ["tier:gold"] },
    });
  });

  it.each([
    [{}, new Date("2026-11-19T00:00:00Z"), "upcoming"],
    [{}, new Date("2026-11-20T00:00:00Z"), "running"],
    [{ status: "paused" as const }, new Date("2026-11-21T00:00:00Z"), "paused"],
    [{ status: "paused" as const }, new Date("2026-11-27T00:00:00Z"), "ended"],
    [{ status: "archived" as const }, new Date("2026-11-21T00:00:00Z"), "archived"],
  ])("says a campaign %j is %s at %s", (extra, now, phase) => {
    const campaign = { startsAt: new Date("2026-11-20T00:00:00Z"), endsAt: new Date("2026-11-27T00:00:00Z"), ...extra };
    expect(campaignPhase(campaign, now)).toBe(phase);
  });
});

describe("custom actions", () => {
  it("reads names in both languages, points and a limit", () => {
    expect(
      parseCustomAction({ nameEn: "Review", nameRu: "Отзыв", points: "10", limitCount: "3", limitPer: "day" }),
    ).toEqual({
      ok: true,
      value: { name: { en: "Review", ru: "Отзыв" }, points: 10, limit: { count: 3, per: "day" } },
    });
  });

  it("makes an id from the English name, unique among the shop's actions", () => {
    expect(actionIdFor("Write a Review!", [])).toBe("write-a-review");
    expect(actionIdFor("Write a review", ["write-a-review", "write-a-review-2"])).toBe("write-a-review-3");
    expect(actionIdFor("Отзыв", [])).toBe("action");
  });
});
