// @vitest-environment happy-dom
// The admin home page as a merchant sees it, in English and Russian: the shop, the program's
// status, and where to place Laurel's blocks.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import Home from "./app._index";

// Rendering needs no Shopify or database; the loader is covered by app.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

describe("home page", () => {
  it.each([
    ["en", "Welcome to Laurel, Acme Goods", "Live", "Add to checkout"],
    ["ru", "Добро пожаловать в Laurel, Acme Goods", "Работает", "Добавить в оформление заказа"],
  ])("renders in %s", async (locale, heading, status, checkout) => {
    const Stub = createRemixStub([
      {
        path: "/app",
        Component: () => (
          <AppProvider i18n={polarisTranslations[locale as Locale]}>
            <I18nProvider locale={locale as Locale}>
              <Home />
            </I18nProvider>
          </AppProvider>
        ),
        loader: () => ({
          shopName: "Acme Goods",
          status: "live",
          links: { checkout: "shopify://admin/checkout-editor", accounts: "shopify://admin/accounts-editor" },
        }),
      },
    ]);
    render(<Stub initialEntries={["/app"]} />);
    expect(await screen.findByRole("heading", { name: heading })).toBeTruthy();
    expect(screen.getByText(status)).toBeTruthy();
    expect(screen.getByRole("link", { name: checkout }).getAttribute("href")).toBe("shopify://admin/checkout-editor");
  });
});
