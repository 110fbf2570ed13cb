import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { SimRequest, SimResponse, SimService } from "../../src/sim/http/service.js";
import { SimServiceError } from "../../src/sim/http/serviceError.js";

// Checks simulator answers against a resource provider's Swagger (OpenAPI 2.0) under ../shared/specs:
// the body validates against the schema the operation declares for the status, uses only declared
// properties (the Swagger does not forbid others, Azure's SDKs drop them), and the method and path
// match the operation's.

export type Json = Record<string, unknown>;
type Schema = Json & {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
};
interface Operation {
  operationId: string;
  responses: Record<string, { schema?: Schema }>;
}
type Swagger = Json & {
  paths?: Record<string, Record<string, Operation>>;
  "x-ms-paths"?: Record<string, Record<string, Operation>>;
};

/**
 * The document as ajv should see it. In Swagger, `additionalProperties` beside `allOf` (Factory,
 * PipelineRun) speaks of properties no part declares; in JSON Schema it also covers the properties
 * that come through `allOf` (a Factory's `id`, `name`), which would then have to be objects. ajv
 * gets the schemas without it; the undeclared-property check still reads it.
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (typeof node !== "object" || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, forAjv(value)]));
  if ("allOf" in copy && "additionalProperties" in copy) delete copy.additionalProperties;
  return copy;
}

export interface SwaggerChecker {
  conforms(
    operationId: string,
    call: { method: string; target: string; response: SimResponse },
    status?: number,
  ): Json;
  /** Checks an error answer against the operation's declared error shape, and returns its body. */
  errorConforms(operationId: string, response: SimResponse, status: number, code: string): Json;
}

/**
 * `multiSegment`: path parameters that hold a whole resource id or scope (Authorization's `{scope}`),
 * matched across slashes. `pathPrefix`: a regular expression for what comes before the Swagger's
 * paths, for a service whose host is a parameter (Synapse's `{endpoint}`) that the simulator serves
 * under a path (`/synapse/{workspace}`).
 */
