/**
 * Every error class of the package has a stable `code`, so callers can branch on it, and logs
 * can be searched for it, whatever the bundler did to class names. The codes are checked over
 * the package's own exports, so a new error class without a code of its own fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { DcsError, DcsRateLimitError, DcsValidationError } from "../../src/index.js";

const CODES: Record<string, string> = {
  DcsError: "DCS_ERROR",
  DcsArgumentError: "DCS_ARGUMENT",
  DcsBadRequestError: "DCS_BAD_REQUEST",
  DcsAuthError: "DCS_AUTH",
  DcsForbiddenError: "DCS_FORBIDDEN",
  DcsNotFoundError: "DCS_NOT_FOUND",
  DcsRateLimitError: "DCS_RATE_LIMIT",
  DcsServerError: "DCS_SERVER",
  DcsTimeoutError: "DCS_TIMEOUT",
  DcsNetworkError: "DCS_NETWORK",
  DcsAbortError: "DCS_ABORT",
  DcsConcurrencyError: "DCS_CONCURRENCY",
  DcsProtocolError: "DCS_PROTOCOL",
  DcsValidationError: "DCS_VALIDATION",
};

/** The error classes the package exports, by export name (`[]`: a validation error's issues). */
type ErrorClass = new (message: string, issues: []) => DcsError;
const errorClasses = Object.entries(api as Record<string, unknown>).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === "function" &&
    (entry[1] === DcsError || entry[1].prototype instanceof DcsError),
);

describe("error codes", () => {
  it("every exported error class has its own stable code", () => {
    const codes = Object.fromEntries(
      errorClasses.map(([name, ErrorClass]) => [name, new ErrorClass("failed", []).code]),
    );
    expect(codes).toEqual(CODES);
  });

  it("the code is kept where an error is serialised: JSON, and structured clone of its fields", () => {
    const error = new DcsRateLimitError("slow down", { status: 429, retryAfterMs: 2000 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "DcsRateLimitError",
      code: "DCS_RATE_LIMIT",
      status: 429,
      retryAfterMs: 2000,
    });
    const invalid = new DcsValidationError("bad", [{ path: ["id"], message: "expected number" }]);
    expect(structuredClone({ ...invalid })).toMatchObject({
      code: "DCS_VALIDATION",
      issues: [{ path: ["id"], message: "expected number" }],
    });
  });

  it("the README's Errors section lists every class with its code", () => {
    const readme = readFileSync("README.md", "utf8");
    const errors = readme.slice(readme.indexOf("\n## Errors\n"), readme.indexOf("\n## Politeness"));
    for (const [name, code] of Object.entries(CODES)) {
      expect(errors, name).toMatch(new RegExp(`\\| \`${name}\` \\| \`${code}\` \\|`));
    }
  });
});
