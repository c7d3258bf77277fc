/**
 * Checks shared by the legacy API's endpoints: the logged-in caller, ids and MAC addresses
 * in paths and bodies, and the roles needed to change configuration, manage users or import
 * data.
 */
import type { Principal } from "../auth.js";
import type { HandlerContext } from "../context.js";
import { HttpError } from "../http.js";
import { signedInCaller } from "../sign-in.js";

/** The logged-in user: 401 without a valid cookie, 403 when the account has expired. */
export const v3Caller = (ctx: HandlerContext): Principal => signedInCaller(ctx, "v3");

/** The caller, who must have one of `roles` to `action` (e.g. "manage users"): else 403. */
export function v3InRole(ctx: HandlerContext, roles: readonly string[], action: string): Principal {
  const who = v3Caller(ctx);
  if (!roles.includes(who.role)) {
    throw new HttpError(403, `The ${who.role} role is not allowed to ${action}.`);
  }
  return who;
}

/** The caller, who must be allowed to change configuration (Operator or Administrator). */
export const v3Operator = (ctx: HandlerContext): Principal =>
  v3InRole(ctx, ["Operator", "Administrator"], "change the configuration");

/** The caller, who must be an Administrator (to manage users or import data). */
export const v3Administrator = (ctx: HandlerContext, action: string): Principal =>
  v3InRole(ctx, ["Administrator"], `${action}: it needs an Administrator`);

/** An id from the path: a whole number, else 400. */
export function pathId(ctx: HandlerContext): number {
  const text = ctx.params.id ?? "";
  if (!/^\d{1,10}$/.test(text) || Number(text) > 4294967295)
    throw new HttpError(400, `'${text}' is not a valid id.`);
  return Number(text);
}

/** A MAC address as an unsigned 48-bit integer, from a number or text (decimal or `00:1A:2B:3C:4D:5E`). */
export function parseMac(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffffffffffff)
    return value;
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d{1,15}$/.test(text) && Number(text) <= 0xffffffffffff) return Number(text);
    const hex = text.replace(/[:-]/g, "");
    if (/^[0-9a-f]{12}$/i.test(hex)) return Number.parseInt(hex, 16);
  }
  throw new HttpError(400, `'${String(value)}' is not a valid MAC address.`);
}
