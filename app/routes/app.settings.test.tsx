// @vitest-environment happy-dom
// The settings page as a merchant sees it, in English and Russian: the stored values, inline
// errors from a rejected save, and the status switch.
import type { ActionFunction } from "@remix-run/node";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SettingsForm } from "../admin/program-settings-form";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import ProgramSettings from "./app.settings";

// Rendering needs no Shopify or database; the loader and action are covered by
// app.settings.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));
vi.mock("../admin/audit.server", () => ({ actorOf: () => "staff:1" }));
vi.mock("../admin/program-settings.server", () => ({ PROGRAM_SUBJECT: "program" }));

afterEach(cleanup);

const form: SettingsForm = {
  pointsNameEn: "stars",
  pointsNameRu: "звёзды",
  pendingDays: "14",
  expiryKind: "inactivity",
  expiryMonths: "12",
  allowNegativeAfterRefund: "no",
  rounding: "down",
  codePrefix: "ACME",
  codeOnRefund: "keep_used",
  returnPointsForExpiredCodes: "no",
};

function renderPage(locale: Locale, answer: ActionFunction, status = "live") {
  const Stub = createRemixStub([
    {
      path: "/app/settings",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <ProgramSettings />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => ({ form, status, rulesVersion: 1 }),
      action: answer,
    },
  ]);
  render(<Stub initialEntries={["/app/settings"]} />);
}

const rejected = () => ({
  intent: "settings",
  ok: false,
  errors: { pendingDays: "program.error.pendingDays", codePrefix: "program.error.codePrefix" },
});

describe("program settings page", () => {
  it.each([
    [
      "en",
      "Program settings",
      "Name of points in English",
      "Codes look like ACME-XXXX-XXXX-XXXX. 1 to 12 letters or digits.",
    ],
    [
      "ru",
      "Настройки программы",
      "Название баллов по-английски",
      "Коды выглядят так: ACME-XXXX-XXXX-XXXX. От 1 до 12 букв или цифр.",
    ],
  ])("shows the stored settings in %s", async (locale, title, pointsLabel, prefixHelp) => {
    renderPage(locale as Locale, rejected);
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect((screen.getByLabelText(pointsLabel) as HTMLInputElement).value).toBe("stars");
    expect(screen.getByText(prefixHelp)).toBeTruthy();
    // Inactivity expiry shows its months.
    expect((document.querySelector('input[name="expiryMonths"]') as HTMLInputElement).value).toBe("12");
    expect((document.querySelector('input[name="expiryKind"][value="inactivity"]') as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it.each([
    ["en", "Save", "Enter a whole number of days from 0 to 365.", "Some settings need attention. Nothing was saved."],
    [
      "ru",
      "Сохранить",
      "Введите целое число дней от 0 до 365.",
      "Некоторые настройки нужно исправить. Ничего не сохранено.",
    ],
  ])("shows each field's error in %s after a rejected save", async (locale, save, pendingError, banner) => {
    renderPage(locale as Locale, rejected);
    await screen.findByRole("button", { name: save });
    const pending = document.querySelector('input[name="pendingDays"]') as HTMLInputElement;
    fireEvent.change(pending, { target: { value: "400" } });
    fireEvent.click(screen.getByRole("button", { name: save }));
    expect(await screen.findByText(pendingError)).toBeTruthy();
    expect(screen.getByText(banner)).toBeTruthy();
    // The merchant's input stays for them to correct.
    expect(pending.value).toBe("400");
    expect(pending.getAttribute("aria-invalid")).toBe("true");
    expect(document.querySelector('input[name="pointsNameEn"]')!.getAttribute("aria-invalid")).toBe("false");
  });

  it.each([
    ["en", "Pause program", "The program is paused."],
    ["ru", "Приостановить программу", "Программа приостановлена."],
  ])("pauses a live program in %s", async (locale, pause, done) => {
    let submitted: FormData | undefined;
    renderPage(locale as Locale, async ({ request }) => {
      submitted = await request.formData();
      return { intent: "status", ok: true, changed: true, status: "paused" };
    });
    fireEvent.click(await screen.findByRole("button", { name: pause }));
    expect(await screen.findByText(done)).toBeTruthy();
    expect(Object.fromEntries(submitted!)).toEqual({ intent: "status", status: "paused" });
  });

  it("offers to turn on a program that isn't live yet", async () => {
    renderPage("en", rejected, "draft");
    expect(await screen.findByRole("button", { name: "Turn program on" })).toBeTruthy();
    expect(screen.getByText("Not live yet")).toBeTruthy();
  });
});
