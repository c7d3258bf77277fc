/**
 * Readings per period, produced in batches: the half-hourly data of `series.ts` walked along
 * a grid of periods (UTC, or UK local for the legacy API) and integrated where the period is
 * longer than half an hour. Memory stays flat whatever the range: a batch of rows and a block
 * of half hours per source are all that is held.
 *
 * An integrated period exists when its first half hour does; its total is the total at its
 * start, its consumption the sum over the half hours present; it is flagged interpolated when
 * any of them was, and reset when a register reset happened since the previous period began
 * (so a period's total follows from the previous period unless flagged reset). The half hours
 * of the `provisionalHours` window are shown as estimates first (provisional.ts).
 */
import { addPeriods, floorToPeriod, HALF_HOUR_MS, type PeriodType } from "../../core/periods.js";
import { ukAddPeriods, ukFloorToPeriod } from "../../core/uk-time.js";
import { type FillOptions, INTERPOLATED, RESET, type RegisterSeries } from "../estate/series.js";
import { SlotBuffer } from "../estate/slot-buffer.js";
import type { CompiledExpression } from "./expression.js";
import { ProvisionalFill, type ProvisionalWindow } from "./provisional.js";

/** Where period boundaries fall: `floor` to the period containing t, `add` whole periods. */
export interface Grid {
  floor(t: number): number;
  add(t: number, n: number): number;
}

export const ROWS_PER_BATCH = 512;

/** A batch of readings. `total` and `period` follow the register meaning (see each source). */
export class Rows {
  n = 0;
  readonly time = new Float64Array(ROWS_PER_BATCH);
  readonly end = new Float64Array(ROWS_PER_BATCH);
  readonly total = new Float64Array(ROWS_PER_BATCH);
  readonly period = new Float64Array(ROWS_PER_BATCH);
  readonly status = new Uint8Array(ROWS_PER_BATCH);
  /** Half-hour slot of the period start (for row ids). */
  readonly slot = new Float64Array(ROWS_PER_BATCH);

  push(
    time: number,
    end: number,
    slot: number,
    total: number,
    period: number,
    status: number,
  ): void {
    const n = this.n++;
    this.time[n] = time;
    this.end[n] = end;
    this.slot[n] = slot;
    this.total[n] = total;
    this.period[n] = period;
    this.status[n] = status;
  }
}

export interface RowSource {
  /** Refills `rows` (from empty); returns false once the source is exhausted. */
  fill(rows: Rows): boolean;
}

const VIRTUAL_METER_DATA: FillOptions = { calibrated: false, interpolated: true };

/** The longest period is a month (plus an hour in UK local time): a block holds at least that. */
const BLOCK = 2048;

export interface Span {
  grid: Grid;
  /** First period start (on the grid). */
  start: number;
  /** Periods start while before this. */
  end: number;
  dataStart: number;
  slots: number;
  /** Half hours shown as provisional estimates (the `provisionalHours` option). */
  provisional?: ProvisionalWindow | undefined;
}

/** Walks the periods of a span that can hold data, one row per period at most. */
abstract class PeriodWalker implements RowSource {
  #t: number;
  readonly #span: Span;
  readonly #dataEnd: number;

  constructor(span: Span) {
    this.#span = span;
    this.#dataEnd = span.dataStart + span.slots * HALF_HOUR_MS;
    // Skip periods before the data without visiting them one by one.
    const firstWithData = span.grid.floor(span.dataStart);
    this.#t = Math.max(span.start, firstWithData);
  }

