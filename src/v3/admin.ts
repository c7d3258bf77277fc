/**
 * pythondcspro's administration functions: users and restriction profiles, the part of
 * `DcsSession` for an Administrator (the DCS User Guide's roles: other roles get
 * `DcsForbiddenError`). Undocumented endpoints, reverse engineered from the DCS web UI: use at
 * your own risk; their behaviour may change with any DCS release.
 */
import { type CallOptions, Endpoints } from "../client/endpoints.js";
import { DcsArgumentError } from "../core/errors.js";
import type { paths } from "../generated/dcs-v3.js";
import { restrictionProfileListSchema, userListSchema, userSchema } from "../schemas/admin.js";
import type { NewUser, RestrictionProfile, User } from "../schemas/types.js";
import type { Transport } from "../transport/transport.js";

/** A user id is UUID-like: it goes into the path, so nothing that could leave its segment. */
const USER_ID = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

function byUserId(id: unknown) {
  if (typeof id !== "string" || !USER_ID.test(id)) {
    throw new DcsArgumentError(
      `A user id is a UUID-like string (letters, digits, "-", "_", "." and "~"), got ${JSON.stringify(id)}`,
    );
  }
  return { params: { path: { id } } };
}

function checkObject<T>(value: T, message: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DcsArgumentError(message);
  }
  return value;
}

/** The administration calls `DcsSession` inherits; made only by `DcsSession`. */
export class UserAdministration {
  readonly #api: Endpoints<paths>;

  /**
   * @internal Takes the session's transport and makes its own calls on it (the same queue,
   * cookie and retries), so that no generated type shows in the package's declarations.
   */
  constructor(transport: Transport) {
    this.#api = new Endpoints<paths>(transport);
  }

  /** Every user of the server, or the one with this id. Administrators only. Unofficial endpoint. */
  getUsers(id?: undefined, options?: CallOptions): Promise<User[]>;
  getUsers(id: string, options?: CallOptions): Promise<User>;
  async getUsers(id?: string, options: CallOptions = {}): Promise<User | User[]> {
    if (id === undefined) return this.#api.json("GET /api/users", {}, userListSchema, options);
    return this.#api.json("GET /api/users/{id}", byUserId(id), userSchema, options);
  }

  /**
   * Creates a user (at least `name`, `email` and `role`) and returns it with its new id; DCS
   * emails the user a password. A name already taken or not allowed is a
   * `DcsBadRequestError` with the server's details. **Risky**: unofficial, changes who may
   * use the server.
   */
  async createUser(user: NewUser, options: CallOptions = {}): Promise<User> {
    const body = checkObject(user, "createUser needs a user object: { name, email, role }");
    return this.#api.json("POST /api/users", { body }, userSchema, options);
  }

  /**
   * Replaces a user, identified by its `id`. **Risky**: unofficial, and fields left out are
   * reset, so read with `getUsers(id)`, change, and write back the whole object; the name
   * cannot change. Resolves to the server's answer, which DCS is reported to give as the
   * user's details from before the change: read the user again to see the new ones.
   */
  async updateUser(user: User, options: CallOptions = {}): Promise<User> {
    const message = "updateUser needs the whole user with its id, as getUsers(id) gives it";
    if (typeof checkObject(user, message).id !== "string") throw new DcsArgumentError(message);
    return this.#api.json("PUT /api/users", { body: user }, userSchema, options);
  }

  /** Deletes the user with this id; their sessions end. **Risky**: unofficial and irreversible. */
  async deleteUser(id: string, options: CallOptions = {}): Promise<void> {
    return this.#api.send("DELETE /api/users/{id}", byUserId(id), options);
  }

  /** The meter restriction profiles that users can be given. Unofficial endpoint. */
  async getMeterRestrictions(options: CallOptions = {}): Promise<RestrictionProfile[]> {
    const route = "GET /api/meterrestrictionprofiles";
    return this.#api.json(route, {}, restrictionProfileListSchema, options);
  }

  /** The IDC restriction profiles that users can be given. Unofficial endpoint. */
  async getIdcRestrictions(options: CallOptions = {}): Promise<RestrictionProfile[]> {
    const route = "GET /api/idcrestrictionprofiles";
    return this.#api.json(route, {}, restrictionProfileListSchema, options);
  }
}
