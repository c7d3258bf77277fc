/**
 * Which spans of a source to fetch in a run, and in which windows: pure, so the rules are
 * tested apart from any server or database.
 *
 * A source's coverage `[from, until)` is the span known complete. A run that asks for
 * `[start, end)` fetches what lies before the coverage (newest window first, so each written
 * window meets the coverage and widens it), and from `until - lookback` to the end, so late
 * and revised readings of the last days replace what was stored.
 */
import { addPeriods, DAY_MS, floorToPeriod, type PeriodType } from "../core/periods.js";
import type { Span } from "./store.js";

/** A span of one source to fetch, and the order of its windows. */
export interface PlannedSpan {
  span: Span;
  /** "backward": its windows are fetched newest first. */
  direction: "forward" | "backward";
}

/** What {@link planSpans} plans from. */
export interface PlanOptions {
  requested: Span;
  coverage: Span | undefined;
  period: PeriodType;
  lookbackDays: number;
}

/** The spans to fetch of one source in a run (see the top of this module for the rule). */
export function planSpans({
  requested,
  coverage,
  period,
  lookbackDays,
}: PlanOptions): PlannedSpan[] {
  const { from: start, until: end } = requested;
  if (start >= end) return [];
  if (!coverage || coverage.until < start || coverage.from > end) {
    return [{ span: requested, direction: "forward" }];
  }
  const spans: PlannedSpan[] = [];
  if (start < coverage.from) {
    spans.push({ span: { from: start, until: coverage.from }, direction: "backward" });
  }
  const again = Math.max(start, floorToPeriod(coverage.until - lookbackDays * DAY_MS, period));
  if (again < end) spans.push({ span: { from: again, until: end }, direction: "forward" });
  return spans;
}

/**
 * The windows of a span, each at most `windowDays` long and on the period's grid, in the
 * order they are fetched.
 */
export function windowsOf(planned: PlannedSpan, period: PeriodType, windowDays: number): Span[] {
  const { from, until } = planned.span;
  const windows: Span[] = [];
  for (let t = from; t < until; ) {
    let next = floorToPeriod(t + windowDays * DAY_MS, period);
    if (next <= t) next = addPeriods(t, period, 1);
    next = Math.min(next, until);
    windows.push({ from: t, until: next });
    t = next;
  }
  return planned.direction === "backward" ? windows.reverse() : windows;
}
