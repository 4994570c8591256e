// @vitest-environment happy-dom
// The Ways to earn pages as a merchant sees them, in English and Russian: the rules, the live
// example, campaign badges, and a refused save's messages beside its fields.
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { earnOverview } from "../admin/earn-view";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import { defaultEarnRules, defaultSettings } from "../loyalty/program";
import CampaignPage from "./app.earn.campaigns.$id";
import Earn from "./app.earn._index";

// Rendering needs no Shopify or database; loaders and actions are covered by the integration tests.
vi.mock("../shopify.server", () => ({ authenticate: {} }));
vi.mock("../admin/earn-rules.server", () => ({}));
vi.mock("../admin/audit.server", () => ({}));

afterEach(cleanup);

const now = new Date("2026-11-21T00:00:00Z");
const campaign = (id: string, name: string, extra = {}) => ({
  id,
  name,
  startsAt: new Date("2026-11-20T00:00:00Z"),
  endsAt: new Date("2026-11-27T00:00:00Z"),
  kind: "multiplier" as const,
  value: 200,
  firstOrders: null,
  segmentIds: null,
  tierIds: null,
  ...extra,
});

const view = earnOverview(
  {
    currency: "USD",
    pointsName: { en: "points", ru: "баллы" },
    version: 3,
    rules: {
      ...defaultEarnRules("USD"),
      bonuses: [
        { id: "b1", kind: "multiplier", value: 150, match: { productIds: [], collectionIds: [], tags: ["vip"] } },
      ],
      campaigns: [campaign("c1", "Double week"), campaign("c2", "Quiet week", { status: "paused" })],
    },
    actions: defaultSettings().actions,
    customActions: [
      {
        id: "review",
        name: { en: "Write a review", ru: "Написать отзыв" },
        points: 50,
        limit: { count: 2, per: "month" },
      },
    ],
  },
  now,
);

function page(locale: Locale, path: string, element: ReactNode, loader: LoaderFunction, action?: ActionFunction) {
  const Stub = createRemixStub([
    {
      path,
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>{element}</I18nProvider>
        </AppProvider>
      ),
      loader,
      action,
    },
  ]);
  return <Stub initialEntries={[path.replace(":id", "c1")]} />;
}

describe("Ways to earn", () => {
  it.each([
    [
      "en",
      "Ways to earn",
      "An order of 100.00 USD earns 100 points.",
      "Running",
      "Paused",
      "Write a review",
      "×1.5 points",
    ],
    [
      "ru",
      "Как получить баллы",
      "Заказ на 100.00 USD приносит баллы: 100.",
      "Идёт",
      "Приостановлена",
      "Написать отзыв",
      "Баллы ×1.5",
    ],
  ])("renders in %s", async (locale, title, preview, running, paused, action, bonus) => {
    render(page(locale as Locale, "/app/earn", <Earn />, () => view));
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect(screen.getByText(preview)).toBeTruthy();
    expect(screen.getByText(running)).toBeTruthy();
    expect(screen.getByText(paused)).toBeTruthy();
    expect(screen.getByText(action)).toBeTruthy();
    expect(screen.getByText(bonus)).toBeTruthy();
  });

  it("updates the example as the merchant types", async () => {
    render(page("en", "/app/earn", <Earn />, () => view));
    const points = await screen.findByLabelText("Points");
    fireEvent.change(points, { target: { value: "5" } });
    expect(await screen.findByText("An order of 100.00 USD earns 500 points.")).toBeTruthy();
    fireEvent.change(points, { target: { value: "five" } });
    expect(await screen.findByText("Enter points and an amount to see an example.")).toBeTruthy();
  });
});

describe("a campaign's page", () => {
  const loader = () => ({
    id: "c1",
    values: {
      name: "Double week",
      startsAt: "2026-11-20",
      endsOn: "2026-11-26",
      kind: "multiplier",
      value: "2",
      firstOrders: "",
    },
    phase: "running",
  });

  it.each([
    ["en", "Edit campaign", "Save", "Enter a name of up to 100 characters.", "Pause"],
    ["ru", "Изменить акцию", "Сохранить", "Введите название длиной до 100 символов.", "Приостановить"],
  ])("shows a refused save's messages beside its fields in %s", async (locale, title, save, nameError, pause) => {
    const action = () =>
      new Response(JSON.stringify({ ok: false, errors: { name: "earn.error.name" } }), {
        status: 422,
        headers: { "Content-Type": "application/json" },
      });
    render(page(locale as Locale, "/app/earn/campaigns/:id", <CampaignPage />, loader, action));
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect(screen.getByRole("button", { name: pause })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: save }));
    expect(await screen.findByText(nameError)).toBeTruthy();
  });
});
