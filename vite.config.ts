import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: {
    port: Number(process.env.PORT || 3000),
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      // Tests sit beside the routes they test; they are not routes.
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
        // Vite scans every route for dependencies when the dev server starts. Without it a
        // dependency is found only when a page first imports it, and Vite then re-bundles and
        // reloads every open page: forms lose their typing and pages go blank mid-test.
        unstable_optimizeDeps: true,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
  // Pre-bundled when the dev server starts: a dependency found only when a page first imports it
  // (Polaris Viz is loaded lazily by the dashboard) makes Vite reload every open page.
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris", "@shopify/polaris-viz"] },
});
