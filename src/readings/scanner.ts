/**
 * An incremental JSON scanner for readings bodies. It walks the structure of the document
 * just enough to find each complete reading element, and hands whole runs of elements to the
 * engine's native `JSON.parse` in one call: far faster than a token-by-token parser, and just
 * as strict, because every byte ends up checked either by this scanner's grammar (the top
 * level, the separators) or by `JSON.parse` (the elements and header values).
 *
 * Two document shapes exist:
 * - `"member"`: the current API, `{ "...": ..., "readings": [ {...}, ... ], "...": ... }`;
 *   members other than `readings` are returned as header members, before or after the array.
 * - `"root"`: the legacy API, a top-level array of readings.
 */
import { DcsProtocolError, quoteServerText } from "../core/errors.js";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  isWhitespace,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  ValueEnd,
} from "./value-end.js";

export type ArrayLocation = "member" | "root";

/** The member of a current-API result that holds the readings. */
const ARRAY_KEY = "readings";

/** Where reading `index` sits in a document of this shape, as an error path. */
export function readingPath(location: ArrayLocation, index: number): (string | number)[] {
  return location === "member" ? [ARRAY_KEY, index] : [index];
}

/** The longest single reading element or header value, in characters: memory stays bounded. */
const MAX_VALUE_CHARS = 1024 * 1024;

const COLON = 58;

/**
 * The most text one fast-path `JSON.parse` takes (about 250 readings). A network chunk is cut
 * into pieces this size: peak memory measured lower (`npm run bench`, W1) at the same speed.
 */
const MAX_RUN_CHARS = 16 * 1024;

/** Where the scanner is in the document grammar. */
enum At {
  DocumentStart, // before the top-level `{` or `[`
  MemberKeyOrEnd, // after `{`: a key or `}`
  MemberKey, // after `,` in the top object: a key
  MemberColon, // after a key
  MemberValue, // after `:` (a header value, or the readings array's `[`)
  MemberCommaOrEnd, // after a member
  ElementOrArrayEnd, // after `[`: an element or `]`
  Element, // after `,` in the array: an element
  ElementCommaOrEnd, // after an element
  DocumentEnd, // only whitespace may follow
}

export class ReadingsScanner {
  /** Header members seen so far (keys other than `readings`), in document order. */
  readonly members: [string, unknown][] = [];
  /** True once the readings array has begun (the header before it is complete). */
  arrayStarted = false;

  /** Parsed element batches not yet taken by the caller. */
  #batches: unknown[][] = [];
  #buffer = "";
  #pos = 0;
  #consumedChars = 0; // chars dropped from the buffer's front, for error positions
  #at = At.DocumentStart;
  #key: string | undefined;
  /** The scan of the value being read, carried across pushes when a push ends inside it. */
  readonly #value = new ValueEnd();
  #valueStart = 0;
  /** A value cut by the end of an earlier push: its text so far (see {@link #hold}). */
  #held: string | undefined;
  #heldBackslashes = 0; // backslashes ending #held, inside a string (an escape cut in two)
  #batchStart = -1; // buffer index where the current run of complete elements begins
  #batchEnd = -1;
  #tryRuns = false; // whether #takeRun may try (again) in this push
  #runLimit = -1; // end of the last complete element in this push's buffer, once known
  readonly #location: ArrayLocation;

  constructor(location: ArrayLocation) {
    this.#location = location;
  }

