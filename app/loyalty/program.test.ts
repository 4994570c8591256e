// Earn rules saved before campaigns could be paused still read, as active campaigns.
import { expect, it } from "vitest";
import { earnRulesSchema, defaultEarnRules } from "./program";

it("reads a campaign without a status as active, and keeps a paused one paused", () => {
  const campaign = {
    id: "c",
    name: "Sale",
    startsAt: "2026-11-20T00:00:00.000Z",
    endsAt: "2026-11-27T00:00:00.000Z",
    kind: "multiplier",
    value: 200,
    firstOrders: null,
    segmentIds: null,
    tierIds: null,
  };
  const stored = { ...defaultEarnRules("USD"), campaigns: [campaign, { ...campaign, id: "p", status: "paused" }] };
  const rules = earnRulesSchema.parse(JSON.parse(JSON.stringify(stored)));
  expect(rules.campaigns.map((c) => c.status)).toEqual(["active", "paused"]);
  expect(earnRulesSchema.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
});
