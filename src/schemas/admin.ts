/**
 * Shapes of the legacy API's administration endpoints (users and restriction profiles,
 * undocumented, as pythondcspro calls them). Only what pythondcspro relies on is required;
 * everything else a server sends (expiry, data access dates, profiles, single sign-on) is
 * kept as it came, so that a user can be read, changed and written back whole.
 */
import * as z from "zod/mini";
import { dcsId, openEnum } from "./primitives.js";
import type { UserRole } from "./types.js";

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