  /** Feeds more text; complete elements become available from {@link takeBatches}. */
  push(text: string): void {
    const held = this.#held;
    if (held !== undefined) {
      if (!this.#resumeHeld(held, text)) return;
    } else {
      if (this.#pos > 0) {
        this.#consumedChars += this.#pos;
        this.#buffer = this.#buffer.slice(this.#pos);
        this.#pos = 0;
      }
      this.#buffer += text;
    }
    this.#tryRuns = true;
    this.#runLimit = -1;
    this.#run();
  }

  /** Declares the end of input; throws if the document is incomplete. */
  end(): void {
    if (this.#held === undefined) this.#run();
    if (this.#at !== At.DocumentEnd) {
      const where = this.#at === At.DocumentStart ? "before any JSON" : "in the middle of the JSON";
      const read = this.#consumedChars + (this.#held ?? this.#buffer).length;
      throw new DcsProtocolError(
        `The readings body ended ${where} (after ${read} characters): the response was cut short`,
      );
    }
  }

  /** Takes the parsed batches gathered so far. */
  takeBatches(): unknown[][] {
    const out = this.#batches;
    this.#batches = [];
    return out;
  }

  #run(): void {
    const buffer = this.#buffer;
    const length = buffer.length;
    let pos = this.#pos;
    for (;;) {
      // Skip whitespace between tokens.
      while (pos < length && isWhitespace(buffer.charCodeAt(pos))) pos++;
      if (pos >= length) break;
      const c = buffer.charCodeAt(pos);
      switch (this.#at) {
        case At.ElementOrArrayEnd:
        case At.Element:
          pos = this.#element(c, pos);
          break;
        case At.ElementCommaOrEnd:
          if (c === COMMA) this.#at = At.Element;
          else if (c === CLOSE_BRACKET) this.#closeArray();
          else this.#fail(pos, "expected ',' or ']' after a reading");
          pos++;
          break;
        case At.DocumentEnd:
          this.#fail(pos, "unexpected text after the end of the JSON document");
          break;
        default:
          pos = this.#outsideArray(c, pos);
      }
    }
    this.#flushBatch();
    if (this.#value.cut) this.#hold();
    else this.#pos = pos; // the next push drops what was parsed
  }

  /** One reading element, or a run of them, at `pos`; returns where the scan goes on. */
  #element(c: number, pos: number): number {
    if (c === CLOSE_BRACKET && this.#at === At.ElementOrArrayEnd) {
      this.#closeArray();
      return pos + 1;
    }
    if (c === OPEN_BRACE && this.#tryRuns) {
      const runEnd = this.#takeRun(pos);
      if (runEnd > 0) {
        this.#at = At.ElementCommaOrEnd;
        return runEnd;
      }
    }
    const end = this.#scanValue(pos);
    if (end < 0) return this.#buffer.length;
    if (this.#batchStart < 0) this.#batchStart = pos;
    this.#batchEnd = end;
    this.#at = At.ElementCommaOrEnd;
    return end;
  }

  /** The document's start, and the header members around the array; returns where the scan goes on. */
  #outsideArray(c: number, pos: number): number {
    switch (this.#at) {
      case At.DocumentStart:
        if (this.#location === "root") {
          if (c !== OPEN_BRACKET) this.#fail(pos, "expected '[' to start the readings array");
          this.#startArray();
        } else {
          if (c !== OPEN_BRACE) this.#fail(pos, "expected '{' to start the readings object");
          this.#at = At.MemberKeyOrEnd;
        }
        return pos + 1;
      case At.MemberKeyOrEnd:
      case At.MemberKey: {
        if (c === CLOSE_BRACE && this.#at === At.MemberKeyOrEnd) {
          this.#at = At.DocumentEnd;
          return pos + 1;
        }
        if (c !== QUOTE) this.#fail(pos, "expected a member name");
        const end = this.#scanValue(pos);
        if (end < 0) return this.#buffer.length;
        this.#key = this.#parseToken(pos, end, undefined) as string;
        this.#at = At.MemberColon;
        return end;
      }
      case At.MemberColon:
        if (c !== COLON) this.#fail(pos, "expected ':'");
        this.#at = At.MemberValue;
        return pos + 1;
      case At.MemberValue: {
        if (this.#key === ARRAY_KEY) {
          if (this.arrayStarted) this.#fail(pos, `a second "${ARRAY_KEY}" member`);
          if (c !== OPEN_BRACKET) this.#fail(pos, `expected '[' to start "${ARRAY_KEY}"`);
          this.#startArray();
          return pos + 1;
        }
        const end = this.#scanValue(pos);
        if (end < 0) return this.#buffer.length;
        const key = this.#key as string;
        this.members.push([key, this.#parseToken(pos, end, key)]);
        this.#at = At.MemberCommaOrEnd;
        return end;
      }
      default: // At.MemberCommaOrEnd
        if (c === COMMA) this.#at = At.MemberKey;
        else if (c === CLOSE_BRACE) this.#at = At.DocumentEnd;
        else this.#fail(pos, "expected ',' or '}' after a member");
        return pos + 1;
    }
  }

  /**
   * Sets aside a value cut by the end of the buffer. The next pushes are scanned alone for its
   * end, with the scan's state carried over, and joined to it only once it is complete: a long
   * value arriving in many small chunks costs time in proportion to its length, where scanning
   * the value so far again at each chunk would cost its length at every chunk.
   */
  #hold(): void {
    this.#consumedChars += this.#valueStart;
    const held = this.#buffer.slice(this.#valueStart);
    this.#held = held;
    this.#heldBackslashes = this.#value.trailingBackslashes(held, 0);
    this.#buffer = "";
    this.#pos = 0;
    this.#checkHeld(held);
  }

  /**
   * Scans `text` for the end of the held value. Returns true once it ends: the buffer is then
   * the whole value and the rest of `text`, scanned again from the value's start.
   */
  #resumeHeld(held: string, text: string): boolean {
    if (this.#value.resume(text, 0, this.#heldBackslashes) < 0) {
      const all = held + text;
      this.#heldBackslashes = this.#value.trailingBackslashes(text, this.#heldBackslashes);
      this.#held = all;
      this.#checkHeld(all);
      return false;
    }
    this.#held = undefined;
    this.#buffer = held + text;
    return true;
  }

  #checkHeld(held: string): void {
    if (held.length > MAX_VALUE_CHARS) {
      this.#fail(0, `a value no longer than ${MAX_VALUE_CHARS} characters`, held);
    }
  }

