/**
 * The simulator's options, their defaults, and the default accounts.
 */
import type { FaultRule } from "./middleware/fault-rules.js";

/** A DCS user account of the simulator. */
export interface DcsSimulatorUser {
  username: string;
  password: string;
  /**
   * The DCS role reported at sign-in: Administrator, Operator, Viewer or Guest. Only Operator
   * and Administrator may change configuration, only Administrator manage users (legacy API).
   * Default "Viewer".
   */
  role?: string;
  /**
   * The meter restriction profile: the ids of the meters this user may see, or a number N
   * for "the first N meters" of the estate. Omitted: all meters. Served by the legacy API as
   * a profile named "First N meters" (or "Meters 701, 702"), one per distinct set.
   */
  meters?: readonly number[] | number;
  /**
   * When the account expires (epoch ms or a Date): from then on signing in and every data call
   * answer 403. The legacy users endpoints call it `expiration`.
   */
  expiresAt?: number | Date;
  /** The user's email address. Default `<username>@example.org`. */
  email?: string;
  /** The first instant of the data the user may see (epoch ms or a Date); earlier readings answer 403. */
  dataAccessStart?: number | Date;
  /** The end (exclusive) of the data the user may see (epoch ms or a Date); later readings answer 403. */
  dataAccessEnd?: number | Date;
}

/** Options of {@link createDcsSimulator}; every one has a default. */
export interface DcsSimulatorOptions {
  /** Seed of everything generated: same seed, same estate and readings. Default 1. */
  seed?: number;
  /** Number of meters (each with 2 to 6 registers). Default 20; thousands work. */
  meters?: number;
  /** Number of virtual meters. Default 5. */
  virtualMeters?: number;
  /** First instant with data (floored to midnight UTC). Default 2015-01-01T00:00:00Z. */
  dataStart?: Date | string;
  /** End of the data (exclusive, floored to a half hour). Default 2027-01-01T00:00:00Z. */
  dataEnd?: Date | string;
  /**
   * The accounts. Default: `user`/`password` (Viewer), `operator`/`operator-password`
   * (Operator), `restricted`/`restricted-password` (Viewer, first 3 meters only) and
   * `admin`/`admin-password` (Administrator, who alone may manage users).
   */
  users?: readonly DcsSimulatorUser[];
  /** The account the public (unauthenticated) endpoints run as. Default "user". */
  publicUser?: string;
  /** Serve the current API's `/public/...` endpoints. Default true. */
  publicEndpoint?: boolean;
  /** Serve the current API's authenticated endpoints. Default true. */
  privateEndpoint?: boolean;
  /** Longest span of one current-API readings request, in days; 0 = no limit. Default 0. */
  rangeLimitDays?: number;
  /**
   * Rate limit of the current API: at most `limit` requests per fixed window of `windowMs`,
   * per endpoint (method and path; public and authenticated separately), shared by all
   * callers, as the real server does. Default: off.
   */
  rateLimit?: { limit: number; windowMs: number };
  /** How long a sign-in token stays valid, in ms. Default one hour. */
  tokenLifetimeMs?: number;
  /**
   * How many sign-in sessions (of both APIs together) are kept. A sign-in beyond it evicts the
   * oldest session, whose token then answers 401 like an expired one. Expired sessions are
   * dropped as new ones are issued. Default 10,000.
   */
  maxSessions?: number;
  /** The current API's version, reported at sign-in. Default "4.2.0". */
  appVersion?: string;
  /** The version the legacy API reports at login. Default "3.2.1". */
  legacyAppVersion?: string;
  /** Gzip JSON bodies over about 1 KiB when the request accepts gzip. Default true. */
  gzip?: boolean;
  /** Allow browsers on these origins to call the simulator with credentials (CORS). */
  cors?: { origins: readonly string[] };
  /** SameSite of the session cookies; "None" also marks them Secure. Default "Lax". */
  cookieSameSite?: "Lax" | "None";
  /** The clock for token expiry, rate-limit windows and "today". Default `Date.now`. */
  clock?: {
    /** The current time in epoch ms. */
    now?: () => number;
  };
  /** Fault rules in force from the start (see `addFault`). */
  faults?: readonly FaultRule[];
  /**
   * Revised data, as real meters' late data gives: a half hour that starts in the last
   * `provisionalHours` before the clock's now is first served as an estimate, and as its real
   * reading once the clock has moved past. Default 0: off. At most 8,784 (a leap year).
   *
   * The estimate is what DCS shows when a meter's register total has arrived but its half-hourly
   * profile has not: with `interpolated`, cumulative registers climb linearly from the last real
   * total before the window to the total at the clock's half hour (status 1, interpolated; a
   * reset inside the window is kept, with status 3), so totals stay monotone, period values are
   * their differences, and both APIs (the legacy one as `isInterpolated`) and every integrated
   * period agree. Without `interpolated`, and for instantaneous registers, which DCS does not
   * interpolate, those half hours are missing. Virtual meters follow their expression over their
   * registers' estimates (status 1). Half hours after the clock's now are served as always.
   */
  provisionalHours?: number;
}

