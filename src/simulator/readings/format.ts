/**
 * Writing readings as JSON text, fast: timestamps share their date part per day, numbers use
 * JavaScript's own shortest round-trip form, and non-finite values become the strings DCS
 * writes ("NaN", "Infinity", "-Infinity").
 */
import { DAY_MS, HALF_HOUR_MS } from "../../core/periods.js";
import { formatUtcSeconds } from "../../core/time.js";
import { ukOffsetMs } from "../../core/uk-time.js";

/** 10 ** k for the decimals of {@link jsonNumber}'s fast path. */
const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * A reading value as JSON: a number, or a quoted string when it is not finite. The text is
 * `String(x)`'s. Values with up to 6 decimals (meter readings have a few) are written from
 * integers, at less than half the cost of the general shortest form (bench:sync's simulator
 * spent more time here than anywhere else): if `n / 10 ** k` is exactly `x`, the decimal
 * `n * 10 ** -k` reads back as `x`, and the fewest such decimals are what `String` writes.
 */
export function jsonNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e-6 && a <= Number.MAX_SAFE_INTEGER) {
    for (let k = 0; k < POWERS_OF_TEN.length; k++) {
      const f = POWERS_OF_TEN[k] as number;
      const n = Math.round(a * f);
      if (n > Number.MAX_SAFE_INTEGER) break;
      if (n / f !== a) continue;
      if (k === 0) return String(x); // a whole number: String's own fast case
      const whole = Math.floor(n / f);
      const fraction = String(n - whole * f).padStart(k, "0");
      return `${x < 0 ? "-" : ""}${whole}.${fraction}`;
    }
  }
  if (Number.isFinite(x)) return String(x);
  return Number.isNaN(x) ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Rounds to `places` decimals (0-15) without binary noise in the result. */
export function roundTo(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** places;
  const scaled = x * f;
  if (Math.abs(scaled) >= 2 ** 52) return x; // already as precise as a double can be
  const rounded = Math.round(scaled) / f;
  return rounded === 0 ? 0 : rounded; // no "-0"
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "HH:mm:ss" for each half hour of a day. */
const HALF_HOURS: string[] = Array.from(
  { length: 48 },
  (_, k) => `${pad2(Math.floor(k / 2))}:${k % 2 ? "30" : "00"}:00`,
);

/** Formats instants as `yyyy-MM-ddTHH:mm:ssZ`, or as UK local time with its offset. */
export class StampWriter {
  #day = Number.NaN;
  #date = "";

  constructor(readonly ukLocal: boolean) {}

  format(t: number): string {
    const offset = this.ukLocal ? ukOffsetMs(t) : 0;
    const wall = t + offset;
    const day = Math.floor(wall / DAY_MS);
    const inDay = wall - day * DAY_MS;
    if (inDay % HALF_HOUR_MS !== 0) {
      return this.ukLocal
        ? `${formatUtcSeconds(wall).slice(0, 19)}${offset ? "+01:00" : "+00:00"}`
        : formatUtcSeconds(t);
    }
    if (day !== this.#day) {
      this.#day = day;
      this.#date = `${formatUtcSeconds(day * DAY_MS).slice(0, 10)}T`;
    }
    const time = HALF_HOURS[inDay / HALF_HOUR_MS] as string;
    return this.ukLocal
      ? `${this.#date}${time}${offset ? "+01:00" : "+00:00"}`
      : `${this.#date}${time}Z`;
  }
}
