// A chart card that keeps its size from the server's first paint to the drawn chart: the server
// and the first client render show a skeleton of the chart's height, then the browser loads Polaris
// Viz (its own chunk, off the critical path) and draws in the same box, so nothing shifts (CLS).
import { BlockStack, Box, Card, InlineStack, SkeletonBodyText, Text } from "@shopify/polaris";
import { lazy, Suspense, useEffect, useState } from "react";
import type { VizChartProps } from "./dashboard-viz";

const VizChart = lazy(() => import("./dashboard-viz"));

export const CHART_HEIGHT = 240;

function ChartSkeleton() {
  return (
    <Box minHeight={`${CHART_HEIGHT}px`}>
      <SkeletonBodyText lines={8} />
    </Box>
  );
}

export function ChartCard({ title, note, ...chart }: VizChartProps & { title: string; note: string }) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {note}
          </Text>
        </InlineStack>
        <div style={{ height: CHART_HEIGHT }} aria-label={title} role="figure">
          {inBrowser ? (
            <Suspense fallback={<ChartSkeleton />}>
              <VizChart {...chart} />
            </Suspense>
          ) : (
            <ChartSkeleton />
          )}
        </div>
      </BlockStack>
    </Card>
  );
}
