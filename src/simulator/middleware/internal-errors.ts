/**
 * A bug (or a clock that throws) answers 500 with `{details}`, as a server would, rather than
 * rejecting the fetch: a rejection means "no response at all", which is the `reset` fault's.
 */
import { errorResponse } from "../http.js";
import type { Middleware } from "./compose.js";

export const answerInternalErrors: Middleware = async (_ctx, next) => {
  try {
    return await next();
  } catch (error) {
    return errorResponse(500, `Internal error in the simulator: ${(error as Error).message}`);
  }
};
