/**
 * The current DCS Web API under `/DCSWebApi`: sign-in, status, meters, virtual meters and
 * readings, authenticated (cookie) and public (`/public/...`), as the options enable them.
 */
import type { Principal } from "../auth.js";
import type { Handler, HandlerContext } from "../context.js";
import { jsonResponse } from "../http.js";
import type { Routes } from "../middleware/router.js";
import type { ResolvedOptions } from "../options.js";
import { provisionalAt } from "../readings/provisional.js";
import { activeAccount, signedInCaller, signInHandler, signOutHandler } from "../sign-in.js";
import { webApiReadings } from "./readings.js";

type Mode = "private" | "public";

/** The caller: the signed-in user (401 without a valid cookie), or the public account. */
function caller(ctx: HandlerContext, mode: Mode): Principal {
  if (mode === "private") return signedInCaller(ctx, "webapi");
  return activeAccount(ctx.accounts.principalOf(ctx.options.publicUser), ctx.now);
}

const signIn = signInHandler("webapi", (options) => options.appVersion);
const signOut = signOutHandler("webapi", 204);

const status: Handler = ({ options }) =>
  jsonResponse(200, {
    status: "Running",
    appVersion: options.appVersion,
    publicEndPointEnabled: options.publicEndpoint,
    privateEndPointEnabled: options.privateEndpoint,
  });

const meters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.store.visibleMeters(caller(ctx, mode)));

const virtualMeters =
  (mode: Mode): Handler =>
  (ctx) =>
    jsonResponse(200, ctx.store.visibleVirtualMeters(caller(ctx, mode)));

const readings =
  (mode: Mode): Handler =>
  (ctx) =>
    webApiReadings(
      ctx.store,
      caller(ctx, mode),
      ctx.query,
      ctx.options.rangeLimitDays,
      provisionalAt(ctx.store, ctx.options.provisionalHours, ctx.now),
    );

export function addWebApiRoutes(routes: Routes, options: ResolvedOptions): void {
  routes.add("GET", "/status", status);
  if (options.privateEndpoint) {
    routes
      .add("POST", "/authentication/signin", signIn)
      .add("POST", "/authentication/signout", signOut)
      .add("GET", "/meters", meters("private"))
      .add("GET", "/virtualmeters", virtualMeters("private"))
      .add("GET", "/readings", readings("private"));
  }
  if (options.publicEndpoint) {
    routes
      .add("GET", "/public/status", status)
      .add("GET", "/public/meters", meters("public"))
      .add("GET", "/public/virtualmeters", virtualMeters("public"))
      .add("GET", "/public/readings", readings("public"));
  }
}
