/**
 * The arrays a register's readings are computed into (series.ts) and read from (readings/),
 * reused from one run of slots to the next so that long ranges allocate nothing per reading.
 */

/** Reusable arrays holding the readings of a run of slots. */
export class SlotBuffer {
  from = 0;
  count = 0;
  present: Uint8Array;
  status: Uint8Array;
  /** The shown total (cumulative) or the value (instantaneous). */
  total: Float64Array;
  /** Consumption in the slot as shown (0 for instantaneous). */
  period: Float64Array;
  /** The same in ticks, for exact sums over longer periods. */
  periodTicks: Float64Array;
  // Scratch space for the lookahead slot.
  ticks: Float64Array;
  consumption: Float64Array;
  resetAt: Uint8Array;

  constructor(readonly capacity: number) {
    this.present = new Uint8Array(capacity);
    this.status = new Uint8Array(capacity);
    this.total = new Float64Array(capacity);
    this.period = new Float64Array(capacity);
    this.periodTicks = new Float64Array(capacity);
    this.ticks = new Float64Array(capacity + 1);
    this.consumption = new Float64Array(capacity + 1);
    this.resetAt = new Uint8Array(capacity + 1);
  }

  /** True when slots [from, to) are all in the buffer. */
  covers(from: number, to: number): boolean {
    return from >= this.from && to <= this.from + this.count;
  }
}
