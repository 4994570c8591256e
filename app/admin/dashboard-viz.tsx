// The dashboard's charts, drawn by Polaris Viz. Loaded only in the browser (dashboard-charts.tsx):
// Polaris Viz measures its container before it draws, which a server can't do.
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";

export interface ChartSeries {
  name: string;
  data: { key: string; value: number }[];
}

export interface VizChartProps {
  kind: "line" | "bar";
  series: ChartSeries[];
  /** Labels of the x axis (days) and of values (numbers), in the admin's language. */
  formatKey: (key: string) => string;
  formatValue: (value: number) => string;
}

export default function VizChart({ kind, series, formatKey, formatValue }: VizChartProps) {
  const props = {
    data: series,
    theme: "Light",
    isAnimated: false,
    xAxisOptions: { labelFormatter: (key: string | number | null) => formatKey(String(key)) },
    yAxisOptions: { labelFormatter: (value: string | number | null) => formatValue(Number(value)) },
    showLegend: series.length > 1,
  };
  return (
    <PolarisVizProvider>{kind === "line" ? <LineChart {...props} /> : <BarChart {...props} />}</PolarisVizProvider>
  );
}
