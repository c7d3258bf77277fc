/**
 * A tiny router: lower-case path patterns with `:name` parameters. Literal segments win over
 * parameters; a path that matches with another method is a 405, no match at all a 404.
 */

export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Params }
  | { kind: "notFound" }
  | { kind: "wrongMethod"; allow: string[] };

export class Router<H> {
  readonly #routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.#routes.push({ method, segments: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  /** `path` is already normalised (lower case, no trailing slash). */
  match(method: string, path: string): RouteMatch<H> {
    const parts = path.split("/").filter(Boolean);
    let best: { route: Route<H>; params: Params; literals: number } | undefined;
    const allow = new Set<string>();
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Params = {};
      let literals = 0;
      let ok = true;
      route.segments.forEach((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(part);
        else if (segment === part) literals++;
        else ok = false;
      });
      if (!ok) continue;
      if (route.method !== method) {
        allow.add(route.method);
        continue;
      }
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (best) return { kind: "found", handler: best.route.handler, params: best.params };
    return allow.size > 0 ? { kind: "wrongMethod", allow: [...allow] } : { kind: "notFound" };
  }
}
