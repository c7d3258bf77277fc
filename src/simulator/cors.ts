/**
 * CORS for browser dashboards on other origins: preflights are answered and responses carry
 * the headers a credentialed cross-origin fetch needs, for the configured origins only.
 */

const EXPOSED = "Retry-After, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset";

export class Cors {
  readonly #origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins);
  }

  #allowed(request: Request): string | undefined {
    const origin = request.headers.get("origin");
    return origin !== null && this.#origins.has(origin) ? origin : undefined;
  }

  /** The answer to a preflight from an allowed origin, else undefined. */
  preflight(request: Request): Response | undefined {
    if (request.method !== "OPTIONS") return undefined;
    const origin = this.#allowed(request);
    if (origin === undefined || !request.headers.has("access-control-request-method"))
      return undefined;
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

  /** Adds the CORS headers to a response for an allowed origin. */
  decorate(request: Request, response: Response): Response {
    const origin = this.#allowed(request);
    if (origin === undefined || response.headers.has("access-control-allow-origin"))
      return response;
    response.headers.set("access-control-allow-origin", origin);
    response.headers.set("access-control-allow-credentials", "true");
    response.headers.set("access-control-expose-headers", EXPOSED);
    response.headers.append("vary", "Origin");
    return response;
  }
}
