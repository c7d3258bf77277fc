/**
 * What every endpoint handler gets: the simulator's state and the request, parsed once.
 */
import type { Accounts } from "./auth.js";
import type { EstateStore } from "./estate/store.js";
import type { Query } from "./http.js";
import type { ResolvedOptions } from "./options.js";

/** One simulator's state, shared by its API generations. */
export interface SimulatorState {
  options: ResolvedOptions;
  store: EstateStore;
  accounts: Accounts;
}

export interface HandlerContext extends SimulatorState {
  request: Request;
  query: Query;
  /** The `:name` parts of the route's path. */
  params: Record<string, string>;
  /** The clock's time when the request reached the router. */
  now: number;
}

export type Handler = (ctx: HandlerContext) => Response | Promise<Response>;
