/**
 * One register's half-hourly readings, computed on demand from its seed: nothing is stored
 * per reading. Slot `i` is the half hour starting at `dataStart + i * 30 min`.
 *
 * Cumulative registers count whole "ticks" (1/ticksPerUnit of the unit) so that totals are
 * exact integer sums: the total at a slot is the same number whichever range asked for it.
 * A per-day prefix sum (built once per register) makes any total O(48) to find.
 *
 * What a reading shows (ReadingsHandling.md):
 * - gaps: slots without readings; with interpolation, filled linearly between the known
 *   totals either side (status 1), unless a side lies outside the data;
 * - resets: the total restarts from the reset's opening total (status 2 on that slot); the
 *   period before it ends on the closing total, so its consumption stays true;
 * - calibration: with `calibrated`, totals from a calibration's start on are shifted by its
 *   offset until the next calibration or reset. Period values are the differences of the
 *   shown totals (as with "calibrate previous period"), so totals and period values always
 *   add up except across a reset;
 * - imports: an imported reading is shown in its slot instead, as a plain reading, with or
 *   without calibration or interpolation.
 */
import { HALF_HOUR_MS } from "../../core/periods.js";
import { dayInfo, heatingSeason, type SeriesKind } from "./profiles.js";
import { hash2, unit } from "./random.js";
import type { SlotBuffer } from "./slot-buffer.js";

/** Status bits of a reading. */
export const INTERPOLATED = 1;
export const RESET = 2;

export interface ResetSpec {
  slot: number;
  /** The total the register restarts from, in ticks. */
  openingTicks: number;
}

export interface CalibrationSpec {
  startSlot: number;
  offsetTicks: number;
}

export interface GapSpec {
  /** First missing slot. */
  start: number;
  /** First slot after the gap. */
  end: number;
}

export interface SeriesSpec {
  seed: number;
  kind: SeriesKind;
  instantaneous: boolean;
  /** Cumulative: consumption per half hour at full load, in units. Instantaneous: the level. */
  scale: number;
  /** Cumulative values are whole multiples of `1 / ticksPerUnit`. */
  ticksPerUnit: number;
  /** The total at slot 0, in ticks. */
  openingTicks: number;
  /** Sorted by slot, none inside or next to a gap. */
  resets: readonly ResetSpec[];
  /** Sorted by start, none inside or next to a gap. */
  calibrations: readonly CalibrationSpec[];
  /** The meter's gaps: sorted, disjoint, several slots apart. */
  gaps: readonly GapSpec[];
}

export interface FillOptions {
  calibrated: boolean;
  interpolated: boolean;
}

/**
 * A reading imported into a slot (`POST /api/registerReadings/import`), in units. It is shown
 * instead of what the slot would show, as a plain reading, whatever the fill options.
 */
export interface ImportedReading {
  total: number;
  period: number;
}

const NON_FINITE_RATE = 1 / 700;

export class RegisterSeries {
  readonly #spec: SeriesSpec;
  readonly #slots: number;
  readonly #epochSlot0: number;
  readonly #scaleTicks: number;
  /** Consumption ticks before each day of the data, built on first use. */
  #prefix: Float64Array | undefined;
  /** Where each calibration's offset stops applying (next calibration or reset). */
  readonly #calibrationEnds: number[];
  /** Known totals either side of each gap, per calibration mode. */
  readonly #gapEnds = new Map<number, readonly [number, number]>();
  /** Imported readings by slot: live, so later imports show at once. */
  readonly #imported: ReadonlyMap<number, ImportedReading>;
  // Day cache for the curve (a pure function of the day, cached for speed).
  #day = Number.NaN;
  #weights: Float64Array = new Float64Array(48);
  #factor = 0;

