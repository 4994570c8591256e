// @vitest-environment happy-dom
// The admin home page as a merchant sees it, in English and Russian: the shop, the program's
// status, where to place Laurel's blocks, and the dashboard (figures, charts, tables).
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import Home from "./app._index";

// Rendering needs no Shopify or database; the loader is covered by app.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

const links = { checkout: "shopify://admin/checkout-editor", accounts: "shopify://admin/accounts-editor" };

function renderHome(locale: Locale, data: Record<string, unknown>) {
  const Stub = createRemixStub([
    {
      path: "/app",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Home />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => data,
    },
  ]);
  return render(<Stub initialEntries={["/app?period=90"]} />);
}

// What the loader sends after JSON: dates as ISO text. (The page's text is matched with
// whitespace collapsed, so Russian's no-break spaces read as spaces.)
const dashboard = {
  period: 90,
  first: "2026-08-13",
  last: "2026-11-10",
  currency: "USD",
  asOf: "2026-11-10T12:00:00.000Z",
  members: 12_345,
  available: 250_000,
  pending: 1_500,
  pointValue: {
    rewardId: "r1",
    type: "amount_off",
    minor: 500,
    points: 500,
    title: { en: "Amount off your order", ru: "Скидка на заказ" },
  },
  liability: 250_000,
  summary: {
    enrolled: 321,
    issued: 40_000,
    reversed: 500,
    redeemed: 10_000,
    expired: 700,
    redemptionRate: 0.25,
    redemptions: 20,
    codesUsed: 15,
    codeOrders: 14,
    codeRevenue: 123_456,
    members: { orders: 100, revenue: 900_000, averageOrder: 9_000, repeatRate: 0.4 },
    others: { orders: 50, revenue: 300_000, averageOrder: 6_000, repeatRate: null, guestOrders: 50 },
  },
  series: [
    { day: "2026-11-09", enrolled: 1, members: 12_344, issued: 10, redeemed: 0, expired: 0 },
    { day: "2026-11-10", enrolled: 1, members: 12_345, issued: 20, redeemed: 5, expired: 0 },
  ],
  topRewards: [
    { rewardId: "r1", title: { en: "Amount off your order", ru: "Скидка на заказ" }, redemptions: 20, points: 10_000 },
  ],
  recent: [
    {
      id: "e1",
      memberId: "m1",
      name: "Ana Lopez",
      reason: "earn_purchase",
      points: 120,
      createdAt: "2026-11-10T11:00:00.000Z",
    },
  ],
};

describe("home page", () => {
  it.each([
    ["en", "Welcome to Laurel, Acme Goods", "Live", "Add to checkout"],
    ["ru", "Добро пожаловать в Laurel, Acme Goods", "Работает", "Добавить в оформление заказа"],
  ])("renders in %s", async (locale, heading, status, checkout) => {
    renderHome(locale as Locale, { shopName: "Acme Goods", status: "live", links, dashboard: null });
    expect(await screen.findByRole("heading", { name: heading })).toBeTruthy();
    expect(screen.getByText(status)).toBeTruthy();
    expect(screen.getByRole("link", { name: checkout }).getAttribute("href")).toBe("shopify://admin/checkout-editor");
  });

  it.each([
    [
      "en",
      {
        heading: "How the program is doing",
        members: "12,345",
        liability: "$2,500.00",
        how: /250,000 spendable points × \$5\.00 per 500 points/,
        codeRevenue: "$1,234.56",
        average: "$90.00",
        reward: "Amount off your order",
        reason: "Purchase",
        period: "90 days",
        chart: "Points issued, redeemed and expired",
      },
    ],
    [
      "ru",
      {
        heading: "Как идут дела у программы",
        members: "12 345",
        liability: "2 500,00 $",
        how: /250 000 доступных баллов × 5,00 \$ за 500 баллов/,
        codeRevenue: "1 234,56 $",
        average: "90,00 $",
        reward: "Скидка на заказ",
        reason: "Покупка",
        period: "90 дней",
        chart: "Начислено, потрачено и сгорело баллов",
      },
    ],
  ])("shows the dashboard in %s", async (locale, expected) => {
    renderHome(locale as Locale, { shopName: "Acme Goods", status: "live", links, dashboard });

    expect(await screen.findByRole("heading", { name: expected.heading })).toBeTruthy();
    expect(screen.getByText(expected.members)).toBeTruthy();
    expect(screen.getByText(expected.liability)).toBeTruthy();
    expect(screen.getByText(expected.how)).toBeTruthy();
    expect(screen.getByText(expected.codeRevenue)).toBeTruthy();
    expect(screen.getByText(expected.average)).toBeTruthy();
    expect(screen.getAllByText(expected.reward).length).toBeGreaterThan(0);
    // The selected period is pressed; each period is a link to itself.
    const period = screen.getByRole("link", { name: expected.period });
    expect(period.getAttribute("href")).toBe("/app?period=90");
    expect(screen.getByRole("link", { name: expected.period.replace("90", "365") }).getAttribute("href")).toBe(
      "/app?period=365",
    );
    // Each chart keeps its place (and size) from the first paint.
    expect(screen.getByRole("figure", { name: expected.chart })).toBeTruthy();
    // Recent activity links to the member.
    const member = screen.getByRole("link", { name: "Ana Lopez" });
    expect(member.getAttribute("href")).toBe("/app/members/m1");
    expect(within(member.closest("tr")!).getByText(expected.reason)).toBeTruthy();
  });

  it.each([
    ["en", "Members by tier", "Gold", "75%", "No tier", "Active members", "Edit tiers"],
    ["ru", "Участники по уровням", "Золото", "75 %", "Без уровня", "Активные участники", "Изменить уровни"],
  ])("shows the members by tier in %s while tiers are on", async (locale, title, gold, share, none, total, edit) => {
    renderHome(locale as Locale, {
      shopName: "Acme Goods",
      status: "live",
      links,
      dashboard: null,
      tiers: {
        none: 1,
        total: 4,
        tiers: [
          { id: "bronze", name: { en: "Bronze", ru: "Бронза" }, count: 0 },
          { id: "gold", name: { en: "Gold", ru: "Золото" }, count: 3 },
        ],
      },
    });
    const heading = await screen.findByRole("heading", { name: title });
    const card = within(heading.parentElement!.parentElement!);
    const row = card.getByText(gold).closest("tr")!;
    expect(within(row).getByText("3")).toBeTruthy();
    expect(within(row).getByText((text) => text.replace(/\s/g, " ") === share)).toBeTruthy();
    expect(within(card.getByText(none).closest("tr")!).getByText("1")).toBeTruthy();
    expect(card.getByText(total)).toBeTruthy();
    expect(card.getByRole("link", { name: edit }).getAttribute("href")).toBe("/app/tiers");
  });

  it("has no tier card while tiers are off", async () => {
    renderHome("en", { shopName: "Acme Goods", status: "live", links, dashboard: null, tiers: null });
    await screen.findByRole("heading", { name: "Welcome to Laurel, Acme Goods" });
    expect(screen.queryByRole("heading", { name: "Members by tier" })).toBeNull();
  });

  it("says why there is no liability figure when no reward gives a point a cash value", async () => {
    renderHome("en", {
      shopName: "Acme Goods",
      status: "live",
      links,
      dashboard: { ...dashboard, pointValue: null, liability: null },
    });
    expect(await screen.findByText("Not known")).toBeTruthy();
    expect(screen.getByText(/can't put a figure on the liability/)).toBeTruthy();
  });
});
