import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availability,
  codeEndsAt,
  defaultRewards,
  discountCode,
  maxPointsForCash,
  parseReward,
  redemptionOf,
  rewardSchema,
  type AvailabilityContext,
  type PointsForCashReward,
  type Reward,
  type RewardStatus,
  type UnavailableReason,
} from "./rewards";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

const common = {
  title: { en: "A reward", ru: "Награда" },
  cost: 500,
  minimumSubtotal: null,
  startsAt: null,
  endsAt: null,
  tierIds: null,
  segmentIds: null,
  limitPerMember: null,
};

const inputs = {
  amount_off: { ...common, type: "amount_off", amount: 500 },
  percent_off: { ...common, type: "percent_off", percent: 10, cap: null },
  free_shipping: { ...common, type: "free_shipping", maxShippingRate: 1000 },
  free_product: { ...common, type: "free_product", variantId: "gid://shopify/ProductVariant/123" },
  points_for_cash: { ...common, type: "points_for_cash", cost: 100, stepValue: 100, maxPercentOfSubtotal: 50 },
} as const;

const reward = <T extends keyof typeof inputs>(type: T, over: Record<string, unknown> = {}) =>
  parseReward({ ...inputs[type], ...over }) as Extract<Reward, { type: T }>;

/** The issues of an invalid input, as path → message. */
function issues(input: unknown) {
  const result = rewardSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("rewardSchema", () => {
  it.each(Object.keys(inputs) as (keyof typeof inputs)[])("accepts a valid %s reward", (type) => {
    const parsed = rewardSchema.safeParse(inputs[type]);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.type).toBe(type);
  });

  it("fills in the defaults", () => {
    const r = reward("amount_off");
    expect(r.codeLifetimeDays).toBe(30);
    expect(r.combinesWith).toEqual({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: false });
  });

  it("coerces dates and keeps every field", () => {
    const r = reward("percent_off", {
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2026-02-01T00:00:00Z",
      cap: 2000,
      tierIds: ["gold"],
      segmentIds: ["vip"],
      limitPerMember: 2,
      minimumSubtotal: 5000,
      codeLifetimeDays: 7,
      combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true },
    });
    expect(r).toMatchObject({
      startsAt: d("2026-01-01"),
      endsAt: d("2026-02-01"),
      cap: 2000,
      tierIds: ["gold"],
      segmentIds: ["vip"],
      limitPerMember: 2,
      minimumSubtotal: 5000,
      codeLifetimeDays: 7,
    });
  });

  it.each([
    ["negative cost", { ...inputs.amount_off, cost: -5 }, "cost"],
    ["zero cost", { ...inputs.amount_off, cost: 0 }, "cost"],
    ["fractional cost", { ...inputs.amount_off, cost: 1.5 }, "cost"],
    ["cost over 10,000,000", { ...inputs.amount_off, cost: 10_000_001 }, "cost"],
    ["percent 0", { ...inputs.percent_off, percent: 0 }, "percent"],
    ["percent 101", { ...inputs.percent_off, percent: 101 }, "percent"],
    ["cap 0", { ...inputs.percent_off, cap: 0 }, "cap"],
    ["amount 0", { ...inputs.amount_off, amount: 0 }, "amount"],
    ["fractional amount", { ...inputs.amount_off, amount: 4.99 }, "amount"],
    ["bad variant GID", { ...inputs.free_product, variantId: "gid://shopify/Product/123" }, "variantId"],
    ["variant GID with junk", { ...inputs.free_product, variantId: "gid://shopify/ProductVariant/12x" }, "variantId"],
    ["negative shipping rate", { ...inputs.free_shipping, maxShippingRate: -1 }, "maxShippingRate"],
    ["step value 0", { ...inputs.points_for_cash, stepValue: 0 }, "stepValue"],
    ["max percent 0", { ...inputs.points_for_cash, maxPercentOfSubtotal: 0 }, "maxPercentOfSubtotal"],
    ["max percent 101", { ...inputs.points_for_cash, maxPercentOfSubtotal: 101 }, "maxPercentOfSubtotal"],
    ["code lifetime 0", { ...inputs.amount_off, codeLifetimeDays: 0 }, "codeLifetimeDays"],
    ["code lifetime 366", { ...inputs.amount_off, codeLifetimeDays: 366 }, "codeLifetimeDays"],
    ["limit 0", { ...inputs.amount_off, limitPerMember: 0 }, "limitPerMember"],
    ["negative minimum subtotal", { ...inputs.amount_off, minimumSubtotal: -1 }, "minimumSubtotal"],
    ["empty title", { ...inputs.amount_off, title: { en: "", ru: "Награда" } }, "title.en"],
    ["long title", { ...inputs.amount_off, title: { en: "x", ru: "я".repeat(81) } }, "title.ru"],
    ["invalid date", { ...inputs.amount_off, startsAt: "not a date" }, "startsAt"],
  ])("rejects %s", (_, input, path) => {
    const found = issues(input);
    expect(found.map((i) => i.path)).toContain(path);
    // Plain sentences, ready for the i18n layer.
    for (const issue of found) expect(issue.message).toMatch(/^[A-Z].*\.$/);
  });

  it("rejects an unknown type", () => {
    expect(issues({ ...common, type: "cashback" })).toEqual([{ path: "type", message: "Choose a reward type." }]);
  });

  it("rejects an end before the start, on endsAt", () => {
    expect(issues({ ...inputs.amount_off, startsAt: "2026-02-01", endsAt: "2026-01-01" })).toEqual([
      { path: "endsAt", message: "End date must be after the start date." },
    ]);
  });

  it("rejects an end equal to the start", () => {
    expect(issues({ ...inputs.amount_off, startsAt: "2026-02-01", endsAt: "2026-02-01" })[0]?.path).toBe("endsAt");
  });

  it("accepts an open start or end", () => {
    expect(rewardSchema.safeParse({ ...inputs.amount_off, endsAt: "2026-01-01" }).success).toBe(true);
    expect(rewardSchema.safeParse({ ...inputs.amount_off, startsAt: "2026-01-01" }).success).toBe(true);
  });

  it("parseReward throws the zod error", () => {
    expect(() => parseReward({ ...inputs.amount_off, cost: -1 })).toThrow(/Cost must be/);
  });
});

