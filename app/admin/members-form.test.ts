import { describe, expect, it } from "vitest";
import { DEFAULT_FILTER, filterParams, readAdjustment, readFilter, readPage } from "./members-form";

const params = (query: string) => new URLSearchParams(query);

describe("member list filter", () => {
  it("reads every field from the URL and writes it back without the defaults", () => {
    const { filter, errors } = readFilter(
      params(
        "q=%20Ana%20&min=10&max=500&activity=inactive&days=30&status=all&sort=activity_desc&tier=gold&segment=at-risk",
      ),
    );
    expect(errors).toEqual({});
    expect(filter).toEqual({
      search: "Ana",
      minBalance: 10,
      maxBalance: 500,
      activity: "inactive",
      days: 30,
      status: "all",
      sort: "activity_desc",
      tier: "gold",
      segment: "at-risk",
    });
    expect(readFilter(filterParams(filter)).filter).toEqual(filter);
    expect(filterParams(DEFAULT_FILTER).toString()).toBe("");
  });

  it("reports each bad field and keeps its default", () => {
    const { filter, errors } = readFilter(params("min=-1&max=1.5&activity=sometimes&days=0&status=x&sort=name"));
    expect(errors).toEqual({
      min: "members.error.balance",
      max: "members.error.balance",
      activity: "members.error.choice",
      days: "members.error.days",
      status: "members.error.choice",
      sort: "members.error.choice",
    });
    expect(filter).toEqual(DEFAULT_FILTER);
  });

  it("refuses a range that ends before it starts, and an overlong search", () => {
    expect(readFilter(params("min=50&max=10")).errors).toEqual({ max: "members.error.balanceRange" });
    expect(readFilter(params(`q=${"a".repeat(101)}`)).errors).toEqual({ q: "members.error.search" });
  });

  it("takes a tier the shop has, when the caller says which it has", () => {
    expect(readFilter(params("tier=gold"), ["bronze", "gold"])).toEqual({
      filter: { ...DEFAULT_FILTER, tier: "gold" },
      errors: {},
    });
    // Not on the ladder, or tiers off (no tiers), or not a tier id at all.
    expect(readFilter(params("tier=platinum"), ["bronze", "gold"])).toEqual({
      filter: DEFAULT_FILTER,
      errors: { tier: "members.error.tier" },
    });
    expect(readFilter(params("tier=gold"), []).errors).toEqual({ tier: "members.error.tier" });
    expect(readFilter(params("tier=Gold%20Tier")).errors).toEqual({ tier: "members.error.tier" });
    expect(readFilter(params("tier=")).filter.tier).toBeNull();
  });

  it("takes a segment the shop has, when the caller says which it has", () => {
    const shopSegments = ["new", "active", "at-risk", "lapsed", "high-value", "tier:gold"];
    expect(readFilter(params("segment=at-risk"), undefined, shopSegments)).toEqual({
      filter: { ...DEFAULT_FILTER, segment: "at-risk" },
      errors: {},
    });
    expect(readFilter(params("segment=tier%3Agold"), undefined, shopSegments).filter.segment).toBe("tier:gold");
    expect(filterParams({ ...DEFAULT_FILTER, segment: "tier:gold" }).get("segment")).toBe("tier:gold");
    // A tier segment the shop hasn't (tiers off, or not on the ladder), a made-up id, or no segment at all.
    expect(readFilter(params("segment=tier%3Aplatinum"), undefined, shopSegments)).toEqual({
      filter: DEFAULT_FILTER,
      errors: { segment: "members.error.segment" },
    });
    expect(readFilter(params("segment=vip"), undefined, shopSegments).errors).toEqual({
      segment: "members.error.segment",
    });
    expect(readFilter(params("segment=vip")).errors).toEqual({ segment: "members.error.segment" });
    expect(readFilter(params("segment=new"), undefined, []).errors).toEqual({ segment: "members.error.segment" });
    expect(readFilter(params("segment=")).filter.segment).toBeNull();
  });

  it("takes a page number, else the first page", () => {
    expect(readPage(params("page=3"))).toBe(3);
    expect(readPage(params("page=0"))).toBe(1);
    expect(readPage(params("page=abc"))).toBe(1);
  });
});

describe("adjustment form", () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const good = { points: "-50", reason: " Damaged item ", idempotencyKey: "0b6f7a3e-key" };

  it("accepts signed whole points and a trimmed reason", () => {
    expect(readAdjustment(form(good))).toEqual({
      ok: true,
      value: { points: -50, reason: "Damaged item", idempotencyKey: "0b6f7a3e-key" },
    });
    expect(readAdjustment(form({ ...good, points: "+20" }))).toMatchObject({ value: { points: 20 } });
  });

  it.each(["0", "1.5", "1e3", "", "abc", "1000001", "-1000001"])("refuses %j points", (points) => {
    expect(readAdjustment(form({ ...good, points }))).toEqual({
      ok: false,
      errors: { points: "members.error.points" },
    });
  });

  it("requires a reason of at most 200 characters and a well-formed key", () => {
    expect(readAdjustment(form({ ...good, reason: "   " }))).toMatchObject({
      errors: { reason: "members.error.reason" },
    });
    expect(readAdjustment(form({ ...good, reason: "x".repeat(201) }))).toMatchObject({
      errors: { reason: "members.error.reason" },
    });
    expect(readAdjustment(form({ ...good, idempotencyKey: "" }))).toMatchObject({
      errors: { idempotencyKey: "members.error.stale" },
    });
  });
});
