// A drill for the demo account only: grant a principal a role, as an administrator would in the
// portal or with `az role assignment create`, so an operator can watch the identity doctor's
// verdict turn healthy. batchtop's dashboard and doctor never grant roles; this talks to a running
// demo account (`eval "$(batchtop sim --detach)"`) through its ARM endpoint, with the demo's own
// managed identity sign-in, and refuses any endpoint that is not on loopback.

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { armApiVersion, providerApiVersions } from "../arm/armPaths.js";
import { builtInRoles, findRoleByName, findRoleDefinition } from "../world/roleDefinitions.js";

export interface GrantRoleRequest {
  principalId: string;
  /** A role's name ("Storage Blob Data Reader") or its GUID. */
  role: string;
  /** The scope; by default the Batch account's autostorage account. */
  scope?: string;
}

/** What the drill needs from `eval "$(batchtop sim --detach)"`. */
const requiredEnvironment = [
  "BATCHTOP_ARM_ENDPOINT",
  "AZURE_SUBSCRIPTION_ID",
  "AZURE_RESOURCE_GROUP",
  "AZURE_BATCH_ACCOUNT",
  "IDENTITY_ENDPOINT",
  "IDENTITY_HEADER",
  "NODE_EXTRA_CA_CERTS",
] as const;

/** A refusal the operator can act on: one line, no stack. */
export class DrillError extends Error {
  constructor(
    message: string,
    /** 2 for bad input, 1 for a refusal by the demo account. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "DrillError";
  }
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isLoopback(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  return host === "localhost" || (isIP(host) === 4 && host.startsWith("127.")) || host === "::1";
}

interface Answer {
  status: number;
  body: unknown;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  ca: string,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca,
        headers: {
          ...headers,
          ...(payload !== undefined
            ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
          } catch {
            // Not JSON: kept as text for the message.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** ARM's `{error: {code, message}}` as one line. */
function armFailure(answer: Answer): string {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? `${error.code}: ` : "";
  const message = typeof error?.message === "string" ? error.message : "no error body";
  return `HTTP ${answer.status} ${code}${message}`.replace(/[\r\n]+/g, " ");
}

async function armToken(env: Record<string, string>): Promise<string> {
  const url = new URL(env.IDENTITY_ENDPOINT!);
  url.searchParams.set("api-version", "2019-08-01");
  url.searchParams.set("resource", "https://management.azure.com/");
  const response = await fetch(url, { headers: { "X-IDENTITY-HEADER": env.IDENTITY_HEADER! } });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || typeof body.access_token !== "string")
    throw new DrillError(`the demo account's token endpoint answered HTTP ${response.status}`, 1);
  return body.access_token;
}

/**
 * Grants the role through the running demo account's ARM endpoint; returns the line to print.
 * Bad input and a missing demo account are exit code 2, refusals by the account 1.
 */
export async function grantRole(request: GrantRoleRequest, environment: NodeJS.ProcessEnv): Promise<string> {
  const missing = requiredEnvironment.filter((name) => !environment[name]);
  if (missing.length > 0)
    throw new DrillError(
      `no running demo account in this shell (${missing.join(", ")} not set): run eval "$(batchtop sim --detach --scenario identity)" first`,
      2,
    );
  const env = Object.fromEntries(requiredEnvironment.map((name) => [name, environment[name] ?? ""]));
  if (!isLoopback(env.BATCHTOP_ARM_ENDPOINT!))
    throw new DrillError(
      `grant-role only talks to the demo account on loopback, not ${env.BATCHTOP_ARM_ENDPOINT}: grant roles on Azure with az role assignment create`,
      2,
    );
  if (!guid.test(request.principalId))
    throw new DrillError(
      `--principal must be a principal (object) id, a GUID; got "${request.principalId}"`,
      2,
    );
  const definition = findRoleByName(request.role) ?? findRoleDefinition(request.role);
  if (!definition)
    throw new DrillError(
      `unknown role "${request.role}"; the demo account knows ${Object.values(builtInRoles)
        .map((role) => `"${role.roleName}"`)
        .join(", ")}`,
      2,
    );

  let ca: string;
  try {
    ca = readFileSync(env.NODE_EXTRA_CA_CERTS!, "utf8");
  } catch {
    throw new DrillError(
      `cannot read the demo CA at ${env.NODE_EXTRA_CA_CERTS}: is the demo account still running?`,
      2,
    );
  }
  const base = env.BATCHTOP_ARM_ENDPOINT!.replace(/\/+$/, "");
  const subscription = `/subscriptions/${env.AZURE_SUBSCRIPTION_ID}`;
  let token: string;
  try {
    token = await armToken(env);
  } catch (error) {
    if (error instanceof DrillError) throw error;
    throw new DrillError(
      `the demo account is not answering at ${env.IDENTITY_ENDPOINT}: is it still running?`,
      1,
    );
  }
  const headers = { authorization: `Bearer ${token}` };

  if (request.scope !== undefined && !/^\/subscriptions\/[^/]+/i.test(request.scope))
    throw new DrillError(
      `--scope must be an ARM resource id starting with /subscriptions/; got "${request.scope}"`,
      2,
    );
  let scope = request.scope;
  if (scope === undefined) {
    const account = await send(
      new URL(
        `${base}${subscription}/resourceGroups/${env.AZURE_RESOURCE_GROUP}/providers/Microsoft.Batch/batchAccounts/${env.AZURE_BATCH_ACCOUNT}?api-version=${armApiVersion}`,
      ),
      "GET",
      headers,
      ca,
    );
    if (account.status !== 200) throw new DrillError(`reading the Batch account: ${armFailure(account)}`, 1);
    const storage = (account.body as { properties?: { autoStorage?: { storageAccountId?: unknown } } })
      .properties?.autoStorage?.storageAccountId;
    if (typeof storage !== "string")
      throw new DrillError("the Batch account has no autostorage account: pass --scope", 2);
    scope = storage;
  }

  const name = randomUUID();
  const answer = await send(
    new URL(
      `${base}${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${providerApiVersions["microsoft.authorization"]}`,
    ),
    "PUT",
    headers,
    ca,
    {
      properties: {
        roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${definition.name}`,
        principalId: request.principalId,
        principalType: "ServicePrincipal",
      },
    },
  );
  if (answer.status === 409) return `${request.principalId} already holds ${definition.roleName} on ${scope}`;
  if (answer.status !== 201) throw new DrillError(`granting the role: ${armFailure(answer)}`, 1);
  return `granted ${definition.roleName} to ${request.principalId} on ${scope} (role assignment ${name})`;
}
