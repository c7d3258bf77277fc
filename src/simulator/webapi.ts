/**
 * The current DCS Web API under `/DCSWebApi`: sign-in, status, meters, virtual meters and
 * readings, authenticated (cookie) and public (`/public/...`), with the per-endpoint rate
 * limit and the configured range limit.
 */
import { COOKIE_NAMES, clearedCookie, readCookie, sessionCookie } from "./auth.js";
import type { Core, Handler, RequestContext } from "./context.js";
import {
  emptyResponse,
  errorResponse,
  HttpError,
  isRecord,
  jsonResponse,
  readJsonBody,
} from "./http.js";
import { Router } from "./router.js";
import type { Principal } from "./store.js";
import { webApiReadings } from "./webapi-readings.js";

type Mode = "private" | "public";

/** The caller: the signed-in user (401 without a valid cookie), or the public account. */
function caller(ctx: RequestContext, mode: Mode): Principal {
  const { accounts, options } = ctx.core;
  const who =
    mode === "public"
      ? accounts.principalOf(options.publicUser)
      : accounts.lookup("webapi", readCookie(ctx.request, COOKIE_NAMES.webapi), ctx.now);
  if (!who)
    throw new HttpError(
      401,
      "Authentication is required: sign in, or sign in again if the session has expired.",
    );
  if (who.expiresAt !== undefined && ctx.now >= who.expiresAt) {
    throw new HttpError(403, `The account '${who.username}' has expired.`);
  }
  return who;
}

const signIn: Handler = async (ctx) => {
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body))
    throw new HttpError(400, "The body must be a JSON object with username and password.");
  const { accounts, options } = ctx.core;
  const user = accounts.verify(body.username, body.password);
  if (!user) throw new HttpError(401, "Invalid username or password");
  const token = accounts.issue("webapi", user.username, ctx.now);
  return jsonResponse(
    200,
    { username: user.username, role: user.role ?? "Viewer", appVersion: options.appVersion },
    { "set-cookie": sessionCookie("webapi", token, options.cookieSameSite) },
  );
};

const signOut: Handler = (ctx) => {
  ctx.core.accounts.revoke(readCookie(ctx.request, COOKIE_NAMES.webapi));
  return emptyResponse(204, {
    "set-cookie": clearedCookie("webapi", ctx.core.options.cookieSameSite),
  });
};

const status: Handler = (ctx) => {
  const { options } = ctx.core;
  return jsonResponse(200, {
    status: "Running",
    appVersion: options.appVersion,
    publicEndPointEnabled: options.publicEndpoint,
    privateEndPointEnabled: options.privateEndpoint,
  });
};

const meters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.core.store.visibleMeters(caller(ctx, mode)));

const virtualMeters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.core.store.visibleVirtualMeters(caller(ctx, mode)));

const readings =
  (mode: Mode): Handler =>
  (ctx) =>
    webApiReadings({
      store: ctx.core.store,
      who: caller(ctx, mode),
      query: ctx.query,
      rangeLimitDays: ctx.core.options.rangeLimitDays,
    });

export function webApiRoutes(core: Core): Router<Handler> {
  const router = new Router<Handler>();
  router.add("GET", "/status", status);
  if (core.options.privateEndpoint) {
    router
      .add("POST", "/authentication/signin", signIn)
      .add("POST", "/authentication/signout", signOut)
      .add("GET", "/meters", meters("private"))
      .add("GET", "/virtualmeters", virtualMeters("private"))
      .add("GET", "/readings", readings("private"));
  }
  if (core.options.publicEndpoint) {
    router
      .add("GET", "/public/status", status)
      .add("GET", "/public/meters", meters("public"))
      .add("GET", "/public/virtualmeters", virtualMeters("public"))
      .add("GET", "/public/readings", readings("public"));
  }
  return router;
}

/** Routes a request under `/DCSWebApi` (`rest` is the normalised path after it). */
export async function handleWebApi(
  router: Router<Handler>,
  ctx: Omit<RequestContext, "params">,
  rest: string,
): Promise<Response> {
  const method = ctx.request.method.toUpperCase();
  const match = router.match(method, rest);
  if (match.kind === "notFound")
    return errorResponse(404, `No API endpoint at ${new URL(ctx.request.url).pathname}.`);
  if (match.kind === "wrongMethod") {
    return errorResponse(
      405,
      `The method ${method} is not allowed here.`,
      {},
      { allow: match.allow.join(", ") },
    );
  }
  // The rate limit counts every request to an endpoint, whoever sends it and however it ends.
  const rate = ctx.core.limiter?.hit(`${method} ${rest}`);
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
