/**
 * `Readings<R>`: a one-shot sequence of readings that arrive in batches. Iterate it with
 * `for await`, buffer it with `toArray()`, or pipe it as a `ReadableStream`. Whatever the view,
 * the data is read from the network as it is consumed, and stopping early releases the
 * connection.
 */
import { DcsArgumentError } from "../core/errors.js";

/** Where batches come from: one response body, or several chained windows. */
export interface BatchSource<R> {
  /** The next batch (never empty), or `undefined` at the end. Throws typed errors. */
  next(): Promise<R[] | undefined>;
  /** Stops early and frees the connection. */
  cancel(reason?: unknown): Promise<void>;
  /**
   * Nobody has asked for a batch yet: until the first `next()`, the source's request does not
   * hold the client's slot against its other calls.
   */
  park(): void;
}

/**
 * The readings of a result. An `AsyncIterable` you can consume once, in one of three ways:
 * `for await (const r of readings)`, `await readings.toArray()`, or `readings.toStream()`.
 */
export class Readings<R> implements AsyncIterable<R>, AsyncIterator<R> {
  #batch: R[] = [];
  #index = 0;
  #count = 0;
  #done = false;
  #claimed: string | undefined;
  readonly #source: BatchSource<R>;

  /**
   * Made by the clients around a response body; you get one as `result.readings`. Until you
   * start to read it, its request lends its slot to the client's other calls (see
   * `maxConcurrent`).
   * @param source - Where the batches come from.
   */
  constructor(source: BatchSource<R>) {
    this.#source = source;
    source.park();
  }

  /** Readings handed out so far. */
  get count(): number {
    return this.#count;
  }

  /** Starts `for await`; throws {@link DcsArgumentError} if these readings are already consumed. */
  [Symbol.asyncIterator](): AsyncIterator<R> {
    this.#claim("for await");
    return this;
  }

  /**
   * The next reading, reading more of the body when needed. Throws the typed error of a failed,
   * cut or invalid body ({@link DcsProtocolError}, {@link DcsValidationError}, ...).
   */
  async next(): Promise<IteratorResult<R>> {
    if (this.#index < this.#batch.length || (await this.#refill())) {
      this.#count++;
      return { value: this.#batch[this.#index++] as R, done: false };
    }
    return { value: undefined, done: true };
  }

  /** Called by `break` or `return` inside `for await`: stops the download. */
  async return(): Promise<IteratorResult<R>> {
    await this.cancel();
    return { value: undefined, done: true };
  }

  /** Reads everything into one array. */
  async toArray(): Promise<R[]> {
    this.#claim("toArray()");
    const out: R[] = this.#batch.slice(this.#index);
    this.#index = this.#batch.length;
    while (await this.#refill()) {
      for (const reading of this.#batch) out.push(reading);
      this.#index = this.#batch.length;
    }
    this.#count += out.length;
    return out;
  }

  /**
   * The readings in the batches they arrive in (arrays, never empty, in order), for bulk
   * writes: one `await` per batch, not per reading. `break` stops the download.
   */
  batches(): AsyncGenerator<R[], void, undefined> {
    this.#claim("batches()"); // now, as toStream() does, not at the first next()
    return this.#batches();
  }

  async *#batches(): AsyncGenerator<R[], void, undefined> {
    try {
      while (this.#index < this.#batch.length || (await this.#refill())) {
        const batch = this.#index === 0 ? this.#batch : this.#batch.slice(this.#index);
        this.#count += batch.length;
        this.#index = this.#batch.length;
        yield batch;
      }
    } finally {
      await this.cancel(); // after a break; a no-op once the body has ended
    }
  }

  /** A `ReadableStream` view, e.g. to pipe through a `TransformStream` into a file or a chart. */
  toStream(): ReadableStream<R> {
    this.#claim("toStream()");
    return new ReadableStream<R>({
      pull: async (controller) => {
        try {
          if (this.#index >= this.#batch.length && !(await this.#refill())) {
            controller.close();
            return;
          }
          const batch = this.#batch;
          for (let i = this.#index; i < batch.length; i++) controller.enqueue(batch[i] as R);
          this.#count += batch.length - this.#index;
          this.#index = batch.length;
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: (reason) => this.cancel(reason),
    });
  }

  /** Stops reading and frees the connection; the sequence then ends. */
  async cancel(reason?: unknown): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    this.#batch = [];
    this.#index = 0;
    await this.#source.cancel(reason);
  }

  async #refill(): Promise<boolean> {
    if (this.#done) return false;
    let batch: R[] | undefined;
    try {
      batch = await this.#source.next();
    } catch (error) {
      this.#done = true;
      await this.#source.cancel(error).catch(() => {});
      throw error;
    }
    if (batch === undefined) {
      this.#done = true;
      return false;
    }
    this.#batch = batch;
    this.#index = 0;
    return true;
  }

  #claim(how: string): void {
    if (this.#claimed !== undefined) {
      throw new DcsArgumentError(
        `These readings are already being consumed by ${this.#claimed}; a result can be read once (use toArray() to keep them)`,
      );
    }
    this.#claimed = how;
  }
}
