/**
 * The current API's rate limit: a fixed window per endpoint, shared by every caller, with the
 * `X-Rate-Limit-*` headers on answered requests and a 429 with `Retry-After` beyond it.
 */
import { errorResponse } from "./http.js";

export interface RateDecision {
  /** Headers for an answered request. */
  headers: Record<string, string>;
  /** The 429 to send instead, when over the limit. */
  refusal: Response | undefined;
}

/** "1s", "1m", "12h", "1d", or "300ms" for windows that are not whole seconds. */
export function formatWindow(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "m"],
    [1000, "s"],
  ];
  for (const [size, suffix] of units) if (ms % size === 0) return `${ms / size}${suffix}`;
  return `${ms}ms`;
}

export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => number,
  ) {}

  /** Counts a request to `endpoint` and says whether it may be answered. */
  hit(endpoint: string): RateDecision {
    const now = this.now();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    let window = this.#windows.get(endpoint);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(endpoint, window);
    }
    window.count++;
    const reset = start + this.windowMs;
    const period = formatWindow(this.windowMs);
    if (window.count > this.limit) {
      const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
      return {
        headers: {},
        refusal: errorResponse(
          429,
          `API calls quota exceeded! maximum admitted ${this.limit} per ${period}.`,
          { backOffSuggestion: seconds },
          { "retry-after": String(seconds) },
        ),
      };
    }
    return {
      headers: {
        "x-rate-limit-limit": period,
        "x-rate-limit-remaining": String(this.limit - window.count),
        "x-rate-limit-reset": new Date(reset).toISOString(),
      },
      refusal: undefined,
    };
  }
}
