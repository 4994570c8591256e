import { describe, expect, it } from "vitest";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import {
  ladderFormValues,
  newTierRow,
  ladderFormData,
  parseLadderForm,
  parseMultiplier,
  readLadderForm,
  readOverride,
  tierIdFor,
  type LadderFormValues,
} from "./tiers-form";

/** Bronze from 0, Silver from $500 (×1.25, 3%), Gold from $1,000 (×1.5, 5%, free shipping). */
const ladder: Ladder = { ...defaultLadder(100), enabled: true };
const form = (change: (values: LadderFormValues) => void = () => {}) => {
  const values = structuredClone(ladderFormValues(ladder, "USD"));
  change(values);
  return values;
};
const errorsOf = (values: LadderFormValues, currency = "USD") => {
  const parsed = parseLadderForm(values, currency);
  if (parsed.ok) throw new Error("expected the form to be refused");
  return Object.fromEntries(Object.entries(parsed.errors).map(([field, error]) => [field, error!.key]));
};

/** The form as the browser posts it. */
const posted = (values: LadderFormValues) => ladderFormData(values, "save");

describe("the ladder as the form shows it", () => {
  it("writes money in the shop's currency, multipliers as the merchant types them", () => {
    const values = ladderFormValues(ladder, "USD");
    expect(values).toMatchObject({ enabled: true, metric: "spend", window: "rolling12", graceDays: "0" });
    expect(
      values.tiers.map((r) => [r.id, r.threshold, r.multiplier, r.discount, r.freeShipping, r.entryBonus]),
    ).toEqual([
      ["bronze", "0.00", "1", "0", false, "0"],
      ["silver", "500.00", "1.25", "3", false, "100"],
      ["gold", "1000.00", "1.5", "5", true, "250"],
    ]);
    // Free shipping on every order: the amount is left empty.
    expect(values.tiers[2]!.freeShippingOver).toBe("");
    expect(ladderFormValues(defaultLadder(1), "JPY").tiers[1]!.threshold).toBe("500");
  });

  it("reads back into the same ladder, through the posted form", () => {
    const parsed = parseLadderForm(readLadderForm(posted(form())), "USD");
    expect(parsed).toEqual({ ok: true, ladder });
  });

  it("keeps points and orders thresholds whole, in the metric's unit", () => {
    const points: Ladder = {
      ...ladder,
      metric: "points",
      tiers: ladder.tiers.map((t, i) => ({ ...t, threshold: i * 750 })),
    };
    const values = ladderFormValues(points, "USD");
    expect(values.tiers.map((r) => r.threshold)).toEqual(["0", "750", "1500"]);
    expect(parseLadderForm(values, "USD")).toEqual({ ok: true, ladder: points });
  });
});

