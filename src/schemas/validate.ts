/**
 * Running a schema over response data and turning its complaints into a
 * {@link DcsValidationError} that names each field path and what was there instead.
 */
import type * as z from "zod/mini";
import {
  type DcsErrorInit,
  DcsValidationError,
  type DcsValidationIssue,
  formatPath,
  quoteServerText,
} from "../core/errors.js";

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(quoteServerText(value, 40));
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Says in plain words what was expected; zod/mini ships no message texts of its own. */
function describe(issue: Issue, received: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected === "int" ? "a whole number" : issue.expected}, got ${show(received)}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${show(received)}`;
    case "invalid_union":
      return `expected ${unionExpectation(issue)}, got ${show(received)}`;
    case "too_small":
      return `expected at least ${String(issue.minimum)}, got ${show(received)}`;
    case "too_big":
      return `expected at most ${String(issue.maximum)}, got ${show(received)}`;
    default:
      return issue.message && issue.message !== "Invalid input"
        ? `${issue.message}, got ${show(received)}`
        : `invalid value ${show(received)}`;
  }
}

function unionExpectation(issue: Extract<Issue, { code: "invalid_union" }>): string {
  const parts: string[] = [];
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.code === "invalid_type") parts.push(inner.expected);
      else if (inner.code === "invalid_value")
        parts.push(...inner.values.map((v) => JSON.stringify(v)));
    }
  }
  return parts.length > 0 ? parts.join(" or ") : "one of several shapes";
}

/** Flattens zod issues into path + message pairs, relative to `basePath`. */
export function toIssues(
  error: z.core.$ZodError,
  data: unknown,
  basePath: readonly (string | number)[] = [],
): DcsValidationIssue[] {
  return error.issues.map((issue) => {
    const received = valueAt(data, issue.path);
    const path = [...basePath, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))];
    return { path, message: describe(issue, received) };
  });
}

/** The error for data that failed `schema`: the first issue in the message, all in `issues`. */
export function validationError(
  what: string,
  issues: DcsValidationIssue[],
  init: DcsErrorInit = {},
): DcsValidationError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  const where = init.url ? ` from ${init.method ?? "GET"} ${init.url}` : "";
  const message = first
    ? `Unexpected ${what}${where}: ${formatPath(first.path)}: ${first.message}${more}`
    : `Unexpected ${what}${where}`;
  return new DcsValidationError(message, issues, init);
}

/** Parses `data` with `schema` or throws a {@link DcsValidationError} naming the field paths. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  what: string,
  init: DcsErrorInit = {},
  basePath: readonly (string | number)[] = [],
): z.output<S> {
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(data);
  } catch (cause) {
    // Recursive schemas (the meter tree) recurse with the data: a hostile depth overflows.
    if (!(cause instanceof RangeError)) throw cause;
    const issue = { path: [...basePath], message: "nested too deeply to check" };
    throw validationError(what, [issue], { ...init, cause });
  }
  if (result.success) return result.data;
  throw validationError(what, toIssues(result.error, data, basePath), init);
}
