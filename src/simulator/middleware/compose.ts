/**
 * The simulator is a list of middleware, in the style of hono: each step gets the request's
 * context and `next` (the rest of the list); it answers itself, or awaits `next()` and may
 * change what comes back. The first in the list is the outermost.
 */
import type { Api } from "../auth.js";
import type { Handler, HandlerContext } from "../context.js";

/** The endpoint a request is for, found by the router. */
export interface Endpoint {
  api: Api;
  handler: Handler;
  /** What the handler gets. */
  context: HandlerContext;
}

/** A request on its way through the list. */
export interface Context {
  readonly request: Request;
  /** The path as routes and fault rules match it (see `normalisePath`). */
  readonly path: string;
  /** Set by the router for the steps after it. */
  endpoint: Endpoint | undefined;
}

export type Next = () => Promise<Response>;
export type Middleware = (ctx: Context, next: Next) => Promise<Response>;

/** One fetch-style handler out of a list of middleware; the last one must answer. */
export function compose(list: readonly Middleware[]): (ctx: Context) => Promise<Response> {
  const run = async (ctx: Context, i: number): Promise<Response> => {
    const middleware = list[i];
    if (!middleware) throw new Error("The last middleware passed the request on.");
    return middleware(ctx, () => run(ctx, i + 1));
  };
  return (ctx) => run(ctx, 0);
}
