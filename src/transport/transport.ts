/**
 * The one request pipeline both clients share. It is a `fetch`-shaped function handed to
 * openapi-fetch, so every call, whichever API generation, passes through the same policy:
 *
 *   queue slot (FIFO, `maxConcurrent`) → session cookie (same origin only) → timeouts and
 *   the caller's AbortSignal → 429 / 5xx / network retries → typed errors → a body lease
 *   (`takeBody`, in body.ts) that keeps the slot until the body is read to the end or
 *   cancelled.
 */
import {
  DcsAbortError,
  DcsArgumentError,
  DcsConcurrencyError,
  DcsError,
  DcsNetworkError,
  DcsProtocolError,
  DcsTimeoutError,
} from "../core/errors.js";
import { DEFAULT_MAX_BODY_BYTES, leaseBody } from "./body.js";
import { SessionCookie } from "./cookie.js";
import {
  displayUrl,
  errorForStatus,
  parseErrorBody,
  parseRetryAfter,
  pathAndQuery,
  readTextCapped,
} from "./errors-from-response.js";
import { currentPlatformFetch, type PlatformFetch } from "./platform.js";
import { RequestQueue, type Slot } from "./queue.js";

/** How failed requests are retried. */
export interface RetryOptions {
  /** Attempts in all for 5xx and network failures of GET requests, the first included (default 3). */
  limit?: number;
  /** Statuses retried for GET requests (default 502, 503, 504). */
  statuses?: readonly number[];
  /** First backoff delay in ms; it doubles per attempt, with jitter (default 500). */
  backoffMs?: number;
  /** How many 429 answers to wait out before giving up with `DcsRateLimitError` (default 5). */
  rateLimitRetries?: number;
  /** The longest single wait, Retry-After included; a longer request gives up at once (default 60 s). */
  maxDelayMs?: number;
}

