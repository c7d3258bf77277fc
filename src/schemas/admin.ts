/**
 * Shapes of the legacy API's administration endpoints (users and restriction profiles,
 * undocumented, as pythondcspro calls them). Only what pythondcspro relies on is required;
 * everything else a server sends (expiry, data access dates, profiles, single sign-on) is
 * kept as it came, so that a user can be read, changed and written back whole.
 */
import * as z from "zod/mini";
import { dcsId, openEnum } from "./primitives.js";

/** A DCS role as the User Guide lists them, or one a newer server adds, kept as sent. */
export type UserRole = "Administrator" | "Operator" | "Viewer" | "Guest" | (string & {});

export const userRoleSchema = openEnum<UserRole>();

export const userSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.optional(z.string()),
  role: userRoleSchema,
});

export const restrictionProfileSchema = z.looseObject({
  id: z.union([dcsId, z.string()]),
  name: z.string(),
});

export const userListSchema = z.array(userSchema);
export const restrictionProfileListSchema = z.array(restrictionProfileSchema);

/**
 * A DCS user account: its UUID-like `id`, user `name`, `email` and `role`, and every other
 * field the server sends (kept, so that `updateUser` can write the whole object back).
 */
export type User = z.output<typeof userSchema>;

/**
 * A meter or IDC restriction profile: its id (as users refer to it) and name, with the rest
 * (default access, the granted and denied groups, meters and virtual meters) kept as sent.
 */
export type RestrictionProfile = z.output<typeof restrictionProfileSchema>;
