/**
 * What a person would see: a small terminal that replays what a program wrote to it and
 * returns the rows on screen. It knows line feeds (as a tty's `onlcr` does them), carriage
 * returns, wrapping at the width (and `ESC[?7l`, which turns wrapping off so long lines are
 * cut), and the cursor and erase sequences progress displays use.
 */
import { Writable } from "node:stream";

export function screen(output: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  let wrap = true;
  const line = () => {
    while (rows.length <= row) rows.push([]);
    return rows[row] as string[];
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i] as string;
    if (ch === "\x1b") {
      const match = /^\x1b\[(\??)([\d;]*)([A-Za-z])/.exec(output.slice(i));
      if (!match) continue;
      i += match[0].length - 1;
      const [, privateMode, params, command] = match;
      const n = Number(params || (command === "J" || command === "K" ? 0 : 1));
      if (privateMode) {
        if (params === "7") wrap = command === "h";
        continue;
      }
      switch (command) {
        case "A":
          row = Math.max(0, row - n);
          break;
        case "B":
          row += n;
          break;
        case "C":
          col = Math.min(columns - 1, col + n);
          break;
        case "D":
          col = Math.max(0, col - n);
          break;
        case "E":
          row += n;
          col = 0;
          break;
        case "F":
          row = Math.max(0, row - n);
          col = 0;
          break;
        case "G":
          col = Math.min(columns - 1, n - 1);
          break;
        case "J":
          if (n === 0) {
            line().length = Math.min(line().length, col);
            rows.length = row + 1;
          } else if (n === 2) {
            rows.length = 0;
          }
          break;
        case "K":
          if (n === 0) line().length = Math.min(line().length, col);
          else if (n === 1) line().fill(" ", 0, col + 1);
          else line().length = 0;
          break;
        default:
          break;
      }
      continue;
    }
    if (ch === "\r") col = 0;
    else if (ch === "\n") {
      row++;
      col = 0;
      line();
    } else {
      if (col >= columns) {
        if (wrap) {
          row++;
          col = 0;
        } else col = columns - 1;
      }
      const cells = line();
      while (cells.length < col) cells.push(" ");
      cells[col] = ch;
      col++;
    }
  }
  const text = rows.map((r) => r.join("").trimEnd());
  while (text.length > 0 && text[text.length - 1] === "") text.pop();
  return text;
}

/** A writable that says it is a terminal of `columns` and keeps all it is given. */
export class FakeTerminal extends Writable {
  readonly isTTY = true;
  text = "";
  constructor(readonly columns: number) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += String(chunk);
    done();
  }
  /** The rows on screen now. */
  rows(): string[] {
    return screen(this.text, this.columns);
  }
}