/** The server's `X-Rate-Limit-*` headers from the latest successful call. */
export interface RateLimitInfo {
  /** The rate-limit period, e.g. `1m`. */
  limit: string | undefined;
  /** Requests left in the period. */
  remaining: number | undefined;
  /** When the period resets. */
  reset: Date | undefined;
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

/**
 * Connection options shared by {@link DcsWebApi} and {@link DcsSession}: fetch, timeouts,
 * concurrency, retries and logging.
 */
export interface TransportOptions {
  /**
   * The fetch to use, e.g. a simulator's in-process handler. By default the platform's
   * `fetch`; in Node, a lighter one on node:http (pass `(request) => fetch(request)` for
   * Node's own).
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
   * Requests in flight at once from this client (default 1, like the seed's lock), queued first
   * in, first out, each from sending until its body is read or cancelled. A readings result
   * you have not started to read does not block the client's other calls: once the current
   * task is over, its slot serves the next waiting call, so `Promise.all` over a few
   * `readings()` works. At most 4 requests (or `maxConcurrent`, if higher) are open at once; a
   * call that could then only wait for unread results fails at once with
   * {@link DcsConcurrencyError}.
   */
  maxConcurrent?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** Gets one line per request attempt. */
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

const DEFAULT_RETRY: Required<RetryOptions> = {
  limit: 3,
  statuses: [502, 503, 504],
  backoffMs: 500,
  rateLimitRetries: 5,
  maxDelayMs: 60_000,
};

const NO_RETRY: Required<RetryOptions> = { ...DEFAULT_RETRY, limit: 1, rateLimitRetries: 0 };

const BODYLESS_STATUSES = new Set([204, 205, 304]);

/** Validates a client root URL and returns it without a trailing slash. */
export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DcsArgumentError(`"${baseUrl}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DcsArgumentError(`The DCS URL must be http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new DcsArgumentError(
      "The DCS URL must not contain a user name or password; pass credentials to signIn/login",
    );
  }
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why an attempt's own controller aborted. */
type AbortCause = "caller" | "headers-timeout" | "idle-timeout";

/**
 * An attempt's time limits, linked to the caller's signal. Only waiting counts: first the wait
 * for the response headers (`headersTimeoutMs`, or `timeoutMs` if shorter), then each wait for
 * more of the body while someone reads it (`timeoutMs`). The reader's own time between reads
 * is never counted, so a consumer that pauses is not cut off, while a server that stalls is.
 * One timer serves every wait, re-armed only when it fires during a wait with time left, so a
 * read costs two clock readings rather than a timer of its own.
 */
class AttemptDeadline {
  readonly controller = new AbortController();
  cause: AbortCause | undefined;
  /**
   * The Request handed to a custom fetch, held for the whole attempt: Node's fetch links the
   * signal to a Request only weakly, so once collected it would miss the abort.
   */
  request: Request | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current wait began; undefined between waits. */
  #waitStarted: number | undefined;
  #waitMs = 0;
  #waitCause: AbortCause = "headers-timeout";
  readonly #idleMs: number;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#abort("caller", this.#callerSignal?.reason);
  /** Runs once the attempt is aborted or times out, after its fetch was told. */
  onAbort: (() => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, headersMs: number, idleMs: number) {
    this.#callerSignal = callerSignal;
    this.#idleMs = idleMs;
    if (callerSignal?.aborted) this.#abort("caller", callerSignal.reason);
    else callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
    this.#wait(Math.min(headersMs, idleMs), "headers-timeout");
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  headersArrived(): void {
    this.#waitStarted = undefined;
  }

  /** A read of the body is pending: the caller is waiting for bytes. */
  waiting(): void {
    this.#wait(this.#idleMs, "idle-timeout");
  }

  /** The pending read has settled: what follows is the caller's own time. */
  received(): void {
    this.#waitStarted = undefined;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#waitStarted = undefined;
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }

  #wait(ms: number, cause: AbortCause): void {
    this.#waitStarted = now();
    this.#waitMs = ms;
    this.#waitCause = cause;
    // A timer already armed fires no later than this wait's end (no wait is shorter than the
    // first), and then re-arms for what is left.
    this.#timer ??= setTimeout(this.#onTimer, ms);
  }

  readonly #onTimer = () => {
    this.#timer = undefined;
    if (this.#waitStarted === undefined) return;
    const left = this.#waitStarted + this.#waitMs - now();
    if (left <= 0) this.#abort(this.#waitCause);
    else this.#timer = setTimeout(this.#onTimer, left);
  };

  #abort(cause: AbortCause, reason?: unknown): void {
    if (this.cause) return;
    this.cause = cause;
    this.controller.abort(reason);
    this.onAbort?.();
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * What the pipeline needs of a request. A WHATWG `Request` fits; so does {@link PlannedRequest}.
 */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** A `Request`'s stream, or a planned request's serialized body (a string). */
  readonly body: BodyInit | null;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The request openapi-fetch builds for us (its `Request` option). A real `Request` costs an
 * AbortSignal, a header list and a body stream, all thrown away when the transport builds the
 * attempt's own `Request`; this keeps only what the transport reads, and its body stays a
 * string that each retry can send again.
 */
export class PlannedRequest implements OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** The caller's signal, if any (a shared never-aborted one would collect listeners). */
  readonly signal: AbortSignal | undefined;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? "GET").toUpperCase();
    // openapi-fetch hands over a Headers of its own: no need to copy it.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
  }
}

/**
 * The wait before retry number `retry` (1 for the first) of one kind (429s, or failures), or
 * `undefined` to give up. The server's own wait (Retry-After, backOffSuggestion) is obeyed as
 * long as it is within `maxDelayMs`; a longer one gives up at once, since shortening it would
 * only ask again too early. Without one, the backoff doubles per retry, with jitter.
 */
export function retryDelay(
  policy: Required<RetryOptions>,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined)
    return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined;
  const base = policy.backoffMs * 2 ** (retry - 1);
  return Math.min(base / 2 + random() * (base / 2), policy.maxDelayMs);
}