describe("availability", () => {
  const ctx = (over: Partial<AvailabilityContext> = {}): AvailabilityContext => ({
    balance: 1000,
    now: d("2026-06-01"),
    redeemedByMember: 0,
    tierId: "gold",
    segmentIds: ["vip"],
    subtotal: null,
    ...over,
  });

  it("is redeemable when nothing stands in the way", () => {
    expect(availability(reward("amount_off"), "active", ctx())).toEqual({
      redeemable: true,
      affordable: true,
      reason: null,
      shortBy: 0,
    });
  });

  // Each case fails every check from its own onwards, so only the order of checks decides the reason.
  const restricted = reward("points_for_cash", {
    cost: 500,
    limitPerMember: 1,
    tierIds: ["gold"],
    segmentIds: ["vip"],
    minimumSubtotal: 5000,
  });
  // The schema refuses endsAt before startsAt, so the dates are set after parsing to fail both.
  const all: Reward = { ...restricted, startsAt: d("2026-07-01"), endsAt: d("2026-05-01") };
  const failing = ctx({ balance: 100, redeemedByMember: 1, tierId: "silver", segmentIds: [], subtotal: null });

  it.each([
    ["paused", "paused", all, failing],
    ["archived", "archived", all, failing],
    ["not_started", "active", all, failing],
    ["ended", "active", { ...all, startsAt: null }, failing],
    ["limit_reached", "active", { ...all, startsAt: null, endsAt: null }, failing],
    ["tier", "active", { ...all, startsAt: null, endsAt: null }, { ...failing, redeemedByMember: 0 }],
    [
      "segment",
      "active",
      { ...all, startsAt: null, endsAt: null },
      { ...failing, redeemedByMember: 0, tierId: "gold" },
    ],
    [
      "checkout_only",
      "active",
      { ...all, startsAt: null, endsAt: null },
      { ...failing, redeemedByMember: 0, tierId: "gold", segmentIds: ["vip"] },
    ],
    [
      "minimum_subtotal",
      "active",
      { ...all, startsAt: null, endsAt: null },
      { ...failing, redeemedByMember: 0, tierId: "gold", segmentIds: ["vip"], subtotal: 4999 },
    ],
    [
      "insufficient_points",
      "active",
      { ...all, startsAt: null, endsAt: null },
      { ...failing, redeemedByMember: 0, tierId: "gold", segmentIds: ["vip"], subtotal: 5000 },
    ],
  ] satisfies [UnavailableReason, RewardStatus, Reward, AvailabilityContext][])(
    "reports %s in check order",
    (reason, status, r, c) => {
      const result = availability(r, status, c);
      expect(result).toEqual({ redeemable: false, affordable: false, reason, shortBy: 400 });
    },
  );

  it("is redeemable once every check passes", () => {
    const open = { ...all, startsAt: null, endsAt: null };
    const c = { ...failing, balance: 500, redeemedByMember: 0, tierId: "gold", segmentIds: ["vip"], subtotal: 5000 };
    expect(availability(open, "active", c)).toEqual({ redeemable: true, affordable: true, reason: null, shortBy: 0 });
  });

  it("starts at startsAt and ends at endsAt", () => {
    const r = reward("amount_off", { startsAt: "2026-06-01", endsAt: "2026-07-01" });
    expect(availability(r, "active", ctx({ now: d("2026-06-01") })).reason).toBeNull();
    expect(availability(r, "active", ctx({ now: new Date(d("2026-06-01").getTime() - 1) })).reason).toBe("not_started");
    expect(availability(r, "active", ctx({ now: new Date(d("2026-07-01").getTime() - 1) })).reason).toBeNull();
    expect(availability(r, "active", ctx({ now: d("2026-07-01") })).reason).toBe("ended");
  });

  it("counts the limit per member", () => {
    const r = reward("amount_off", { limitPerMember: 2 });
    expect(availability(r, "active", ctx({ redeemedByMember: 1 })).reason).toBeNull();
    expect(availability(r, "active", ctx({ redeemedByMember: 2 })).reason).toBe("limit_reached");
  });

  it("needs a tier when tiers are restricted", () => {
    const r = reward("amount_off", { tierIds: ["gold"] });
    expect(availability(r, "active", ctx({ tierId: null })).reason).toBe("tier");
    expect(availability(reward("amount_off"), "active", ctx({ tierId: null })).reason).toBeNull();
  });

  it("needs any one of the segments", () => {
    const r = reward("amount_off", { segmentIds: ["a", "b"] });
    expect(availability(r, "active", ctx({ segmentIds: ["b"] })).reason).toBeNull();
    expect(availability(r, "active", ctx({ segmentIds: ["c"] })).reason).toBe("segment");
  });

  it("sends capped percentages and points for cash to checkout, but says whether they are affordable", () => {
    const capped = reward("percent_off", { cap: 1000 });
    expect(availability(capped, "active", ctx({ balance: 500 }))).toEqual({
      redeemable: false,
      affordable: true,
      reason: "checkout_only",
      shortBy: 0,
    });
    expect(availability(capped, "active", ctx({ subtotal: 100 })).reason).toBeNull();
    expect(availability(reward("points_for_cash"), "active", ctx()).reason).toBe("checkout_only");
    expect(availability(reward("percent_off"), "active", ctx()).reason).toBeNull();
  });

  it("checks the minimum subtotal only when the subtotal is known", () => {
    const r = reward("amount_off", { minimumSubtotal: 5000 });
    expect(availability(r, "active", ctx({ subtotal: null })).reason).toBeNull();
    expect(availability(r, "active", ctx({ subtotal: 4999 })).reason).toBe("minimum_subtotal");
    expect(availability(r, "active", ctx({ subtotal: 5000 })).reason).toBeNull();
  });

  it("is affordable at exactly the cost and reports how short the member is", () => {
    const r = reward("amount_off", { cost: 500 });
    expect(availability(r, "active", ctx({ balance: 500 }))).toMatchObject({ affordable: true, shortBy: 0 });
    expect(availability(r, "active", ctx({ balance: 499 }))).toEqual({
      redeemable: false,
      affordable: false,
      reason: "insufficient_points",
      shortBy: 1,
    });
    expect(availability(r, "active", ctx({ balance: -20 })).shortBy).toBe(520);
  });
});

