// @vitest-environment happy-dom
// The tiers editor as a merchant sees it, in English and Russian: the suggested ladder with how
// tiers work, rows added, moved and removed, a preview of where members land, a save, and the
// server's errors beside their fields.
import type { ActionFunction } from "@remix-run/node";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ladderFormValues } from "../admin/tiers-form";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import { defaultLadder } from "../loyalty/tiers";
import Tiers from "./app.tiers";

// Rendering needs no Shopify or database; the loader and action are covered by
// app.tiers.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

const form = ladderFormValues(defaultLadder(100), "USD");

function renderPage(locale: Locale, answer: ActionFunction = () => null, stored = false) {
  const Stub = createRemixStub([
    {
      path: "/app/tiers",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Tiers />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => ({ currency: "USD", stored, form }),
      action: answer,
    },
  ]);
  render(<Stub initialEntries={["/app/tiers"]} />);
}

/** Polaris marks a disabled button with the attribute or aria-disabled. */
const disabled = (button: HTMLElement) =>
  button.hasAttribute("disabled") || button.getAttribute("aria-disabled") === "true";
const input = (name: string) => document.querySelector(`[name="${name}"]`) as HTMLInputElement;

/** Answers the action with `body` and keeps what it was sent. */
function recording(body: unknown) {
  const sent: Record<string, string>[] = [];
  const action: ActionFunction = async ({ request }) => {
    sent.push(Object.fromEntries((await request.formData()) as unknown as Iterable<[string, string]>));
    return body;
  };
  return { sent, action };
}

