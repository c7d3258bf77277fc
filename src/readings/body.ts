/**
 * Readings straight from a response body: bytes → text → {@link ReadingsScanner} → batches of
 * elements → codec. The header members before the array are known when {@link open} resolves;
 * members after it arrive with the end of the body.
 */
import { DcsAbortError, DcsError, type DcsErrorInit, DcsProtocolError } from "../core/errors.js";
import { toIssues, validationError } from "../schemas/validate.js";
import { type BodyReader, utf8Decoder } from "../transport/body.js";
import type { ReadingCodec } from "./codecs.js";
import type { BatchSource } from "./readings.js";
import { type ArrayLocation, ReadingsScanner, readingPath } from "./scanner.js";

/** The most readings handed out between two checks for an abort. */
const MAX_BATCH = 4096;

/**
 * A source dropped before its body ended (readings neither read to the end nor cancelled, e.g.
 * results a failed `Promise.all` never handed out) gives its slot and socket back once
 * collected. The body reader does not refer back to its source, so it can be held here.
 */
const abandoned = new FinalizationRegistry<BodyReader>((body) => {
  void body.cancel().catch(() => {});
});

export interface ReadingsBodyOptions<R> {
  /** The response body, from `takeBody`. */
  body: BodyReader;
  location: ArrayLocation;
  codec: ReadingCodec<R>;
  /** Request facts for error messages. */
  context: { method: string; url: string };
  /** The caller's signal: once aborted, no more readings are handed out, buffered or not. */
  signal?: AbortSignal | undefined;
  /** Called once with every header member when the body has ended; may throw. */
  onEnd?: (members: ReadonlyMap<string, unknown>) => void;
}

export class ReadingsBodySource<R> implements BatchSource<R> {
  readonly #reader: BodyReader;
  readonly #scanner: ReadingsScanner;
  readonly #decode: (chunk?: Uint8Array) => string;
  readonly #codec: ReadingCodec<R>;
  readonly #context: DcsErrorInit;
  readonly #location: ArrayLocation;
  readonly #onEnd: ReadingsBodyOptions<R>["onEnd"];
  readonly #signal: AbortSignal | undefined;
  #raw: unknown[][] = [];
  #elements = 0; // elements decoded so far, for error paths
  #ended = false;

  constructor(options: ReadingsBodyOptions<R>) {
    this.#reader = options.body;
    this.#location = options.location;
    this.#scanner = new ReadingsScanner(options.location);
    this.#codec = options.codec;
    this.#context = { method: options.context.method, url: options.context.url };
    this.#decode = utf8Decoder(this.#context);
    this.#onEnd = options.onEnd;
    this.#signal = options.signal;
    abandoned.register(this, this.#reader, this);
  }

  /** Header members, in document order, seen so far. */
  get members(): ReadonlyMap<string, unknown> {
    return new Map(this.#scanner.members);
  }

  /** How many header members have been seen, duplicates included. */
  get memberCount(): number {
    return this.#scanner.members.length;
  }

  /** True if the document had its readings array (false only once it ended without one). */
  get hasArray(): boolean {
    return this.#scanner.arrayStarted;
  }

  /** Reads until the readings array begins or the body ends. */
  async open(): Promise<void> {
    while (!this.#scanner.arrayStarted && !this.#ended) await this.#read();
  }

  park(): void {
    this.#reader.park();
  }

  async next(): Promise<R[] | undefined> {
    this.#reader.unpark();
    for (;;) {
      const stop = this.#stopReason();
      if (stop !== undefined) {
        await this.cancel(stop);
        throw stop;
      }
      const raw = this.#raw.shift();
      if (raw !== undefined) {
        if (raw.length > 0) return this.#decodeBatch(raw);
        continue;
      }
      if (this.#ended) return undefined;
      await this.#read();
    }
  }

  /**
   * The error once the request was aborted or timed out: it stops the readings now, not after
   * the batches already buffered.
   */
  #stopReason(): DcsError | undefined {
    return (
      this.#reader.stopped ??
      (this.#signal?.aborted
        ? new DcsAbortError(`${this.#context.method} ${this.#context.url} was aborted`, {
            ...this.#context,
            cause: this.#signal.reason,
          })
        : undefined)
    );
  }

  async cancel(reason?: unknown): Promise<void> {
    this.#ended = true;
    this.#raw = [];
    abandoned.unregister(this);
    await this.#reader.cancel(reason).catch(() => {});
  }

  async #read(): Promise<void> {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await this.#reader.read();
    } catch (error) {
      this.#ended = true;
      throw error instanceof DcsError
        ? error
        : new DcsProtocolError(`Reading the readings body failed: ${String(error)}`, {
            ...this.#context,
            cause: error,
          });
    }
    this.#guard(() => {
      if (chunk.done) {
        this.#ended = true;
        abandoned.unregister(this);
        this.#scanner.push(this.#decode());
        this.#scanner.end();
      } else {
        this.#scanner.push(this.#decode(chunk.value));
      }
    });
    for (const batch of this.#scanner.takeBatches()) {
      // A big network chunk (browsers hand out megabytes) is split, so an abort is seen
      // within MAX_BATCH readings rather than after the whole chunk.
      if (batch.length <= MAX_BATCH) this.#raw.push(batch);
      else
        for (let i = 0; i < batch.length; i += MAX_BATCH)
          this.#raw.push(batch.slice(i, i + MAX_BATCH));
    }
    if (this.#ended) this.#onEnd?.(this.members);
  }

  /** Decodes a batch in place, or throws a validation error naming the reading and field. */
  #decodeBatch(batch: unknown[]): R[] {
    const decode = this.#codec.decode;
    for (let i = 0; i < batch.length; i++) {
      if (decode(batch[i]) === undefined) this.#refuse(batch[i], this.#elements + i);
    }
    this.#elements += batch.length;
    return batch as R[];
  }

  #refuse(element: unknown, index: number): never {
    const basePath = readingPath(this.#location, index);
    const result = this.#codec.schema.safeParse(element);
    const issues = result.success
      ? [{ path: basePath, message: "does not fit the reading schema" }]
      : toIssues(result.error, element, basePath);
    throw validationError("reading", issues, this.#context);
  }

  /** Scanner errors know the position but not the request: add it. */
  #guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.#ended = true;
      void this.#reader.cancel().catch(() => {});
      if (error instanceof DcsProtocolError && error.url === undefined) {
        throw new DcsProtocolError(
          `${error.message} (${this.#context.method} ${this.#context.url})`,
          {
            ...this.#context,
            cause: error.cause,
          },
        );
      }
      throw error;
    }
  }
}
