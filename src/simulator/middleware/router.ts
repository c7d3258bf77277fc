/**
 * Routing for both API generations: lower-case path patterns with `:name` parameters under
 * each generation's root. Literal segments win over parameters; a path that matches with
 * another method is a 405, no match at all a 404.
 */
import type { Api } from "../auth.js";
import type { Handler, SimulatorState } from "../context.js";
import { errorResponse, HttpError, Query } from "../http.js";
import type { Middleware } from "./compose.js";

/** Where each generation lives, as paths are matched (lower case). */
const ROOTS: Record<Api, string> = { webapi: "/dcswebapi", v3: "/dcs/api" };

interface Route {
  api: Api;
  method: string;
  segments: string[];
  handler: Handler;
}

type RouteMatch =
  | { kind: "found"; api: Api; handler: Handler; params: Record<string, string> }
  | { kind: "notFound" }
  | { kind: "wrongMethod"; allow: string[] };

/** Adds the endpoints of one API generation, at patterns relative to its root. */
export interface Routes {
  add(method: string, pattern: string, handler: Handler): Routes;
}

export class Router {
  readonly #routes: Route[] = [];

  /** Where the endpoints of `api` are added. */
  routesOf(api: Api): Routes {
    const routes: Routes = {
      add: (method, pattern, handler) => {
        const segments = `${ROOTS[api]}${pattern}`.split("/").filter(Boolean);
        this.#routes.push({ api, method, segments, handler });
        return routes;
      },
    };
    return routes;
  }

  /** `path` is already normalised (lower case, no trailing slash). */
  match(method: string, path: string): RouteMatch {
    const parts = path.split("/").filter(Boolean);
    let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
    const allow = new Set<string>();
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      route.segments.forEach((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(part);
        else if (segment === part) literals++;
        else ok = false;
      });
      if (!ok) continue;
      if (route.method !== method) {
        allow.add(route.method);
        continue;
      }
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (!best)
      return allow.size > 0 ? { kind: "wrongMethod", allow: [...allow] } : { kind: "notFound" };
    return { kind: "found", api: best.route.api, handler: best.route.handler, params: best.params };
  }
}

const underAnApi = (path: string) =>
  Object.values(ROOTS).some((root) => path === root || path.startsWith(`${root}/`));

/**
 * Finds the endpoint (404 without one, 405 with the wrong method) and hands it, with what its
 * handler gets, to the steps after it.
 */
export function route(router: Router, state: SimulatorState): Middleware {
  return async (ctx, next) => {
    const now = state.options.now();
    const { request } = ctx;
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const match = router.match(method, ctx.path);
    if (match.kind === "notFound") {
      return underAnApi(ctx.path)
        ? errorResponse(404, `No API endpoint at ${url.pathname}.`)
        : errorResponse(
            404,
            "Nothing here: the current API is under /DCSWebApi, the legacy API under /DCS/api.",
          );
    }
    if (match.kind === "wrongMethod") {
      const allow = match.allow.join(", ");
      return errorResponse(405, `The method ${method} is not allowed here.`, {}, { allow });
    }
    const query = new Query(url.searchParams);
    const context = { ...state, request, query, params: match.params, now };
    ctx.endpoint = { api: match.api, handler: match.handler, context };
    return next();
  };
}

/** Runs the endpoint's handler; an `HttpError` it throws is answered as its `{details}` body. */
export const runEndpoint: Middleware = async (ctx) => {
  const endpoint = ctx.endpoint;
  if (!endpoint) throw new Error("runEndpoint needs route before it.");
  try {
    return await endpoint.handler(endpoint.context);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return errorResponse(error.status, error.details, error.extra, error.headers);
  }
};
