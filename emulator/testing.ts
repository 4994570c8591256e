// An app configuration for tests that run the emulator's state without HTTP.
import type { AppConfig } from "./state/types.ts";

export const TEST_APP_CONFIG: AppConfig = {
  apiKey: "key",
  apiSecret: "secret",
  appId: 424242,
  handle: "laurel",
  scopes: ["read_customers", "write_customers"],
  appUrl: "http://127.0.0.1:3000",
  webhookApiVersion: "2026-10",
  subscriptions: [],
};
