import { describe, expect, it } from "vitest";
import {
  discountInput,
  languageOf,
  LEASE_MS,
  leaseDue,
  needsSync,
  parseSynced,
  RENEW_BELOW_MS,
  RENEW_EVERY_MS,
  sameQuery,
  segmentName,
  shippingInput,
  shippingNeedsReplacing,
  tagChanges,
  tierSpecs,
  wantedTag,
  type Synced,
  type TierIds,
} from "./tier-discounts";
import { defaultLadder, type Ladder } from "./tiers";

const now = new Date("2026-11-24T12:00:00Z");
const HOUR = 3_600_000;
// Bronze (nothing), Silver 3 %, Gold 5 % and free shipping on every order.
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });

describe("tierSpecs", () => {
  it("gives every tier a segment by its tag, and discounts only for the perks it has", () => {
    const specs = tierSpecs(ladder(), "USD", "en");
    expect(specs).toEqual([
      {
        tierId: "bronze",
        names: { en: "Bronze", ru: "Бронза" },
        segment: { name: "Laurel VIP: Bronze", query: "customer_tags CONTAINS 'laurel-tier-bronze'" },
        discount: null,
        shipping: null,
      },
      {
        tierId: "silver",
        names: { en: "Silver", ru: "Серебро" },
        segment: { name: "Laurel VIP: Silver", query: "customer_tags CONTAINS 'laurel-tier-silver'" },
        discount: { title: "Silver member discount — 3%", percent: 3 },
        shipping: null,
      },
      {
        tierId: "gold",
        names: { en: "Gold", ru: "Золото" },
        segment: { name: "Laurel VIP: Gold", query: "customer_tags CONTAINS 'laurel-tier-gold'" },
        discount: { title: "Gold member discount — 5%", percent: 5 },
        shipping: { title: "Gold member free shipping", minimumSubtotal: null },
      },
    ]);
  });

  it("names things in the shop's language and writes a minimum in the shop's currency", () => {
    const base = ladder();
    base.tiers[2]!.perks.freeShippingOver = 5000;
    const gold = tierSpecs(base, "JPY", "ru")[2]!;
    expect(gold.segment.name).toBe("Laurel VIP: Золото");
    expect(gold.discount?.title).toBe("Скидка уровня «Золото» — 5%");
    expect(gold.shipping).toEqual({ title: "Бесплатная доставка уровня «Золото»", minimumSubtotal: "5000" });
    expect(tierSpecs(base, "USD", "en")[2]!.shipping?.minimumSubtotal).toBe("50.00");
  });

  it("asks for nothing while tiers are off or were never set up", () => {
    expect(tierSpecs(ladder({ enabled: false }), "USD", "en")).toEqual([]);
    expect(tierSpecs(null, "USD", "en")).toEqual([]);
  });

  it("takes the shop's primary locale, English unless Russian", () => {
    expect([languageOf("ru"), languageOf("ru-RU"), languageOf("en"), languageOf("de"), languageOf(null)]).toEqual([
      "ru",
      "ru",
      "en",
      "en",
      "en",
    ]);
  });
});

describe("segment names", () => {
  it("numbers a taken name from 2", () => {
    expect([0, 1, 2].map((n) => segmentName("Laurel VIP: Gold", n))).toEqual([
      "Laurel VIP: Gold",
      "Laurel VIP: Gold (2)",
      "Laurel VIP: Gold (3)",
    ]);
  });

  it("compares queries as Shopify may echo them", () => {
    expect(sameQuery("customer_tags  CONTAINS 'x' ", "customer_tags CONTAINS 'x'")).toBe(true);
    expect(sameQuery("customer_tags CONTAINS 'x'", "customer_tags CONTAINS 'y'")).toBe(false);
  });
});

describe("what is sent", () => {
  const [, silver, gold] = tierSpecs(ladder(), "USD", "en");
  const endsAt = new Date(now.getTime() + LEASE_MS);

  it("creates the percentage limited to the segment, ending with the lease", () => {
    expect(discountInput(silver!.discount!, endsAt, { segmentId: "gid://shopify/Segment/1", startsAt: now })).toEqual({
      title: "Silver member discount — 3%",
      customerGets: { value: { percentage: 0.03 }, items: { all: true } },
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: true },
      endsAt: "2026-11-26T12:00:00.000Z",
      startsAt: "2026-11-24T12:00:00.000Z",
      context: { customerSegments: { add: ["gid://shopify/Segment/1"] } },
    });
  });

  it("updates without touching the segment or the start", () => {
    const input = discountInput(gold!.discount!, endsAt, null);
    expect(input).not.toHaveProperty("context");
    expect(input).not.toHaveProperty("startsAt");
  });

  it("gives free shipping a minimum only when the tier sets one", () => {
    expect(shippingInput(gold!.shipping!, endsAt, null)).toEqual({
      title: "Gold member free shipping",
      destination: { all: true },
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: false },
      endsAt: "2026-11-26T12:00:00.000Z",
    });
    expect(shippingInput({ title: "x", minimumSubtotal: "75.00" }, endsAt, null)).toMatchObject({
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "75.00" } },
    });
  });

  it("replaces free shipping that drops its minimum, or of which nothing is known", () => {
    const over = { title: "x", minimumSubtotal: "75.00" };
    const always = { title: "x", minimumSubtotal: null };
    expect(shippingNeedsReplacing(over, always)).toBe(true);
    expect(shippingNeedsReplacing(undefined, always)).toBe(true);
    expect(shippingNeedsReplacing(null, always)).toBe(true);
    expect(shippingNeedsReplacing(always, over)).toBe(false);
    expect(shippingNeedsReplacing(over, { title: "y", minimumSubtotal: "80.00" })).toBe(false);
  });
});

