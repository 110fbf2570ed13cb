// A drill for the demo account only: grant a principal a role, as an administrator would in the
// portal or with `az role assignment create`, so an operator can watch the identity doctor's
// verdict turn healthy. batchtop's dashboard and doctor never grant roles; this talks to a running
// demo account (`eval "$(batchtop sim --detach)"`) through its ARM endpoint, with the demo's own
// managed identity sign-in, and refuses any endpoint that is not on loopback.

import { randomUUID } from "node:crypto";
import { armApiVersion, providerApiVersions } from "../arm/armPaths.js";
import { armFailure, demoArm, DrillError } from "./demoArm.js";
import { builtInRoles, findRoleByName, findRoleDefinition } from "../world/roleDefinitions.js";

export interface GrantRoleRequest {
  principalId: string;
  /** A role's name ("Storage Blob Data Reader") or its GUID. */
  role: string;
  /** The scope; by default the Batch account's autostorage account. */
  scope?: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Grants the role through the running demo account's ARM endpoint; returns the line to print.
 * Bad input and a missing demo account are exit code 2, refusals by the account 1.
 */
export async function grantRole(request: GrantRoleRequest, environment: NodeJS.ProcessEnv): Promise<string> {
  const demo = demoArm(environment, {
    drill: "grant-role",
    scenario: "identity",
    onAzure: "grant roles on Azure with az role assignment create",
  });
  const { env } = demo;
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

  const { base, send } = await demo.connect();
  const subscription = `/subscriptions/${env.AZURE_SUBSCRIPTION_ID}`;

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
