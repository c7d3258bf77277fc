/** The SDK's typed errors as the dashboard's one line (examples/dashboard/src/errors.ts). */
import {
  DcsAbortError,
  DcsAuthError,
  DcsBadRequestError,
  DcsForbiddenError,
  DcsNetworkError,
  DcsRateLimitError,
  DcsServerError,
} from "coherent-dcs";
import { describe, expect, it } from "vitest";
import { describeError } from "../../examples/dashboard/src/errors.js";

const ORIGIN = "http://127.0.0.1:5173";
const line = (error: unknown) => describeError(error, ORIGIN);

describe("dashboard error lines", () => {
  it("says what to do about each typed error, with the server's own words, on one line", () => {
    expect(line(new DcsAuthError("POST …/signin: 401", { status: 401 }))).toBe(
      "Wrong user name or password, or the session has expired: sign in again.",
    );
    expect(
      line(
        new DcsForbiddenError("GET …: 403", { status: 403, details: "User 'x' is not\nallowed." }),
      ),
    ).toBe(
      "Forbidden: this account may not see that meter, or it has expired. The server said: User 'x' is not allowed.",
    );
    expect(line(new DcsRateLimitError("429", { status: 429, retryAfterMs: 30_500 }))).toBe(
      "The server is limiting requests: try again in 31 s.",
    );
    expect(line(new DcsRateLimitError("429", { status: 429, retryAfterMs: 600_000 }))).toBe(
      "The server is limiting requests: try again in 10 min.",
    );
    expect(
      line(new DcsBadRequestError("400", { status: 400, details: "The range exceeds 30 days." })),
    ).toBe("The server refused the request. The server said: The range exceeds 30 days.");
    expect(line(new DcsNetworkError("fetch failed"))).toBe(
      `Cannot reach the server: is it up, and does it allow ${ORIGIN} by CORS, with credentials?`,
    );
    expect(line(new DcsServerError("GET …: 500 Internal", { status: 500 }))).toBe(
      "DcsServerError: GET …: 500 Internal",
    );
    expect(line(new DcsAbortError("aborted"))).toBe("Cancelled.");
    expect(line(new TypeError("x is undefined"))).toBe("Something went wrong: x is undefined");
  });
});
