/**
 * The simulator's user accounts as DCS's user administration sees them: each account's record
 * (role, email, expiry, data access dates, restriction profiles), the restriction profiles
 * themselves, and the changes an Administrator makes through the legacy API (kept in memory
 * per simulator instance, in force from the next request).
 */
import { hashKey } from "./estate/random.js";
import { type DcsSimulatorUser, roleOf } from "./options.js";

/** One account. Dates are epoch ms; undefined means none. */
export interface UserRecord {
  /** UUID-like, as DCS's users have. */
  readonly id: string;
  /** The user name, unique ignoring case; DCS does not let it change. */
  readonly name: string;
  /**
   * Undefined for an account made through the API: DCS emails such a user a password, the
   * simulator has none to send, so the account cannot log in.
   */
  readonly password: string | undefined;
  email: string;
  role: string;
  ssoIdentity: string | null;
  enforceSso: boolean;
  expiration: number | undefined;
  dataAccessStart: number | undefined;
  dataAccessEnd: number | undefined;
  meterRestrictionProfileId: number | null;
  idcRestrictionProfileId: number | null;
}

/** What an Administrator sets: everything but the id and the password. */
export type UserFields = Omit<UserRecord, "id" | "password">;

/** A restriction profile: `granted` lists what it grants, all else denied; undefined grants all. */
export interface RestrictionProfile {
  id: number;
  name: string;
  granted: readonly number[] | undefined;
}

/** A 128-bit id in the UUID version 4 layout, made from `key`, so the same key gives the same id. */
function uuidOf(key: string): string {
  let hex = "";
  for (let i = 0; i < 4; i++) hex += hashKey(i, key).toString(16).padStart(8, "0");
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const instant = (value: number | Date | undefined) =>
  value === undefined ? undefined : new Date(value).getTime();

export class Users {
  readonly #records: UserRecord[] = [];
  readonly #meterProfiles: RestrictionProfile[] = [];
  /** The simulator has no IDC groups to restrict, so one profile that grants them all. */
  readonly #idcProfiles: RestrictionProfile[] = [{ id: 1, name: "All IDCs", granted: undefined }];
  #created = 0;

  /** `meterIds`: every meter id in estate order, to resolve "the first N meters". */
  constructor(users: readonly DcsSimulatorUser[], meterIds: readonly number[]) {
    for (const user of users) {
      this.#records.push({
        id: uuidOf(`account ${user.username}`),
        name: user.username,
        password: user.password,
        email: user.email ?? `${user.username}@example.org`,
        role: roleOf(user),
        ssoIdentity: null,
        enforceSso: false,
        expiration: instant(user.expiresAt),
        dataAccessStart: instant(user.dataAccessStart),
        dataAccessEnd: instant(user.dataAccessEnd),
        meterRestrictionProfileId: this.#profileOf(user.meters, meterIds),
        idcRestrictionProfileId: null,
      });
    }
  }

  /** The profile of a user's `meters` option, one per distinct set of meters. */
  #profileOf(meters: DcsSimulatorUser["meters"], meterIds: readonly number[]): number | null {
    if (meters === undefined) return null;
    const granted = typeof meters === "number" ? meterIds.slice(0, meters) : [...meters];
    const name =
      typeof meters === "number" ? `First ${meters} meters` : `Meters ${granted.join(", ")}`;
    let profile = this.#meterProfiles.find((p) => p.name === name);
    if (!profile) {
      profile = { id: this.#meterProfiles.length + 1, name, granted };
      this.#meterProfiles.push(profile);
    }
    return profile.id;
  }

  get meterProfiles(): readonly RestrictionProfile[] {
    return this.#meterProfiles;
  }

  get idcProfiles(): readonly RestrictionProfile[] {
    return this.#idcProfiles;
  }

  /** Every account, in the order made. */
  list(): readonly UserRecord[] {
    return this.#records;
  }

  byId(id: string): UserRecord | undefined {
    return this.#records.find((u) => u.id === id);
  }

  /** The account with this name, ignoring case as sign-in does. */
  byName(name: string): UserRecord | undefined {
    const lower = name.toLowerCase();
    return this.#records.find((u) => u.name.toLowerCase() === lower);
  }

  /** The meters a user may see (their meter restriction profile); undefined: all. */
  allowedMeters(user: UserRecord): readonly number[] | undefined {
    const id = user.meterRestrictionProfileId;
    return id === null ? undefined : this.#meterProfiles.find((p) => p.id === id)?.granted;
  }

  /** A new account with a new id and no password. */
  create(fields: UserFields): UserRecord {
    const id = uuidOf(`created ${++this.#created} ${fields.name}`);
    const user = { ...fields, id, password: undefined };
    this.#records.push(user);
    return user;
  }

  /** Sets every field of `user` (a whole-object write) but its name. */
  replace(user: UserRecord, fields: UserFields): void {
    const { name: _, ...rest } = fields;
    Object.assign(user, rest);
  }

  remove(user: UserRecord): void {
    this.#records.splice(this.#records.indexOf(user), 1);
  }
}
