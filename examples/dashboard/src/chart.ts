/**
 * The overlay chart (uPlot): every source, and each one a year earlier (dashed), on the
 * periods of one grid. One y axis per unit; times on the axis and in the legend are in the
 * page's zone, written the UK way.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Grid } from "./aggregate.js";
import { formatNumber } from "./summary.js";
import { formatPeriod } from "./zone.js";

export const COLOURS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777"];
export const CHART_HEIGHT = 360;

export interface Line {
  label: string;
  /** The axis unit: `kWh per day`, `kW`. */
  unit: string;
  values: (number | null)[];
  colour: string;
  dashed: boolean;
}

/** uPlot's US-style date templates, made UK: day before month, 24-hour clock. */
function ukTemplate(template: string): string {
  return template
    .replaceAll("{M}/{D}/{YY}", "{DD}/{MM}/{YYYY}")
    .replaceAll("{M}/{D}", "{DD}/{MM}")
    .replaceAll("{h}:{mm}{aa}", "{HH}:{mm}")
    .replaceAll("{h}{aa}", "{HH}:00");
}

export function drawChart(box: HTMLElement, grid: Grid, lines: Line[]): uPlot {
  const units = [...new Set(lines.map((line) => line.unit))];
  const timeZone = grid.zone === "uk" ? "Europe/London" : "UTC";
  const finite = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
  const points = grid.starts.length <= 60;
  return new uPlot(
    {
      width: chartWidth(box),
      height: CHART_HEIGHT,
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone),
      fmtDate: (template) => uPlot.fmtDate(ukTemplate(template)),
      scales: { x: { time: true } },
      // Values under the cursor need a mouse and room: narrow screens list the names only.
      legend: { live: box.clientWidth > 600 },
      series: [
        {
          label: "Period",
          value: (_u, s) => (s == null ? "–" : formatPeriod(s * 1000, grid.period, grid.zone)),
        },
        ...lines.map((line) => ({
          label: line.label,
          scale: line.unit,
          stroke: line.colour,
          width: line.dashed ? 1 : 1.5,
          dash: line.dashed ? [6, 4] : [],
          points: { show: points },
          spanGaps: false,
          value: (_u: uPlot, v: number | null) =>
            v == null ? "–" : `${formatNumber(v)} ${line.unit}`,
        })),
      ],
      axes: [
        {},
        ...units.map((unit, i) => ({
          scale: unit,
          label: unit,
          side: i === 0 ? 3 : 1,
          size: 70,
          grid: { show: i === 0 },
          values: (_u: uPlot, ticks: number[]) => ticks.map(formatNumber),
        })),
      ],
    },
    [grid.starts.map((t) => t / 1000), ...lines.map((line) => line.values.map(finite))],
    box,
  );
}

export function chartWidth(box: HTMLElement): number {
  return Math.max(240, box.clientWidth - 16);
}