describe("needsSync", () => {
  const gold = tierSpecs(ladder(), "USD", "en")[2]!;
  const ids: TierIds = { segmentId: "s", discountId: "d", shippingDiscountId: "f" };
  const synced = (over: Partial<Synced> = {}): Synced => ({
    spec: gold,
    segmentName: gold.segment.name,
    endsAt: new Date(now.getTime() + LEASE_MS).toISOString(),
    ...over,
  });

  it("skips a tier sent as it is, with its lease fresh", () => {
    expect(needsSync(gold, ids, synced(), now)).toBe(false);
  });

  it("syncs what changed, what is missing, and what was never sent", () => {
    expect(
      needsSync({ ...gold, discount: { title: "Gold member discount — 7%", percent: 7 } }, ids, synced(), now),
    ).toBe(true);
    expect(needsSync(gold, { ...ids, shippingDiscountId: null }, synced(), now)).toBe(true);
    expect(needsSync(gold, { ...ids, segmentId: null }, synced(), now)).toBe(true);
    expect(needsSync({ ...gold, shipping: null }, ids, synced({ spec: { ...gold, shipping: null } }), now)).toBe(true);
    expect(needsSync({ ...gold, names: { en: "Gold", ru: "Злато" } }, ids, synced(), now)).toBe(true);
    expect(needsSync(gold, null, null, now)).toBe(true);
    expect(needsSync(gold, ids, parseSynced("{}"), now)).toBe(true);
  });

  it("renews a lease before it runs low, never letting it fall below a day and a quarter", () => {
    const ending = (hoursLeft: number) => synced({ endsAt: new Date(now.getTime() + hoursLeft * HOUR).toISOString() });
    expect(leaseDue(ending(37), now)).toBe(false);
    expect(leaseDue(ending(35), now)).toBe(true);
    expect(leaseDue(ending(-1), now)).toBe(true);
    // The scheduler comes every 6 hours: a lease is renewed with at least 30 hours left.
    expect(RENEW_BELOW_MS - RENEW_EVERY_MS).toBeGreaterThanOrEqual(30 * HOUR);
    expect(needsSync(gold, ids, ending(20), now)).toBe(true);
  });

  it("leaves a tier without discounts alone: it has no lease to renew", () => {
    const bronze = tierSpecs(ladder(), "USD", "en")[0]!;
    const old = {
      spec: bronze,
      segmentName: bronze.segment.name,
      endsAt: new Date(now.getTime() - HOUR).toISOString(),
    };
    expect(needsSync(bronze, { segmentId: "s", discountId: null, shippingDiscountId: null }, old, now)).toBe(false);
  });

  it("reads back what it wrote, and nothing else", () => {
    expect(parseSynced(JSON.stringify(synced()))).toEqual(synced());
    expect(parseSynced("{}")).toBeNull();
    expect(parseSynced("not json")).toBeNull();
    expect(parseSynced(null)).toBeNull();
  });
});

describe("member tags", () => {
  it("wants the effective tier's tag: none while tiers are off", () => {
    expect(wantedTag(ladder(), "gold")).toBe("laurel-tier-gold");
    // Bronze asks for nothing, so a member not yet placed is on it.
    expect(wantedTag(ladder(), null)).toBe("laurel-tier-bronze");
    expect(wantedTag(ladder({ enabled: false }), "gold")).toBeNull();
    expect(wantedTag(null, "gold")).toBeNull();
  });

  it("removes every other tier tag, even of tiers no longer on the ladder, and keeps the rest", () => {
    expect(tagChanges(["vip", "laurel-tier-silver", "Laurel-Tier-Platinum"], "laurel-tier-gold")).toEqual({
      add: ["laurel-tier-gold"],
      remove: ["laurel-tier-silver", "Laurel-Tier-Platinum"],
    });
    expect(tagChanges(["LAUREL-TIER-GOLD", "vip"], "laurel-tier-gold")).toEqual({ add: [], remove: [] });
    expect(tagChanges(["laurel-tier-gold"], null)).toEqual({ add: [], remove: ["laurel-tier-gold"] });
    expect(tagChanges([], null)).toEqual({ add: [], remove: [] });
  });
});
