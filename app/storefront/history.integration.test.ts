import { expect, it } from "vitest";
import db from "../db.server";
import { historyPage } from "./history.server";

it("pages through every entry once, newest first, even when entries share a timestamp", async () => {
  const shop = "history.myshopify.com";
  const member = await db.member.create({ data: { shop, customerId: "gid://shopify/Customer/1" } });
  const base = Date.parse("2026-11-01T00:00:00Z");
  await db.ledgerEntry.createMany({
    data: Array.from({ length: 45 }, (_, i) => ({
      shop,
      memberId: member.id,
      reason: "earn_action",
      key: `k${i}`,
      available: i,
      // Three entries per second: pages must not skip or repeat ties.
      createdAt: new Date(base + Math.floor(i / 3) * 1000),
    })),
  });
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await historyPage(shop, member.id, cursor, 20);
    seen.push(...page.entries.map((e) => e.points));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  expect(pages).toBe(3);
  expect(seen).toHaveLength(45);
  expect(new Set(seen).size).toBe(45);
  const times = seen.map((points) => Math.floor(points / 3));
  expect(times).toEqual([...times].sort((a, b) => b - a));
});

it("keeps a merchant's own words (adjustment reasons, import notes) from the shopper, and shows other notes", async () => {
  const shop = "notes.myshopify.com";
  const member = await db.member.create({ data: { shop, customerId: "gid://shopify/Customer/2" } });
  await db.ledgerEntry.createMany({
    data: [
      { shop, memberId: member.id, reason: "earn_action", key: "signup", available: 100, note: "signup" },
      {
        shop,
        memberId: member.id,
        reason: "manual_adjustment",
        key: "manual:1",
        available: -50,
        note: "suspected fraud",
      },
      { shop, memberId: member.id, reason: "import", key: "import:r:2", available: 500, note: "VIP from Smile" },
    ],
  });
  const { entries } = await historyPage(shop, member.id, null, 20);
  expect(entries.map((e) => [e.reason, e.note]).sort()).toEqual([
    ["earn_action", "signup"],
    ["import", null],
    ["manual_adjustment", null],
  ]);
});
