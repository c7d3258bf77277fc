/**
 * Progress on stderr. On a terminal: a bar per running download (readings, rate, ETA), each
 * replaced by a line of its own when it ends; elsewhere (or with `--verbose`, whose request
 * lines would tear the bars) one plain line per finished source; with `--quiet` only failures.
 *
 * Whatever the mode, every source that ends gets exactly one line saying how many readings
 * it got, and a failure's reason goes on a line of its own, whole (the terminal wraps it),
 * never inside a bar, which is cut to the terminal's width.
 */
import type { Writable } from "node:stream";
import { describeError } from "./errors.js";

export interface Progress {
  /** A source's readings have started to arrive. */
  begin(wire: string): void;
  /** One more reading of `wire`. */
  advance(wire: string): void;
  /** A source ended after `rows` readings: complete, or failed or interrupted. */
  end(wire: string, rows: number, outcome?: { error: unknown } | { interrupted: true }): void;
  /** Removes the bars (call once, at the end). */
  stop(): void;
}

export type ProgressMode = "bar" | "lines" | "quiet";

export function progressMode(
  stream: Writable & { isTTY?: boolean },
  options: { quiet?: boolean; verbose?: boolean },
): ProgressMode {
  if (options.quiet) return "quiet";
  return stream.isTTY && !options.verbose ? "bar" : "lines";
}

const count = (n: number) => n.toLocaleString("en-GB");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const BAR_WIDTH = 20;

/** `expected` is the number of readings a full download of one source should give. */
export function createProgress(
  mode: ProgressMode,
  stream: Writable & { columns?: number },
  expected: number,
): Progress {
  const running = new Map<string, { started: number; rows: number }>();

  const finalLines = (wire: string, rows: number, outcome: Parameters<Progress["end"]>[2]) => {
    const started = running.get(wire)?.started;
    if (outcome && "error" in outcome) {
      return `${wire} failed after ${count(rows)} readings:\n  ${describeError(outcome.error)}\n`;
    }
    if (outcome)
      return mode === "quiet" ? "" : `${wire} interrupted after ${count(rows)} readings\n`;
    if (mode === "quiet") return "";
    const time = started === undefined ? "" : ` in ${seconds(performance.now() - started)}`;
    const short = rows === expected ? "" : ` (the range has ${count(expected)} periods)`;
    return `${wire}: ${count(rows)} readings${time}${short}\n`;
  };

  if (mode !== "bar") {
    return {
      begin: (wire) => running.set(wire, { started: performance.now(), rows: 0 }),
      advance: () => {},
      end: (wire, rows, outcome) => {
        stream.write(finalLines(wire, rows, outcome));
        running.delete(wire);
      },
      stop: () => {},
    };
  }

  let drawn = 0; // bar lines on screen, just above the cursor
  const barLine = (wire: string, state: { started: number; rows: number }) => {
    const share = expected > 0 ? Math.min(state.rows / expected, 1) : 0;
    const filled = Math.round(share * BAR_WIDTH);
    // 100% only once it has ended, when the bar gives way to the source's own line.
    const percent = Math.min(99, Math.floor(share * 100));
    const elapsed = (performance.now() - state.started) / 1000;
    const rate = elapsed > 0 ? state.rows / elapsed : 0;
    const eta = rate > 0 ? `ETA ${Math.ceil(Math.max(expected - state.rows, 0) / rate)} s` : "";
    const line = ` ${wire} ${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)} ${percent}% ${count(state.rows)}/${count(expected)} ${count(Math.round(rate))}/s ${eta}`;
    return line.slice(0, Math.max((stream.columns ?? 80) - 1, 10)).trimEnd();
  };
  /** Redraws the bars, with `lines` (whole lines) printed above them for good. */
  const draw = (lines = "") => {
    const up = drawn > 0 ? `\r\x1b[${drawn}A\x1b[J` : "";
    const bars = [...running].map(([wire, state]) => `${barLine(wire, state)}\n`);
    drawn = bars.length;
    const text = up + lines + bars.join("");
    if (text !== "") stream.write(text);
  };
  const timer = setInterval(() => {
    if (running.size > 0) draw();
  }, 200);
  timer.unref();
  return {
    begin(wire) {
      running.set(wire, { started: performance.now(), rows: 0 });
      draw();
    },
    advance(wire) {
      const state = running.get(wire);
      if (state) state.rows++;
    },
    end(wire, rows, outcome) {
      const lines = finalLines(wire, rows, outcome);
      running.delete(wire);
      draw(lines);
    },
    stop() {
      clearInterval(timer);
      running.clear();
      draw();
    },
  };
}
