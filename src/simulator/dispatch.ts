/**
 * The one way a request under an API root reaches its handler, for both API generations.
 */
import type { Handler, RequestContext } from "./context.js";
import { errorResponse, HttpError } from "./http.js";
import type { RateLimiter } from "./ratelimit.js";
import type { Router } from "./router.js";

/**
 * Routes `rest` (the normalised path after the API root): 404 without a route, 405 with the
 * wrong method, an `HttpError` thrown by a handler as its `{details}` body. With a limiter,
 * every request to an endpoint counts against its rate limit, whoever sends it and however it
 * ends; successes carry the `X-Rate-Limit-*` headers.
 */
export async function dispatch(
  router: Router<Handler>,
  ctx: Omit<RequestContext, "params">,
  rest: string,
  limiter?: RateLimiter,
): Promise<Response> {
  const method = ctx.request.method.toUpperCase();
  const match = router.match(method, rest);
  if (match.kind === "notFound") {
    return errorResponse(404, `No API endpoint at ${new URL(ctx.request.url).pathname}.`);
  }
  if (match.kind === "wrongMethod") {
    return errorResponse(
      405,
      `The method ${method} is not allowed here.`,
      {},
      { allow: match.allow.join(", ") },
    );
  }
  const rate = limiter?.hit(`${method} ${rest}`);
  if (rate?.refusal) return rate.refusal;
  let response: Response;
  try {
    response = await match.handler({ ...ctx, params: match.params });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    response = errorResponse(error.status, error.details, error.extra, error.headers);
  }
  for (const [name, value] of Object.entries(rate?.headers ?? {}))
    response.headers.set(name, value);
  return response;
}
