/**
 * MAC addresses: the legacy API carries them as unsigned 48-bit integers; people write
 * `00:1A:2B:3C:4D:5E`.
 */
import { DcsArgumentError } from "../core/errors.js";

const MAX_MAC = 0xffffffffffff;

/** `0x001a2b3c4d5e` → `"00:1A:2B:3C:4D:5E"`. */
export function macIntToHex(mac: number): string {
  if (!Number.isInteger(mac) || mac < 0 || mac > MAX_MAC) {
    throw new DcsArgumentError(
      `A MAC address integer must be a whole number from 0 to ${MAX_MAC}, got ${mac}`,
    );
  }
  const hex = mac.toString(16).toUpperCase().padStart(12, "0");
  return hex.match(/../g)?.join(":") ?? hex;
}

/** `"00:1A:2B:3C:4D:5E"` (or with `-`, or bare hex digits) → `0x001a2b3c4d5e`. */
export function macHexToInt(mac: string): number {
  const digits = typeof mac === "string" ? mac.trim().replace(/[:-]/g, "") : "";
  const grouped = typeof mac === "string" && /^[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}$/i.test(mac.trim());
  if (!grouped || digits.length !== 12) {
    throw new DcsArgumentError(`"${String(mac)}" is not a MAC address like 00:1A:2B:3C:4D:5E`);
  }
  return Number.parseInt(digits, 16);
}

/** A MAC given as either form, as the integer the API wants. */
export function toMacInt(mac: number | string): number {
  if (typeof mac === "string") return macHexToInt(mac);
  macIntToHex(mac); // range check
  return mac;
}

/** The params of an unofficial endpoint that names an IDC by its MAC (`{macAddress}`). */
export function byMac(mac: number | string) {
  return { params: { path: { macAddress: toMacInt(mac) } } };
}
