/**
 * Where a meter's data is missing, and quiet slots away from the gaps for the resets and
 * calibrations of its registers. Slots are half hours from the start of the data.
 */
import type { Rng } from "./random.js";
import type { GapSpec } from "./series.js";

const SLOTS_PER_YEAR = 17532;

/** Gaps of a meter: many short ones, some hours long, a few days long, plus missing ends. */
export function planGaps(rng: Rng, slots: number, status: string, full: boolean): GapSpec[] {
  const gaps: GapSpec[] = [];
  let lo = 0;
  let hi = slots;
  if (slots < 48 * 120) return gaps; // a data range of days or weeks: keep it whole
  if (!full && status === "unknown") {
    // Installed late.
    lo = rng.int(Math.floor(slots * 0.1), Math.floor(slots * 0.6));
    lo -= lo % 48;
    gaps.push({ start: 0, end: lo });
  }
  if (!full && (status === "offline" || status === "disabled")) {
    // Stopped early, recently (offline) or long ago (disabled).
    hi =
      status === "offline"
        ? slots - rng.int(48 * 3, 48 * 30)
        : rng.int(Math.floor(slots * 0.4), Math.floor(slots * 0.85));
    gaps.push({ start: hi, end: slots });
  }
  const years = slots / SLOTS_PER_YEAR;
  const wanted: number[] = [];
  for (let n = Math.round(years * rng.range(1, 3)); n > 0; n--) wanted.push(rng.int(1, 6));
  for (let n = Math.round(years * rng.range(0.2, 0.8)); n > 0; n--) wanted.push(rng.int(7, 24));
  if (rng.chance(0.35)) for (let n = rng.int(1, 2); n > 0; n--) wanted.push(rng.int(96, 240));
  for (const length of wanted) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (hi - lo < length + 100) break;
      const start = rng.int(lo + 48, hi - length - 48);
      const end = start + length;
      if (gaps.every((g) => end + 8 < g.start || start > g.end + 8)) {
        gaps.push({ start, end });
        break;
      }
    }
  }
  return gaps.sort((a, b) => a.start - b.start);
}

/** A slot for a reset or a calibration start, away from gaps, the ends and `taken`. */
export function quietSlot(
  rng: Rng,
  slots: number,
  gaps: readonly GapSpec[],
  taken: readonly number[],
): number | undefined {
  if (slots < 48 * 8) return undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const slot = rng.int(96, slots - 96);
    const clearOfGaps = gaps.every((g) => slot < g.start - 4 || slot > g.end + 4);
    const clearOfOthers = taken.every((t) => Math.abs(t - slot) > Math.min(48 * 30, slots / 8));
    if (clearOfGaps && clearOfOthers) return slot;
  }
  return undefined;
}