describe("parsing the posted form", () => {
  it("converts money to minor units exactly, by the currency's decimals", () => {
    const parsed = parseLadderForm(
      form((v) => {
        v.tiers[1]!.threshold = "499.99";
        v.tiers[2]!.threshold = "1000";
        v.tiers[1]!.freeShipping = true;
        v.tiers[1]!.freeShippingOver = "75.5";
      }),
      "USD",
    );
    expect(parsed.ok && parsed.ladder.tiers.map((t) => [t.threshold, t.perks.freeShippingOver])).toEqual([
      [0, null],
      [49_999, 7_550],
      [100_000, 0],
    ]);
    const yen = parseLadderForm(
      form((v) => v.tiers.forEach((row, i) => (row.threshold = String(i * 5000)))),
      "JPY",
    );
    expect(yen.ok && yen.ladder.tiers.map((t) => t.threshold)).toEqual([0, 5000, 10000]);
  });

  it("reads a multiplier as ×1.5, 1.5 or a percent", () => {
    for (const text of ["1.5", "×1.5", "x1.5", " 1,5 ", "150%", "1.50"]) expect(parseMultiplier(text), text).toBe(150);
    expect(parseMultiplier("2")).toBe(200);
    for (const text of ["1.555", "one", "", "-1.5", "1.5x"]) expect(parseMultiplier(text), text).toBeNaN();
    expect(errorsOf(form((v) => (v.tiers[1]!.multiplier = "0.5")))).toEqual({
      "tiers.1.multiplier": "tiers.error.multiplier",
    });
    expect(errorsOf(form((v) => (v.tiers[1]!.multiplier = "11")))).toEqual({
      "tiers.1.multiplier": "tiers.error.multiplier",
    });
  });

  it("asks for thresholds that rise, on the tier that doesn't", () => {
    expect(errorsOf(form((v) => (v.tiers[2]!.threshold = "500.00")))).toEqual({
      "tiers.2.threshold": "tiers.error.thresholdOrder",
    });
    expect(errorsOf(form((v) => (v.tiers[1]!.threshold = "0")))).toEqual({
      "tiers.1.threshold": "tiers.error.thresholdOrder",
    });
  });

  it("reports every field at fault at once, money with an example in the currency", () => {
    const parsed = parseLadderForm(
      form((v) => {
        v.graceDays = "400";
        v.downgrade = "sideways";
        v.tiers[0]!.nameRu = " ";
        v.tiers[1]!.threshold = "10.005";
        v.tiers[1]!.discount = "101";
        v.tiers[2]!.nameEn = "G".repeat(41);
        v.tiers[2]!.entryBonus = "2000000";
        v.tiers[2]!.freeShippingOver = "free";
      }),
      "USD",
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        graceDays: { key: "tiers.error.graceDays", values: { example: "500.00" } },
        downgrade: { key: "tiers.error.choice", values: { example: "500.00" } },
        "tiers.0.nameRu": { key: "tiers.error.name", values: { example: "500.00" } },
        "tiers.1.threshold": { key: "tiers.error.thresholdMoney", values: { example: "500.00" } },
        "tiers.1.discount": { key: "tiers.error.discount", values: { example: "500.00" } },
        "tiers.2.nameEn": { key: "tiers.error.name", values: { example: "500.00" } },
        "tiers.2.entryBonus": { key: "tiers.error.entryBonus", values: { example: "500.00" } },
        "tiers.2.freeShippingOver": { key: "tiers.error.freeShippingOver", values: { example: "500.00" } },
      },
    });
    // Yen have no decimals.
    expect(
      errorsOf(
        form((v) => (v.tiers[1]!.threshold = "500.5")),
        "JPY",
      ),
    ).toEqual({
      "tiers.1.threshold": "tiers.error.thresholdMoney",
    });
  });

  it("takes whole numbers only for points and orders", () => {
    expect(
      errorsOf(
        form((v) => {
          v.metric = "orders";
          v.tiers.forEach((row, i) => (row.threshold = String(i * 5)));
          v.tiers[1]!.threshold = "5.5";
        }),
      ),
    ).toEqual({ "tiers.1.threshold": "tiers.error.threshold" });
  });

  it("reports an unknown metric once, not on every threshold", () => {
    expect(errorsOf(form((v) => (v.metric = "visits")))).toEqual({ metric: "tiers.error.choice" });
  });

  it("accepts a discount written with a percent sign", () => {
    const parsed = parseLadderForm(
      form((v) => (v.tiers[1]!.discount = "10 %")),
      "USD",
    );
    expect(parsed.ok && parsed.ladder.tiers[1]!.perks.discountPercent).toBe(10);
  });

  it("wants 2 to 10 tiers", () => {
    expect(errorsOf(form((v) => (v.tiers = v.tiers.slice(0, 1))))).toEqual({ tiers: "tiers.error.count" });
    const eleven = form((v) => {
      v.metric = "orders";
      v.tiers = Array.from({ length: 11 }, (_, i) => ({
        ...newTierRow(),
        nameEn: `T${i}`,
        nameRu: `У${i}`,
        threshold: String(i),
      }));
    });
    expect(errorsOf(readLadderForm(posted(eleven)))).toEqual({ tiers: "tiers.error.count" });
  });

  it("gives an added tier an id from its English name, unique on the ladder", () => {
    const parsed = parseLadderForm(
      form((v) => {
        v.tiers.push({ ...newTierRow(), nameEn: "Gold", nameRu: "Золото+", threshold: "2000" });
        v.tiers.push({ ...newTierRow(), nameEn: "Платина", nameRu: "Платина", threshold: "3000" });
        v.tiers.push({ ...newTierRow(), nameEn: "Crème Brûlée VIP", nameRu: "Крем", threshold: "4000" });
      }),
      "USD",
    );
    expect(parsed.ok && parsed.ladder.tiers.map((t) => t.id)).toEqual([
      "bronze",
      "silver",
      "gold",
      "gold-2",
      "tier",
      "creme-brulee-vip",
    ]);
    expect(tierIdFor("A".repeat(60), [])).toHaveLength(24);
  });

  it("refuses a tampered id or two tiers with one id", () => {
    expect(errorsOf(form((v) => (v.tiers[1]!.id = "Silver Tier")))).toEqual({
      "tiers.1.nameEn": "tiers.error.invalid",
    });
    expect(errorsOf(form((v) => (v.tiers[2]!.id = "silver")))).toEqual({ "tiers.2.nameEn": "tiers.error.duplicate" });
  });

  it("reads the switch and the rows as posted, stopping at the first missing row", () => {
    const data = posted(form());
    data.delete("tiers.1.id");
    data.delete("tiers.1.nameEn");
    data.set("enabled", "no");
    const values = readLadderForm(data);
    expect(values.enabled).toBe(false);
    expect(values.tiers.map((r) => r.id)).toEqual(["bronze"]);
  });
});

describe("the tier override form", () => {
  it("takes a tier, or automatic, with a reason", () => {
    expect(readOverride(new URLSearchParams({ tierId: "gold", reason: " VIP guest " }))).toEqual({
      ok: true,
      value: { tierId: "gold", reason: "VIP guest" },
    });
    expect(readOverride(new URLSearchParams({ tierId: "", reason: "Back to normal" }))).toEqual({
      ok: true,
      value: { tierId: null, reason: "Back to normal" },
    });
  });

  it("refuses a missing or long reason and a malformed tier", () => {
    expect(readOverride(new URLSearchParams({ tierId: "gold", reason: "  " }))).toEqual({
      ok: false,
      errors: { reason: "tiers.error.reason" },
    });
    expect(readOverride(new URLSearchParams({ tierId: "Gold!", reason: "r".repeat(501) }))).toEqual({
      ok: false,
      errors: { tierId: "tiers.error.noTier", reason: "tiers.error.reason" },
    });
  });
});
