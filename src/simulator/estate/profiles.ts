/**
 * The shapes of synthetic consumption: a weekday and a weekend curve over the 48 half hours
 * of a UTC day, and a factor per calendar day (season, a slow trend, holidays and the 2020
 * lockdown). Pure functions of the day, so readings never depend on the range asked for.
 */
import { DAY_MS } from "../../core/periods.js";

/** What a register measures, which decides its curve. */
export type SeriesKind =
  | "electricity"
  | "reactive"
  | "gas"
  | "gasEnergy"
  | "water"
  | "heat"
  | "power"
  | "current"
  | "voltage"
  | "flowRate"
  | "temperature";

type Shape = "office" | "heating" | "water";

const SHAPE: Record<SeriesKind, Shape> = {
  electricity: "office",
  reactive: "office",
  power: "office",
  current: "office",
  voltage: "office",
  gas: "heating",
  gasEnergy: "heating",
  heat: "heating",
  temperature: "heating",
  water: "water",
  flowRate: "water",
};

/** A smooth bump: 1 inside [from, to] hours, easing to 0 over `ease` hours either side. */
function bump(hour: number, from: number, to: number, ease: number): number {
  if (hour >= from && hour <= to) return 1;
  const d = hour < from ? from - hour : hour - to;
  return d >= ease ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * d) / ease);
}

function curve(fn: (hour: number) => number): Float64Array {
  const out = new Float64Array(48);
  for (let s = 0; s < 48; s++) out[s] = fn(s / 2 + 0.25);
  return out;
}

const WEEKDAY: Record<Shape, Float64Array> = {
  // Base load overnight, a working-hours plateau with a lunchtime dip.
  office: curve((h) => 0.32 + 0.68 * bump(h, 8.5, 17.5, 2.5) - 0.05 * bump(h, 12.5, 13.5, 0.5)),
  // Boilers fire before the day starts, then hold a lower level until the evening.
  heating: curve(
    (h) => 0.18 + 0.82 * bump(h, 5.5, 8, 1.5) + 0.45 * bump(h, 8, 18, 1) * (h > 8 ? 1 : 0),
  ),
  // Morning and evening peaks.
  water: curve(
    (h) => 0.1 + 0.9 * bump(h, 7, 9, 1.5) + 0.6 * bump(h, 12, 13, 1) + 0.7 * bump(h, 17, 19, 1.5),
  ),
};

const WEEKEND: Record<Shape, Float64Array> = {
  office: curve((h) => 0.3 + 0.12 * bump(h, 10, 16, 2)),
  heating: curve((h) => 0.15 + 0.4 * bump(h, 6, 9, 1.5)),
  water: curve((h) => 0.08 + 0.35 * bump(h, 9, 11, 1.5) + 0.3 * bump(h, 17, 19, 1.5)),
};

const LOCKDOWN_FROM = Date.UTC(2020, 2, 23) / DAY_MS;
const LOCKDOWN_TO = Date.UTC(2020, 6, 1) / DAY_MS;
const FIRST_YEAR = 2015;

/** Everything about a UTC day (days since 1970-01-01) that the curves need. */
export interface DayInfo {
  /** The curve to use for the day: weekday or weekend/holiday. */
  weights: Float64Array;
  /** Season, trend and special periods. */
  factor: number;
}

/** The curve and factor of an epoch day for a kind of register. */
export function dayInfo(kind: SeriesKind, epochDay: number): DayInfo {
  const shape = SHAPE[kind];
  const date = new Date(epochDay * DAY_MS);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  const weekday = date.getUTCDay();
  const holiday = (month === 11 && dom >= 24) || (month === 0 && dom === 1);
  const weekend = weekday === 0 || weekday === 6 || holiday;
  const doy = (epochDay * DAY_MS - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
  const winter = Math.cos((2 * Math.PI * (doy - 15)) / 365.25); // +1 mid January, -1 mid July
  let factor: number;
  switch (shape) {
    case "office":
      factor = 1 + 0.12 * winter;
      break;
    case "heating":
      factor = Math.max(0.06, 0.5 + 0.55 * winter);
      break;
    case "water":
      factor = 1 - 0.12 * winter;
      break;
  }
  factor *= 1 + 0.012 * (date.getUTCFullYear() - FIRST_YEAR);
  if (epochDay >= LOCKDOWN_FROM && epochDay < LOCKDOWN_TO && shape !== "heating") factor *= 0.55;
  return { weights: weekend ? WEEKEND[shape] : WEEKDAY[shape], factor };
}

/** The seasonal heating factor alone (for temperatures), roughly 0.06 to 1.05. */
export function heatingSeason(epochDay: number): number {
  const date = new Date(epochDay * DAY_MS);
  const doy = (epochDay * DAY_MS - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
  return Math.max(0.06, 0.5 + 0.55 * Math.cos((2 * Math.PI * (doy - 15)) / 365.25));
}
