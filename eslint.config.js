import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      ".cache/",
      "node_modules/",
      "prisma/generated/",
      "app/types/",
      "test-results/",
      "coverage/",
      ".shopify/",
      "extensions/dist/",
      "extensions/*/dist/",
      "extensions/*/shopify.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests walk untyped JSON responses; production code stays free of `any`.
    files: ["**/*.test.ts", "**/*.test.tsx", "test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Domain logic stays plain TypeScript: testable directly, portable, framework-free.
    files: ["app/loyalty/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@remix-run/*", "@shopify/*", "@prisma/*", "prisma", "prisma/*", "react", "react-dom"],
              message: "app/loyalty/ is framework-free domain code: no Remix, Shopify, Prisma or React imports.",
            },
            {
              group: ["**/*.server", "**/*.server.ts", "**/db.server*", "**/shopify.server*"],
              message: "app/loyalty/ must not reach persistence or Shopify modules; pass data in instead.",
            },
          ],
        },
      ],
    },
  },
);
