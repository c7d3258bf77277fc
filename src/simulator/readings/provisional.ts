/**
 * Provisional readings (the `provisionalHours` option): the newest half hours are first shown
 * as a real DCS shows a meter whose half-hourly data has not arrived yet but whose register
 * total has, interpolated between the last profile reading and the current total (status 1),
 * and as the real readings once the clock has moved past them. Clients that fetch again see
 * those readings revised, as they do with real meters' late data.
 *
 * Applied to the half hours that every readings row is built from, so integrated periods, both
 * APIs and virtual meters (over their aliases' shown data) agree with one another.
 */
import { HALF_HOUR_MS } from "../../core/periods.js";
import { type FillOptions, INTERPOLATED, RESET, type RegisterSeries } from "../estate/series.js";
import { SlotBuffer } from "../estate/slot-buffer.js";
import type { EstateStore } from "../estate/store.js";

/** The slots `[from, until)` whose readings are still provisional. */
export interface ProvisionalWindow {
  from: number;
  until: number;
}

/**
 * The half hours that start in the last `hours` before `now`, as slots of the data; none when
 * `hours` is 0 or the data has no such half hour.
 */
export function provisionalWindow(
  dataStart: number,
  slots: number,
  now: number,
  hours: number,
): ProvisionalWindow | undefined {
  if (!(hours > 0)) return undefined;
  const firstAt = (t: number) =>
    Math.min(slots, Math.max(0, Math.ceil((t - dataStart) / HALF_HOUR_MS)));
  const from = firstAt(now - hours * 3_600_000);
  const until = firstAt(now);
  return from < until ? { from, until } : undefined;
}

/** The provisional window of `store`'s data at `now` (a request's clock time). */
export function provisionalAt(
  store: EstateStore,
  hours: number,
  now: number,
): ProvisionalWindow | undefined {
  return provisionalWindow(store.estate.dataStart, store.estate.slots, now, hours);
}

/**
 * Fills slot buffers as `RegisterSeries.fill` does, with the provisional window shown as
 * estimates: one instance per series and fill options (it keeps the window's estimate).
 *
 * - Cumulative registers, with `interpolated`: within each run of shown half hours that no reset
 *   breaks, the total climbs linearly from the run's first real total to the total after its last
 *   half hour, so the totals stay monotone, meet the real ones at both ends, and each period value
 *   is the difference of the totals either side. Status 1 (with 2 kept on a reset).
 * - Without `interpolated`, and for instantaneous registers (which DCS does not interpolate):
 *   the half hours are missing, as gaps are.
 */
export class ProvisionalFill {
  readonly #series: RegisterSeries;
  readonly #options: FillOptions;
  readonly #window: ProvisionalWindow | undefined;
  #estimate: SlotBuffer | undefined;

  constructor(series: RegisterSeries, options: FillOptions, window: ProvisionalWindow | undefined) {
    this.#series = series;
    this.#options = options;
    this.#window = window;
  }

  fill(from: number, count: number, buf: SlotBuffer): void {
    this.#series.fill(from, count, this.#options, buf);
    const w = this.#window;
    if (!w || w.until <= from || w.from >= from + count) return;
    const missing = this.#series.instantaneous || !this.#options.interpolated;
    const estimate = missing ? undefined : this.#estimated(w);
    const lo = Math.max(from, w.from);
    const hi = Math.min(from + count, w.until);
    for (let i = lo; i < hi; i++) {
      const k = i - from;
      if (!estimate) {
        buf.present[k] = 0;
        continue;
      }
      const e = i - w.from;
      buf.present[k] = estimate.present[e] as number;
      buf.status[k] = estimate.status[e] as number;
      buf.total[k] = estimate.total[e] as number;
      buf.period[k] = estimate.period[e] as number;
      buf.periodTicks[k] = estimate.periodTicks[e] as number;
    }
  }

  /** The window's readings as estimates, computed once. */
  #estimated(w: ProvisionalWindow): SlotBuffer {
    if (this.#estimate) return this.#estimate;
    const n = w.until - w.from;
    const buf = new SlotBuffer(n);
    this.#series.fill(w.from, n, this.#options, buf);
    const tpu = this.#series.ticksPerUnit;
    for (let a = 0; a < n; ) {
      if (buf.present[a] !== 1) {
        a++;
        continue;
      }
      let b = a + 1;
      while (b < n && buf.present[b] === 1 && ((buf.status[b] as number) & RESET) === 0) b++;
      // The run [a, b): from its first total to the total after its last half hour.
      const first = buf.total[a] as number;
      const after = (buf.total[b - 1] as number) + (buf.period[b - 1] as number);
      const step = (after - first) / (b - a);
      for (let k = a; k < b; k++) {
        const total = k === a ? first : first + step * (k - a);
        const next = k === b - 1 ? after : first + step * (k + 1 - a);
        buf.total[k] = total;
        buf.period[k] = next - total;
        buf.periodTicks[k] = (next - total) * tpu;
        buf.status[k] = ((buf.status[k] as number) & RESET) | INTERPOLATED;
      }
      a = b;
    }
    this.#estimate = buf;
    return buf;
  }
}
