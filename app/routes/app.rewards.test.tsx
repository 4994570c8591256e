// @vitest-environment happy-dom
// The rewards pages as a merchant sees them, in English and Russian: the list, the form whose
// fields follow the reward type, and the server's messages shown beside the fields they concern.
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emptyRewardForm, type FieldErrors } from "../admin/reward-form";
import type { RewardRow } from "../admin/reward-views";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import EditReward from "./app.rewards.$id";
import Rewards from "./app.rewards._index";
import NewReward from "./app.rewards.new";

// Rendering needs no Shopify or database; loaders and actions are in app.rewards.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

function page(locale: Locale, path: string, Component: ComponentType, loader: LoaderFunction, action?: ActionFunction) {
  const Stub = createRemixStub([
    {
      path,
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Component />
          </I18nProvider>
        </AppProvider>
      ),
      loader,
      action,
    },
  ]);
  return Stub;
}

const rows: RewardRow[] = [
  {
    id: "r1",
    title: { en: "Five off", ru: "Скидка 5" },
    type: "amount_off",
    cost: 1500,
    status: "active",
    issued: 1234,
    used: 56,
  },
  {
    id: "r2",
    title: { en: "Free delivery", ru: "Доставка бесплатно" },
    type: "free_shipping",
    cost: 300,
    status: "paused",
    issued: 0,
    used: 0,
  },
];

describe("rewards list", () => {
  it.each([
    ["en", "Rewards", "Five off", "Amount off", "Paused", "1,234 / 56", "Resume", "Active (1)"],
    ["ru", "Награды", "Скидка 5", "Скидка на сумму", "Приостановлена", "1 234 / 56", "Возобновить", "Активные (1)"],
  ])("renders in %s", async (locale, heading, title, type, paused, codes, resume, tab) => {
    const Stub = page(locale as Locale, "/app/rewards", Rewards, () => ({
      filter: "all",
      rows,
      counts: { all: 2, active: 1, paused: 1, archived: 0 },
    }));
    render(<Stub initialEntries={["/app/rewards"]} />);
    expect(await screen.findByRole("heading", { name: heading })).toBeTruthy();
    expect(screen.getByRole("link", { name: title }).getAttribute("href")).toBe("/app/rewards/r1");
    expect(screen.getAllByText(type).length).toBeGreaterThan(0);
    expect(screen.getByText(paused)).toBeTruthy();
    // Intl groups thousands with a narrow no-break space in Russian.
    expect(screen.getByText((text) => text.replace(/\s/g, " ") === codes)).toBeTruthy();
    expect(screen.getByRole("button", { name: resume })).toBeTruthy();
    expect(screen.getByRole("tab", { name: tab })).toBeTruthy();
  });

  it("says so when there are no rewards", async () => {
    const Stub = page("en", "/app/rewards", Rewards, () => ({
      filter: "archived",
      rows: [],
      counts: { all: 0, active: 0, paused: 0, archived: 0 },
    }));
    render(<Stub initialEntries={["/app/rewards"]} />);
    expect(await screen.findByText("No rewards here")).toBeTruthy();
  });
});

describe("reward form", () => {
  it.each([
    ["en", "New reward", "Title in Russian", "Amount off", "Percent off"],
    ["ru", "Новая награда", "Название на русском", "Размер скидки", "Процент скидки"],
  ])("in %s shows the fields of the type chosen", async (locale, heading, titleRu, amount, percent) => {
    const Stub = page(locale as Locale, "/app/rewards/new", NewReward, () => ({ currency: "EUR" }));
    render(<Stub initialEntries={["/app/rewards/new"]} />);
    expect(await screen.findByRole("heading", { name: heading })).toBeTruthy();
    expect(screen.getByLabelText(titleRu)).toBeTruthy();
    expect(screen.getByLabelText(amount)).toBeTruthy();
    expect(screen.queryByLabelText(percent)).toBeNull();

    fireEvent.change(screen.getByRole("combobox"), { target: { value: "percent_off" } });
    expect(await screen.findByLabelText(percent)).toBeTruthy();
    expect(screen.queryByLabelText(amount)).toBeNull();
  });

  it.each([
    ["en", "Save", "Cost must be a whole number of points from 1 to 10,000,000.", "Enter an amount such as 5.00."],
    ["ru", "Сохранить", "Стоимость — целое число баллов от 1 до 10 000 000.", "Введите сумму, например 5.00."],
  ])("in %s shows the server's messages beside their fields", async (locale, save, costError, amountError) => {
    const errors: FieldErrors = {
      cost: { key: "rewards.error.cost" },
      amount: { key: "rewards.error.money", values: { example: "5.00" } },
    };
    const Stub = page(
      locale as Locale,
      "/app/rewards/new",
      NewReward,
      () => ({ currency: "USD" }),
      () => ({ errors }),
    );
    render(<Stub initialEntries={["/app/rewards/new"]} />);
    fireEvent.click(await screen.findByRole("button", { name: save }));
    await waitFor(() => expect(screen.getByText(costError)).toBeTruthy());
    expect(screen.getByText(amountError)).toBeTruthy();
    // Each message is the error of its own field (Polaris links them by aria-describedby).
    const cost = screen.getByRole("textbox", { name: locale === "en" ? "Cost in points" : "Стоимость в баллах" });
    expect(cost.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(cost.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toContain(
      costError,
    );
  });

  it("edits a reward: its values, its status and the actions that status allows", async () => {
    const Stub = page("en", "/app/rewards/:id", EditReward, () => ({
      id: "r1",
      status: "paused",
      currency: "USD",
      values: { ...emptyRewardForm(), type: "points_for_cash", titleEn: "Pay with points", stepValue: "1.00" },
    }));
    render(<Stub initialEntries={["/app/rewards/r1"]} />);
    expect(await screen.findByRole("heading", { name: "Pay with points" })).toBeTruthy();
    expect((screen.getByLabelText("Value of each step") as HTMLInputElement).value).toBe("1.00");
    expect(screen.getByText("Points per step: members can spend any multiple of this at checkout.")).toBeTruthy();
    expect(screen.getByText("Paused")).toBeTruthy();
    // Polaris renders page actions twice (one copy to measure), hence getAll.
    expect(screen.getAllByRole("button", { name: "Resume" }).length).toBeGreaterThan(0);
    expect(screen.queryAllByRole("button", { name: "Pause" })).toEqual([]);
  });
});
