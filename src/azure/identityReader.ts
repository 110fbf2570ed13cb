import {
  AuthorizationManagementClient,
  getContinuationToken as authorizationContinuationToken,
  type RoleAssignment,
} from "@azure/arm-authorization";
import { getContinuationToken as msiContinuationToken, ManagedServiceIdentityClient } from "@azure/arm-msi";
import type { TokenCredential } from "@azure/identity";
import { listArmPages } from "./armPaging.js";
import { AzureRequestError } from "./azureError.js";
import {
  roleDefinitionKey,
  roleDefinitionLocation,
  toManagedIdentityInfo,
  toRoleAssignmentFact,
} from "./identityMapping.js";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import type { AccountThrottle } from "./throttle.js";
import { defaultArmScope } from "./tokenScopes.js";
import type { TransportOptions } from "./transport.js";
import { sanitizeInline } from "../model/sanitize.js";
import type { ManagedIdentityInfo, RoleAssignmentsSeen } from "../model/identities.js";

/**
 * Read access to the identity side of ARM: the user-assigned identities the caller can list, and the
 * role assignments on a resource (the autostorage account). Never mutates: batchtop does not grant
 * roles. Present with an ARM target, in read-only mode too.
 */
export interface IdentityReader {
  /** Every user-assigned identity in the account's subscription that the caller may list. */
  listUserAssignedIdentities(signal?: AbortSignal): Promise<ManagedIdentityInfo[]>;
  /**
   * The role assignments that apply at `scope` (`$filter=atScope()`, so inherited ones too), each
   * with its role definition's name. A 403 answers `unreadable` instead of throwing; other failures
   * throw an AzureRequestError.
   */
  roleAssignmentsAt(scope: string, signal?: AbortSignal): Promise<RoleAssignmentsSeen>;
}

export interface IdentityClientOptions {
  /** The management endpoint, e.g. https://management.azure.com. */
  endpoint: string;
  subscriptionId: string;
  credential: TokenCredential;
  transport?: TransportOptions;
  /** Installs the read-only guard; every request here is a GET, so it refuses nothing batchtop sends. */
  readOnly: boolean;
  /** The token scope; by default the cloud's ARM audience (see tokenScopes.ts). */
  scope?: string;
}

/**
 * The two ARM clients the identity reads need: Microsoft.ManagedIdentity (@azure/arm-msi, api-version
 * 2024-11-30) and Microsoft.Authorization (@azure/arm-authorization, 2022-04-01). Built like the
 * Batch management client: explicit token scope, the SDKs' own retries off (the ARM throttle
 * decides), the demo CA and the read-only guard installed in their pipelines.
 */
export function createIdentityClients(options: IdentityClientOptions): {
  msi: ManagedServiceIdentityClient;
  authorization: AuthorizationManagementClient;
} {
  const clientOptions = {
    endpoint: options.endpoint,
    // Without it the SDKs would ask for a token for `<endpoint>/.default`, wrong behind a private link.
    credentialScopes: [options.scope ?? defaultArmScope(options.endpoint)],
    retryOptions: { maxRetries: 0 },
  };
  const msi = new ManagedServiceIdentityClient(options.credential, options.subscriptionId, clientOptions);
  const authorization = new AuthorizationManagementClient(
    options.credential,
    options.subscriptionId,
    clientOptions,
  );
  for (const client of [msi, authorization]) {
    installBatchtopPolicies(client.pipeline, options.transport ?? {}, options.readOnly);
  }
  return { msi, authorization };
}

/**
 * The SDK puts the scope after a slash of its own (`/{scope}/providers/…`), so the scope goes without
 * its leading one, as its documentation writes scopes (`subscriptions/…`).
 */
function relativeScope(scope: string): string {
  return scope.replace(/^\/+/, "");
}

/** The service's refusal of the role assignment read, in its own (neutralised) words. */
function unreadable(scope: string, error: AzureRequestError): RoleAssignmentsSeen {
  const code = error.code ? `${error.code}: ` : "";
  return {
    kind: "unreadable",
    scope,
    status: 403,
    reason: sanitizeInline(`${code}${error.message}`),
  };
}

/** A role definition the caller may not read, or one that is gone, leaves the role unnamed. */
function leavesRoleUnnamed(error: unknown): boolean {
  return error instanceof AzureRequestError && (error.statusCode === 403 || error.statusCode === 404);
}

export function createIdentityReader(
  clients: { msi: ManagedServiceIdentityClient; authorization: AuthorizationManagementClient },
  throttle: AccountThrottle,
): IdentityReader {
  const { msi, authorization } = clients;

  /** Each distinct role definition once: a scope typically holds many assignments of few roles. */
  const roleNames = async (
    assignments: readonly RoleAssignment[],
    scope: string,
    signal: AbortSignal | undefined,
  ): Promise<Map<string, string>> => {
    const wanted = new Map<string, { scope: string; name: string }>();
    for (const { roleDefinitionId } of assignments) {
      if (!roleDefinitionId) continue;
      const location = roleDefinitionLocation(roleDefinitionId, scope);
      if (location) wanted.set(roleDefinitionKey(roleDefinitionId), location);
    }
    const names = new Map<string, string>();
    for (const [key, location] of wanted) {
      try {
        const definition = await throttle.run(
          (attempt) =>
            authorization.roleDefinitions.get(relativeScope(location.scope), location.name, {
              abortSignal: attempt,
            }),
          { signal },
        );
        if (definition.roleName) names.set(key, definition.roleName);
      } catch (error) {
        if (!leavesRoleUnnamed(error)) throw error;
      }
    }
    return names;
  };

  return {
    listUserAssignedIdentities: async (signal) => {
      const identities = await listArmPages(
        throttle,
        signal,
        (attempt) => msi.userAssignedIdentities.listBySubscription({ abortSignal: attempt }),
        msiContinuationToken,
      );
      return identities.flatMap((identity) => toManagedIdentityInfo(identity) ?? []);
    },
    roleAssignmentsAt: async (scope, signal) => {
      let assignments: RoleAssignment[];
      try {
        assignments = await listArmPages(
          throttle,
          signal,
          (attempt) =>
            authorization.roleAssignments.listForScope(relativeScope(scope), {
              filter: "atScope()",
              abortSignal: attempt,
            }),
          authorizationContinuationToken,
        );
      } catch (error) {
        // No Microsoft.Authorization/roleAssignments/read at this scope: a permission is unknown.
        if (error instanceof AzureRequestError && error.statusCode === 403) return unreadable(scope, error);
        throw error;
      }
      const names = await roleNames(assignments, scope, signal);
      return {
        kind: "read",
        scope,
        assignments: assignments.flatMap((assignment) => toRoleAssignmentFact(assignment, names) ?? []),
      };
    },
  };
}