describe("redemptionOf", () => {
  it("amount off: the cost for a fixed amount off the order", () => {
    expect(redemptionOf(reward("amount_off", { minimumSubtotal: 2000 }), { subtotal: null })).toEqual({
      ok: true,
      points: 500,
      discount: { kind: "amount", amount: 500, appliesTo: "order" },
      minimumSubtotal: 2000,
    });
  });

  it("refuses to charge a fixed-cost reward anything but its cost", () => {
    expect(redemptionOf(reward("amount_off"), { points: 500, subtotal: null }).ok).toBe(true);
    expect(redemptionOf(reward("amount_off"), { points: 1, subtotal: null })).toMatchObject({
      ok: false,
      error: "invalid_points",
    });
  });

  it("percent off without a cap: an uncapped percentage", () => {
    expect(redemptionOf(reward("percent_off"), { subtotal: null })).toEqual({
      ok: true,
      points: 500,
      discount: { kind: "percentage", percent: 10 },
      minimumSubtotal: null,
    });
  });

  describe("percent off with a cap", () => {
    const capped = reward("percent_off", { percent: 10, cap: 2000 });

    it("needs the subtotal", () => {
      expect(redemptionOf(capped, { subtotal: null })).toMatchObject({ ok: false, error: "checkout_only" });
    });

    it("takes the percentage, rounded down, below the cap", () => {
      expect(redemptionOf(capped, { subtotal: 12_345 })).toEqual({
        ok: true,
        points: 500,
        discount: { kind: "amount", amount: 1234, appliesTo: "order" },
        minimumSubtotal: 12_340,
      });
    });

    it("stops at the cap, and the code needs a cart big enough for cap to be 10 %", () => {
      expect(redemptionOf(capped, { subtotal: 50_000 })).toEqual({
        ok: true,
        points: 500,
        discount: { kind: "amount", amount: 2000, appliesTo: "order" },
        minimumSubtotal: 20_000,
      });
    });

    it("keeps the reward's own minimum when it is higher", () => {
      const r = reward("percent_off", { percent: 10, cap: 2000, minimumSubtotal: 30_000 });
      expect(redemptionOf(r, { subtotal: 50_000 })).toMatchObject({ ok: true, minimumSubtotal: 30_000 });
    });

    it("is exact with subtotals near 2^53", () => {
      const subtotal = 9_007_199_254_740_000;
      const r = reward("percent_off", { percent: 37, cap: Number.MAX_SAFE_INTEGER });
      // 9_007_199_254_740_000 × 37 / 100 = 3_332_663_724_253_800 exactly; floats would be off.
      expect(redemptionOf(r, { subtotal })).toEqual({
        ok: true,
        points: 500,
        discount: { kind: "amount", amount: 3_332_663_724_253_800, appliesTo: "order" },
        minimumSubtotal: 9_007_199_254_740_000,
      });
      const odd = reward("percent_off", { percent: 33, cap: Number.MAX_SAFE_INTEGER });
      const result = redemptionOf(odd, { subtotal: subtotal + 991 });
      const expected = ((BigInt(subtotal + 991) * 33n) / 100n).toString();
      expect(result.ok && result.discount.kind === "amount" && String(result.discount.amount)).toBe(expected);
    });

    it("refuses when the cart gives nothing to take off", () => {
      expect(redemptionOf(capped, { subtotal: 9 })).toMatchObject({ ok: false, error: "nothing_to_discount" });
      expect(redemptionOf(capped, { subtotal: 0 })).toMatchObject({ ok: false, error: "nothing_to_discount" });
      expect(redemptionOf(capped, { subtotal: 10 })).toMatchObject({ ok: true, minimumSubtotal: 10 });
    });

    it("never gives more than percent % of any cart the code accepts, nor more than the cap", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          fc.option(fc.integer({ min: 0, max: 1_000_000 })),
          (subtotal, percent, cap, minimumSubtotal) => {
            const r = reward("percent_off", { percent, cap, minimumSubtotal });
            const result = redemptionOf(r, { subtotal });
            if (!result.ok) {
              expect(result.error).toBe("nothing_to_discount");
              expect((BigInt(subtotal) * BigInt(percent)) / 100n).toBe(0n);
              return;
            }
            const { discount, minimumSubtotal: least } = result;
            if (discount.kind !== "amount") throw new Error("expected an amount");
            expect(discount.amount).toBeGreaterThan(0);
            expect(discount.amount).toBeLessThanOrEqual(cap);
            expect(BigInt(discount.amount) * 100n).toBeLessThanOrEqual(BigInt(least!) * BigInt(percent));
            expect(least!).toBeGreaterThanOrEqual(minimumSubtotal ?? 0);
            // The cart the code was made for still qualifies, unless the reward's own minimum says no.
            if (subtotal >= (minimumSubtotal ?? 0)) expect(least!).toBeLessThanOrEqual(subtotal);
          },
        ),
      );
    });
  });

  it("free shipping: up to the reward's rate", () => {
    expect(redemptionOf(reward("free_shipping"), { subtotal: null })).toEqual({
      ok: true,
      points: 500,
      discount: { kind: "free_shipping", maxShippingRate: 1000 },
      minimumSubtotal: null,
    });
    expect(redemptionOf(reward("free_shipping", { maxShippingRate: null }), { subtotal: null })).toMatchObject({
      discount: { kind: "free_shipping", maxShippingRate: null },
    });
  });

  it("free product: one unit's price off that variant", () => {
    expect(redemptionOf(reward("free_product"), { subtotal: null, variantPrice: 2999 })).toEqual({
      ok: true,
      points: 500,
      discount: { kind: "amount", amount: 2999, appliesTo: { variantId: "gid://shopify/ProductVariant/123" } },
      minimumSubtotal: null,
    });
  });

  it.each([undefined, 0, -1, 1.5])("free product: needs a valid variant price (%s)", (variantPrice) => {
    expect(redemptionOf(reward("free_product"), { subtotal: null, variantPrice })).toMatchObject({
      ok: false,
      error: "needs_variant_price",
    });
  });

  describe("points for cash", () => {
    // 100 points buy 1.00, on at most half the subtotal.
    const cash = reward("points_for_cash", { cost: 100, stepValue: 100, maxPercentOfSubtotal: 50 });

    it("spends a multiple of the step for an exact amount", () => {
      expect(redemptionOf(cash, { points: 700, subtotal: 10_000 })).toEqual({
        ok: true,
        points: 700,
        discount: { kind: "amount", amount: 700, appliesTo: "order" },
        minimumSubtotal: 1400,
      });
    });

    it("defaults to one step", () => {
      expect(redemptionOf(cash, { subtotal: 10_000 })).toMatchObject({ ok: true, points: 100 });
    });

    it.each([0, -100, 150, 99, 100.5, Number.NaN])("refuses %s points", (points) => {
      expect(redemptionOf(cash, { points, subtotal: 10_000 })).toMatchObject({ ok: false, error: "invalid_points" });
    });

    it("checks the points before asking for checkout", () => {
      expect(redemptionOf(cash, { points: 150, subtotal: null })).toMatchObject({ error: "invalid_points" });
      expect(redemptionOf(cash, { points: 100, subtotal: null })).toMatchObject({ error: "checkout_only" });
    });

    it("allows exactly the cap and refuses one step over, saying the most usable", () => {
      expect(redemptionOf(cash, { points: 5000, subtotal: 10_000 })).toMatchObject({
        ok: true,
        discount: { amount: 5000 },
        minimumSubtotal: 10_000,
      });
      expect(redemptionOf(cash, { points: 5100, subtotal: 10_000 })).toEqual({
        ok: false,
        error: "over_cap",
        message: "At most 5000 points can be used on this order.",
      });
    });

    it("rounds the cap down to whole steps", () => {
      // 50 % of 10_050 is 5025: five thousand whole, the next step would pass it.
      expect(redemptionOf(cash, { points: 5000, subtotal: 10_050 }).ok).toBe(true);
      expect(redemptionOf(cash, { points: 5100, subtotal: 10_050 })).toMatchObject({
        error: "over_cap",
        message: "At most 5000 points can be used on this order.",
      });
    });

    it("keeps the reward's own minimum when it is higher", () => {
      const r = reward("points_for_cash", { ...cash, minimumSubtotal: 20_000 });
      expect(redemptionOf(r, { points: 100, subtotal: 30_000 })).toMatchObject({ minimumSubtotal: 20_000 });
    });

    it("is exact with large steps and subtotals", () => {
      const big = reward("points_for_cash", { cost: 3, stepValue: 1_000_000_000_007, maxPercentOfSubtotal: 100 });
      const subtotal = 9_007_199_254_740_000;
      const most = maxPointsForCash(big, subtotal, Number.MAX_SAFE_INTEGER);
      expect(most).toBe(Number((BigInt(subtotal) / 1_000_000_000_007n) * 3n));
      const ok = redemptionOf(big, { points: most, subtotal });
      expect(ok).toMatchObject({ ok: true, discount: { amount: (most / 3) * 1_000_000_000_007 } });
      expect(redemptionOf(big, { points: most + 3, subtotal })).toMatchObject({ error: "over_cap" });
    });

    it("never gives more than the share of any cart the code accepts", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10_000 }),
          fc.integer({ min: 1, max: 10_000 }),
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 0, max: 10_000_000 }),
          fc.integer({ min: 1, max: 1000 }),
          (cost, stepValue, maxPercentOfSubtotal, subtotal, steps) => {
            const r = reward("points_for_cash", { cost, stepValue, maxPercentOfSubtotal });
            const result = redemptionOf(r, { points: steps * cost, subtotal });
            const fits = steps * stepValue * 100 <= subtotal * maxPercentOfSubtotal;
            expect(result.ok).toBe(fits);
            if (!result.ok || result.discount.kind !== "amount") return;
            expect(result.discount.amount).toBe(steps * stepValue);
            expect(result.discount.amount * 100).toBeLessThanOrEqual(result.minimumSubtotal! * maxPercentOfSubtotal);
            expect(result.minimumSubtotal!).toBeLessThanOrEqual(subtotal);
            expect(steps * cost).toBeLessThanOrEqual(maxPointsForCash(r, subtotal, Number.MAX_SAFE_INTEGER));
          },
        ),
      );
    });
  });
});

