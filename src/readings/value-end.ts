/**
 * Finding where one JSON value ends, in text that may arrive in pieces: the readings scanner's
 * slow path (header members, and elements its fast path could not take). String contents are
 * skipped with `indexOf`, so only structural characters are looked at one by one.
 */

export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;

export const isWhitespace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Backslashes just before `end` in `text`; a run reaching the start of `text` adds `before`
 * (those that ended the previous piece).
 */
function backslashesBefore(text: string, end: number, before: number): number {
  let i = end - 1;
  while (i >= 0 && text.charCodeAt(i) === BACKSLASH) i--;
  return end - 1 - i + (i < 0 ? before : 0);
}

/** The scan of one value, kept when its text is cut so that the next piece goes on from it. */
export class ValueEnd {
  /** True when the text ended inside the value: {@link resume} carries on with the next piece. */
  cut = false;
  #literal = false;
  #depth = 0;
  #inString = false;

  /** The end of the value starting at `start` (a non-whitespace char), or -1 if `text` ends first. */
  find(text: string, start: number): number {
    const first = text.charCodeAt(start);
    this.#literal = first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE;
    this.#depth = 0;
    this.#inString = false;
    return this.resume(text, start, 0);
  }

  /**
   * Scans `text` from `i` on, in the state the scan left, up to the value's end (or -1);
   * `before` counts the backslashes that ended the previous piece.
   */
  resume(text: string, i: number, before: number): number {
    const length = text.length;
    if (this.#literal) {
      // A number or literal runs until a delimiter.
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) {
          return this.#complete(i);
        }
      }
      return this.#suspend(0, false);
    }
    let depth = this.#depth;
    let inString = this.#inString;
    for (;;) {
      if (inString) {
        let quote = text.indexOf('"', i);
        while (quote >= 0 && backslashesBefore(text, quote, before) % 2 === 1) {
          quote = text.indexOf('"', quote + 1);
        }
        if (quote < 0) return this.#suspend(depth, true);
        inString = false;
        i = quote + 1;
        if (depth === 0) return this.#complete(i);
      }
      for (;;) {
        if (i >= length) return this.#suspend(depth, false);
        const c = text.charCodeAt(i++);
        if (c === QUOTE) {
          inString = true;
          break;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--depth === 0) return this.#complete(i);
        }
      }
    }
  }

  /**
   * The backslashes ending a cut piece inside a string (an escape cut in two), for the next
   * {@link resume}; `before` as there.
   */
  trailingBackslashes(text: string, before: number): number {
    return this.#inString ? backslashesBefore(text, text.length, before) : 0;
  }

  #complete(end: number): number {
    this.cut = false;
    return end;
  }

  #suspend(depth: number, inString: boolean): number {
    this.cut = true;
    this.#depth = depth;
    this.#inString = inString;
    return -1;
  }
}
