// The role definitions the demo tenant knows: Azure's built-in roles that matter around a Batch
// account and its autostorage (with their real, well-known ids, which are the same in every tenant),
// and one custom role for a caller who may read everything except role assignments.

export interface RolePermissions {
  actions: readonly string[];
  notActions: readonly string[];
  dataActions: readonly string[];
  notDataActions: readonly string[];
}

export interface RoleDefinitionRecord {
  /** The role definition's name: a GUID. */
  name: string;
  roleName: string;
  roleType: "BuiltInRole" | "CustomRole";
  description: string;
  permissions: RolePermissions;
}

function role(
  name: string,
  roleName: string,
  description: string,
  permissions: Partial<RolePermissions>,
  roleType: RoleDefinitionRecord["roleType"] = "BuiltInRole",
): RoleDefinitionRecord {
  return {
    name,
    roleName,
    roleType,
    description,
    permissions: { actions: [], notActions: [], dataActions: [], notDataActions: [], ...permissions },
  };
}

const blobs = "Microsoft.Storage/storageAccounts/blobServices/containers";

export const builtInRoles = {
  owner: role(
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Owner",
    "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
    { actions: ["*"] },
  ),
  contributor: role(
    "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Contributor",
    "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
    {
      actions: ["*"],
      notActions: [
        "Microsoft.Authorization/*/Delete",
        "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action",
        "Microsoft.Blueprint/blueprintAssignments/write",
        "Microsoft.Blueprint/blueprintAssignments/delete",
        "Microsoft.Compute/galleries/share/action",
      ],
    },
  ),
  reader: role(
    "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Reader",
    "View all resources, but does not allow you to make any changes.",
    {
      actions: ["*/read"],
    },
  ),
  storageBlobDataReader: role(
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage Blob Data Reader",
    "Allows for read access to Azure Storage blob containers and data",
    {
      actions: [
        `${blobs}/read`,
        "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
      ],
      dataActions: [`${blobs}/blobs/read`],
    },
  ),
  storageBlobDataContributor: role(
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Contributor",
    "Allows for read, write and delete access to Azure Storage blob containers and data",
    {
      actions: [
        `${blobs}/delete`,
        `${blobs}/read`,
        `${blobs}/write`,
        "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
      ],
      dataActions: [
        `${blobs}/blobs/delete`,
        `${blobs}/blobs/read`,
        `${blobs}/blobs/write`,
        `${blobs}/blobs/move/action`,
        `${blobs}/blobs/add/action`,
      ],
    },
  ),
  storageBlobDataOwner: role(
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    "Storage Blob Data Owner",
    "Allows for full access to Azure Storage blob containers and data, including assigning POSIX access control.",
    {
      actions: [
        `${blobs}/*`,
        "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
      ],
      dataActions: [`${blobs}/blobs/*`],
    },
  ),
} satisfies Record<string, RoleDefinitionRecord>;

/**
 * What an operator with a narrowed reader role holds: everything readable except role assignments
 * (a common least-privilege setup). The demo account's second caller has it, so the identity
 * doctor's "permission unknown" path can be exercised.
 */
export const readerWithoutRoleAssignments = role(
  "6d1b0f7e-1c1a-4a8e-9a55-0b7c4a7de001",
  "batchtop demo reader without role assignments",
  "Reads every resource but not Microsoft.Authorization/roleAssignments (demo account only).",
  { actions: ["*/read"], notActions: ["Microsoft.Authorization/roleAssignments/read"] },
  "CustomRole",
);

const catalogue = [...Object.values(builtInRoles), readerWithoutRoleAssignments];

/** A role definition by its GUID, without regard to case. */
export function findRoleDefinition(name: string): RoleDefinitionRecord | undefined {
  const lower = name.toLowerCase();
  return catalogue.find((definition) => definition.name === lower);
}

/** A role definition by its display name ("Storage Blob Data Reader"), without regard to case. */
export function findRoleByName(roleName: string): RoleDefinitionRecord | undefined {
  const lower = roleName.toLowerCase();
  return catalogue.find((definition) => definition.roleName.toLowerCase() === lower);
}

/** The GUID at the end of a role definition id (`…/roleDefinitions/<guid>`), or the GUID itself. */
export function roleDefinitionName(roleDefinitionId: string): string {
  return (roleDefinitionId.split("/").at(-1) ?? "").toLowerCase();
}

/** RBAC action patterns: case-insensitive, `*` matches any run of characters (slashes included). */
function matches(pattern: string, action: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "i").test(action);
}

/** Whether the role grants a control-plane action (`Microsoft.Authorization/roleAssignments/read`). */
export function grantsAction(definition: RoleDefinitionRecord, action: string): boolean {
  const { actions, notActions } = definition.permissions;
  return actions.some((p) => matches(p, action)) && !notActions.some((p) => matches(p, action));
}

/** Whether the role grants a data action (`…/containers/blobs/read`). */
export function grantsDataAction(definition: RoleDefinitionRecord, action: string): boolean {
  const { dataActions, notDataActions } = definition.permissions;
  return dataActions.some((p) => matches(p, action)) && !notDataActions.some((p) => matches(p, action));
}

export const blobReadDataAction = `${blobs}/blobs/read`;
