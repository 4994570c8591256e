import { describe, expect, it, vi } from "vitest";
import { createI18n } from "../../host/i18n";
import { ApiError } from "../../shared/api";
import { createBirthdayForm, formatBirthday, parseBirthdayInput } from "./birthday";

describe("parseBirthdayInput", () => {
  it("takes month then day, padded to MM-DD", () => {
    expect(parseBirthdayInput("03-14")).toEqual({ ok: true, birthday: "03-14" });
    expect(parseBirthdayInput(" 3-7 ")).toEqual({ ok: true, birthday: "03-07" });
    expect(parseBirthdayInput("12/31")).toEqual({ ok: true, birthday: "12-31" });
    expect(parseBirthdayInput("2.29")).toEqual({ ok: true, birthday: "02-29" });
  });

  it("says why an input is refused", () => {
    expect(parseBirthdayInput("  ")).toEqual({ ok: false, error: "empty" });
    expect(parseBirthdayInput("March 14")).toEqual({ ok: false, error: "format" });
    expect(parseBirthdayInput("1990-03-14")).toEqual({ ok: false, error: "format" });
    expect(parseBirthdayInput("13-01")).toEqual({ ok: false, error: "date" });
    expect(parseBirthdayInput("02-30")).toEqual({ ok: false, error: "date" });
    expect(parseBirthdayInput("04-31")).toEqual({ ok: false, error: "date" });
    expect(parseBirthdayInput("00-10")).toEqual({ ok: false, error: "date" });
  });
});

describe("formatBirthday", () => {
  const files = { default: { language: "en", strings: {} }, others: {} };
  it("writes day and month in the shopper's locale, without a year", () => {
    expect(formatBirthday(createI18n(files, "en"), "03-14")).toBe("March 14");
    expect(formatBirthday(createI18n(files, "ru"), "03-14")).toBe("14 марта");
  });
});

describe("createBirthdayForm", () => {
  it("fills the field from the server, but not over what the shopper typed", () => {
    const form = createBirthdayForm({ setBirthday: vi.fn() });
    form.init("05-01");
    expect(form.value.value).toBe("05-01");
    form.edit("06-0");
    form.init("05-01");
    expect(form.value.value).toBe("06-0");
  });

  it("does not send an invalid birthday", async () => {
    const setBirthday = vi.fn();
    const form = createBirthdayForm({ setBirthday });
    form.edit("02-30");
    expect(await form.save()).toBe(false);
    expect(form.fieldError.value).toEqual({ key: "birthday.error.date" });
    expect(setBirthday).not.toHaveBeenCalled();
    form.edit("02-3");
    expect(form.fieldError.value).toBeNull();
  });

  it("sends MM-DD and keeps what the server saved", async () => {
    const setBirthday = vi.fn(async (birthday: string) => ({ birthday }));
    const form = createBirthdayForm({ setBirthday });
    form.edit("3-14");
    expect(await form.save()).toBe(true);
    expect(setBirthday).toHaveBeenCalledWith("03-14");
    expect(form.saved.value).toBe("03-14");
    expect(form.status.value).toBe("saved");
  });

  it("shows the server's refusal on the field, and other failures apart", async () => {
    const setBirthday = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(400, { code: "invalid_request", message: "Not a birthday.", field: "birthday" }, "server_error"),
      )
      .mockRejectedValueOnce(new ApiError(0, null, "network_error"));
    const form = createBirthdayForm({ setBirthday });
    form.edit("03-14");
    await form.save();
    expect(form.fieldError.value).toEqual({ message: "Not a birthday." });
    expect(form.status.value).toBe("idle");
    await form.save();
    expect(form.status.value).toBe("failed");
    expect((form.saveError.value as ApiError).code).toBe("network_error");
  });
});
