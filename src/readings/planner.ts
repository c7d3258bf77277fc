/**
 * The chunk planner for long ranges, shared by `DcsWebApi.largeReadings` and
 * `DcsSession.getMegaReadings`: windows that follow the period grid (calendar months for
 * months, Mondays for weeks), each no longer than the allowed span, chained so that their
 * readings run on without a gap or a duplicate.
 *
 * Windows meet without overlapping: both API generations document the end as exclusive (and
 * pythondcs joins its windows as they come). So the chain drops nothing at a join; each
 * window's readings are checked to lie in it and to go forward from the previous window's
 * (see `ReadingsSpan` in span.ts), and a server that repeats a reading at a join is an error, not a
 * duplicate silently removed.
 */
import { DcsArgumentError, DcsBadRequestError } from "../core/errors.js";
import { addPeriods, DAY_MS, type PeriodType, periodsBetween } from "../core/periods.js";
import type { BatchSource } from "./readings.js";

/**
 * End of the window that starts at `start`: as many whole periods as fit in `maxSpanMs`
 * (at least one), never past `end`.
 */
export function nextWindowEnd(
  start: number,
  end: number,
  period: PeriodType,
  maxSpanMs: number,
): number {
  const limit = start + maxSpanMs;
  let periods = Math.max(1, periodsBetween(start, Math.min(limit, end), period));
  let windowEnd = addPeriods(start, period, periods);
  // Months differ in length: step back while the span overshoots the limit.
  while (periods > 1 && windowEnd > limit) windowEnd = addPeriods(start, period, --periods);
  return Math.min(windowEnd, end);
}

/** All windows of a range at once (for planning displays and tests). */
export function planWindows(
  start: number,
  end: number,
  period: PeriodType,
  maxSpanMs: number,
): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  for (let s = start; s < end; ) {
    const e = nextWindowEnd(s, end, period, maxSpanMs);
    windows.push({ start: s, end: e });
    s = e;
  }
  return windows;
}

/** Checks a `maxWindowDays` option and returns it in ms. */
export function maxWindowMs(days: number): number {
  if (!(typeof days === "number" && days > 0 && Number.isFinite(days))) {
    throw new DcsArgumentError(`maxWindowDays must be a positive number of days, got ${days}`);
  }
  return days * DAY_MS;
}

/** True for the 400 a server gives when a range is longer than it allows. */
export function isRangeTooLong(error: unknown): boolean {
  return (
    error instanceof DcsBadRequestError &&
    /exceed|too (long|large|big)|maximum|max(imum)? (range|days)|range limit|limit of/i.test(
      error.details ?? "",
    )
  );
}

/**
 * The longest window a client has found its server to accept. One per client, shared by all
 * its chains: the rate limit is the server's, shared by every user, so a job of many sources
 * pays the "range too long" refusals once, not once per source.
 */
export class RangeLimit {
  #spanMs = Number.POSITIVE_INFINITY;

  /** The span to plan with when a call allows `maxSpanMs`. */
  span(maxSpanMs: number): number {
    return Math.min(maxSpanMs, this.#spanMs);
  }

  /** Remembers a span to try after the server refused a longer one. */
  shrink(spanMs: number): void {
    this.#spanMs = Math.min(this.#spanMs, spanMs);
  }
}

/** One window's request, opened: readings ready to stream. */
export interface OpenedWindow<R> {
  source: BatchSource<R>;
}

export interface WindowChainOptions<R> {
  start: number;
  end: number;
  period: PeriodType;
  maxSpanMs: number;
  /** The client's learned range limit: read for every window, shrunk on refusals. */
  rangeLimit: RangeLimit;
  /** Sends the request for one window; resolves when its readings can be streamed. */
  open: (start: number, end: number, signal: AbortSignal) => Promise<OpenedWindow<R>>;
  /** The caller's signal: aborting it stops the chain. */
  signal?: AbortSignal;
}

/**
 * Fetches windows in order and presents their readings as one sequence. While one window
 * streams, the next is already requested (prefetch 1); the transport's queue decides whether
 * it may actually be in flight. A window the server finds too long is halved, and the
 * learned size is kept in the client's {@link RangeLimit}.
 */
export class WindowChain<R> implements BatchSource<R> {
  #current: BatchSource<R> | undefined;
  #next: { start: number; end: number; opened: Promise<OpenedWindow<R>> } | undefined;
  #nextStart: number;
  readonly #controller = new AbortController();
  readonly #options: WindowChainOptions<R>;
  readonly #forwardAbort = () => this.#controller.abort(this.#options.signal?.reason);

