import { describe, expect, it } from "vitest";
import { defaultEarnRules, defaultSettings } from "../loyalty/program";
import { earnSummary } from "./earn-summary";

const now = new Date("2026-11-24T00:00:00Z");

describe("earnSummary", () => {
  it("lists the default program's ways to earn, in English and Russian", () => {
    const en = earnSummary(defaultEarnRules("USD"), defaultSettings(), "USD", "en", now);
    expect(en.map((w) => [w.kind, w.points, w.text])).toEqual([
      ["purchase", 1, "1 points for every 1.00 USD spent"],
      ["signup", 100, "100 points for joining"],
      ["birthday", 100, "100 points on your birthday"],
      ["newsletter", 50, "50 points for subscribing to our newsletter"],
    ]);
    const ru = earnSummary(defaultEarnRules("JPY"), defaultSettings(), "JPY", "ru", now);
    expect(ru[0]!.text).toBe("баллы: 1 за каждые 1 JPY покупок");
    // The purchase rule also comes structured, for extensions to word with plural forms.
    expect(ru[0]).toMatchObject({ amount: "1", currency: "JPY" });
    expect(en[0]).toMatchObject({ amount: "1.00", currency: "USD" });
  });

  it("shows running campaigns open to everyone, not future, tier-only, paused or archived ones", () => {
    const rules = defaultEarnRules("USD");
    const campaign = {
      id: "c",
      name: "Black Friday",
      startsAt: new Date("2026-11-20T00:00:00Z"),
      endsAt: new Date("2026-11-30T00:00:00Z"),
      kind: "multiplier" as const,
      value: 200,
      firstOrders: null,
      segmentIds: null,
      tierIds: null,
    };
    rules.campaigns = [
      campaign,
      {
        ...campaign,
        id: "later",
        startsAt: new Date("2026-12-01T00:00:00Z"),
        endsAt: new Date("2026-12-02T00:00:00Z"),
      },
      { ...campaign, id: "vip", tierIds: ["gold"] },
      { ...campaign, id: "paused", status: "paused" as const },
      { ...campaign, id: "archived", status: "archived" as const },
    ];
    const ways = earnSummary(rules, defaultSettings(), "USD", "en", now).filter((w) => w.kind === "campaign");
    expect(ways.map((w) => w.text)).toEqual(["Black Friday: 2× points until 2026-11-30"]);
  });
});
