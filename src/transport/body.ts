/**
 * The body of a response from the transport. A 2xx request keeps its queue slot, its deadline
 * and its log line open until the body has been read to its end, has failed or was cancelled,
 * or the request was aborted or timed out.
 * Every reader of a transport response takes the body through {@link takeBody}, so that end is
 * seen in one place and no response needs a second stream wrapped around its body.
 */
import { DcsError, type DcsErrorInit, DcsProtocolError } from "../core/errors.js";

/** Default of `maxBodyBytes` (see `TransportOptions`, which says why): 64 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads a response body once: chunk by chunk, or whole as text. */
export interface BodyReader {
  /** The next chunk; a broken body rejects with a typed error. */
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /**
   * The rest of the body as UTF-8 text, read chunk by chunk up to the lease's `maxTextBytes`
   * (after decompression): a larger body, or one that is not UTF-8, is a `DcsProtocolError`.
   */
  text(): Promise<string>;
  /** Stops reading and frees the request. */
  cancel(reason?: unknown): Promise<void>;
  /**
   * The body now waits for a caller who has not started to read it: until `unpark`, its slot
   * may serve the client's other calls (see queue.ts).
   */
  park(): void;
  /** The caller has started to read. */
  unpark(): void;
  /**
   * The typed error once the request was aborted or timed out before its body ended: lets a
   * reader that buffered data ahead stop at once instead of draining its buffer.
   */
  readonly stopped: DcsError | undefined;
}

/** What the transport does when a body ends, breaks or is waited for. */
export interface LeaseHandlers {
  /** The body is done: read to the end (no error), failed, stopped or cancelled. Called once. */
  end(error: DcsError | undefined, bytes: number): void;
  /** The typed error for a failed read. */
  fail(cause: unknown): DcsError;
  /** A read is pending: the reader waits for bytes, and the transport's idle limit runs. */
  waiting(): void;
  /** The pending read has settled. */
  received(): void;
  /** See {@link BodyReader.park}. */
  park(): void;
  unpark(): void;
  /** The request, for error messages. */
  readonly request: { method?: string; url: string };
  /** The most bytes `text()` takes. */
  readonly maxTextBytes: number;
}

/** The transport's hold on a body it has handed out. */
export interface BodyLease {
  /**
   * The request was aborted or timed out: the body ends now, whether or not anyone is reading
   * it (a result nobody reads must not keep its slot), and every later read throws `error`.
   */
  stop(error: DcsError): void;
}

const leases = new WeakMap<Response, LeasedBody>();

/** Called by the transport: `response`'s body holds the request until it ends. */
export function leaseBody(response: Response, handlers: LeaseHandlers): BodyLease {
  const body = new LeasedBody(response, handlers);
  leases.set(response, body);
  return body;
}

/** The reader of a response's body; a response from elsewhere gets a plain reader. */
export function takeBody(response: Response): BodyReader {
  const body = leases.get(response);
  leases.delete(response);
  return body ?? new LeasedBody(response, plainHandlers(response));
}

/** For a response the transport did not send (a test's, a custom fetch's). */
function plainHandlers(response: Response): LeaseHandlers {
  return {
    end: () => {},
    fail: (cause) =>
      cause instanceof DcsError
        ? cause
        : new DcsProtocolError(`Reading the response body failed: ${String(cause)}`, {
            url: response.url,
            cause,
          }),
    waiting: () => {},
    received: () => {},
    park: () => {},
    unpark: () => {},
    request: { url: response.url },
    maxTextBytes: DEFAULT_MAX_BODY_BYTES,
  };
}

/**
 * A strict UTF-8 decoder for a body fed chunk by chunk (no chunk: the end). Bytes that are not
 * UTF-8 are a `DcsProtocolError`: replacing them with U+FFFD would silently change the data.
 */
export function utf8Decoder(request: DcsErrorInit): (chunk?: Uint8Array) => string {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return (chunk) => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (cause) {
      throw new DcsProtocolError(`${describe(request)}: the response body is not valid UTF-8`, {
        ...request,
        cause,
      });
    }
  };
}

/** `GET https://…`, or just the URL when the method is unknown. */
function describe({ method, url }: DcsErrorInit): string {
  return method ? `${method} ${url}` : String(url);
}

class LeasedBody implements BodyReader, BodyLease {
  readonly #response: Response;
  readonly #handlers: LeaseHandlers;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #bytes = 0;
  #ended = false;
  #stopped: DcsError | undefined;

  constructor(response: Response, handlers: LeaseHandlers) {
    this.#response = response;
    this.#handlers = handlers;
  }

  get stopped(): DcsError | undefined {
    return this.#stopped;
  }

  stop(error: DcsError): void {
    if (this.#ended) return;
    this.#stopped = error;
    this.#end(error);
    const body = this.#response.body;
    const cancelled = this.#reader ? this.#reader.cancel(error) : body?.cancel(error);
    void cancelled?.catch(() => {});
  }

  park(): void {
    if (!this.#ended) this.#handlers.park();
  }

  unpark(): void {
    if (!this.#ended) this.#handlers.unpark();
  }

  async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    if (this.#stopped) throw this.#stopped;
    if (this.#response.body === null) {
      this.#end(undefined);
      return { done: true, value: undefined };
    }
    this.#reader ??= this.#response.body.getReader();
    this.#handlers.waiting();
    try {
      const chunk = await this.#reader.read();
      if (this.#stopped) throw this.#stopped; // a stop cancels the stream: no clean end
      if (chunk.done) this.#end(undefined);
      else this.#bytes += chunk.value.byteLength;
      return chunk;
    } catch (cause) {
      throw this.#failed(cause);
    } finally {
      this.#handlers.received();
    }
  }

  /**
   * Chunk by chunk like `read()`, so the idle limit applies to each wait, not the whole body,
   * and the size is counted as it arrives, never buffered first: a small gzip body may inflate
   * without end.
   */
  async text(): Promise<string> {
    const { request, maxTextBytes } = this.#handlers;
    const decode = utf8Decoder(request);
    let text = "";
    try {
      for (let chunk = await this.read(); !chunk.done; chunk = await this.read()) {
        if (this.#bytes > maxTextBytes) {
          throw new DcsProtocolError(
            `${describe(request)}: the response body is more than maxBodyBytes (${maxTextBytes} bytes)`,
            request,
          );
        }
        text += decode(chunk.value);
      }
      return text + decode();
    } catch (error) {
      this.#end(error as DcsError); // a failed read has ended it already
      await this.#reader?.cancel(error).catch(() => {});
      throw error;
    }
  }

  async cancel(reason?: unknown): Promise<void> {
    this.#end(undefined);
    const done = this.#reader
      ? this.#reader.cancel(reason)
      : (this.#response.body?.cancel(reason) ?? Promise.resolve());
    await done.catch(() => {});
  }

  #failed(cause: unknown): DcsError {
    const error = this.#stopped ?? this.#handlers.fail(cause);
    this.#end(error);
    return error;
  }

  #end(error: DcsError | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#handlers.end(error, this.#bytes);
  }
}
