/**
 * The legacy API's user administration (undocumented, as pythondcspro calls it): users under
 * `/api/users` and the meter and IDC restriction profiles. Roles follow the DCS User Guide's
 * table: only an Administrator may see or change users; Viewers may view the other
 * administration functions, Operators and Guests no administration at all.
 */
import { formatUtcSeconds } from "../../core/time.js";
import type { Handler, HandlerContext } from "../context.js";
import { emptyResponse, HttpError, isRecord, jsonResponse, readJsonBody } from "../http.js";
import { parseInstantParam } from "../readings/sources.js";
import type { RestrictionProfile, UserFields, UserRecord, Users } from "../users.js";
import { v3Administrator, v3InRole } from "./checks.js";

const ROLES = ["Administrator", "Operator", "Viewer", "Guest"];
/** A role as given in any case ("viewer"), spelled as DCS does; undefined if not a role. */
const roleOf = (value: unknown) =>
  ROLES.find((r) => typeof value === "string" && r.toLowerCase() === value.toLowerCase());
/** The characters the User Guide allows in a user name. */
const USER_NAME = /^[A-Za-z0-9\-._@+ ]+$/;

const manager = (ctx: HandlerContext) => v3Administrator(ctx, "manage users");
const profileReader = (ctx: HandlerContext) =>
  v3InRole(ctx, ["Administrator", "Viewer"], "view the restriction profiles");

const date = (t: number | undefined) => (t === undefined ? null : formatUtcSeconds(t));

/** A user as the API shows it: never with a password. */
function userJson(user: UserRecord) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    ssoIdentity: user.ssoIdentity,
    enforceSso: user.enforceSso,
    expiration: date(user.expiration),
    dataAccessStart: date(user.dataAccessStart),
    dataAccessEnd: date(user.dataAccessEnd),
    meterRestrictionProfileId: user.meterRestrictionProfileId,
    idcRestrictionProfileId: user.idcRestrictionProfileId,
  };
}

/** Profiles as the API lists them; `itemType` names what their items are ("meter"). */
function profilesAnswer(profiles: readonly RestrictionProfile[], itemType: string): Response {
  return jsonResponse(
    200,
    profiles.map((profile) => ({
      id: profile.id,
      name: profile.name,
      defaultAccess: profile.granted === undefined ? "Granted" : "Denied",
      isUserDefault: false,
      items: (profile.granted ?? []).map((id) => ({ type: itemType, id, access: "Granted" })),
    })),
  );
}

function userOf(users: Users, id: string): UserRecord {
  const user = users.byId(id);
  if (!user) throw new HttpError(404, `User ${id} was not found.`);
  return user;
}

/** An optional date-time field: absent or null is none. */
function optionalDate(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new HttpError(400, `${key} must be a date-time or null.`);
  return parseInstantParam(value, key, "utc");
}

/** An optional profile id field, which must name one of `profiles`: absent or null is none. */
function optionalProfile(
  body: Record<string, unknown>,
  key: string,
  profiles: readonly RestrictionProfile[],
): number | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (!profiles.some((p) => p.id === value)) {
    throw new HttpError(400, `${key} ${JSON.stringify(value)} is not a restriction profile.`);
  }
  return value as number;
}

/** The fields of a user in a POST or PUT body. A whole-object write: what is missing is reset. */
function userFields(body: unknown, users: Users): UserFields {
  if (!isRecord(body)) throw new HttpError(400, "The body must be a JSON object: a user.");
  const { name, email, ssoIdentity, enforceSso } = body;
  if (typeof name !== "string" || !USER_NAME.test(name)) {
    throw new HttpError(
      400,
      "name is required, and may only contain a..z, A..Z, 0..9, -, ., _, @, + and space.",
    );
  }
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new HttpError(400, "email is required: the user's email address.");
  }
  const role = roleOf(body.role);
  if (!role) throw new HttpError(400, `role must be one of ${ROLES.join(", ")}.`);
  if (ssoIdentity !== undefined && ssoIdentity !== null && typeof ssoIdentity !== "string")
    throw new HttpError(400, "ssoIdentity must be text or null.");
  if (enforceSso !== undefined && typeof enforceSso !== "boolean")
    throw new HttpError(400, "enforceSso must be true or false.");
  const dataAccessStart = optionalDate(body, "dataAccessStart");
  const dataAccessEnd = optionalDate(body, "dataAccessEnd");
  if (dataAccessStart !== undefined && dataAccessEnd !== undefined) {
    if (dataAccessEnd <= dataAccessStart)
      throw new HttpError(400, "dataAccessEnd must be after dataAccessStart.");
  }
  return {
    name,
    email,
    role,
    ssoIdentity: ssoIdentity ?? null,
    enforceSso: enforceSso ?? false,
    expiration: optionalDate(body, "expiration"),
    dataAccessStart,
    dataAccessEnd,
    meterRestrictionProfileId: optionalProfile(
      body,
      "meterRestrictionProfileId",
      users.meterProfiles,
    ),
    idcRestrictionProfileId: optionalProfile(body, "idcRestrictionProfileId", users.idcProfiles),
  };
}

export const users: Handler = (ctx) => {
  manager(ctx);
  return jsonResponse(200, ctx.accounts.users.list().map(userJson));
};

export const user: Handler = (ctx) => {
  manager(ctx);
  return jsonResponse(200, userJson(userOf(ctx.accounts.users, ctx.params.id ?? "")));
};

export const createUser: Handler = async (ctx) => {
  manager(ctx);
  const { users } = ctx.accounts;
  const fields = userFields(await readJsonBody(ctx.request), users);
  if (users.byName(fields.name)) {
    throw new HttpError(400, `A user named '${fields.name}' already exists.`);
  }
  return jsonResponse(200, userJson(users.create(fields)));
};

/** Replaces a user and, as DCS is reported to, answers with the details the user had before. */
export const updateUser: Handler = async (ctx) => {
  manager(ctx);
  const { users } = ctx.accounts;
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body) || typeof body.id !== "string") {
    throw new HttpError(400, "Expected a user object with its id.");
  }
  const found = userOf(users, body.id);
  const fields = userFields(body, users);
  if (fields.name !== found.name) {
    throw new HttpError(
      400,
      "A user's name cannot be changed: delete the user and add one with the new name.",
    );
  }
  const before = userJson(found);
  users.replace(found, fields);
  return jsonResponse(200, before);
};

export const deleteUser: Handler = (ctx) => {
  manager(ctx);
  const { users } = ctx.accounts;
  users.remove(userOf(users, ctx.params.id ?? ""));
  return emptyResponse(204);
};

export const meterRestrictionProfiles: Handler = (ctx) => {
  profileReader(ctx);
  return profilesAnswer(ctx.accounts.users.meterProfiles, "meter");
};

export const idcRestrictionProfiles: Handler = (ctx) => {
  profileReader(ctx);
  return profilesAnswer(ctx.accounts.users.idcProfiles, "idcGroup");
};
