// What the benches share: running one measured case in a child process of its own (so that
// its peak RSS is its own) and taking medians.
import { spawn } from "node:child_process";

/**
 * Runs `command` and resolves with the JSON object of the last line it printed, or with
 * `{ error }`: the thrown error's line, else the last lines it said. Killed after `timeoutMs`.
 */
export function runJsonChild(command, args, { cwd, env, timeoutMs = 10 * 60_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code === 0) {
        try {
          return resolve(JSON.parse(line));
        } catch {}
      }
      const said = (err || out).trim().split("\n");
      const thrown = said.find((l) => /^\w*Error\b/.test(l));
      resolve({ error: `exit ${code}: ${thrown ?? said.slice(-3).join(" | ")}` });
    });
  });
}

/** The median of the numbers among `xs` (undefined if none). */
export function median(xs) {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
