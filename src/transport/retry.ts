/**
 * When a failed attempt is tried again, and after how long: pure arithmetic over the policy
 * and what the server said, kept apart from the sending so that it can be read (and tested)
 * on its own.
 */
import { type DcsError, DcsNetworkError } from "../core/errors.js";

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

export type RetryPolicy = Required<RetryOptions>;

const DEFAULT_RETRY: RetryPolicy = {
  limit: 3,
  statuses: [502, 503, 504],
  backoffMs: 500,
  rateLimitRetries: 5,
  maxDelayMs: 60_000,
};

/** The policy `retry` asks for: the defaults, with what it sets; `false` is one attempt. */
export function retryPolicy(retry: RetryOptions | false | undefined): RetryPolicy {
  if (retry === false) return { ...DEFAULT_RETRY, limit: 1, rateLimitRetries: 0 };
  return { ...DEFAULT_RETRY, ...retry };
}

/**
 * The wait before retry number `retry` (1 for the first) of one kind (429s, or failures), or
 * `undefined` to give up. The server's own wait (Retry-After, backOffSuggestion) is obeyed as
 * long as it is within `maxDelayMs`; a longer one gives up at once, since shortening it would
 * only ask again too early. Without one, the backoff doubles per retry, with jitter.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined)
    return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined;
  const base = policy.backoffMs * 2 ** (retry - 1);
  return Math.min(base / 2 + random() * (base / 2), policy.maxDelayMs);
}

/**
 * The retries of one request: 429s are waited out up to `rateLimitRetries` times, any method
 * (the server did not take the request); other failures are retried up to `limit` attempts in
 * all, and only for GET and HEAD, which may safely reach the server twice: network failures,
 * and the statuses of `statuses`.
 */
export class Retries {
  readonly #policy: RetryPolicy;
  readonly #idempotent: boolean;
  #failures = 0;
  #rateLimited = 0;

  constructor(policy: RetryPolicy, method: string) {
    this.#policy = policy;
    this.#idempotent = method === "GET" || method === "HEAD";
  }

  /**
   * The wait before the next attempt after `error` (with the response's status and the
   * server's wait, when a response came), or undefined to give up.
   */
  after(error: DcsError, status?: number, retryAfterMs?: number): number | undefined {
    if (status === 429) {
      this.#rateLimited++;
      if (this.#rateLimited > this.#policy.rateLimitRetries) return undefined;
      return retryDelay(this.#policy, this.#rateLimited, retryAfterMs);
    }
    this.#failures++;
    const retryable =
      status === undefined
        ? error instanceof DcsNetworkError
        : this.#policy.statuses.includes(status);
    if (!this.#idempotent || !retryable || this.#failures >= this.#policy.limit) return undefined;
    return retryDelay(this.#policy, this.#failures, retryAfterMs);
  }
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
