/**
 * Sign-in results and error bodies.
 */
import * as z from "zod/mini";

/** `POST /authentication/signin` (current API) and `POST /api/account/login` (v3) answer this. */
export const signInResultSchema = z.looseObject({
  username: z.string(),
  role: z.string(),
  appVersion: z.optional(z.string()),
});

/** Every DCS error body: `{ details }`, sometimes with more fields. */
export const errorBodySchema = z.looseObject({
  details: z.string(),
});

/** A 429 body: how long to back off, in seconds. */
export const rateLimitErrorBodySchema = z.looseObject({
  details: z.optional(z.string()),
  backOffSuggestion: z.number(),
});

/** The `/status` object: its shape is undocumented, so anything object-shaped is kept. */
export const statusSchema = z.looseObject({});
