import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, matchLocale, requestLocale } from "./locale";

describe("matchLocale", () => {
  it.each([
    ["ru", "ru"],
    ["ru-RU", "ru"],
    ["RU_ru", "ru"],
    ["en-GB", "en"],
    ["de", undefined],
    ["", undefined],
    [null, undefined],
  ])("%s → %s", (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    ["de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", "ru"],
    ["en;q=0.2,ru;q=0.8", "ru"],
    ["ru;q=0,en", "en"],
    ["fr, de", undefined],
    [null, undefined],
  ])("%s → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe("requestLocale", () => {
  const request = (url: string, acceptLanguage?: string) =>
    new Request(url, { headers: acceptLanguage ? { "Accept-Language": acceptLanguage } : {} });

  it("prefers the admin's locale from the URL", () => {
    expect(requestLocale(request("https://app.test/app?locale=ru-RU", "en-US"))).toBe("ru");
  });

  it("falls back to the browser's languages, then English", () => {
    expect(requestLocale(request("https://app.test/app?locale=ja", "ru,en;q=0.5"))).toBe("ru");
    expect(requestLocale(request("https://app.test/app"))).toBe("en");
  });
});
