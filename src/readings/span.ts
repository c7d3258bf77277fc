/**
 * The check of a response's readings against the request, one place for both clients: every
 * reading lies in the window asked for and comes strictly after the one before it, across the
 * windows of a long range too. Anything else is a {@link DcsProtocolError} naming the reading:
 * dropping or reordering readings to make them fit would hand out a result that looks whole
 * and is not.
 */
import { DcsProtocolError, formatPath } from "../core/errors.js";
import type { BatchSource } from "./readings.js";
import { type ArrayLocation, readingPath } from "./scanner.js";

/**
 * Where the readings of one response must lie: `[start, end)` in epoch ms (infinite where the
 * request leaves a side to the server), strictly after `sequence.last`. The windows of one long
 * range share their `sequence`.
 */
export interface ReadingsSpan {
  start: number;
  end: number;
  /** The instant of the last reading handed out so far. */
  sequence: { last: number };
}

/** A sequence for a result's first (or only) window. */
export const newSequence = (): ReadingsSpan["sequence"] => ({ last: Number.NEGATIVE_INFINITY });

export interface SpanCheckOptions<R> {
  span: ReadingsSpan;
  /** The instant a reading is for (the codec's `timeOf`). */
  timeOf: (reading: R) => number;
  /** The document shape, to name a reading by its path. */
  location: ArrayLocation;
  /** The request, for the error. */
  context: { method: string; url: string };
}

/** Hands out a response's readings as they come, refusing the first one out of its span. */
export class SpanCheck<R> implements BatchSource<R> {
  readonly #source: BatchSource<R>;
  readonly #options: SpanCheckOptions<R>;
  #index = 0;

  constructor(source: BatchSource<R>, options: SpanCheckOptions<R>) {
    this.#source = source;
    this.#options = options;
  }

  async next(): Promise<R[] | undefined> {
    const batch = await this.#source.next();
    if (batch === undefined) return undefined;
    const { span, timeOf } = this.#options;
    const { start, end, sequence } = span;
    let last = sequence.last;
    for (let i = 0; i < batch.length; i++) {
      const t = timeOf(batch[i] as R);
      if (!(t >= start && t < end && t > last)) this.#refuse(t, last, this.#index + i);
      last = t;
    }
    sequence.last = last;
    this.#index += batch.length;
    return batch;
  }

  park(): void {
    this.#source.park();
  }

  cancel(reason?: unknown): Promise<void> {
    return this.#source.cancel(reason);
  }

  #refuse(t: number, last: number, index: number): never {
    const { span, location, context } = this.#options;
    const at = (instant: number) => new Date(instant).toISOString();
    const why =
      t < span.start
        ? `is before the start of the window asked for (${at(span.start)})`
        : t >= span.end
          ? `is not before the end of the window asked for (${at(span.end)})`
          : `does not come after the reading before it (${at(last)})`;
    const where = formatPath(readingPath(location, index));
    throw new DcsProtocolError(
      `${context.method} ${context.url}: the reading ${where} (${at(t)}) ${why}`,
      { method: context.method, url: context.url },
    );
  }
}
