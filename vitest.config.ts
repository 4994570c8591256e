// Test projects:
// - unit:        pure modules and checks that need no database (app/**/*.test.ts, test/*.test.ts)
// - extensions:  the UI extensions' modules and components, rendered in happy-dom
// - sqlite:      *.integration.test.ts, each file on its own fresh SQLite database
// - postgresql:  the same files on PostgreSQL, whenever it answers on 127.0.0.1:5432 or
//                TEST_DATABASE_URL is set (CI always starts it)
// - e2e:         *.e2e.test.ts against the built app (`npm run build` output), started as in production
import tsconfigPaths from "vite-tsconfig-paths";
import { LOCAL_POSTGRES, localPostgresAnswers } from "./scripts/postgres.ts";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const postgresUrl = process.env.TEST_DATABASE_URL ?? ((await localPostgresAnswers()) ? LOCAL_POSTGRES : undefined);
if (!postgresUrl) {
  console.warn("PostgreSQL is not answering on 127.0.0.1:5432 and TEST_DATABASE_URL is unset: SQLite only.");
}

function integration(name: "sqlite" | "postgresql", adminUrl?: string): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: ["**/*.integration.test.{ts,tsx}"],
      exclude: ["node_modules/**", "build/**"],
      globalSetup: ["test/setup/database.global.ts"],
      setupFiles: ["test/setup/database.ts", "test/setup/console.ts"],
      provide: { databaseProvider: name, postgresAdminUrl: adminUrl ?? "" },
    },
  };
}

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    env: {
      NODE_ENV: "test",
      // The values @shopify/shopify-api's test helpers sign with.
      SHOPIFY_API_KEY: "testApiKey",
      SHOPIFY_API_SECRET: "testApiSecretKey",
      SHOPIFY_APP_URL: "https://my-test-app.myshopify.io",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "emulator/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.integration.test.*", "**/*.e2e.test.*", "node_modules/**", "build/**"],
          globalSetup: ["test/setup/schemas.global.ts"],
          setupFiles: ["test/setup/console.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "extensions",
          include: ["extensions/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          setupFiles: ["test/setup/console.ts"],
        },
      },
      integration("sqlite"),
      ...(postgresUrl ? [integration("postgresql", postgresUrl)] : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          // After every other project, one file at a time: the demo's dev server and Chromium need
          // the machine to themselves (2 cores); with another browser test beside them, pages of the
          // demo stopped rendering in some CI runs.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          globalSetup: ["test/setup/build.global.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