export function swaggerChecker(
  file: string,
  { multiSegment = [], pathPrefix = "" }: { multiSegment?: readonly string[]; pathPrefix?: string } = {},
): SwaggerChecker {
  const documents = new Map<string, Swagger>();
  const load = (url: string): Swagger => {
    let document = documents.get(url);
    if (!document) {
      document = JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as Swagger;
      documents.set(url, document);
      // Follow the file's own external refs, so ajv knows every schema before compiling.
      for (const ref of JSON.stringify(document).match(/"\$ref":"[^"#]+\.json#/g) ?? []) {
        load(new URL(ref.slice('"$ref":"'.length, -1), url).href);
      }
    }
    return document;
  };
  const base = pathToFileURL(file).href;
  const swagger = load(base);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat("arm-id", /^\//);
  for (const [url, document] of documents) ajv.addSchema(forAjv(document) as Swagger, url);

  const resolveRef = (ref: string, from: string): { schema: Schema; base: string } => {
    const [path, pointer = ""] = ref.split("#");
    const url = path ? new URL(path, from).href : from;
    let node: unknown = load(url);
    for (const part of pointer.split("/").filter(Boolean)) node = (node as Json)[part];
    assert.ok(node, `${ref} from ${from}`);
    return { schema: node as Schema, base: url };
  };
  const declared = (schema: Schema, from: string) => {
    const resolved = schema.$ref ? resolveRef(schema.$ref, from) : { schema, base: from };
    const properties: Record<string, { schema: Schema; base: string }> = {};
    for (const [key, value] of Object.entries(resolved.schema.properties ?? {}))
      properties[key] = { schema: value, base: resolved.base };
    let additional: { schema: Schema; base: string } | undefined =
      typeof resolved.schema.additionalProperties === "object"
        ? { schema: resolved.schema.additionalProperties, base: resolved.base }
        : undefined;
    for (const part of resolved.schema.allOf ?? []) {
      const inner = declared(part, resolved.base);
      for (const [key, value] of Object.entries(inner.properties)) properties[key] ??= value;
      additional ??= inner.additional;
    }
    return { properties, additional };
  };
  const undeclared = (schema: Schema, from: string, value: unknown, path = ""): string[] => {
    if (Array.isArray(value)) {
      const resolved = schema.$ref ? resolveRef(schema.$ref, from) : { schema, base: from };
      const items = resolved.schema.items;
      return items
        ? value.flatMap((item, index) => undeclared(items, resolved.base, item, `${path}/${index}`))
        : [];
    }
    if (typeof value !== "object" || value === null) return [];
    const resolved = schema.$ref ? resolveRef(schema.$ref, from).schema : schema;
    // A free-form object (an activity's `input`, `output`, `error`) declares nothing to check against.
    if (!resolved.properties && !resolved.allOf && resolved.additionalProperties === undefined) return [];
    const { properties, additional } = declared(schema, from);
    return Object.entries(value).flatMap(([key, child]) => {
      // OData annotations (`odata.metadata`, on every Batch data-plane body) are not properties.
      if (key.startsWith("odata.")) return [];
      const found = properties[key] ?? additional;
      return found ? undeclared(found.schema, found.base, child, `${path}/${key}`) : [`${path}/${key}`];
    });
  };
  const operation = (operationId: string) => {
    for (const [path, methods] of Object.entries({ ...swagger.paths, ...swagger["x-ms-paths"] })) {
      for (const [method, spec] of Object.entries(methods)) {
        if (spec.operationId !== operationId) continue;
        const schemas: Record<string, Schema> = {};
        for (const [status, response] of Object.entries(spec.responses))
          if (response.schema) schemas[status] = response.schema;
        return { method: method.toUpperCase(), path: path.replace(/\?.*$/, ""), schemas };
      }
    }
    assert.fail(`${operationId} is not in ${file}`);
  };
  const bodyOf = (response: SimResponse): Json =>
    (typeof response.body === "string" ? JSON.parse(response.body) : response.body) as Json;
  const validateWith = (schema: Schema | undefined, label: string, body: Json) => {
    assert.ok(schema?.$ref, label);
    const validate = ajv.getSchema(new URL(schema.$ref, base).href);
    assert.ok(validate, schema.$ref);
    assert.ok(validate(body), `${label}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    assert.deepEqual(
      undeclared(schema, base, body),
      [],
      `${label} uses properties the Swagger does not declare`,
    );
  };

  return {
    conforms(operationId, call, status = 200) {
      const spec = operation(operationId);
      assert.equal(call.method, spec.method, operationId);
      const pattern = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        multiSegment.includes(name) ? ".+" : "[^/?]+",
      );
      const template = new RegExp(`^${pathPrefix}${pattern}(\\?|$)`, "i");
      assert.match(`/${call.target.replace(/^\/+/, "")}`, template, `${operationId} path`);
      const body = bodyOf(call.response);
      assert.equal(call.response.status, status, `${operationId}: ${JSON.stringify(body).slice(0, 300)}`);
      validateWith(spec.schemas[String(status)], `${operationId} ${status}`, body);
      return body;
    },
    errorConforms(operationId, response, status, code) {
      const body = bodyOf(response);
      validateWith(operation(operationId).schemas.default, `${operationId} error`, body);
      // ARM wraps the error in `error`; the Batch data plane's BatchError is the body itself.
      const error = (body.error ?? body) as Json;
      assert.deepEqual([response.status, error.code], [status, code]);
      return body;
    },
  };
}

/** Calls a simulator service directly, as `principalId`, rendering its refusals as the listener would. */
export function serviceCaller(service: SimService, principalId: string) {
  return (method: string, target: string, apiVersion: string, body?: unknown) => {
    const url = new URL(target, "https://127.0.0.1:4711");
    url.searchParams.set("api-version", apiVersion);
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: {},
      body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
      baseUrl: "https://127.0.0.1:4711",
      requestId: "r",
      caller: { principalId },
    };
    let response: SimResponse;
    try {
      response = service.handle(request) as SimResponse;
    } catch (error) {
      if (!(error instanceof SimServiceError)) throw error;
      response = service.renderError(error, request);
    }
    return { method, target, response };
  };
}
