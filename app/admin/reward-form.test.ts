// The reward form: every type's fields round-trip through the form, money is read exactly in the
// shop's currency, and every way a field can be wrong becomes a translated message beside it.
import { describe, expect, it } from "vitest";
import { catalogs } from "../i18n/translate";
import { defaultRewards, type Reward } from "../loyalty/rewards";
import { emptyRewardForm, parseRewardForm, REWARD_TYPES, rewardFormValues, type RewardFormValues } from "./reward-form";

/** Form values as a browser posts them: checkboxes only when ticked. */
function posted(values: Partial<RewardFormValues>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...emptyRewardForm(), ...values })) {
    if (typeof value === "boolean") {
      if (value) form.set(name, "on");
    } else form.set(name, value);
  }
  return form;
}

const base = {
  title: { en: "Reward", ru: "Награда" },
  cost: 500,
  minimumSubtotal: 2500,
  codeLifetimeDays: 14,
  combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true },
  startsAt: new Date("2026-01-01T00:00:00.000Z"),
  endsAt: new Date("2026-12-31T00:00:00.000Z"),
  tierIds: null,
  segmentIds: null,
  limitPerMember: 2,
};

const everyType: Reward[] = [
  { ...base, type: "amount_off", amount: 1050 },
  { ...base, type: "percent_off", percent: 15, cap: 2000 },
  { ...base, type: "percent_off", percent: 10, cap: null },
  { ...base, type: "free_shipping", maxShippingRate: null },
  { ...base, type: "free_shipping", maxShippingRate: 999 },
  { ...base, type: "free_product", variantId: "gid://shopify/ProductVariant/42" },
  { ...base, type: "points_for_cash", stepValue: 100, maxPercentOfSubtotal: 30 },
];

