// @vitest-environment happy-dom
// The setup guide as a merchant sees it, in English and Russian: each step's fields, the
// server's errors beside them, and the last step's button for a live or a draft program.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OnboardingPage } from "../admin/onboarding.server";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import Onboarding from "./app.onboarding";

vi.mock("../shopify.server", () => ({ authenticate: {} }));
afterEach(cleanup);

const page: OnboardingPage = {
  status: "draft",
  onboarded: false,
  currency: "USD",
  basics: { pointsNameEn: "points", pointsNameRu: "баллы", points: "1", per: "1.00" },
  rewards: [
    {
      id: "r1",
      title: { en: "Amount off your order", ru: "Скидка на заказ" },
      type: "amount_off",
      cost: 500,
      chosen: true,
    },
    {
      id: "r2",
      title: { en: "Free shipping", ru: "Бесплатная доставка" },
      type: "free_shipping",
      cost: 1300,
      chosen: false,
    },
  ],
};

function show(locale: Locale, step: number, options: { page?: OnboardingPage; errors?: Record<string, string> } = {}) {
  const Stub = createRemixStub([
    {
      path: "/app/onboarding",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Onboarding />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => ({ page: options.page ?? page, step }),
      action: () => ({ errors: options.errors ?? {} }),
    },
  ]);
  render(<Stub initialEntries={["/app/onboarding"]} />);
}

describe("the setup guide", () => {
  it("asks for the points' names and the earn rate, in English", async () => {
    show("en", 1);
    expect(await screen.findByText("Step 1 of 3")).toBeTruthy();
    expect((screen.getByLabelText("Points name in Russian") as HTMLInputElement).value).toBe("баллы");
    expect((screen.getByLabelText("Amount spent (USD)") as HTMLInputElement).value).toBe("1.00");
  });

  it("offers the catalog's rewards with their costs, in Russian", async () => {
    show("ru", 2);
    expect(await screen.findByText("Шаг 2 из 3")).toBeTruthy();
    expect((screen.getByLabelText("Скидка на заказ") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Бесплатная доставка") as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText("Баллов: 1 300")).toBeTruthy();
  });

  it("turns a draft program on, and only finishes a live one", async () => {
    show("en", 3);
    expect(await screen.findByRole("button", { name: "Turn the program on" })).toBeTruthy();
    cleanup();
    show("ru", 3, { page: { ...page, status: "live" } });
    expect(await screen.findByRole("button", { name: "Завершить настройку" })).toBeTruthy();
  });
});
