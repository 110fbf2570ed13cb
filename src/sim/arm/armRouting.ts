import type { SimRequest, SimResponse } from "../http/service.js";
import { invalidRequestContent, notSupported } from "./armErrors.js";

// A path router for ARM routes. Patterns are segment lists: literals match case-insensitively
// (ARM paths are: `resourcegroups` and `resourceGroups` are the same), `:name` captures one
// percent-decoded segment.

export type ArmMethod = "GET" | "PATCH" | "POST" | "PUT";

export class ArmParams {
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  get(name: string): string {
    const value = this.values[name];
    if (value === undefined) throw new Error(`The route has no parameter named ${name}.`);
    return value;
  }
}

export type ArmHandler = (request: SimRequest, params: ArmParams) => SimResponse;

export interface ArmRoute {
  pattern: string;
  methods: Readonly<Partial<Record<ArmMethod, ArmHandler>>>;
}

function segmentsOf(path: string): string[] {
  const segments = path.split("/").filter((segment) => segment !== "");
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    throw invalidRequestContent("The request path is not a valid URI");
  }
}

function match(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter((part) => part !== "");
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

export function createArmRouter(routes: readonly ArmRoute[]): (request: SimRequest) => SimResponse {
  return (request) => {
    const segments = segmentsOf(request.path);
    for (const route of routes) {
      const params = match(route.pattern, segments);
      if (!params) continue;
      const handler = route.methods[request.method as ArmMethod];
      if (!handler) throw notSupported(`${request.method} on ${request.path}`);
      return handler(request, new ArmParams(params));
    }
    throw notSupported(`${request.method} on ${request.path}`);
  };
}