/** A status whose `location` the client may follow. */
export const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** Where a redirect leads, or undefined when its Location is missing or not a URL. */
export function redirectTarget(response: Response, base: string): URL | undefined {
  const location = response.headers.get("location");
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/**
 * The redirect rule, for every HTTP stack: why a `method` request answered `status` from
 * `from` is not sent on to `to`, or undefined if it is. GET and HEAD go anywhere (the session
 * cookie stays on its own origin: `SessionCookie.headerFor`). Any other request may carry a
 * password or a change in its body, so it is sent again only to its own origin (same scheme,
 * host and port: never to another server, nor from https down to http), and only by 307 or
 * 308, which keep its method and body. Fetch and browsers would send such a body anywhere.
 */
export function redirectRefusal(
  method: string,
  status: number,
  from: string,
  to: URL,
): string | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  if (to.origin !== new URL(from).origin) {
    return `a ${method} is only sent to its own origin, not to another origin (${to.origin})`;
  }
  if (status !== 307 && status !== 308) return `${status} would turn the ${method} into a GET`;
  return undefined;
}

/**
 * The shared request pipeline. Clients create one each; its {@link Transport.fetch} is what
 * openapi-fetch calls.
 */
export class Transport {
  readonly baseUrl: string;
  readonly cookie: SessionCookie;
  /** `X-Rate-Limit-*` from the latest successful response. */
  rateLimit: RateLimitInfo | undefined;
  /**
   * Browser credentials mode. Clients switch it to `"include"` while signed in, so the
   * browser sends its cookie to a DCS on another origin (which must allow it by CORS).
   */
  credentials: RequestCredentials = "same-origin";

  /** A custom fetch (it takes a Request), or undefined for the platform's own. */
  readonly #customFetch: ((request: Request) => Promise<Response>) | undefined;
  readonly #platformFetch: PlatformFetch = currentPlatformFetch();
  readonly #queue: RequestQueue;
  readonly #retry: Required<RetryOptions>;
  readonly #timeoutMs: number;
  readonly #headersTimeoutMs: number;
  readonly #logger: DcsLogger | undefined;
  readonly #allowInsecureHttp: boolean;
  readonly #maxBodyBytes: number;
  readonly #url: URL;

