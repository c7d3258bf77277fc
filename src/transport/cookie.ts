/**
 * The one session cookie a DCS client needs, kept outside the browser (Node, Deno, workers).
 * Browsers keep cookies themselves (`credentials: "include"`) and never show us
 * `Set-Cookie`, so there this jar simply stays empty.
 *
 * The value lives in a private field so that logging or inspecting a client never shows it,
 * and it is only ever sent to the origin that set it.
 */
import { keepSecret } from "../errors.js";

/** A jar dropped without `clear()` (a client never signed out) stops listing its secret. */
const dropped = new FinalizationRegistry<{ forget: () => void }>((secret) => secret.forget());

export class SessionCookie {
  #pair: string | undefined;
  /** Ends the value's listing as a secret (see `keepSecret`): errors never show it. */
  readonly #secret = { forget: () => {} };

  constructor(
    /** Cookie names start with this (case-insensitive), e.g. `COHERENT-DCS-API`. */
    readonly namePrefix: string,
    /** The only origin the cookie is sent to. */
    readonly origin: string,
  ) {
    dropped.register(this, this.#secret);
  }

  get present(): boolean {
    return this.#pair !== undefined;
  }

  /** The `Cookie` header value for a request to `url`, if it may carry the cookie. */
  headerFor(url: string): string | undefined {
    if (this.#pair === undefined) return undefined;
    return new URL(url).origin === this.origin ? this.#pair : undefined;
  }

  /** Takes the session cookie from a response's `Set-Cookie` lines (set, replace or expire). */
  update(headers: Headers, responseUrl: string): void {
    if (typeof headers.getSetCookie !== "function") return;
    const lines = headers.getSetCookie();
    if (lines.length === 0) return; // most responses: skip parsing the URL
    if (responseUrl && new URL(responseUrl).origin !== this.origin) return;
    for (const line of lines) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      if (!name.toUpperCase().startsWith(this.namePrefix.toUpperCase())) continue;
      const value = pair.slice(eq + 1).trim();
      this.#secret.forget();
      this.#pair = value === "" || isExpired(attributes) ? undefined : `${name}=${value}`;
      this.#secret.forget = this.#pair ? keepSecret(value) : () => {};
    }
  }

  clear(): void {
    this.#secret.forget();
    this.#pair = undefined;
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
