/**
 * CSV as DCS and spreadsheets write it (RFC 4180): cells separated by commas, quoted when
 * they hold a comma, a quote or a line break, quotes doubled inside quotes; LF or CRLF.
 */

/** A problem in a file, at a row (1 is the first line, as a spreadsheet numbers them). */
export class FileFormatError extends Error {
  override name = "FileFormatError";

  constructor(
    readonly row: number,
    reason: string,
  ) {
    super(`row ${row}: ${reason}`);
  }
}

/** A record of a CSV text: its cells, the row it starts on, and where it lies in the text. */
export interface CsvRecord {
  cells: string[];
  row: number;
  /** Offsets in the text: from its first character to after its line break. */
  from: number;
  to: number;
}

/** A cell of output; `null` is a cell that does not apply (left empty). */
export type CsvCell = string | number | boolean | null;

/** One cell, quoted when it must be. Numbers keep JavaScript's shortest exact form. */
export function csvCell(cell: CsvCell): string {
  const text = cell === null ? "" : String(cell); // NaN, Infinity and -Infinity as DCS spells them
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of CSV, with its line break. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * The records of a CSV text, blank lines left out. A byte order mark (as spreadsheets write
 * one) is skipped. Throws {@link FileFormatError} for a quote that is never closed.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 1;
  while (i < text.length) {
    const from = i;
    const startRow = row;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      if (text[i] === '"') {
        const close = closingQuote(text, i + 1);
        if (close < 0) throw new FileFormatError(startRow, "a quoted value is never closed");
        const quoted = text.slice(i + 1, close);
        row += quoted.split("\n").length - 1;
        cell = quoted.replaceAll('""', '"');
        i = close + 1;
      }
      DELIMITER.lastIndex = i;
      const end = DELIMITER.exec(text)?.index ?? text.length;
      cells.push(cell + text.slice(i, end));
      i = end;
      if (text[i] !== ",") break;
      i++;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    row++;
    if (cells.length > 1 || cells[0] !== "") records.push({ cells, row: startRow, from, to: i });
  }
  return records;
}

const DELIMITER = /[,\r\n]/g;

/** The index of the quote that closes a quoted value opened before `i`, or -1. */
function closingQuote(text: string, i: number): number {
  for (let j = text.indexOf('"', i); j >= 0; j = text.indexOf('"', j + 2)) {
    if (text[j + 1] !== '"') return j;
  }
  return -1;
}