describe("reward form", () => {
  it.each(everyType.map((reward) => [reward.type, reward] as const))("round-trips a %s reward", (_type, reward) => {
    const values = rewardFormValues(reward, "USD");
    expect(parseRewardForm(posted(values), "USD")).toEqual({ ok: true, reward });
  });

  it("writes money in the shop's currency: decimals as the currency has them", () => {
    const [amountOff] = defaultRewards("JPY");
    expect(rewardFormValues(amountOff!, "JPY")).toMatchObject({ amount: "5", codeLifetimeDays: "30" });
    const parsed = parseRewardForm(posted({ titleEn: "A", titleRu: "Б", cost: "10", amount: "12.5" }), "KWD");
    expect(parsed).toMatchObject({ ok: true, reward: { amount: 12_500 } });
  });

  it("reads a bare variant id as the variant's GID, and empty optional fields as none", () => {
    const parsed = parseRewardForm(
      posted({ type: "free_product", titleEn: "Mug", titleRu: "Кружка", cost: "900", variantId: " 123 " }),
      "USD",
    );
    expect(parsed).toEqual({
      ok: true,
      reward: {
        type: "free_product",
        title: { en: "Mug", ru: "Кружка" },
        cost: 900,
        variantId: "gid://shopify/ProductVariant/123",
        minimumSubtotal: null,
        codeLifetimeDays: 30,
        combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
        startsAt: null,
        endsAt: null,
        tierIds: null,
        segmentIds: null,
        limitPerMember: null,
      },
    });
  });

  it("keeps the tier restriction, and the segments when the form has no segment choice", () => {
    const kept = { tierIds: ["gold"], segmentIds: ["lapsed"] };
    const form = posted({ titleEn: "A", titleRu: "Б", cost: "1", amount: "1" });
    expect(parseRewardForm(form, "USD", kept)).toMatchObject({
      ok: true,
      reward: { tierIds: ["gold"], segmentIds: null },
    });
    form.delete("segmentIds");
    expect(parseRewardForm(form, "USD", kept)).toMatchObject({
      ok: true,
      reward: { tierIds: ["gold"], segmentIds: ["lapsed"] },
    });
  });

  it("restricts to the segments ticked, round-trip, and refuses any the form didn't offer", () => {
    const reward: Reward = { ...base, type: "amount_off", amount: 500, segmentIds: ["at-risk", "high-value"] };
    const values = rewardFormValues(reward, "USD");
    expect(values.segmentIds).toBe("at-risk,high-value");
    expect(parseRewardForm(posted(values), "USD")).toEqual({ ok: true, reward });

    const tier = posted({ ...values, segmentIds: "new,tier:gold" });
    expect(parseRewardForm(tier, "USD")).toEqual({
      ok: false,
      errors: { segmentIds: { key: "segments.error.unknown" } },
    });
    expect(parseRewardForm(tier, "USD", undefined, ["new", "tier:gold"])).toMatchObject({
      ok: true,
      reward: { segmentIds: ["new", "tier:gold"] },
    });
    expect(catalogs.en["segments.error.unknown"]).toBe("Choose among the segments listed.");
    expect(catalogs.ru["segments.error.unknown"]).toBe("Выберите из перечисленных сегментов.");
  });

  it("ignores the fields of types not chosen", () => {
    const parsed = parseRewardForm(
      posted({ titleEn: "A", titleRu: "Б", cost: "1", amount: "1", percent: "nonsense", variantId: "x" }),
      "USD",
    );
    expect(parsed).toMatchObject({ ok: true, reward: { type: "amount_off", amount: 100 } });
    expect(parsed.ok && "percent" in parsed.reward).toBe(false);
  });

  it("names each field that is wrong, with a message the admin can translate", () => {
    const parsed = parseRewardForm(
      posted({
        type: "percent_off",
        titleEn: " ",
        titleRu: "Я".repeat(81),
        cost: "1.5",
        percent: "101",
        cap: "12.345",
        minimumSubtotal: "-1",
        codeLifetimeDays: "0",
        startsAt: "not a date",
        limitPerMember: "0",
      }),
      "USD",
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        titleEn: { key: "rewards.error.title" },
        titleRu: { key: "rewards.error.titleTooLong" },
        cost: { key: "rewards.error.cost" },
        percent: { key: "rewards.error.percent" },
        cap: { key: "rewards.error.money", values: { example: "5.00" } },
        minimumSubtotal: { key: "rewards.error.minimumSubtotal" },
        codeLifetimeDays: { key: "rewards.error.codeLifetimeDays" },
        startsAt: { key: "rewards.error.date" },
        limitPerMember: { key: "rewards.error.limitPerMember" },
      },
    });
  });

  it("requires each type's own fields", () => {
    const required = {
      amount_off: ["amount"],
      percent_off: ["percent"],
      free_shipping: [],
      free_product: ["variantId"],
      points_for_cash: ["stepValue", "maxPercentOfSubtotal"],
    };
    for (const type of REWARD_TYPES) {
      const parsed = parseRewardForm(posted({ type, titleEn: "A", titleRu: "Б", cost: "100" }), "USD");
      const fields = parsed.ok ? [] : Object.keys(parsed.errors);
      expect(fields.sort(), type).toEqual([...required[type]].sort());
    }
  });

  it("refuses an unknown type and an end before the start", () => {
    expect(parseRewardForm(posted({ type: "gift" as never }), "USD")).toMatchObject({
      ok: false,
      errors: { type: { key: "rewards.error.type" } },
    });
    const dates = { titleEn: "A", titleRu: "Б", cost: "1", amount: "1", startsAt: "2026-05-02", endsAt: "2026-05-01" };
    expect(parseRewardForm(posted(dates), "USD")).toEqual({
      ok: false,
      errors: { endsAt: { key: "rewards.error.endsBeforeStart" } },
    });
  });

  it("has an English and a Russian message for every field the schema can refuse", () => {
    const fields = Object.keys(emptyRewardForm()).filter((f) => !f.startsWith("combines") && !f.startsWith("title"));
    // Dates have their own messages, and segments the segments area's (tested above).
    for (const field of fields.filter((f) => f !== "startsAt" && f !== "endsAt" && f !== "segmentIds")) {
      expect(catalogs.en, field).toHaveProperty([`rewards.error.${field}`]);
      expect(catalogs.ru, field).toHaveProperty([`rewards.error.${field}`]);
    }
  });
});