  fill(rows: Rows): boolean {
    rows.n = 0;
    const { grid, end, dataStart, slots } = this.#span;
    while (rows.n < ROWS_PER_BATCH) {
      const t = this.#t;
      if (t >= end || t >= this.#dataEnd) return false;
      const u = grid.add(t, 1);
      this.#t = u;
      const sp = (t - dataStart) / HALF_HOUR_MS;
      if (sp < 0) continue; // starts before the data: its first half hour is missing
      const sq = Math.min((u - dataStart) / HALF_HOUR_MS, slots);
      this.emit(rows, t, u, sp, sq);
    }
    return true;
  }

  /** Adds the row of period [t, u) covering slots [sp, sq), if it has one. */
  protected abstract emit(rows: Rows, t: number, u: number, sp: number, sq: number): void;

  protected previousStartSlot(t: number): number {
    return (this.#span.grid.add(t, -1) - this.#span.dataStart) / HALF_HOUR_MS;
  }
}

/**
 * A register's readings. `total` is the total at the period start (cumulative) or the value
 * (instantaneous); `period` the consumption in the period (0 for instantaneous).
 */
export class RegisterRows extends PeriodWalker {
  readonly #series: RegisterSeries;
  readonly #data: ProvisionalFill;
  readonly #buf = new SlotBuffer(BLOCK);
  readonly #slots: number;

  constructor(series: RegisterSeries, options: FillOptions, span: Span) {
    super(span);
    this.#series = series;
    this.#data = new ProvisionalFill(series, options, span.provisional);
    this.#slots = span.slots;
  }

  protected emit(rows: Rows, t: number, u: number, sp: number, sq: number): void {
    const buf = this.#buf;
    if (!buf.covers(sp, sq)) this.#data.fill(sp, Math.min(BLOCK, this.#slots - sp), buf);
    const k = sp - buf.from;
    if (buf.present[k] !== 1) return;
    if (sq - sp === 1) {
      rows.push(t, u, sp, buf.total[k] as number, buf.period[k] as number, buf.status[k] as number);
      return;
    }
    let ticks = 0;
    let status = 0;
    for (let j = k; j < sq - buf.from; j++) {
      if (buf.present[j] !== 1) continue;
      ticks += buf.periodTicks[j] as number; // exact for whole ticks: no float noise in sums
      status |= (buf.status[j] as number) & INTERPOLATED;
    }
    const period = ticks / this.#series.ticksPerUnit;
    const previous = this.previousStartSlot(t);
    if (this.#series.resetIn(previous, sp)) status |= RESET;
    rows.push(t, u, sp, buf.total[k] as number, period, status);
  }
}

/**
 * A virtual meter's readings: `period` is the expression over the aliases' consumption in
 * the period (cumulative) or over their values (instantaneous, half hours only); `total` is
 * always 0. The request's calibration and interpolation options do not apply: virtual meters
 * are computed from uncalibrated register data with gaps interpolated where possible
 * (status 1 then), so a period has a value whenever every alias has data in it.
 */
export class VirtualMeterRows extends PeriodWalker {
  readonly #series: readonly RegisterSeries[];
  readonly #data: readonly ProvisionalFill[];
  readonly #buffers: SlotBuffer[];
  readonly #values: Float64Array;
  readonly #evaluate: CompiledExpression;
  readonly #slots: number;

  constructor(series: readonly RegisterSeries[], evaluate: CompiledExpression, span: Span) {
    super(span);
    this.#series = series;
    this.#data = series.map((s) => new ProvisionalFill(s, VIRTUAL_METER_DATA, span.provisional));
    this.#buffers = series.map(() => new SlotBuffer(BLOCK));
    this.#values = new Float64Array(series.length);
    this.#evaluate = evaluate;
    this.#slots = span.slots;
  }

  protected emit(rows: Rows, t: number, u: number, sp: number, sq: number): void {
    let status = 0;
    for (let a = 0; a < this.#series.length; a++) {
      const buf = this.#buffers[a] as SlotBuffer;
      const series = this.#series[a] as RegisterSeries;
      if (!buf.covers(sp, sq))
        (this.#data[a] as ProvisionalFill).fill(sp, Math.min(BLOCK, this.#slots - sp), buf);
      const values = series.instantaneous ? buf.total : buf.periodTicks;
      let sum = 0;
      let seen = false;
      for (let j = sp - buf.from; j < sq - buf.from; j++) {
        if (buf.present[j] !== 1) continue;
        sum += values[j] as number;
        status |= buf.status[j] as number;
        seen = true;
      }
      if (!seen) return; // an alias without data in the period: no reading
      this.#values[a] = series.instantaneous ? sum : sum / series.ticksPerUnit;
    }
    rows.push(t, u, sp, 0, this.#evaluate(this.#values), status & INTERPOLATED);
  }
}

/** The grid of a period type on UTC, or on UK local time (legacy `useLocalTime`). */
export function gridOf(period: PeriodType, ukLocal: boolean): Grid {
  return ukLocal
    ? { floor: (t) => ukFloorToPeriod(t, period), add: (t, n) => ukAddPeriods(t, period, n) }
    : { floor: (t) => floorToPeriod(t, period), add: (t, n) => addPeriods(t, period, n) };
}
