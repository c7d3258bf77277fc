/**
 * The one request pipeline both clients share. It is a `fetch`-shaped function handed to
 * openapi-fetch, so every call, whichever API generation, passes through the same policy:
 *
 *   queue slot (FIFO, `maxConcurrent`) → per attempt: `beforeRequest` hooks → session cookie
 *   (same origin only) → one hop at a time on the HTTP stack, redirects followed by one rule
 *   (redirects.ts) → timeouts and the caller's AbortSignal (deadline.ts) → 429 / 5xx /
 *   network retries (retry.ts) → typed errors → a body lease (`takeBody`, in body.ts) that
 *   keeps the slot until the body is read to the end or cancelled → `afterResponse` hooks.
 */
import {
  DcsArgumentError,
  DcsConcurrencyError,
  type DcsError,
  DcsProtocolError,
} from "../core/errors.js";
import { leaseBody } from "./body.js";
import { SessionCookie } from "./cookie.js";
import { AttemptDeadline, now } from "./deadline.js";
import {
  displayUrl,
  errorForStatus,
  parseErrorBody,
  parseRetryAfter,
  readTextCapped,
} from "./errors-from-response.js";
import { abortError, attemptFailure, refusedError } from "./failures.js";
import { shownHeaders } from "./hooks.js";
import { settingsOf, type TransportOptions, type TransportSettings } from "./options.js";
import { currentPlatformFetch, type PlatformFetch } from "./platform.js";
import { RequestQueue, type Slot } from "./queue.js";
import { followsAnywhere, isRedirect, nextHop } from "./redirects.js";
import {
  isLoopbackHost,
  normaliseBaseUrl,
  type OutgoingRequest,
  PlannedRequest,
} from "./request.js";
import { Retries, sleep } from "./retry.js";

export type { TransportOptions } from "./options.js";

/** The server's `X-Rate-Limit-*` headers from the latest successful call. */
export interface RateLimitInfo {
  /** The rate-limit period, e.g. `1m`. */
  limit: string | undefined;
  /** Requests left in the period. */
  remaining: number | undefined;
  /** When the period resets. */
  reset: Date | undefined;
}

const BODYLESS_STATUSES = new Set([204, 205, 304]);

/** One attempt at sending a request. */
interface Attempt {
  /** 1 for the first, 2 for the first retry... */
  readonly number: number;
  readonly started: number;
  readonly deadline: AttemptDeadline;
  /** What the attempt sends, but the cookie, which is set for each hop. */
  readonly headers: Headers;
  /** The request as the hooks see it, when there are hooks. */
  readonly shown: Request | undefined;
}

/** What one attempt's hops came to: a response, and why, if it is a redirect, it stops here. */
interface Answer {
  readonly response: Response;
  readonly unfollowed?: string | undefined;
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

  readonly #settings: TransportSettings;
  readonly #platformFetch: PlatformFetch = currentPlatformFetch();
  readonly #queue: RequestQueue;
  readonly #url: URL;