/** The accounts a simulator has unless `users` is given (see {@link DcsSimulatorOptions.users}). */
export const DEFAULT_USERS: readonly DcsSimulatorUser[] = [
  { username: "user", password: "password", role: "Viewer" },
  { username: "operator", password: "operator-password", role: "Operator" },
  { username: "restricted", password: "restricted-password", role: "Viewer", meters: 3 },
  { username: "admin", password: "admin-password", role: "Administrator" },
];

/** A user's role, "Viewer" when not given. */
export const roleOf = (user: DcsSimulatorUser): string => user.role ?? "Viewer";

/** Options with every default filled in. */
export interface ResolvedOptions {
  seed: number;
  meters: number;
  virtualMeters: number;
  dataStart: number;
  dataEnd: number;
  users: readonly DcsSimulatorUser[];
  publicUser: string;
  publicEndpoint: boolean;
  privateEndpoint: boolean;
  rangeLimitDays: number;
  rateLimit: { limit: number; windowMs: number } | undefined;
  tokenLifetimeMs: number;
  maxSessions: number;
  appVersion: string;
  legacyAppVersion: string;
  gzip: boolean;
  corsOrigins: readonly string[];
  cookieSameSite: "Lax" | "None";
  now: () => number;
  faults: readonly FaultRule[];
  provisionalHours: number;
}

const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;

function instant(value: Date | string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(t)) throw new TypeError(`${name} is not a valid date`);
  return t;
}

function wholeNumber(
  value: number | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function resolveOptions(options: DcsSimulatorOptions = {}): ResolvedOptions {
  const dataStart =
    Math.floor(instant(options.dataStart, Date.UTC(2015, 0, 1), "dataStart") / DAY) * DAY;
  const dataEnd =
    Math.floor(instant(options.dataEnd, Date.UTC(2027, 0, 1), "dataEnd") / HALF_HOUR) * HALF_HOUR;
  if (dataEnd <= dataStart) throw new TypeError("dataEnd must be after dataStart");
  const rateLimit = options.rateLimit;
  if (rateLimit !== undefined && !(rateLimit.limit >= 1 && rateLimit.windowMs > 0)) {
    throw new TypeError("rateLimit needs limit >= 1 and windowMs > 0");
  }
  const lifetime = options.tokenLifetimeMs ?? 3_600_000;
  if (!(lifetime > 0)) throw new TypeError("tokenLifetimeMs must be positive");
  return {
    seed: wholeNumber(options.seed, 1, "seed", -(2 ** 31), 2 ** 32 - 1) >>> 0,
    meters: wholeNumber(options.meters, 20, "meters", 1, 100_000),
    virtualMeters: wholeNumber(options.virtualMeters, 5, "virtualMeters", 0, 10_000),
    dataStart,
    dataEnd,
    users: options.users ?? DEFAULT_USERS,
    publicUser: options.publicUser ?? "user",
    publicEndpoint: options.publicEndpoint ?? true,
    privateEndpoint: options.privateEndpoint ?? true,
    rangeLimitDays: Math.max(0, options.rangeLimitDays ?? 0),
    rateLimit,
    tokenLifetimeMs: lifetime,
    maxSessions: wholeNumber(options.maxSessions, 10_000, "maxSessions", 1, 10_000_000),
    appVersion: options.appVersion ?? "4.2.0",
    legacyAppVersion: options.legacyAppVersion ?? "3.2.1",
    gzip: options.gzip ?? true,
    corsOrigins: options.cors?.origins ?? [],
    cookieSameSite: options.cookieSameSite ?? "Lax",
    now: options.clock?.now ?? Date.now,
    faults: options.faults ?? [],
    provisionalHours: wholeNumber(options.provisionalHours, 0, "provisionalHours", 0, 8784),
  };
}
