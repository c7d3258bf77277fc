/**
 * Readings ids: `R<register id>` and `VM<virtual meter id>`, the one spelling the SDK, the CLI
 * and the simulator all read. DCS ids are unsigned 32-bit integers.
 */

/** The largest DCS id (ids are unsigned 32-bit integers). */
export const MAX_ID = 4294967295;

/** A register or virtual meter, as readings requests name it. */
export interface SourceRef {
  kind: "register" | "virtualMeter";
  id: number;
  /** The wire form, `R733` or `VM9`. */
  wire: string;
}

const READINGS_ID = /^(R|VM)(\d{1,10})$/i;

/** True for a whole number DCS can use as an id. */
export const isDcsId = (id: unknown): id is number =>
  typeof id === "number" && Number.isInteger(id) && id >= 0 && id <= MAX_ID;

/** The source a register or virtual meter number names. */
export function sourceRef(kind: SourceRef["kind"], id: number): SourceRef {
  return { kind, id, wire: `${kind === "virtualMeter" ? "VM" : "R"}${id}` };
}

/**
 * Reads `"R733"` or `"vm9"` (any case; nothing around it); `undefined` if the text is not a
 * readings id or its number is out of range.
 */
export function parseReadingsId(text: string): SourceRef | undefined {
  const match = READINGS_ID.exec(text);
  if (!match) return undefined;
  const id = Number(match[2]);
  if (!isDcsId(id)) return undefined;
  return sourceRef(match[1]?.toUpperCase() === "VM" ? "virtualMeter" : "register", id);
}
