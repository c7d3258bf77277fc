/**
 * Fault rules: which requests get which fault (see `faults.ts`), counted as they match.
 */
export type Fault =
  /** Wait before answering (before the headers). */
  | { kind: "latency"; ms: number }
  /** Send the body in small pieces, one every `intervalMs`. */
  | { kind: "trickle"; chunkBytes: number; intervalMs: number }
  /** Send the headers and the first `afterBytes` of the body (default 0), then nothing, until the client gives up. */
  | { kind: "stall"; afterBytes?: number }
  /** Break the body after `afterBytes` bytes (over HTTP: the socket is destroyed). */
  | { kind: "drop"; afterBytes: number }
  /** No response at all: the handler rejects (over HTTP: the socket is destroyed before headers). */
  | { kind: "reset" }
  /** A server or gateway error with a JSON `{details}` body, or `body` as given. */
  | { kind: "status"; status: 500 | 502 | 503 | 504; body?: string; retryAfterSeconds?: number }
  /** An IIS-style HTML error page (text/html) with this status. */
  | { kind: "html"; status: number }
  /** 200 with a body that is not valid JSON. */
  | { kind: "malformed" }
  /** 200 with JSON of an unexpected shape (an object where an array is expected, and vice versa). */
  | { kind: "wrongShape" }
  /** 200 with an empty body. */
  | { kind: "empty" }
  /** `Content-Encoding: gzip` with a gzip stream cut short. */
  | { kind: "gzipTruncated" }
  /**
   * A 429; `retryAfterSeconds` default 1, `null` leaves the Retry-After header out. The body's
   * `backOffSuggestion` is `backOffSeconds`, else `retryAfterSeconds`, else 1 (as DCS's).
   */
  | { kind: "rateLimit"; retryAfterSeconds?: number | null; backOffSeconds?: number };

export interface FaultRule {
  /** Only requests with this method (any case). */
  method?: string;
  /**
   * Only requests whose lower-cased path (no trailing slash) matches: a RegExp, or a string
   * the path contains, e.g. "/public/readings".
   */
  path?: string | RegExp;
  /** Let the first `after` matching requests through. Default 0. */
  after?: number;
  /** Apply to this many matching requests, then stop. Default: every one. */
  times?: number;
  fault: Fault;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

/** The rules in force, and how often each has matched. */
export class FaultRules {
  #rules: ActiveRule[] = [];

  add(rule: FaultRule): () => void {
    const active = { rule, seen: 0, applied: 0 };
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.#rules = [];
  }

  /** The faults to apply to a request, counting it against every matching rule. */
  take(method: string, path: string): Fault[] {
    const faults: Fault[] = [];
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !matches(rule.path, path)) continue;
      active.seen++;
      if (active.seen <= (rule.after ?? 0)) continue;
      if (active.applied >= (rule.times ?? Number.POSITIVE_INFINITY)) continue;
      active.applied++;
      faults.push(rule.fault);
    }
    return faults;
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === "string") return path.includes(pattern.toLowerCase().replace(/\/+$/, ""));
  pattern.lastIndex = 0;
  return pattern.test(path);
}