  private constructor(options: WindowChainOptions<R>) {
    this.#options = options;
    this.#nextStart = options.start;
    const signal = options.signal;
    if (signal?.aborted) this.#controller.abort(signal.reason);
    signal?.addEventListener("abort", this.#forwardAbort, { once: true });
  }

  /** Opens the first window (so that errors surface at once) and returns the chain. */
  static async open<R>(options: WindowChainOptions<R>): Promise<WindowChain<R>> {
    const chain = new WindowChain(options);
    try {
      chain.#current = (await chain.#openNext()).source;
    } catch (error) {
      chain.#forget();
      throw error;
    }
    return chain;
  }

  park(): void {
    this.#current?.park();
  }

  async next(): Promise<R[] | undefined> {
    for (;;) {
      if (!this.#current) {
        this.#forget();
        return undefined;
      }
      // Asked first, so that a parked window takes its slot back before the prefetch queues.
      const reading = this.#current.next();
      this.#prefetch();
      const batch = await reading;
      if (batch !== undefined) return batch;
      this.#current =
        this.#next || this.#nextStart < this.#options.end
          ? (await this.#openNext()).source
          : undefined;
    }
  }

  async cancel(reason?: unknown): Promise<void> {
    this.#forget();
    this.#controller.abort(reason);
    const pending = this.#next;
    this.#next = undefined;
    await Promise.all([
      this.#current?.cancel(reason),
      pending?.opened.then((w) => w.source.cancel(reason)).catch(() => {}),
    ]);
    this.#current = undefined;
  }

  /** A shared signal outlives many calls: each leaves no listener on it once it ends. */
  #forget(): void {
    this.#options.signal?.removeEventListener("abort", this.#forwardAbort);
  }

  #prefetch(): void {
    if (this.#next || this.#nextStart >= this.#options.end) return;
    this.#next = this.#request(this.#nextStart);
    this.#nextStart = this.#next.end;
    this.#next.opened.catch(() => {}); // handled when awaited in #openNext
  }

  #request(start: number): { start: number; end: number; opened: Promise<OpenedWindow<R>> } {
    const { end, period, open, rangeLimit, maxSpanMs } = this.#options;
    const windowEnd = nextWindowEnd(start, end, period, rangeLimit.span(maxSpanMs));
    return { start, end: windowEnd, opened: open(start, windowEnd, this.#controller.signal) };
  }

  /** Opens the prefetched window (or requests one), halving it while the server says too long. */
  async #openNext(): Promise<OpenedWindow<R>> {
    let pending = this.#next ?? this.#request(this.#nextStart);
    this.#next = undefined;
    for (;;) {
      try {
        const opened = await pending.opened;
        if (this.#nextStart < pending.end) this.#nextStart = pending.end;
        return opened;
      } catch (error) {
        const span = pending.end - pending.start;
        const onePeriod = addPeriods(pending.start, this.#options.period, 1) - pending.start;
        if (!isRangeTooLong(error) || span <= onePeriod) throw error;
        this.#options.rangeLimit.shrink(Math.max(onePeriod, Math.floor(span / 2)));
        pending = this.#request(pending.start);
        this.#nextStart = pending.end;
      }
    }
  }
}