  constructor(baseUrl: string, cookiePrefix: string, options: TransportOptions = {}) {
    this.#url = normaliseBaseUrl(baseUrl);
    this.baseUrl = this.#url.href.replace(/\/$/, "");
    this.cookie = new SessionCookie(cookiePrefix, this.#url.origin);
    const maxConcurrent = options.maxConcurrent ?? 1;
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
      throw new DcsArgumentError(`maxConcurrent must be a whole number >= 1, got ${maxConcurrent}`);
    }
    this.#queue = new RequestQueue(maxConcurrent);
    this.#retry = options.retry === false ? NO_RETRY : { ...DEFAULT_RETRY, ...options.retry };
    this.#timeoutMs = positive(options.timeoutMs ?? 120_000, "timeoutMs");
    this.#headersTimeoutMs = positive(options.headersTimeoutMs ?? 30_000, "headersTimeoutMs");
    this.#logger = options.logger;
    this.#allowInsecureHttp = options.allowInsecureHttp ?? false;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (!Number.isSafeInteger(this.#maxBodyBytes) || this.#maxBodyBytes < 1) {
      throw new DcsArgumentError(
        `maxBodyBytes must be a whole number >= 1, got ${options.maxBodyBytes}`,
      );
    }
    this.#customFetch = options.fetch;
  }

  /** The pipeline, shaped like `fetch` for openapi-fetch. */
  readonly fetch = (request: OutgoingRequest): Promise<Response> => this.#send(request);

  /** Requests holding or waiting for a slot (for tests and progress displays). */
  get pending(): number {
    return this.#queue.pending;
  }

  /** Throws unless it is safe to send a password to this server. */
  assertCredentialsAllowed(): void {
    if (this.#url.protocol === "https:" || this.#allowInsecureHttp) return;
    if (isLoopbackHost(this.#url.hostname)) return;
    throw new DcsArgumentError(
      `Refusing to send credentials to ${this.#url.origin} over plain http; use https, or set allowInsecureHttp: true if you accept the risk`,
    );
  }

  async #send(request: OutgoingRequest): Promise<Response> {
    const slot = await this.#queue
      .acquire(request.signal, () => this.#refusedError(request))
      .catch((error: unknown) => {
        throw error instanceof DcsConcurrencyError ? error : this.#abortError(request);
      });
    try {
      return await this.#attempts(request, slot);
    } catch (error) {
      slot.release();
      throw error;
    }
  }

  /** Runs attempts until one succeeds or fails for good; the success owns `slot`. */
  async #attempts(request: OutgoingRequest, slot: Slot): Promise<Response> {
    const idempotent = request.method === "GET" || request.method === "HEAD";
    let failures = 0;
    let rateLimited = 0;
    for (let attempt = 1; ; attempt++) {
      const started = now();
      const deadline = new AttemptDeadline(request.signal, this.#headersTimeoutMs, this.#timeoutMs);
      let response: Response;
      try {
        response = await this.#fetchFollowingRedirects(request, deadline);
      } catch (cause) {
        deadline.dispose();
        const error = this.#failure(cause, deadline, request, "request");
        this.#log(request, attempt, started, undefined, undefined, error);
        failures++;
        const retryable = error instanceof DcsNetworkError && idempotent;
        const wait =
          retryable && failures < this.#retry.limit
            ? retryDelay(this.#retry, failures, undefined)
            : undefined;
        if (wait === undefined) throw error;
        await this.#wait(wait, request);
        continue;
      }
      deadline.headersArrived();

      if (response.ok && !isRedirect(response.status)) {
        this.#readRateLimit(response.headers);
        return this.#leaseBody(response, request, deadline, slot, started, attempt);
      }

      deadline.waiting(); // an error body is small: its whole read is one wait
      const text = await readTextCapped(response);
      deadline.dispose();
      const info = parseErrorBody(text, response.headers.get("content-type"));
      const retryAfterMs = this.#retryAfter(response, info.body);
      const error = isRedirect(response.status)
        ? new DcsProtocolError(
            `${request.method} ${displayUrl(request.url)} was redirected (${response.status}) and not followed: ${unfollowed(request.method, response)}`,
            { status: response.status, method: request.method, url: displayUrl(request.url) },
          )
        : errorForStatus(response.status, response.statusText, info, request, retryAfterMs);
      this.#log(request, attempt, started, response.status, text.length, error);

      let wait: number | undefined;
      if (response.status === 429) {
        rateLimited++;
        if (rateLimited <= this.#retry.rateLimitRetries) {
          wait = retryDelay(this.#retry, rateLimited, retryAfterMs);
        }
      } else {
        failures++;
        const retryable = idempotent && this.#retry.statuses.includes(response.status);
        if (retryable && failures < this.#retry.limit) {
          wait = retryDelay(this.#retry, failures, retryAfterMs);
        }
      }
      if (wait === undefined) throw error;
      await this.#wait(wait, request);
    }
  }

  /**
   * One network round trip. A request with a body (a password, a change), or any request
   * while we hold a session cookie, follows redirects here by {@link redirectRefusal}, so
   * neither goes anywhere it should not. Every response, redirects included, is shown to the
   * cookie jar with the URL it came from: only our own origin may set our cookie.
   */
  async #fetchFollowingRedirects(
    original: OutgoingRequest,
    deadline: AttemptDeadline,
  ): Promise<Response> {
    const signal = deadline.signal;
    let url = original.url;
    for (let hop = 0; ; hop++) {
      signal.throwIfAborted(); // a custom fetch (e.g. a simulator) may not check
      const manual = this.cookie.present || original.body !== null;
      // A planned request is ours to change and its body a string; a caller's Request is
      // left alone and its body read afresh for each hop.
      const planned = original instanceof PlannedRequest;
      const headers = planned ? original.headers : new Headers(original.headers);
      if (!headers.has("accept")) headers.set("accept", "application/json");
      const cookie = this.cookie.headerFor(url);
      if (cookie) headers.set("cookie", cookie);
      else headers.delete("cookie");
      const init: RequestInit = {
        method: original.method,
        headers,
        signal,
        credentials: this.credentials,
        redirect: manual ? "manual" : "follow",
      };
      if (original.body !== null) {
        init.body = planned ? original.body : await (original as Request).clone().arrayBuffer();
      }
      // The platform's fetch gets the URL and init, so it builds the only Request.
      let response: Response;
      if (this.#customFetch) {
        deadline.request = new Request(url, init);
        response = await this.#customFetch(deadline.request);
      } else {
        response = await this.#platformFetch(url, init);
      }
      if (response.type === "opaqueredirect") {
        // A browser's manual redirect hides where it leads: a body is not sent on blindly.
        throw new DcsProtocolError(
          `${original.method} ${displayUrl(original.url)} was redirected, and the browser does not say where; it is not sent on`,
          { method: original.method, url: displayUrl(original.url) },
        );
      }
      if (!response.url) withUrl(response, url);
      this.cookie.update(response.headers, response.url);
      if (!manual || !isRedirect(response.status) || hop >= 5) return response;
      const next = redirectTarget(response, url);
      if (!next || redirectRefusal(original.method, response.status, url, next)) return response;
      await response.body?.cancel();
      url = next.href;
    }
  }

  /**
   * Hands a 2xx body to {@link takeBody}'s reader, so the slot, timers and log line end
   * exactly when the body does. A body nobody reads (no content) frees them now.
   */
  #leaseBody(
    response: Response,
    request: OutgoingRequest,
    deadline: AttemptDeadline,
    slot: Slot,
    started: number,
    attempt: number,
  ): Response {
    let finished = false;
    const end = (error: DcsError | undefined, bytes: number | undefined) => {
      if (finished) return;
      finished = true;
      deadline.dispose();
      slot.release();
      this.#log(request, attempt, started, response.status, bytes, error);
    };
    if (
      response.body === null ||
      BODYLESS_STATUSES.has(response.status) ||
      request.method === "HEAD" ||
      response.headers.get("content-length") === "0"
    ) {
      void response.body?.cancel().catch(() => {});
      end(undefined, undefined);
      return response;
    }
    const lease = leaseBody(response, {
      end,
      fail: (cause) => this.#failure(cause, deadline, request, "body"),
      waiting: () => deadline.waiting(),
      received: () => deadline.received(),
      park: () => slot.park(),
      unpark: () => slot.unpark(),
      request: { method: request.method, url: displayUrl(request.url) },
      maxTextBytes: this.#maxBodyBytes,
    });
    deadline.onAbort = () =>
      lease.stop(this.#failure(deadline.signal.reason, deadline, request, "body"));
    return response;
  }

  /** Classifies a thrown fetch or body error. */
  #failure(
    cause: unknown,
    deadline: AttemptDeadline,
    request: OutgoingRequest,
    phase: "request" | "body",
  ): DcsError {
    if (cause instanceof DcsError) return cause;
    const url = displayUrl(request.url);
    const init = { method: request.method, url, cause };
    switch (deadline.cause) {
      case "caller":
        return this.#abortError(request, cause);
      case "headers-timeout":
        return new DcsTimeoutError(
          `${request.method} ${url}: no response headers within ${Math.min(this.#headersTimeoutMs, this.#timeoutMs)} ms`,
          init,
        );
      case "idle-timeout":
        return new DcsTimeoutError(
          `${request.method} ${url}: stalled, nothing received for ${this.#timeoutMs} ms`,
          init,
        );
      default:
        break;
    }
    const reason = cause instanceof Error ? describeCause(cause) : String(cause);
    if (phase === "body") {
      return new DcsProtocolError(
        `${request.method} ${url}: the response body broke off before its end (${reason})`,
        init,
      );
    }
    return new DcsNetworkError(`${request.method} ${url}: ${reason}`, init);
  }

  #abortError(request: OutgoingRequest, cause: unknown = request.signal?.reason): DcsAbortError {
    return new DcsAbortError(`${request.method} ${displayUrl(request.url)} was aborted`, {
      method: request.method,
      url: displayUrl(request.url),
      cause,
    });
  }

  #refusedError(request: OutgoingRequest): DcsConcurrencyError {
    const url = displayUrl(request.url);
    return new DcsConcurrencyError(
      `${request.method} ${url} was not sent, as it could only wait forever: this client has ${this.#queue.openLimit} requests open whose results nobody has started to read, the most it keeps open (maxConcurrent, or 4 if that is lower). Read each result before awaiting the next call (not Promise.all over many), cancel those you don't need, or raise maxConcurrent`,
      { method: request.method, url },
    );
  }

  #retryAfter(response: Response, body: unknown): number | undefined {
    const header = parseRetryAfter(response.headers.get("retry-after"));
    if (header !== undefined) return header;
    const suggestion = (body as { backOffSuggestion?: unknown } | undefined)?.backOffSuggestion;
    return typeof suggestion === "number" && suggestion >= 0 ? suggestion * 1000 : undefined;
  }

  async #wait(ms: number, request: OutgoingRequest): Promise<void> {
    try {
      await sleep(ms, request.signal);
    } catch (cause) {
      throw this.#abortError(request, cause);
    }
  }

  #readRateLimit(headers: Headers): void {
    const limit = headers.get("x-rate-limit-limit");
    const remaining = headers.get("x-rate-limit-remaining");
    const reset = headers.get("x-rate-limit-reset");
    if (limit === null && remaining === null && reset === null) return;
    const resetMs = reset === null ? Number.NaN : Date.parse(reset);
    this.rateLimit = {
      limit: limit ?? undefined,
      remaining: remaining === null ? undefined : Number(remaining),
      reset: Number.isNaN(resetMs) ? undefined : new Date(resetMs),
    };
  }

  #log(
    request: OutgoingRequest,
    attempt: number,
    started: number,
    status: number | undefined,
    bytes: number | undefined,
    error: DcsError | undefined,
  ): void {
    if (!this.#logger) return;
    const entry: RequestLogEntry = {
      method: request.method,
      path: pathAndQuery(request.url),
      status,
      ms: Math.round(now() - started),
      bytes,
      attempt,
      error: error?.name,
    };
    const parts = [entry.method, entry.path, String(status ?? "---"), `${entry.ms}ms`];
    if (bytes !== undefined) parts.push(`${bytes}B`);
    if (attempt > 1) parts.push(`attempt ${attempt}`);
    if (error) parts.push(error.name);
    this.#logger(parts.join(" "), entry);
  }
}

function positive(value: number, name: string): number {
  if (!(value > 0))
    throw new DcsArgumentError(`${name} must be a positive number of ms, got ${value}`);
  return value;
}

const now = () => performance.now();

/** A custom fetch's Response may have an empty `url`; keep the real one (cookies, errors). */
function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url });
  return response;
}

/** Why a redirect came back to {@link Transport} unfollowed, for its error. */
function unfollowed(method: string, response: Response): string {
  const to = redirectTarget(response, response.url);
  if (!to) return "it has no valid Location";
  return (
    redirectRefusal(method, response.status, response.url, to) ??
    "a redirect loop, or a fetch that does not follow redirects"
  );
}

/** "fetch failed" says little; the cause (ECONNREFUSED, ECONNRESET...) says what happened. */
function describeCause(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${error.message}: ${typeof code === "string" ? `${code} ` : ""}${inner.message}`.trim();
  }
  return error.message;
}
