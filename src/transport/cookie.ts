/**
 * The session cookie a DCS client needs, kept outside the browser (Node, Deno, workers), with
 * any other cookie its server sets under the same name prefix (as a browser would keep them:
 * by name, so a `COHERENT-DCS-API-prefs` never replaces the session's `COHERENT-DCS-API`).
 * Browsers keep cookies themselves (`credentials: "include"`) and never show us `Set-Cookie`,
 * so there this jar simply stays empty.
 *
 * Values live in private fields so that logging or inspecting a client never shows them, and
 * they are only ever sent to, and only ever set or expired by, the origin of the client.
 */
import { keepSecret } from "../core/errors.js";

/** A jar dropped without `clear()` (a client never signed out) stops listing its secrets. */
const dropped = new FinalizationRegistry<Map<string, () => void>>((forgets) => {
  for (const forget of forgets.values()) forget();
});

export class SessionCookie {
  /** `name=value` of each cookie held, by name. */
  readonly #pairs = new Map<string, string>();
  /** Ends each value's listing as a secret (see `keepSecret`), by name: errors never show it. */
  readonly #forgets = new Map<string, () => void>();

  constructor(
    /** Cookie names start with this (case-insensitive), e.g. `COHERENT-DCS-API`. */
    readonly namePrefix: string,
    /** The only origin the cookies are sent to and taken from. */
    readonly origin: string,
  ) {
    dropped.register(this, this.#forgets);
  }

  get present(): boolean {
    return this.#pairs.size > 0;
  }

  /** The `Cookie` header value for a request to `url`, if it may carry the cookies. */
  headerFor(url: string): string | undefined {
    if (this.#pairs.size === 0 || new URL(url).origin !== this.origin) return undefined;
    return [...this.#pairs.values()].join("; ");
  }

  /**
   * Takes cookies from the `Set-Cookie` lines of a response from `responseUrl` (set, replace
   * or expire), if it came from our origin: another origin, reached by a redirect, must not
   * plant or end our session.
   */
  update(headers: Headers, responseUrl: string): void {
    if (typeof headers.getSetCookie !== "function") return;
    const lines = headers.getSetCookie();
    if (lines.length === 0) return; // most responses: skip parsing the URL
    if (new URL(responseUrl).origin !== this.origin) return;
    for (const line of lines) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      if (!name.toUpperCase().startsWith(this.namePrefix.toUpperCase())) continue;
      const value = pair.slice(eq + 1).trim();
      this.#forgets.get(name)?.();
      if (value === "" || isExpired(attributes)) {
        this.#pairs.delete(name);
        this.#forgets.delete(name);
      } else {
        this.#pairs.set(name, `${name}=${value}`);
        this.#forgets.set(name, keepSecret(value));
      }
    }
  }

  clear(): void {
    for (const forget of this.#forgets.values()) forget();
    this.#forgets.clear();
    this.#pairs.clear();
  }

  toJSON(): string {
    return this.present ? "[session cookie]" : "[no cookie]";
  }
}

function isExpired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [key = "", value = ""] = attribute.split("=", 2).map((s) => s.trim());
    const name = key.toLowerCase();
    if (name === "max-age" && Number(value) <= 0) return true;
    if (name === "expires" && Date.parse(value) <= Date.now()) return true;
  }
  return false;
}
