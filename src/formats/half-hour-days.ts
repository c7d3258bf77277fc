/**
 * DCS's "CSV (by half hour period)" layout: one row per day, one column per half hour, the
 * layout people open in spreadsheets. The vendor names it without describing its columns;
 * these are this project's:
 *
 * - in UTC, every day has the 48 columns `00:00` to `23:30`;
 * - on UK local days (GMT/BST) there are 50: after `01:30` come `01:00 (2nd)` and
 *   `01:30 (2nd)`, the hour that the autumn clock change repeats (the same wall times again,
 *   in GMT). So every cell stands under its own wall time: the spring day fills 46 cells
 *   (`01:00` and `01:30` do not exist that day), the autumn day 50, every other day 48.
 *
 * A half hour without a reading is an empty cell, and a day without any has no row.
 */
import { DAY_MS, HALF_HOUR_MS, HOUR_MS } from "../core/periods.js";
import { ukOffsetMs, utcToUkWall } from "../core/uk-time.js";
import { formatDayMonthYear } from "./dates.js";

const pad2 = (n: number) => String(n).padStart(2, "0");
const WALL_TIMES = Array.from(
  { length: 48 },
  (_, k) => `${pad2(Math.floor(k / 2))}:${k % 2 ? "30" : "00"}`,
);
/** Where the repeated hour's two columns go, on UK local days: after 01:30. */
const REPEATED_AT = 4;

/** The period columns of the layout, in UTC or on UK local days. */
export function halfHourColumns(ukLocal: boolean): string[] {
  if (!ukLocal) return [...WALL_TIMES];
  const repeated = ["01:00 (2nd)", "01:30 (2nd)"];
  return [...WALL_TIMES.slice(0, REPEATED_AT), ...repeated, ...WALL_TIMES.slice(REPEATED_AT)];
}

/** One row of the layout: its date (`dd/MM/yyyy`) and a value or null per period column. */
export interface DayRow {
  date: string;
  cells: (number | null)[];
}

/** Lays half-hourly values, given in time order, out in day rows. */
export class HalfHourDays {
  readonly #ukLocal: boolean;
  readonly #width: number;
  /** The day being filled, as wall-clock midnight (epoch ms read as UTC). */
  #day = Number.NaN;
  #cells: (number | null)[] = [];
  #last = Number.NEGATIVE_INFINITY;

  constructor(ukLocal: boolean) {
    this.#ukLocal = ukLocal;
    this.#width = halfHourColumns(ukLocal).length;
  }

  /** Adds the value of the half hour starting at `start`; returns the days it completes. */
  add(start: number, value: number): DayRow[] {
    if (start % HALF_HOUR_MS !== 0) {
      throw new Error(`${new Date(start).toISOString()} is not the start of a half hour`);
    }
    if (start <= this.#last) throw new Error("half hours must be given in time order");
    this.#last = start;
    const wall = this.#ukLocal ? utcToUkWall(start) : start;
    const day = Math.floor(wall / DAY_MS) * DAY_MS;
    let done: DayRow[] = [];
    if (day !== this.#day) {
      done = this.finish();
      this.#day = day;
      this.#cells = new Array(this.#width).fill(null);
    }
    this.#cells[this.#column(start, (wall - day) / HALF_HOUR_MS)] = value;
    return done;
  }

  /** The row of the day being filled, if any; the table is then empty again. */
  finish(): DayRow[] {
    if (Number.isNaN(this.#day)) return [];
    const row = { date: formatDayMonthYear(this.#day), cells: this.#cells };
    this.#day = Number.NaN;
    return [row];
  }

  /** The column of the half hour starting at `start`, the `slot`th of its wall-clock day. */
  #column(start: number, slot: number): number {
    if (!this.#ukLocal) return slot;
    // The second 01:00-02:00 of the autumn day: GMT now, BST an hour before.
    const repeated = ukOffsetMs(start) === 0 && ukOffsetMs(start - HOUR_MS) === HOUR_MS;
    if (repeated) return slot + 2;
    return slot < REPEATED_AT ? slot : slot + 2;
  }
}