  constructor(baseUrl: string, cookiePrefix: string, options: TransportOptions = {}) {
    this.#url = normaliseBaseUrl(baseUrl);
    this.baseUrl = this.#url.href.replace(/\/$/, "");
    this.cookie = new SessionCookie(cookiePrefix, this.#url.origin);
    this.#settings = settingsOf(options);
    this.#queue = new RequestQueue(this.#settings.maxConcurrent);
  }

  /** The pipeline, shaped like `fetch` for openapi-fetch. */
  readonly fetch = (request: OutgoingRequest): Promise<Response> => this.#send(request);

  /** Throws unless it is safe to send a password to this server. */
  assertCredentialsAllowed(): void {
    if (this.#url.protocol === "https:" || this.#settings.allowInsecureHttp) return;
    if (isLoopbackHost(this.#url.hostname)) return;
    throw new DcsArgumentError(
      `Refusing to send credentials to ${this.#url.origin} over plain http; use https, or set allowInsecureHttp: true if you accept the risk`,
    );
  }

  async #send(request: OutgoingRequest): Promise<Response> {
    const slot = await this.#queue
      .acquire(request.signal, () => refusedError(request, this.#queue.openLimit))
      .catch((error: unknown) => {
        throw error instanceof DcsConcurrencyError ? error : abortError(request);
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
    // A planned request's body is openapi-fetch's serialized one; a caller's Request's stream
    // is read once, so that a retry or a redirect can send it again.
    const asIs = request.body === null || request instanceof PlannedRequest;
    const body = asIs ? request.body : await (request as Request).arrayBuffer();
    const retries = new Retries(this.#settings.retry, request.method);
    for (let number = 1; ; number++) {
      let attempt = this.#attempt(request, number);
      if (this.#settings.hooks.any) attempt = await this.#beforeRequest(request, attempt);
      const { deadline } = attempt;
      let answer: Answer;
      try {
        answer = await this.#hops(request, attempt, body);
      } catch (cause) {
        deadline.dispose();
        const error = attemptFailure(cause, deadline.cause, request, "request", this.#settings);
        this.#ended(attempt, undefined, undefined, error);
        const wait = retries.after(error);
        if (wait === undefined) throw error;
        await this.#wait(wait, request);
        continue;
      }
      const { response, unfollowed } = answer;
      deadline.headersArrived();
      if (response.ok) {
        this.#readRateLimit(response.headers);
        return this.#leaseBody(response, request, attempt, slot);
      }

      deadline.waiting(); // an error body is small: its whole read is one wait
      const text = await readTextCapped(response);
      deadline.dispose();
      const info = parseErrorBody(text, response.headers.get("content-type"));
      const retryAfterMs = this.#retryAfter(response, info.body);
      const error =
        unfollowed === undefined
          ? errorForStatus(response.status, response.statusText, info, request, retryAfterMs)
          : new DcsProtocolError(
              `${request.method} ${displayUrl(request.url)} was redirected (${response.status}) and not followed: ${unfollowed}`,
              { status: response.status, method: request.method, url: displayUrl(request.url) },
            );
      this.#ended(attempt, response, text.length, error);
      const wait = retries.after(error, response.status, retryAfterMs);
      if (wait === undefined) throw error;
      await this.#wait(wait, request);
    }
  }

  /** Starts attempt `number`: its deadline, and the headers it sends. */
  #attempt(request: OutgoingRequest, number: number): Attempt {
    const { headersTimeoutMs, timeoutMs } = this.#settings;
    const deadline = new AttemptDeadline(request.signal, headersTimeoutMs, timeoutMs);
    // A planned request is ours to change; a caller's Request is left alone.
    const headers =
      request instanceof PlannedRequest ? request.headers : new Headers(request.headers);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    return { number, started: now(), deadline, headers, shown: undefined };
  }

  /**
   * Runs the `beforeRequest` hooks on a copy of the attempt's request with neither body nor
   * cookie; the attempt then sends the headers they leave.
   */
  async #beforeRequest(request: OutgoingRequest, attempt: Attempt): Promise<Attempt> {
    const { deadline, headers } = attempt;
    headers.delete("cookie"); // a retry's headers may still hold the last attempt's
    const { method, url } = request;
    const shown = new Request(url, { method, headers, signal: deadline.signal });
    try {
      await this.#settings.hooks.beforeRequest(
        { request: shown, attempt: attempt.number },
        deadline.signal,
      );
    } catch (error) {
      deadline.dispose();
      if (!deadline.cause) throw error; // the hook's own
      throw attemptFailure(error, deadline.cause, request, "request", this.#settings);
    }
    return { ...attempt, headers: new Headers(shown.headers), shown };
  }

  /**
   * One attempt on the network: the request, then each redirect that {@link nextHop} allows.
   * Every hop carries the session cookie only to the client's own origin, and an
   * `authorization` header (a hook's) only while it stays on the origin it was sent to, as
   * fetch does; every response, redirects included, is shown to the cookie jar with the URL it
   * came from, so only our own origin may set our cookie.
   */
  async #hops(request: OutgoingRequest, attempt: Attempt, body: BodyInit | null): Promise<Answer> {
    const { method } = request;
    const { headers } = attempt;
    let url = request.url;
    for (let hops = 0; ; hops++) {
      const response = await this.#hop(url, method, headers, body, attempt.deadline);
      if (!isRedirect(response.status)) return { response };
      const next = nextHop(method, response.status, response.headers.get("location"), url, hops);
      if (typeof next === "string") return { response, unfollowed: next };
      await response.body?.cancel();
      if (next.origin !== new URL(url).origin) headers.delete("authorization");
      url = next.href;
    }
  }

  /**
   * One request and its response on the HTTP stack. A browser hides where a manual redirect
   * leads (an "opaqueredirect"): a GET or HEAD is then asked again with `redirect: "follow"`,
   * and the browser follows it by its own rules (its cookies are its own; this jar is empty
   * there). Any other request, which may hold a password, is not sent on blindly.
   */
  async #hop(
    url: string,
    method: string,
    headers: Headers,
    body: BodyInit | null,
    deadline: AttemptDeadline,
  ): Promise<Response> {
    const cookie = this.cookie.headerFor(url);
    if (cookie) headers.set("cookie", cookie);
    else headers.delete("cookie");
    const init: RequestInit = {
      method,
      headers,
      body,
      signal: deadline.signal,
      credentials: this.credentials,
      redirect: "manual",
    };
    let response = await this.#fetchOnce(url, init, deadline);
    if (response.type === "opaqueredirect") {
      if (!followsAnywhere(method) || cookie) {
        throw new DcsProtocolError(
          `${method} ${displayUrl(url)} was redirected, and the browser does not say where; it is not sent on`,
          { method, url: displayUrl(url) },
        );
      }
      response = await this.#fetchOnce(url, { ...init, redirect: "follow" }, deadline);
    }
    if (!response.url) withUrl(response, url);
    this.cookie.update(response.headers, response.url);
    return response;
  }

  #fetchOnce(url: string, init: RequestInit, deadline: AttemptDeadline): Promise<Response> {
    deadline.signal.throwIfAborted(); // a custom fetch (e.g. a simulator) may not check
    if (!this.#settings.fetch) return this.#platformFetch(url, init); // it builds the only Request
    deadline.request = new Request(url, init);
    return this.#settings.fetch(deadline.request);
  }

  /**
   * Hands a 2xx body to {@link takeBody}'s reader, so the slot, timers and `afterResponse`
   * hooks end exactly when the body does. A body nobody reads (no content) frees them now.
   */
  #leaseBody(response: Response, request: OutgoingRequest, attempt: Attempt, slot: Slot): Response {
    const { deadline } = attempt;
    let finished = false;
    const end = (error: DcsError | undefined, bytes: number | undefined) => {
      if (finished) return;
      finished = true;
      deadline.dispose();
      slot.release();
      this.#ended(attempt, response, bytes, error);
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
      fail: (cause) => attemptFailure(cause, deadline.cause, request, "body", this.#settings),
      waiting: () => deadline.waiting(),
      received: () => deadline.received(),
      park: () => slot.park(),
      unpark: () => slot.unpark(),
      request: { method: request.method, url: displayUrl(request.url) },
      maxTextBytes: this.#settings.maxBodyBytes,
    });
    deadline.onAbort = () =>
      lease.stop(
        attemptFailure(deadline.signal.reason, deadline.cause, request, "body", this.#settings),
      );
    return response;
  }

  /** An attempt is over: the `afterResponse` hooks learn how it went. */
  #ended(
    attempt: Attempt,
    response: Response | undefined,
    bytes: number | undefined,
    error: DcsError | undefined,
  ): void {
    if (!attempt.shown) return;
    this.#settings.hooks.afterResponse({
      request: attempt.shown,
      attempt: attempt.number,
      status: response?.status,
      headers: response && shownHeaders(response.headers),
      ms: now() - attempt.started,
      bytes,
      error,
    });
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
      throw abortError(request, cause);
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
}

/** A custom fetch's Response may have an empty `url`; keep the real one (cookies, errors). */
function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url });
  return response;
}