  constructor(
    spec: SeriesSpec,
    dataStart: number,
    slots: number,
    imported: ReadonlyMap<number, ImportedReading> = new Map(),
  ) {
    this.#spec = spec;
    this.#imported = imported;
    this.#slots = slots;
    this.#epochSlot0 = Math.round(dataStart / HALF_HOUR_MS);
    this.#scaleTicks = spec.scale * spec.ticksPerUnit;
    this.#calibrationEnds = spec.calibrations.map((c, k) => {
      const next = spec.calibrations[k + 1]?.startSlot ?? Number.POSITIVE_INFINITY;
      const reset = spec.resets.find((r) => r.slot > c.startSlot)?.slot ?? Number.POSITIVE_INFINITY;
      return Math.min(next, reset);
    });
  }

  get instantaneous(): boolean {
    return this.#spec.instantaneous;
  }

  /** Cumulative values are whole multiples of 1 / ticksPerUnit. */
  get ticksPerUnit(): number {
    return this.#spec.ticksPerUnit;
  }

  /** True when a reset falls in slots (after, upTo]. */
  resetIn(after: number, upTo: number): boolean {
    return this.#spec.resets.some((r) => r.slot > after && r.slot <= upTo);
  }

  #useDay(epochDay: number): void {
    if (epochDay === this.#day) return;
    const info = dayInfo(this.#spec.kind, epochDay);
    this.#day = epochDay;
    this.#weights = info.weights;
    this.#factor = info.factor;
  }

  /** Consumption in slot `i`, in ticks (cumulative registers). */
  consumptionTicks(i: number): number {
    const s = this.#epochSlot0 + i;
    const day = Math.floor(s / 48);
    this.#useDay(day);
    const w = this.#weights[s - day * 48] as number;
    const noise = 0.88 + 0.24 * unit(hash2(this.#spec.seed, s));
    return Math.round(this.#scaleTicks * this.#factor * w * noise);
  }

  /** The value of an instantaneous register at slot `i`, sometimes NaN or infinite. */
  value(i: number): number {
    const spec = this.#spec;
    const s = this.#epochSlot0 + i;
    const special = unit(hash2(spec.seed ^ 0x5bd1e995, s));
    if (special < NON_FINITE_RATE) {
      const pick = Math.floor((special / NON_FINITE_RATE) * 10);
      return pick < 8
        ? Number.NaN
        : pick === 8
          ? Number.POSITIVE_INFINITY
          : Number.NEGATIVE_INFINITY;
    }
    const day = Math.floor(s / 48);
    const slot = s - day * 48;
    const u = unit(hash2(spec.seed, s));
    this.#useDay(day);
    const load = this.#factor * (this.#weights[slot] as number);
    switch (spec.kind) {
      case "voltage":
        return (
          Math.round((spec.scale + 3 * Math.cos((2 * Math.PI * slot) / 48) + (u - 0.5) * 4) * 10) /
          10
        );
      case "temperature":
        return Math.round((spec.scale + 25 * heatingSeason(day) + (u - 0.5) * 2) * 10) / 10;
      case "current":
        return Math.round(spec.scale * load * (0.9 + 0.2 * u) * 10) / 10;
      default:
        return Math.round(spec.scale * load * (0.9 + 0.2 * u) * 100) / 100;
    }
  }

  #prefixSums(): Float64Array {
    if (this.#prefix) return this.#prefix;
    const days = Math.floor(this.#slots / 48) + 2;
    const prefix = new Float64Array(days + 1);
    let sum = 0;
    for (let d = 0; d < days; d++) {
      prefix[d] = sum;
      for (let k = 0; k < 48; k++) sum += this.consumptionTicks(d * 48 + k);
    }
    prefix[days] = sum;
    this.#prefix = prefix;
    return prefix;
  }

  /** Ticks consumed from slot 0 up to (not including) slot `i`. */
  #consumedBefore(i: number): number {
    const day = Math.floor(i / 48);
    let sum = this.#prefixSums()[day] as number;
    for (let j = day * 48; j < i; j++) sum += this.consumptionTicks(j);
    return sum;
  }

  /** The uncalibrated register total at slot `i` (0 <= i <= slots), in ticks. */
  rawTotalTicks(i: number): number {
    const resets = this.#spec.resets;
    let r = -1;
    for (let k = 0; k < resets.length && (resets[k] as ResetSpec).slot <= i; k++) r = k;
    if (r < 0) return this.#spec.openingTicks + this.#consumedBefore(i);
    const reset = resets[r] as ResetSpec;
    return reset.openingTicks + this.#consumedBefore(i) - this.#consumedBefore(reset.slot);
  }

  /** The calibration offset in force at slot `i`, in ticks. */
  offsetTicks(i: number): number {
    const cals = this.#spec.calibrations;
    for (let k = cals.length - 1; k >= 0; k--) {
      const c = cals[k] as CalibrationSpec;
      if (c.startSlot <= i) return i < (this.#calibrationEnds[k] as number) ? c.offsetTicks : 0;
    }
    return 0;
  }

  /** The total shown at slot `i` when it is a real reading, in ticks. */
  shownTotalTicks(i: number, calibrated: boolean): number {
    return this.rawTotalTicks(i) + (calibrated ? this.offsetTicks(i) : 0);
  }

  /** The uncalibrated total at a moment inside the data, interpolated between half hours, in units. */
  totalAt(t: number, dataStart: number): number {
    const x = (t - dataStart) / HALF_HOUR_MS;
    const i = Math.floor(x);
    const a = this.rawTotalTicks(i);
    return (a + (x - i) * this.consumptionTicks(i)) / this.#spec.ticksPerUnit;
  }

  /** Index of the first gap ending after slot `i`. */
  #firstGapAfter(i: number): number {
    const gaps = this.#spec.gaps;
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((gaps[mid] as GapSpec).end <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The known totals before and after gap `g`, or undefined when a side is outside the data. */
  #gapEndsTicks(g: number, calibrated: boolean): readonly [number, number] | undefined {
    const gap = this.#spec.gaps[g] as GapSpec;
    if (gap.start < 1 || gap.end >= this.#slots) return undefined;
    const key = g * 2 + (calibrated ? 1 : 0);
    let ends = this.#gapEnds.get(key);
    if (!ends) {
      ends = [
        this.shownTotalTicks(gap.start - 1, calibrated),
        this.shownTotalTicks(gap.end, calibrated),
      ];
      this.#gapEnds.set(key, ends);
    }
    return ends;
  }

  /** The interpolated total at slot `i` inside gap `g`, in ticks (undefined if not possible). */
  #interpolate(g: number, i: number, calibrated: boolean): number | undefined {
    const ends = this.#gapEndsTicks(g, calibrated);
    if (!ends) return undefined;
    const gap = this.#spec.gaps[g] as GapSpec;
    const a = gap.start - 1;
    return ends[0] + ((ends[1] - ends[0]) * (i - a)) / (gap.end - a);
  }

  /**
   * Fills `buf` with the readings of slots [from, from + count) as a client sees them.
   * `from >= 0`; slots at or after the end of the data come out absent.
   */
  fill(from: number, count: number, options: FillOptions, buf: SlotBuffer): void {
    if (count > buf.capacity) throw new RangeError("SlotBuffer too small");
    buf.from = from;
    buf.count = count;
    if (this.#spec.instantaneous) this.#fillInstantaneous(from, count, buf);
    else this.#fillCumulative(from, count, options, buf);
    if (this.#imported.size > 0) this.#showImported(buf);
  }

  #showImported(buf: SlotBuffer): void {
    for (let k = 0; k < buf.count; k++) {
      const imported = this.#imported.get(buf.from + k);
      if (imported === undefined) continue;
      buf.present[k] = 1;
      buf.status[k] = 0;
      buf.total[k] = imported.total;
      buf.period[k] = imported.period;
      buf.periodTicks[k] = imported.period * this.#spec.ticksPerUnit;
    }
  }

  #fillCumulative(from: number, count: number, options: FillOptions, buf: SlotBuffer): void {
    const spec = this.#spec;
    const tpu = spec.ticksPerUnit;
    const { calibrated, interpolated } = options;
    const resets = spec.resets;
    const gaps = spec.gaps;

    // Underlying totals (ignoring gaps) for every slot and the one after.
    let ticks = this.rawTotalTicks(from);
    let r = 0;
    while (r < resets.length && (resets[r] as ResetSpec).slot < from) r++;
    const hasCalibrations = calibrated && spec.calibrations.length > 0;
    for (let k = 0; k <= count; k++) {
      const i = from + k;
      const isReset = r < resets.length && (resets[r] as ResetSpec).slot === i;
      if (isReset) {
        ticks = (resets[r] as ResetSpec).openingTicks;
        r++;
      }
      const c = this.consumptionTicks(i);
      buf.ticks[k] = hasCalibrations ? ticks + this.offsetTicks(i) : ticks;
      buf.consumption[k] = c;
      buf.resetAt[k] = isReset ? 1 : 0;
      ticks += c;
    }

    let g = this.#firstGapAfter(from);
    let shown = 0;
    let isPresent = false;
    let status = 0;
    // What slot `from + k` shows; the loop below carries it forward as "next".
    const showSlot = (k: number): void => {
      const i = from + k;
      while (g < gaps.length && (gaps[g] as GapSpec).end <= i) g++;
      const gap = gaps[g];
      status = 0;
      if (i >= this.#slots) {
        isPresent = false;
        shown = buf.ticks[k] as number;
      } else if (gap !== undefined && gap.start <= i) {
        const estimate = interpolated ? this.#interpolate(g, i, calibrated) : undefined;
        isPresent = estimate !== undefined;
        shown = estimate ?? (buf.ticks[k] as number);
        if (isPresent) status = INTERPOLATED;
      } else {
        isPresent = true;
        shown = buf.ticks[k] as number;
        if (buf.resetAt[k] === 1) status = RESET;
      }
    };
    showSlot(0);
    for (let k = 0; k < count; k++) {
      const present = isPresent;
      const total = shown;
      const st = status;
      showSlot(k + 1);
      // A period runs up to the next shown total, or to the closing total before a reset.
      const next =
        buf.resetAt[k + 1] === 1
          ? (buf.ticks[k] as number) + (buf.consumption[k] as number)
          : shown;
      buf.present[k] = present ? 1 : 0;
      buf.status[k] = st;
      buf.total[k] = total / tpu;
      buf.periodTicks[k] = next - total;
      buf.period[k] = (next - total) / tpu;
    }
  }

  #fillInstantaneous(from: number, count: number, buf: SlotBuffer): void {
    const gaps = this.#spec.gaps;
    let g = this.#firstGapAfter(from);
    for (let k = 0; k < count; k++) {
      const i = from + k;
      while (g < gaps.length && (gaps[g] as GapSpec).end <= i) g++;
      const gap = gaps[g];
      const missing = i >= this.#slots || (gap !== undefined && gap.start <= i);
      const v = missing ? 0 : this.value(i);
      buf.present[k] = missing ? 0 : 1;
      buf.status[k] = 0;
      buf.total[k] = v;
      buf.period[k] = 0;
      buf.periodTicks[k] = 0;
    }
  }
}
