/**
 * Accounts and session tokens for both API generations. Passwords are compared in constant
 * time (as SHA-256 digests); tokens are random (crypto.getRandomValues) and never logged.
 */
import type { DcsSimulatorUser } from "./options.js";
import { type UserRecord, Users } from "./users.js";

/** Who a request runs as. */
export interface Principal {
  username: string;
  role: string;
  /** Meter ids the user's restriction profile allows; undefined = all. */
  allowedMeters: ReadonlySet<number> | undefined;
  /** Epoch ms after which the account is expired. */
  expiresAt: number | undefined;
  /** The span of data (epoch ms, end exclusive) the user may see; undefined = no limit. */
  dataAccessStart: number | undefined;
  dataAccessEnd: number | undefined;
}

/** Which API generation a token belongs to: tokens do not cross over. */
export type Api = "webapi" | "v3";

export const COOKIE_NAMES: Record<Api, string> = {
  webapi: "COHERENT-DCS-API",
  v3: "COHERENT-DCSV3",
};
export const COOKIE_PATHS: Record<Api, string> = { webapi: "/DCSWebApi", v3: "/DCS" };

interface Session {
  api: Api;
  /** By id, not name: a user deleted and made again under the same name is someone else. */
  userId: string;
  expiresAt: number;
}

const encoder = new TextEncoder();

/**
 * Equal byte arrays, in time that depends only on their length: every byte is XOR-folded,
 * with no early exit (what `crypto.timingSafeEqual` does in Node, without `node:`).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const sha256 = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

/**
 * Whether a password is right. Both sides are hashed first, so the comparison always runs
 * over 32 bytes and its timing tells neither where they differ nor how long the password is.
 */
export async function passwordsMatch(given: string, expected: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(given), sha256(expected)]);
  return constantTimeEqual(x, y);
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

export class Accounts {
  /** The accounts themselves, which the legacy API's user administration changes. */
  readonly users: Users;
  /** In order of issue, which (one lifetime for all) is the order of expiry. */
  readonly #sessions = new Map<string, Session>();
  readonly #lifetimeMs: number;
  readonly #maxSessions: number;
  /**
   * A walk over the sessions from the oldest, kept from one purge to the next: a fresh walk
   * would step again over every entry deleted at the front, making each sign-in slower.
   */
  #walk: Iterator<[string, Session], undefined> | undefined;
  /** The entry the walk stands on, not yet dropped. */
  #oldest: [string, Session] | undefined;

  /**
   * `meterIds`: every meter id in estate order, to resolve "the first N meters".
   * `maxSessions`: how many sessions are kept; issuing one more evicts the oldest.
   */
  constructor(
    users: readonly DcsSimulatorUser[],
    lifetimeMs: number,
    meterIds: readonly number[],
    maxSessions: number,
  ) {
    this.users = new Users(users, meterIds);
    this.#lifetimeMs = lifetimeMs;
    this.#maxSessions = maxSessions;
  }

  /** How many sessions are held. */
  get size(): number {
    return this.#sessions.size;
  }

  /** The user with these credentials (usernames ignore case), or undefined. */
  async verify(username: unknown, password: unknown): Promise<UserRecord | undefined> {
    if (typeof username !== "string" || typeof password !== "string") return undefined;
    const user = this.users.byName(username);
    // Compare against something even for an unknown user or one without a password, so
    // timing does not tell them apart.
    const expected = user?.password ?? "\u0000no such user\u0000";
    const ok = await passwordsMatch(password, expected);
    return ok && user?.password !== undefined ? user : undefined;
  }

  principal(user: UserRecord): Principal {
    const meters = this.users.allowedMeters(user);
    return {
      username: user.name,
      role: user.role,
      allowedMeters: meters === undefined ? undefined : new Set(meters),
      expiresAt: user.expiration,
      dataAccessStart: user.dataAccessStart,
      dataAccessEnd: user.dataAccessEnd,
    };
  }

  /** The principal for a username (the public endpoints' account). */
  principalOf(username: string): Principal {
    const user = this.users.byName(username);
    if (user) return this.principal(user);
    return {
      username,
      role: "Viewer",
      allowedMeters: undefined,
      expiresAt: undefined,
      dataAccessStart: undefined,
      dataAccessEnd: undefined,
    };
  }

  /** A new session token of the account named `username`. */
  issue(api: Api, username: string, now: number): string {
    const user = this.users.byName(username);
    if (!user) throw new Error(`There is no account named '${username}'.`);
    this.#purge(now);
    const token = randomToken();
    this.#sessions.set(token, { api, userId: user.id, expiresAt: now + this.#lifetimeMs });
    return token;
  }

  /** Drops the expired sessions, which come first, then the oldest ones while full. */
  #purge(now: number): void {
    for (;;) {
      this.#walk ??= this.#sessions.entries();
      this.#oldest ??= this.#walk.next().value;
      if (this.#oldest === undefined) {
        this.#walk = undefined; // walked to the end: everything seen is gone
        return;
      }
      const [token, session] = this.#oldest;
      const live = this.#sessions.has(token) && now < session.expiresAt;
      if (live && this.#sessions.size < this.#maxSessions) return;
      this.#sessions.delete(token);
      this.#oldest = undefined;
    }
  }

  /**
   * The principal of a valid token, or undefined (unknown, expired, of the other API, or of a
   * user since deleted).
   */
  lookup(api: Api, token: string | undefined, now: number): Principal | undefined {
    if (token === undefined) return undefined;
    const session = this.#sessions.get(token);
    if (!session || session.api !== api) return undefined;
    const user = this.users.byId(session.userId);
    if (now >= session.expiresAt || !user) {
      this.#sessions.delete(token);
      return undefined;
    }
    return this.principal(user);
  }

  revoke(token: string | undefined): void {
    if (token !== undefined) this.#sessions.delete(token);
  }

  /** Every token becomes invalid. */
  expireAll(): void {
    this.#sessions.clear();
    this.#walk = undefined;
    this.#oldest = undefined;
  }
}

/** The value of cookie `name` in a request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function sessionCookie(api: Api, token: string, sameSite: "Lax" | "None"): string {
  const site = sameSite === "None" ? "SameSite=None; Secure" : "SameSite=Lax";
  return `${COOKIE_NAMES[api]}=${token}; Path=${COOKIE_PATHS[api]}; HttpOnly; ${site}`;
}

export function clearedCookie(api: Api, sameSite: "Lax" | "None"): string {
  const site = sameSite === "None" ? "SameSite=None; Secure" : "SameSite=Lax";
  return `${COOKIE_NAMES[api]}=; Path=${COOKIE_PATHS[api]}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; ${site}`;
}