  #startArray(): void {
    this.arrayStarted = true;
    this.#at = At.ElementOrArrayEnd;
  }

  #closeArray(): void {
    this.#flushBatch();
    this.#at = this.#location === "root" ? At.DocumentEnd : At.MemberCommaOrEnd;
  }

  /** Parses the run of complete elements found so far with one native `JSON.parse`. */
  #flushBatch(): void {
    if (this.#batchStart < 0) return;
    const start = this.#batchStart;
    const text = this.#buffer.slice(start, this.#batchEnd);
    this.#batchStart = -1;
    this.#batchEnd = -1;
    this.#batches.push(this.#parse(`[${text}]`, start, "readings") as unknown[]);
  }

  /**
   * The fast path: takes a run of complete elements with one `JSON.parse`, without looking at
   * them char by char. Runs end at the last `}` in the buffer (before the last `]`, which may
   * close the array), in pieces of at most {@link MAX_RUN_CHARS}. `JSON.parse` reads a prefix
   * the same whichever text follows, so `[run]` parses only if the run is whole elements
   * separated by commas: a cut inside a string or a nested value makes it throw, and the
   * element-by-element scan below does the rest of this push. Returns the end of the run, or -1.
   */
  #takeRun(start: number): number {
    const buffer = this.#buffer;
    if (this.#runLimit < 0) {
      const close = buffer.lastIndexOf("]");
      this.#runLimit =
        (close > start ? buffer.lastIndexOf("}", close) : buffer.lastIndexOf("}")) + 1;
    }
    let end = this.#runLimit;
    if (end - start > MAX_RUN_CHARS) {
      const piece = buffer.lastIndexOf("}", start + MAX_RUN_CHARS) + 1;
      if (piece > start) end = piece;
    }
    let elements: unknown[] | undefined;
    if (end > start) {
      try {
        elements = JSON.parse(`[${buffer.slice(start, end)}]`);
      } catch {}
    }
    if (elements === undefined) {
      this.#tryRuns = false;
      return -1;
    }
    this.#flushBatch();
    this.#batches.push(elements);
    return end;
  }

  /** Finds the end of the JSON value starting at `start`, or -1 when the buffer ends first. */
  #scanValue(start: number): number {
    this.#valueStart = start;
    return this.#value.find(this.#buffer, start);
  }

  /**
   * A header member's name or value. Plain strings (no escapes, no control characters: what
   * JSON.parse would return unchanged) are sliced out; anything else is parsed.
   */
  #parseToken(start: number, end: number, key: string | undefined): unknown {
    const buffer = this.#buffer;
    if (buffer.charCodeAt(start) === QUOTE) {
      let plain = true;
      for (let i = start + 1; plain && i < end - 1; i++) {
        const c = buffer.charCodeAt(i);
        plain = c >= 32 && c !== BACKSLASH;
      }
      if (plain) return buffer.slice(start + 1, end - 1);
    }
    const what = key === undefined ? "member name" : `"${key}"`;
    return this.#parse(buffer.slice(start, end), start, what);
  }

  #parse(text: string, at: number, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new DcsProtocolError(
        `Malformed JSON in ${what} near character ${this.#consumedChars + at}: ${message}`,
        { cause },
      );
    }
  }

  #fail(at: number, expected: string, text = this.#buffer): never {
    const near = JSON.stringify(quoteServerText(text.slice(at, at + 100), 24));
    throw new DcsProtocolError(
      `Malformed readings body at character ${this.#consumedChars + at}: ${expected}, found ${near}`,
    );
  }
}
