/**
 * What every endpoint handler gets: the simulator's state and the request, parsed once.
 */
import type { Accounts } from "./auth.js";
import type { Query } from "./http.js";
import type { ResolvedOptions } from "./options.js";
import type { RateLimiter } from "./ratelimit.js";
import type { Params } from "./router.js";
import type { EstateStore } from "./store.js";

/** One simulator's state, shared by its API generations. */
export interface Core {
  options: ResolvedOptions;
  store: EstateStore;
  accounts: Accounts;
  limiter: RateLimiter | undefined;
}

export interface RequestContext {
  core: Core;
  request: Request;
  query: Query;
  params: Params;
  /** The clock's time when the request arrived. */
  now: number;
}

export type Handler = (ctx: RequestContext) => Response | Promise<Response>;
