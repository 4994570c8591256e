// The app under test runs with the credentials the Shopify test helpers sign with.
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { expect, it } from "vitest";

it("gives the app @shopify/shopify-app-remix's test credentials", () => {
  const config = testConfig();
  expect({
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET,
    SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL,
  }).toEqual({
    SHOPIFY_API_KEY: config.apiKey,
    SHOPIFY_API_SECRET: config.apiSecretKey,
    SHOPIFY_APP_URL: config.appUrl,
  });
});