describe("maxPointsForCash", () => {
  const cash = reward("points_for_cash", {
    cost: 100,
    stepValue: 100,
    maxPercentOfSubtotal: 50,
  }) as PointsForCashReward;

  it.each([
    ["limited by the cap", 10_000, 99_999, 5000],
    ["limited by the balance, in whole steps", 10_000, 1234, 1200],
    ["nothing when the balance is below one step", 10_000, 99, 0],
    ["nothing when the cap is below one step", 199, 10_000, 0],
    ["one step at exactly the cap", 200, 10_000, 100],
    ["nothing on an empty cart", 0, 10_000, 0],
    ["nothing on a negative balance", 10_000, -500, 0],
  ])("%s", (_, subtotal, balance, expected) => {
    expect(maxPointsForCash(cash, subtotal, balance)).toBe(expected);
  });

  it("is always redeemable when positive", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (cost, stepValue, maxPercentOfSubtotal, subtotal, balance) => {
          const r = reward("points_for_cash", { cost, stepValue, maxPercentOfSubtotal });
          const most = maxPointsForCash(r, subtotal, balance);
          expect(most % cost).toBe(0);
          expect(most).toBeLessThanOrEqual(balance);
          if (most === 0) return;
          expect(redemptionOf(r, { points: most, subtotal }).ok).toBe(true);
          if (most + cost <= balance) {
            expect(redemptionOf(r, { points: most + cost, subtotal })).toMatchObject({ error: "over_cap" });
          }
        },
      ),
    );
  });
});

