import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { defaultSettings } from "../loyalty/program";
import { ActionError, awardAction, birthdaysDue, setBirthday } from "./actions.server";
import { ensureProgram } from "./program.server";

const shop = "actions.myshopify.com";
const ana = "gid://shopify/Customer/1";

beforeEach(async () => {
  for (const model of [db.ledgerEntry, db.member, db.earnRuleVersion, db.program, db.job] as const) {
    await (model as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  await db.$transaction((tx) => ensureProgram(tx, shop, "USD", true));
  const settings = {
    ...defaultSettings(),
    customActions: [
      {
        id: "review",
        name: { en: "Write a review", ru: "Напишите отзыв" },
        points: 50,
        limit: { count: 2, per: "month" as const },
      },
    ],
  };
  await db.program.update({ where: { shop }, data: { settings: JSON.stringify(settings) } });
});

const balance = async (customerId = ana) =>
  (await db.member.findUnique({ where: { shop_customerId: { shop, customerId } } }))?.available ?? 0;

describe("custom actions", () => {
  it("awards within the action's limit per period", async () => {
    const award = (at: string) => db.$transaction((tx) => awardAction(tx, shop, ana, "review", new Date(at)));
    expect(await award("2026-11-02T10:00:00Z")).toMatchObject({ award: true });
    expect(await award("2026-11-20T10:00:00Z")).toMatchObject({ award: true });
    expect(await award("2026-11-30T10:00:00Z")).toEqual({ award: false, reason: "limit_reached" });
    expect(await balance()).toBe(100);
    expect(await award("2026-12-01T10:00:00Z")).toMatchObject({ award: true });
    expect(await balance()).toBe(150);
  });

  it("refuses an action the program does not have", async () => {
    await expect(db.$transaction((tx) => awardAction(tx, shop, ana, "tweet"))).rejects.toMatchObject({
      code: "unknown_action",
    });
    expect(ActionError).toBeDefined();
  });
});

describe("birthdays", () => {
  it("awards the birthday bonus on the day, once a year", async () => {
    await db.$transaction((tx) => setBirthday(tx, shop, ana, "11-24"));
    expect(await birthdaysDue(new Date("2026-11-23T08:00:00Z"))).toBe(0);
    expect(await birthdaysDue(new Date("2026-11-24T08:00:00Z"))).toBe(1);
    expect(await birthdaysDue(new Date("2026-11-24T20:00:00Z"))).toBe(0);
    expect(await balance()).toBe(100);
    expect(await birthdaysDue(new Date("2027-11-24T08:00:00Z"))).toBe(1);
    expect(await balance()).toBe(200);
  });

  it("celebrates 29 February on the 28th outside leap years", async () => {
    await db.$transaction((tx) => setBirthday(tx, shop, ana, "02-29"));
    expect(await birthdaysDue(new Date("2027-02-28T08:00:00Z"))).toBe(1);
    expect(await birthdaysDue(new Date("2028-02-28T08:00:00Z"))).toBe(0);
    expect(await birthdaysDue(new Date("2028-02-29T08:00:00Z"))).toBe(1);
  });

  it("refuses a birthday that is not a date", async () => {
    await expect(db.$transaction((tx) => setBirthday(tx, shop, ana, "31-02"))).rejects.toMatchObject({
      code: "invalid_birthday",
    });
  });
});
