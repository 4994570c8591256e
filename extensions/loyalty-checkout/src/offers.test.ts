import { describe, expect, it } from "vitest";
import { readLoyalty, type Catalog } from "./metafields";
import { cashFor, clampPoints, fitsCart, isActive, maxPointsForCash, offersFor, type OfferContext } from "./offers";
import { metafields, REWARDS } from "./test-fixtures";

const catalog = readLoyalty(metafields()).catalog!;
const NOW = Date.parse("2026-06-01T00:00:00Z");
const context = (patch: Partial<OfferContext> = {}): OfferContext => ({
  balance: 815,
  subtotal: 8000,
  digits: 2,
  now: NOW,
  showPointsForCash: true,
  tierId: null,
  ...patch,
});
const withRewards = (patch: (r: (typeof REWARDS.rewards)[number]) => object) =>
  readLoyalty(metafields({ rewards: { ...REWARDS, rewards: REWARDS.rewards.map((r) => ({ ...r, ...patch(r) })) } }))
    .catalog as Catalog;

describe("offersFor", () => {
  it("offers what the balance covers, the nearest reward beyond it, and points for cash", () => {
    const offers = offersFor(catalog, context());
    expect(offers.affordable.map((r) => r.id)).toEqual(["r-amount", "r-shipping", "r-capped"]);
    expect(offers.nearest).toMatchObject({ reward: { id: "r-tea" }, shortBy: 85 });
    expect(offers.pointsForCash).toMatchObject({ step: 100, stepValue: 100, max: 800 });
  });

  it("with too few points for anything, names the cheapest reward as the first to reach", () => {
    const offers = offersFor(catalog, context({ balance: 40 }));
    expect(offers.affordable).toEqual([]);
    expect(offers.pointsForCash).toBeNull();
    expect(offers.nearest).toMatchObject({ reward: { id: "r-cash" }, shortBy: 60 });
    const noCash = offersFor(catalog, context({ balance: 40, showPointsForCash: false }));
    expect(noCash.nearest).toMatchObject({ reward: { id: "r-shipping" }, shortBy: 260 });
  });

  it("leaves out points for cash when the setting is off", () => {
    expect(offersFor(catalog, context({ showPointsForCash: false })).pointsForCash).toBeNull();
  });

  it("leaves out rewards not started or ended", () => {
    const future = withRewards(() => ({ startsAt: "2026-07-01T00:00:00Z" }));
    expect(offersFor(future, context())).toEqual({ affordable: [], nearest: null, pointsForCash: null });
    const ended = withRewards(() => ({ endsAt: "2026-06-01T00:00:00Z" }));
    expect(offersFor(ended, context()).affordable).toEqual([]);
  });

  it("leaves out rewards whose minimum the cart doesn't reach", () => {
    const minimum = withRewards((r) => (r.id === "r-amount" ? { minimumSubtotal: "80.01" } : {}));
    expect(offersFor(minimum, context()).affordable.map((r) => r.id)).not.toContain("r-amount");
    expect(offersFor(minimum, context({ subtotal: 8001 })).affordable.map((r) => r.id)).toContain("r-amount");
  });

  it("without a subtotal in the program's currency, offers only what needs none", () => {
    const offers = offersFor(catalog, context({ subtotal: null }));
    expect(offers.affordable.map((r) => r.id)).toEqual(["r-amount", "r-shipping"]);
    expect(offers.pointsForCash).toBeNull();
  });

  it("offers a reward limited to tiers only to members on one of them, and never as the next to reach", () => {
    const limited = withRewards((r) => (r.id === "r-amount" || r.id === "r-tea" ? { tierIds: ["gold"] } : {}));
    const silver = offersFor(limited, context({ tierId: "silver" }));
    expect(silver.affordable.map((r) => r.id)).toEqual(["r-shipping", "r-capped"]);
    expect(silver.nearest).toMatchObject({ reward: { id: "r-percent" } });
    expect(offersFor(limited, context()).affordable.map((r) => r.id)).not.toContain("r-amount");
    const gold = offersFor(limited, context({ tierId: "gold" }));
    expect(gold.affordable.map((r) => r.id)).toEqual(["r-amount", "r-shipping", "r-capped"]);
    expect(gold.nearest).toMatchObject({ reward: { id: "r-tea" } });
  });

  it("has nothing to offer without a catalog", () => {
    expect(offersFor(null, context())).toEqual({ affordable: [], nearest: null, pointsForCash: null });
  });
});

describe("points for cash", () => {
  const offer = { step: 100, stepValue: 100 };

  it("is capped by the balance or by the share of the subtotal, whichever is lower", () => {
    expect(maxPointsForCash(offer, 50, 815, 8000)).toBe(800);
    expect(maxPointsForCash(offer, 50, 815, 1000)).toBe(500);
    expect(maxPointsForCash(offer, 50, 815, 199)).toBe(0);
    expect(maxPointsForCash(offer, 50, 99, 8000)).toBe(0);
    // 33 % of 10.00 is 3.30: three whole steps of 1.00.
    expect(maxPointsForCash(offer, 33, 10_000, 1000)).toBe(300);
  });

  it("is not offered when the cart is too small for one step", () => {
    expect(offersFor(catalog, context({ subtotal: 199 })).pointsForCash).toBeNull();
  });

  it("rounds what was typed to a whole step within bounds", () => {
    const bounds = { step: 100, max: 800 };
    expect(clampPoints(bounds, 350)).toBe(300);
    expect(clampPoints(bounds, 0)).toBe(100);
    expect(clampPoints(bounds, -500)).toBe(100);
    expect(clampPoints(bounds, 5000)).toBe(800);
    expect(clampPoints(bounds, Number.NaN)).toBe(800);
  });

  it("is worth whole steps in minor units", () => {
    expect(cashFor(offer, 300)).toBe(300);
    expect(cashFor({ step: 250, stepValue: 125 }, 750)).toBe(375);
  });
});

describe("isActive and fitsCart", () => {
  const reward = catalog.rewards[0]!;
  it("reads the dates as [startsAt, endsAt)", () => {
    expect(isActive({ ...reward, startsAt: "2026-06-01T00:00:00Z" }, NOW)).toBe(true);
    expect(isActive({ ...reward, endsAt: "2026-06-01T00:00:00Z" }, NOW)).toBe(false);
  });
  it("compares minimums exactly", () => {
    expect(fitsCart({ ...reward, minimumSubtotal: "10.00" }, 1000, 2)).toBe(true);
    expect(fitsCart({ ...reward, minimumSubtotal: "10.00" }, 999, 2)).toBe(false);
    expect(fitsCart({ ...reward, minimumSubtotal: "10.00" }, null, 2)).toBe(false);
  });
});
