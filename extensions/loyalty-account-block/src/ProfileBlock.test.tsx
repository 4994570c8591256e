import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unmount } from "../../host/testing";
import { fakeStorefront, SILVER_MEMBER, TIERS } from "../../loyalty-account/src/fake-storefront";
import { mount as mountIn, textOf, type MountOptions } from "../../loyalty-account/src/harness";
import ProfileBlock from "./ProfileBlock";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mount: typeof mountIn = (target, entry, options: MountOptions) =>
  mountIn(target, entry, { extensionDir: here, ...options });

const BLOCK = "customer-account.profile.block.render";

afterEach(() => {
  unmount();
  vi.unstubAllGlobals();
});

describe("the profile block", () => {
  it("shows the balance and links to the full page", async () => {
    const { body } = await mount(BLOCK, ProfileBlock, { storefront: fakeStorefront() });
    expect(textOf(body)).toContain("You have 815 points");
    const link = body.querySelector("s-link");
    expect(link?.getAttribute("href")).toBe("extension://loyalty-account");
    expect(link?.textContent).toBe("View your rewards");
  });

  it("names the member's VIP tier beside the balance", async () => {
    const { body } = await mount(BLOCK, ProfileBlock, {
      storefront: fakeStorefront({ member: SILVER_MEMBER, tiers: TIERS }),
    });
    expect(textOf(body)).toContain("You have 815 points");
    expect(body.querySelector("s-badge")?.textContent).toBe("Silver");
  });

  it("shows no tier while the shop has none", async () => {
    const { body } = await mount(BLOCK, ProfileBlock, { storefront: fakeStorefront() });
    expect(body.querySelector("s-badge")).toBeNull();
  });

  it("invites a signed-out shopper to sign in, without asking the API", async () => {
    const storefront = fakeStorefront({ member: null });
    const { body } = await mount(BLOCK, ProfileBlock, { storefront, signedIn: false });
    expect(textOf(body)).toContain("Sign in to see your points.");
    expect(storefront.calls).toEqual([]);
  });

  it("speaks Russian", async () => {
    const { body } = await mount(BLOCK, ProfileBlock, { storefront: fakeStorefront(), locale: "ru" });
    expect(textOf(body)).toContain("У вас 815 баллов");
    expect(body.querySelector("s-link")?.textContent).toBe("Посмотреть бонусы");
  });
});

describe("the profile block when the API fails", () => {
  it("says why and still links to the page", async () => {
    const storefront = fakeStorefront();
    storefront.failNext("loyalty", { status: 500, error: { code: "server_error", message: "Down for a moment." } });
    const { body } = await mount(BLOCK, ProfileBlock, { storefront });
    expect(textOf(body)).toContain("Down for a moment.");
    expect(body.querySelector("s-link")?.getAttribute("href")).toBe("extension://loyalty-account");
  });
});
