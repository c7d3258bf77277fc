/**
 * Hooks: the one way to add to what the transport does for every request attempt (headers,
 * tracing, metrics), without wrapping `fetch`. The `logger` option is one of them.
 */
import type { DcsError } from "../core/errors.js";
import { pathAndQuery } from "./errors-from-response.js";

/** One attempt of a request, as a `beforeRequest` hook sees it, about to be sent. */
export interface RequestAttempt {
  /**
   * The method, URL and headers the attempt sends; change `request.headers` to add to them.
   * It never holds the body (a sign-in's holds the password), nor the session cookie, which
   * the transport adds after the hooks, for the client's own origin only; the transport's own
   * `cookie` header replaces any a hook sets. Its `signal` aborts when the attempt is aborted
   * or times out.
   * The same object is handed to the `afterResponse` hooks of the attempt.
   */
  readonly request: Request;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
}

/**
 * An attempt once it is over, as an `afterResponse` hook sees it. Not the Response itself: its
 * body is the caller's, and its `Set-Cookie` may hold the session cookie.
 */
export interface AttemptOutcome extends RequestAttempt {
  /**
   * The response's status, or undefined when none came: a network failure, a timeout before
   * the headers, an abort.
   */
  readonly status: number | undefined;
  /** The response's headers, but `Set-Cookie`; undefined when no response came. */
  readonly headers: Headers | undefined;
  /** From the start of the attempt to its end (for a 2xx: until its body ended), in ms. */
  readonly ms: number;
  /** Body bytes received (after decompression), when the body was read. */
  readonly bytes: number | undefined;
  /** Why the attempt failed; a retried attempt has one too. */
  readonly error: DcsError | undefined;
}

/**
 * Runs before each attempt is sent. It may change `request.headers` and may be async (e.g. to
 * fetch a token); the attempt waits for it within its headers timeout (see `request.signal`).
 * What it throws fails the call, and nothing is sent.
 */
export type BeforeRequestHook = (attempt: RequestAttempt) => void | Promise<void>;

/**
 * Runs once each attempt is over: failed, or answered and its body read to the end, cancelled
 * or broken. An observer: what it throws never changes the call's outcome, and is thrown again
 * on its own, outside the call (an uncaught exception, as Node's diagnostics_channel does for
 * its subscribers), so that a bug in it is not silent.
 */
export type AfterResponseHook = (outcome: AttemptOutcome) => void;

/** The hooks of a client, each list run in its order. */
export interface TransportHooks {
  beforeRequest?: readonly BeforeRequestHook[];
  afterResponse?: readonly AfterResponseHook[];
}

/** One line per attempt, for the optional logger. Never holds a secret. */
export interface RequestLogEntry {
  method: string;
  /** Path and query of the request. */
  path: string;
  status: number | undefined;
  ms: number;
  /** Body bytes received (after decompression), when the body was read. */
  bytes: number | undefined;
  attempt: number;
  /** Error class name, when the attempt failed. */
  error: string | undefined;
}

/**
 * Receives one line per request attempt, e.g. `GET /DCSWebApi/meters 200 12ms 5120B`, and the
 * same facts as fields. Never given a password or a cookie.
 */
export type DcsLogger = (line: string, entry: RequestLogEntry) => void;

/** The logger as an `afterResponse` hook. */
export function logTo(logger: DcsLogger): AfterResponseHook {
  return ({ request, attempt, status, ms, bytes, error }) => {
    const entry: RequestLogEntry = {
      method: request.method,
      path: pathAndQuery(request.url),
      status,
      ms: Math.round(ms),
      bytes,
      attempt,
      error: error?.name,
    };
    const parts = [entry.method, entry.path, String(status ?? "---"), `${entry.ms}ms`];
    if (bytes !== undefined) parts.push(`${bytes}B`);
    if (attempt > 1) parts.push(`attempt ${attempt}`);
    if (entry.error) parts.push(entry.error);
    logger(parts.join(" "), entry);
  };
}

/** A client's hooks, the logger's last, and how they are run. */
export class Hooks {
  readonly #before: readonly BeforeRequestHook[];
  readonly #after: readonly AfterResponseHook[];

  constructor(hooks: TransportHooks | undefined, logger: DcsLogger | undefined) {
    this.#before = hooks?.beforeRequest ?? [];
    this.#after = [...(hooks?.afterResponse ?? []), ...(logger ? [logTo(logger)] : [])];
  }

  /** Whether any hook wants to see the attempts (else none is shown to them). */
  get any(): boolean {
    return this.#before.length > 0 || this.#after.length > 0;
  }

  /** Runs the `beforeRequest` hooks in turn; rejects with `signal`'s reason once it aborts. */
  async beforeRequest(attempt: RequestAttempt, signal: AbortSignal): Promise<void> {
    for (const hook of this.#before) {
      const pending = hook(attempt);
      if (pending) await untilAborted(pending, signal);
    }
  }

  afterResponse(outcome: AttemptOutcome): void {
    for (const hook of this.#after) {
      try {
        hook(outcome);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** `promise`, or the signal's reason if it aborts first: a hook that never settles ends too. */
function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Response headers as hooks may see them: without `Set-Cookie`. */
export function shownHeaders(headers: Headers): Headers {
  const shown = new Headers(headers);
  shown.delete("set-cookie");
  return shown;
}