describe("discountCode", () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  const FORMAT = /^[A-Z0-9]{1,12}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

  it("formats PREFIX-XXXX-XXXX-XXXX in Crockford base32", () => {
    expect(discountCode("LAUREL", bytes(0, 0, 0, 0, 0, 0, 0, 0))).toBe("LAUREL-0000-0000-0000");
    expect(discountCode("LAUREL", bytes(255, 255, 255, 255, 255, 255, 255, 255))).toBe("LAUREL-ZZZZ-ZZZZ-ZZZZ");
    // 0x0123456789ABCDEF >> 4 = 0x0123456789ABCDE, read 5 bits at a time.
    const expected = 0x0123456789abcden.toString(32).toUpperCase().padStart(12, "0");
    const crockford = [...expected].map((c) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[parseInt(c, 32)]).join("");
    const code = discountCode("X", bytes(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef));
    expect(code).toBe(`X-${crockford.slice(0, 4)}-${crockford.slice(4, 8)}-${crockford.slice(8)}`);
    expect(code).toMatch(FORMAT);
  });

  it("uses 60 bits: every one of the first 60 changes the code, the last 4 and extra bytes don't", () => {
    const zero = discountCode("P", new Uint8Array(8));
    const codes = new Set<string>();
    for (let bit = 0; bit < 64; bit++) {
      const random = new Uint8Array(8);
      random[bit >> 3] = 0x80 >> (bit & 7);
      const code = discountCode("P", random);
      if (bit < 60) codes.add(code);
      else expect(code).toBe(zero);
    }
    expect(codes.size).toBe(60);
    expect(codes.has(zero)).toBe(false);
    expect(discountCode("P", bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).toBe(
      discountCode("P", bytes(1, 2, 3, 4, 5, 6, 7, 8)),
    );
  });

  it("gives different codes for different bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (a, b) => {
          const sameBits = a.slice(0, 7).every((x, i) => x === b[i]) && a[7]! >> 4 === b[7]! >> 4;
          expect(discountCode("P", a) === discountCode("P", b)).toBe(sameBits);
          expect(discountCode("P", a)).toMatch(FORMAT);
        },
      ),
    );
  });

  it.each([
    ["spring-sale 2026!", "SPRINGSALE20"],
    ["vip", "VIP"],
    ["Ñandú café", "ANDCAF"],
    ["", "LAUREL"],
    ["---", "LAUREL"],
    ["скидка", "LAUREL"],
  ])("normalises the prefix %j to %s", (prefix, expected) => {
    expect(discountCode(prefix, new Uint8Array(8)).split("-")[0]).toBe(expected);
  });

  it("throws with fewer than 8 random bytes", () => {
    expect(() => discountCode("P", new Uint8Array(7))).toThrow(/at least 8 random bytes/);
    expect(() => discountCode("P", new Uint8Array(0))).toThrow(RangeError);
  });
});

