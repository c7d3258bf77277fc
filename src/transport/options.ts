/**
 * The options every client takes for its connection, and the settings they come to.
 */
import { DcsArgumentError } from "../core/errors.js";
import { DEFAULT_MAX_BODY_BYTES } from "./body.js";
import { type DcsLogger, Hooks, type TransportHooks } from "./hooks.js";
import { type RetryOptions, type RetryPolicy, retryPolicy } from "./retry.js";

/**
 * Connection options shared by {@link DcsWebApi} and {@link DcsSession}: fetch, timeouts,
 * concurrency, retries, hooks and logging.
 */
export interface TransportOptions {
  /**
   * The fetch to use, e.g. a simulator's in-process handler. By default the platform's
   * `fetch`; in Node, a lighter one on node:http (pass `(request) => fetch(request)` for
   * Node's own). It is asked for one hop at a time (`redirect: "manual"`): the client follows
   * redirects itself, by one rule for every fetch.
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Longest wait for the server while the caller waits for it, in ms (default 120 000): for
   * the response headers (see `headersTimeoutMs`), then for each next piece of the body. An
   * idle limit: the caller's own time between reads never counts, so a consumer that pauses
   * is never cut off, while a server that stalls ends the call with {@link DcsTimeoutError}.
   * To bound a whole call, pass a `signal` such as `AbortSignal.timeout(ms)`.
   */
  timeoutMs?: number;
  /** Longest wait for the response headers, in ms (default 30 000; `timeoutMs` if shorter). */
  headersTimeoutMs?: number;
  /**
   * Requests in flight at once from this client (default 1, like pythondcs's lock), queued
   * first in, first out, each from sending until its body is read or cancelled. A readings
   * result you have not started to read does not block the client's other calls: once the
   * current task is over, its slot serves the next waiting call, so `Promise.all` over a few
   * `readings()` works. At most 4 requests (or `maxConcurrent`, if higher) are open at once; a
   * call that could then only wait for unread results fails at once with
   * {@link DcsConcurrencyError}.
   */
  maxConcurrent?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /**
   * Functions run for every request attempt (a retry is an attempt of its own): to add
   * headers, trace or measure requests. A hook never sees a request's body nor the session
   * cookie. See {@link TransportHooks}.
   */
  hooks?: TransportHooks;
  /** Gets one line per request attempt (run as the last `afterResponse` hook). */
  logger?: DcsLogger;
  /** Allow sending credentials over plain http to a non-loopback host (default false). */
  allowInsecureHttp?: boolean;
  /**
   * The most bytes read of a JSON response such as the meter list or a sign-in, counted after
   * decompression as they arrive; a larger body fails with `DcsProtocolError`. Readings stream
   * and are not limited. Default 64 MiB: a meter is about 1.7 kB of JSON with ten registers,
   * so the meter list of the largest estates (10,000 meters, about 17 MB) fits three times
   * over, while a gzip bomb (a few kB that inflate to gigabytes) stops at the limit.
   */
  maxBodyBytes?: number;
}

/** The options as the transport uses them: every default filled in, every value checked. */
export interface TransportSettings {
  /** A custom fetch (it takes a Request), or undefined for the platform's own. */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly timeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly maxConcurrent: number;
  readonly retry: RetryPolicy;
  readonly hooks: Hooks;
  readonly allowInsecureHttp: boolean;
  readonly maxBodyBytes: number;
}

/** @throws {@link DcsArgumentError} for a value out of range. */
export function settingsOf(options: TransportOptions): TransportSettings {
  const maxConcurrent = options.maxConcurrent ?? 1;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new DcsArgumentError(`maxConcurrent must be a whole number >= 1, got ${maxConcurrent}`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new DcsArgumentError(`maxBodyBytes must be a whole number >= 1, got ${maxBodyBytes}`);
  }
  return {
    fetch: options.fetch,
    timeoutMs: positiveMs(options.timeoutMs ?? 120_000, "timeoutMs"),
    headersTimeoutMs: positiveMs(options.headersTimeoutMs ?? 30_000, "headersTimeoutMs"),
    maxConcurrent,
    retry: retryPolicy(options.retry),
    hooks: new Hooks(options.hooks, options.logger),
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    maxBodyBytes,
  };
}

function positiveMs(value: number, name: string): number {
  if (!(value > 0))
    throw new DcsArgumentError(`${name} must be a positive number of ms, got ${value}`);
  return value;
}
