import type { SimRequest, SimResponse } from "../http/service.js";
import { invalidUri, unsupportedHttpVerb } from "./batchErrors.js";

// A small path router. Patterns are segment lists: literals match case-insensitively (Batch URLs are),
// `:name` captures one percent-decoded segment, and a final `*name` captures the rest of the path
// (a file path, whose slashes may arrive literal or as %2F) joined with "/".

/** The values a pattern captured; asking for a name the pattern lacks is a bug in the route table. */
export class RouteParams {
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  get(name: string): string {
    const value = this.values[name];
    if (value === undefined) throw new Error(`The route has no parameter named ${name}.`);
    return value;
  }
}

export type RouteHandler = (request: SimRequest, params: RouteParams) => SimResponse;

export interface Route {
  pattern: string;
  methods: Readonly<Partial<Record<"GET" | "HEAD" | "POST", RouteHandler>>>;
}

interface Match {
  route: Route;
  params: Record<string, string>;
}

function decodeSegments(path: string): string[] {
  const raw = path.split("/").slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    throw invalidUri();
  }
}

function matchRoute(route: Route, segments: string[]): Record<string, string> | undefined {
  const pattern = route.pattern.split("/").slice(1);
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    if (part.startsWith("*")) {
      const rest = segments.slice(index);
      if (rest.length === 0 || rest.some((segment) => segment === "")) return undefined;
      params[part.slice(1)] = rest.join("/");
      return params;
    }
    const segment = segments[index];
    if (segment === undefined || segment === "") return undefined;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return segments.length === pattern.length ? params : undefined;
}

export function createRouter(routes: readonly Route[]): (request: SimRequest) => SimResponse {
  return (request) => {
    const segments = decodeSegments(request.path);
    let match: Match | undefined;
    for (const route of routes) {
      const params = matchRoute(route, segments);
      if (params) {
        match = { route, params };
        break;
      }
    }
    if (!match) throw invalidUri();
    const handler = match.route.methods[request.method as keyof Route["methods"]];
    if (!handler) throw unsupportedHttpVerb(request.method);
    return handler(request, new RouteParams(match.params));
  };
}
