/**
 * The current API's rate limit: a fixed window per endpoint, shared by every caller, with the
 * `X-Rate-Limit-*` headers on answered requests (errors too) and a 429 with `Retry-After`
 * beyond it. The legacy API and unknown paths are not limited.
 */
import { errorResponse } from "../http.js";
import type { Middleware } from "./compose.js";

/** "1s", "1m", "12h", "1d", or "300ms" for windows that are not whole seconds. */
function formatWindow(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "m"],
    [1000, "s"],
  ];
  for (const [size, suffix] of units) if (ms % size === 0) return `${ms / size}${suffix}`;
  return `${ms}ms`;
}

/** At most `limit` requests per endpoint in each window of `windowMs`; none when undefined. */
export function rateLimit(
  rate: { limit: number; windowMs: number } | undefined,
  clock: () => number,
): Middleware {
  if (!rate) return (_ctx, next) => next();
  const { limit, windowMs } = rate;
  const period = formatWindow(windowMs);
  const windows = new Map<string, { start: number; count: number }>();
  return async (ctx, next) => {
    if (ctx.endpoint?.api !== "webapi") return next();
    const now = clock();
    const start = Math.floor(now / windowMs) * windowMs;
    const endpoint = `${ctx.request.method.toUpperCase()} ${ctx.path}`;
    let window = windows.get(endpoint);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      windows.set(endpoint, window);
    }
    window.count++;
    const reset = start + windowMs;
    if (window.count > limit) {
      const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
      return errorResponse(
        429,
        `API calls quota exceeded! maximum admitted ${limit} per ${period}.`,
        { backOffSuggestion: seconds },
        { "retry-after": String(seconds) },
      );
    }
    const remaining = String(limit - window.count); // now: others may count while this runs
    const response = await next();
    response.headers.set("x-rate-limit-limit", period);
    response.headers.set("x-rate-limit-remaining", remaining);
    response.headers.set("x-rate-limit-reset", new Date(reset).toISOString());
    return response;
  };
}