describe("tiers page", () => {
  it.each([
    [
      "en",
      "VIP tiers",
      "How tiers work",
      /They move down only at their review date/,
      /apply automatically at checkout/,
      "A suggested ladder to start from. Tiers stay off until you switch them on and save.",
    ],
    [
      "ru",
      "VIP-уровни",
      "Как работают уровни",
      /Опускается он только в дату пересмотра/,
      /применяются при оформлении заказа автоматически/,
      "Предлагаемые уровни для начала. Уровни выключены, пока вы не включите их и не сохраните.",
    ],
  ])("shows the suggested ladder and how tiers work in %s", async (locale, title, how, down, discounts, suggested) => {
    renderPage(locale as Locale);
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect(screen.getByText(how)).toBeTruthy();
    expect(screen.getByText(down)).toBeTruthy();
    expect(screen.getByText(discounts)).toBeTruthy();
    expect(screen.getByText(suggested)).toBeTruthy();
    expect([0, 1, 2].map((i) => input(`tiers.${i}.nameEn`).value)).toEqual(["Bronze", "Silver", "Gold"]);
    expect([0, 1, 2].map((i) => input(`tiers.${i}.threshold`).value)).toEqual(["0.00", "500.00", "1000.00"]);
    expect(input("tiers.2.multiplier").value).toBe("1.5");
    expect(input("enabled").value).toBe("no");
  });

  it("previews the ladder as edited, showing where members would land, without saving", async () => {
    const { sent, action } = recording({
      intent: "preview",
      ok: true,
      preview: {
        members: 1200,
        none: 0,
        tiers: [
          { id: "bronze", name: { en: "Bronze", ru: "Бронза" }, qualify: 1000, afterSave: 1000 },
          { id: "silver", name: { en: "Silver", ru: "Серебро" }, qualify: 150, afterSave: 150 },
          { id: "gold", name: { en: "Gold", ru: "Золото" }, qualify: 40, afterSave: 50 },
        ],
      },
    });
    renderPage("en", action);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Tiers are on" }));
    fireEvent.change(input("tiers.1.threshold"), { target: { value: "400" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));

    const card = (await screen.findByRole("heading", { name: "Where members would land" })).closest("div")!;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      intent: "preview",
      enabled: "yes",
      "tiers.1.threshold": "400",
      "tiers.1.id": "silver",
    });
    expect(screen.getByText(/Of 1,200 active members, as of now\. Nothing is saved\./)).toBeTruthy();
    const gold = within(card.parentElement!).getByText("Gold").closest("tr")!;
    expect(within(gold).getByText("40")).toBeTruthy();
    expect(within(gold).getByText("50")).toBeTruthy();
  });

  it("adds, moves and removes tiers, posting them in their new order", async () => {
    const { sent, action } = recording({ intent: "save", ok: true, changed: true });
    renderPage("en", action, true);
    fireEvent.click(await screen.findByRole("button", { name: "Add tier" }));
    fireEvent.change(input("tiers.3.nameEn"), { target: { value: "Platinum" } });
    fireEvent.change(input("tiers.3.nameRu"), { target: { value: "Платина" } });
    fireEvent.change(input("tiers.3.threshold"), { target: { value: "2500" } });
    // Platinum up above Gold, then Silver removed.
    fireEvent.click(screen.getAllByRole("button", { name: "Move up" })[3]!);
    fireEvent.click(screen.getAllByRole("button", { name: "Remove" })[1]!);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Tiers saved.")).toBeTruthy();
    const posted = sent[0]!;
    expect(posted.intent).toBe("save");
    expect(
      [0, 1, 2].map((i) => [posted[`tiers.${i}.id`], posted[`tiers.${i}.nameEn`], posted[`tiers.${i}.threshold`]]),
    ).toEqual([
      ["bronze", "Bronze", "0.00"],
      ["", "Platinum", "2500"],
      ["gold", "Gold", "1000.00"],
    ]);
    expect(posted["tiers.3.id"]).toBeUndefined();
  });

  it("keeps at least two tiers and at most ten", async () => {
    renderPage("en");
    const removes = await screen.findAllByRole("button", { name: "Remove" });
    fireEvent.click(removes[0]!);
    expect(screen.getAllByRole("button", { name: "Remove" }).map(disabled)).toEqual([true, true]);
    for (let i = 0; i < 8; i++) fireEvent.click(screen.getByRole("button", { name: "Add tier" }));
    expect(disabled(screen.getByRole("button", { name: "Add tier" }))).toBe(true);
    expect(document.querySelectorAll('input[name$=".nameEn"]')).toHaveLength(10);
  });

  it.each([
    [
      "en",
      "Save",
      "Some fields need attention. Nothing was saved.",
      "Must be higher than the tier above it in the list.",
      "Enter an amount like 500.00, 0 or more.",
    ],
    [
      "ru",
      "Сохранить",
      "Некоторые поля нужно исправить. Ничего не сохранено.",
      "Порог должен быть выше, чем у уровня перед ним в списке.",
      "Введите сумму, например 500.00, 0 или больше.",
    ],
  ])("shows the server's errors beside their fields in %s", async (locale, save, banner, order, money) => {
    const { action } = recording({
      intent: "save",
      ok: false,
      errors: {
        "tiers.1.threshold": { key: "tiers.error.thresholdMoney", values: { example: "500.00" } },
        "tiers.2.threshold": { key: "tiers.error.thresholdOrder", values: { example: "500.00" } },
      },
    });
    renderPage(locale as Locale, action);
    fireEvent.change(await screen.findByDisplayValue("500.00"), { target: { value: "5.005" } });
    fireEvent.click(screen.getByRole("button", { name: save }));
    expect(await screen.findByText(banner)).toBeTruthy();
    expect(screen.getByText(order)).toBeTruthy();
    expect(screen.getByText(money)).toBeTruthy();
    // The merchant's input stays for them to correct.
    expect(input("tiers.1.threshold").value).toBe("5.005");
    expect(input("tiers.1.threshold").getAttribute("aria-invalid")).toBe("true");
    expect(input("tiers.0.threshold").getAttribute("aria-invalid")).toBe("false");
  });

  it("hides row errors once the rows move, since they name rows by position", async () => {
    const { action } = recording({
      intent: "save",
      ok: false,
      errors: { "tiers.1.nameEn": { key: "tiers.error.name" } },
    });
    renderPage("en", action);
    fireEvent.click(await screen.findByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter a name of 1 to 40 characters.")).toBeTruthy();
    fireEvent.click(screen.getAllByRole("button", { name: "Move down" })[0]!);
    expect(screen.queryByText("Enter a name of 1 to 40 characters.")).toBeNull();
  });
});
