// GraphQL projects: which operations go to which Shopify API, checked against which schema.
// Read by graphql-codegen (`npm run codegen`: typed results for admin.graphql) and by the
// contract test (test/graphql-operations.test.ts), which validates every operation.
import { ApiType, pluckConfig, preset } from "@shopify/api-codegen-preset";
import { schemaPath } from "./scripts/shopify-schemas.ts";

function project(apiType: ApiType, schema: string, documents: string[], outputDir: string, typesName: string) {
  return {
    schema,
    documents,
    extensions: {
      apiType,
      codegen: {
        pluckConfig,
        generates: {
          [`${outputDir}/${typesName}.types.d.ts`]: {
            plugins: ["typescript"],
            // String unions, not TS enums: generated .d.ts files have no runtime enum values.
            config: { defaultScalarType: "string", scalars: { JSON: "unknown" }, enumsAsTypes: true },
          },
          [`${outputDir}/${typesName}.generated.d.ts`]: {
            preset,
            documents,
            presetConfig: { apiType },
          },
        },
      },
    },
  };
}

export default {
  projects: {
    admin: project(ApiType.Admin, schemaPath("admin"), ["app/**/*.{ts,tsx}", "!app/types/**"], "app/types", "admin"),
  },
};
