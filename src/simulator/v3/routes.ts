/**
 * The legacy v3 API under `/DCS/api`: login, meters, virtual meters and readings, plus the
 * undocumented configuration endpoints (see `config.ts`). Every call but login and logout
 * needs the login cookie.
 */
import type { Handler } from "../context.js";
import { HttpError, jsonResponse } from "../http.js";
import type { Router } from "../middleware/router.js";
import { signInHandler, signOutHandler } from "../sign-in.js";
import { pathId, v3Caller } from "./checks.js";
import { addV3ConfigRoutes } from "./config.js";
import { v3Readings } from "./readings.js";

const meters: Handler = (ctx) => jsonResponse(200, ctx.store.visibleMeters(v3Caller(ctx)));

const meter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const record = ctx.store.meter(id);
  if (!record) throw new HttpError(404, `Meter ${id} was not found.`);
  if (!ctx.store.canSeeMeter(who, id))
    throw new HttpError(403, `User '${who.username}' is not allowed to access meter ${id}.`);
  return jsonResponse(200, record.meter);
};

const virtualMeters: Handler = (ctx) =>
  jsonResponse(200, ctx.store.visibleVirtualMeters(v3Caller(ctx)));

const virtualMeter: Handler = (ctx) => {
  const who = v3Caller(ctx);
  const id = pathId(ctx);
  const vm = ctx.store.virtualMeter(id);
  if (!vm) throw new HttpError(404, `Virtual meter ${id} was not found.`);
  if (!ctx.store.canSeeVirtualMeter(who, vm)) {
    throw new HttpError(
      403,
      `User '${who.username}' is not allowed to access virtual meter ${id}.`,
    );
  }
  return jsonResponse(200, vm);
};

const readings =
  (isVirtual: boolean): Handler =>
  (ctx) =>
    v3Readings(ctx.store, v3Caller(ctx), ctx.query, isVirtual, ctx.now);

export function addV3Routes(router: Router): void {
  router
    .add(
      "v3",
      "POST",
      "/account/login",
      signInHandler("v3", (o) => o.legacyAppVersion),
    )
    .add("v3", "POST", "/account/logout", signOutHandler("v3", 200))
    .add("v3", "GET", "/meters", meters)
    .add("v3", "GET", "/meters/:id", meter)
    .add("v3", "GET", "/virtualmeters", virtualMeters)
    .add("v3", "GET", "/virtualmeters/:id", virtualMeter)
    .add("v3", "GET", "/registerreadings/list", readings(false))
    .add("v3", "GET", "/virtualmeterreadings/list", readings(true));
  addV3ConfigRoutes(router);
}
