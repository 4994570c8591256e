import { beforeEach, expect, it } from "vitest";
import db from "../db.server";
import { defaultEarnRules, defaultSettings } from "../loyalty/program";
import { programAndRules, rulesAt } from "./program.server";

const shop = "rules.myshopify.com";
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await db.program.create({
    data: { shop, currency: "USD", status: "live", settings: JSON.stringify(defaultSettings()) },
  });
  const rules = (points: number) =>
    JSON.stringify({ ...defaultEarnRules("USD"), purchase: { ...defaultEarnRules("USD").purchase, points } });
  // Version 3 was made later than version 2 but backdated before it: the newest version wins.
  await db.earnRuleVersion.createMany({
    data: [
      { shop, version: 1, activeFrom: at("2026-01-01T00:00:00Z"), rules: rules(1) },
      { shop, version: 2, activeFrom: at("2026-06-01T00:00:00Z"), rules: rules(2) },
      { shop, version: 3, activeFrom: at("2026-05-01T00:00:00Z"), rules: rules(3) },
    ],
  });
});

it.each([
  ["before the program existed: its first version", "2025-12-01T00:00:00Z", 1],
  ["after version 1 only", "2026-03-01T00:00:00Z", 1],
  ["once version 3 is active", "2026-05-15T00:00:00Z", 3],
  ["once all are active: the newest", "2026-07-01T00:00:00Z", 3],
])("judges an order %s", async (_label, placed, version) => {
  const found = await rulesAt(db, shop, at(placed));
  expect(found?.version).toBe(version);
  expect(found?.rules.purchase.points).toBe(version);
  // orders/paid reads the program and the same version in one statement.
  const both = await programAndRules(db, shop, at(placed));
  expect(both.rules).toEqual(found);
  expect(both.program).toMatchObject({ currency: "USD", live: true });
});

it("finds nothing for a shop without rules", async () => {
  expect(await rulesAt(db, "none.myshopify.com", at("2026-07-01T00:00:00Z"))).toBeNull();
  expect(await programAndRules(db, "none.myshopify.com", at("2026-07-01T00:00:00Z"))).toEqual({
    program: null,
    rules: null,
    ladder: null,
  });
});
