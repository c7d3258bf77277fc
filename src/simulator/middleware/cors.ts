/**
 * CORS for browser dashboards on other origins: preflights are answered and responses carry
 * the headers a credentialed cross-origin fetch needs, for the configured origins only. It
 * stands outside the faults, so that a browser can read a simulated 503 too.
 */
import type { Middleware } from "./compose.js";

const EXPOSED = "Retry-After, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset";

export function cors(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return async ({ request }, next) => {
    const origin = request.headers.get("origin");
    if (origin === null || !allowed.has(origin)) return next();
    if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": origin,
          "access-control-allow-credentials": "true",
          "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
          "access-control-allow-headers": "Content-Type",
          "access-control-max-age": "600",
          vary: "Origin",
        },
      });
    }
    const response = await next();
    if (response.headers.has("access-control-allow-origin")) return response;
    response.headers.set("access-control-allow-origin", origin);
    response.headers.set("access-control-allow-credentials", "true");
    response.headers.set("access-control-expose-headers", EXPOSED);
    response.headers.append("vary", "Origin");
    return response;
  };
}
