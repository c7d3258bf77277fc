/**
 * Signing in and out, the same for both clients (`DcsWebApi.signIn` / `signOut`,
 * `DcsSession.login` / `logout`): who is signed in, the browser credentials mode, the session
 * cookie, and the password kept out of every error while it travels.
 */
import { DcsArgumentError, keepSecret } from "../core/errors.js";
import type { SignInResult } from "../schemas/types.js";
import type { Transport } from "../transport/transport.js";

export interface Credentials {
  username: string;
  password: string;
}

export interface AccountOptions {
  /** The public method's name, for its argument errors: `"signIn"` or `"login"`. */
  name: string;
  /** Sends the sign-in request and returns its validated answer. */
  signIn(credentials: Credentials): Promise<SignInResult>;
  /** Sends the sign-out request. */
  signOut(): Promise<void>;
  /** Keep the credentials in memory after signing in, so that {@link Account.renew} can sign in again. */
  keepCredentials: boolean;
}

export class Account {
  readonly #transport: Transport;
  readonly #options: AccountOptions;
  #user: SignInResult | undefined;
  #credentials: Credentials | undefined;
  #renewing: Promise<SignInResult> | undefined;

  constructor(transport: Transport, options: AccountOptions) {
    this.#transport = transport;
    this.#options = options;
  }

  /** Who is signed in, as the server said; a new object for every sign-in. */
  get user(): SignInResult | undefined {
    return this.#user;
  }

  /**
   * Signs in, after signing out if signed in already. Refuses plain http to a non-loopback
   * host unless the transport allows it; a refusal leaves the client signed out and usable.
   */
  async signIn(username: string, password: string): Promise<SignInResult> {
    if (typeof username !== "string" || typeof password !== "string" || username === "") {
      throw new DcsArgumentError(`${this.#options.name} needs a username and a password (strings)`);
    }
    this.#transport.assertCredentialsAllowed();
    if (this.#user) await this.signOut();
    return this.#start({ username, password });
  }

  /** Signs out (best effort: the server may be gone) and forgets the session whatever happens. */
  async signOut(): Promise<void> {
    try {
      if (this.#user) await this.#options.signOut();
    } catch {
      // The local session is gone either way.
    } finally {
      this.#forget();
    }
  }

  /**
   * After a call that was sent as `seen` met a 401: signs in again with the kept credentials and
   * resolves true, so the call may be retried. The calls that failed together share one new
   * sign-in, and the expired session is not signed out (the server has ended it already).
   * Resolves false when there is nothing to sign in again with.
   */
  async renew(seen: SignInResult): Promise<boolean> {
    if (!this.#renewing) {
      if (this.#user !== seen) return this.#user !== undefined; // renewed since the call was sent
      const credentials = this.#credentials;
      if (!credentials) return false;
      this.#renewing = this.#start(credentials).finally(() => {
        this.#renewing = undefined;
      });
    }
    await this.#renewing;
    return true;
  }

  async #start(credentials: Credentials): Promise<SignInResult> {
    this.#transport.credentials = "include";
    const forget = keepSecret(credentials.password); // a server may quote it back in a refusal
    try {
      this.#user = await this.#options.signIn(credentials);
    } catch (error) {
      this.#forget();
      throw error;
    } finally {
      forget();
    }
    this.#credentials = this.#options.keepCredentials ? credentials : undefined;
    return this.#user;
  }

  #forget(): void {
    this.#user = undefined;
    this.#credentials = undefined;
    this.#transport.cookie.clear();
    this.#transport.credentials = "same-origin";
  }
}