describe("codeEndsAt", () => {
  it("adds the code lifetime, even past the reward's end", () => {
    const r = reward("amount_off", { codeLifetimeDays: 30, endsAt: "2026-06-02" });
    expect(codeEndsAt(new Date("2026-06-01T15:30:00Z"), r)).toEqual(new Date("2026-07-01T15:30:00Z"));
  });
});

describe("defaultRewards", () => {
  it.each([
    ["USD", 500],
    ["JPY", 5],
    ["KWD", 5000],
  ])("scales to %s and parses", (currency, amount) => {
    const rewards = defaultRewards(currency);
    for (const r of rewards) expect(rewardSchema.parse(r)).toEqual(r);
    expect(rewards.map((r) => [r.type, r.cost])).toEqual([
      ["amount_off", 500],
      ["percent_off", 1000],
      ["free_shipping", 300],
    ]);
    expect(rewards[0]).toMatchObject({ type: "amount_off", amount });
    expect(rewards[1]).toMatchObject({ type: "percent_off", percent: 10, cap: null });
    expect(rewards[2]).toMatchObject({ type: "free_shipping", maxShippingRate: null });
    for (const r of rewards) {
      expect(r).toMatchObject({
        minimumSubtotal: null,
        codeLifetimeDays: 30,
        combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
        startsAt: null,
        endsAt: null,
        tierIds: null,
        segmentIds: null,
        limitPerMember: null,
      });
      expect(r.title.en).not.toMatch(/[$€¥£₽]/);
    }
  });

  it("gives 100 points ≈ 1 unit of value", () => {
    for (const [currency, minorPerUnit] of [
      ["USD", 100],
      ["JPY", 1],
    ] as const) {
      const [amountOff] = defaultRewards(currency);
      expect(amountOff?.type === "amount_off" && (amountOff.amount * 100) / amountOff.cost).toBe(minorPerUnit);
    }
  });
});
