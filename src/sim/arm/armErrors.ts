/**
 * The errors of the demo account's ARM endpoint, of three kinds (rendered in armErrorRendering):
 *  - ARM's own (api-version, unknown subscription, resource group or resource), worded as ARM
 *    answers them in public reports (Azure SDK and CLI issues; azure-sdk-for-go's challenge tests);
 *  - the Batch resource provider's own, which name `BatchAccount` as their target
 *    (AutoStorageNoPermission, as seed 001 records it);
 *  - the Batch service's refusals relayed by the provider: code and message of the service, the
 *    message ending with the request id and time, target `BatchAccount` (as recorded in
 *    Azure/azure-powershell#23809).
 */
import { SimServiceError } from "../http/serviceError.js";

/** An error ARM or the Batch resource provider answers itself (not relayed from the Batch service). */
export class ArmError extends SimServiceError {
  constructor(
    statusCode: number,
    code: string,
    message: string,
    readonly target?: string,
  ) {
    super(statusCode, code, message);
    this.name = "ArmError";
  }
}

export const missingApiVersion = () =>
  new ArmError(
    400,
    "MissingApiVersionParameter",
    "The api-version query parameter (?api-version=) is required for all requests.",
  );

export const invalidApiVersion = (version: string, supported: string) =>
  new ArmError(
    400,
    "InvalidApiVersionParameter",
    `The api-version '${version}' is invalid. The supported versions are '${supported}'.`,
  );

/** A well-formed api-version the resource provider does not serve. */
export const noRegisteredProvider = (
  version: string,
  location: string,
  resourceType: string,
  supported: string,
) =>
  new ArmError(
    400,
    "NoRegisteredProviderFound",
    `No registered resource provider found for location '${location}' and API version '${version}' for type '${resourceType}'. The supported api-versions are '${supported}'. The supported locations are '${location}'.`,
  );

export const subscriptionNotFound = (subscriptionId: string) =>
  new ArmError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`);

export const resourceGroupNotFound = (resourceGroup: string) =>
  new ArmError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`);

export const resourceNotFound = (resourceType: string, name: string, resourceGroup: string) =>
  new ArmError(
    404,
    "ResourceNotFound",
    `The Resource '${resourceType}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );

export const parentResourceNotFound = (parent: string) =>
  new ArmError(
    404,
    "ParentResourceNotFound",
    `Can not perform requested operation on nested resource. Parent resource '${parent}' not found.`,
  );

export const invalidRequestContent = (reason: string) =>
  new ArmError(
    400,
    "InvalidRequestContent",
    `The request content was invalid and could not be deserialized: '${reason}'.`,
  );

export const missingIdentityIds = () =>
  new ArmError(
    400,
    "MissingIdentityIds",
    "The identity ids must not be null or empty for 'UserAssigned' identity type.",
  );

/** ARM's answer when a user-assigned identity to attach does not exist (the inner text is ours). */
export const failedIdentityOperation = (resourceId: string, identityId: string) =>
  new ArmError(
    400,
    "FailedIdentityOperation",
    `Identity operation for resource '${resourceId}' failed with error 'Failed to perform resource identity operation. Status: 'NotFound'. Response: 'The user-assigned identity '${identityId}' was not found.'.'.`,
  );

export const autoStorageNoPermission = () =>
  new ArmError(
    409,
    "AutoStorageNoPermission",
    "The managed identity does not have permission to access auto storage account. Please use Azure RBAC to assign the managed identity access to auto storage.",
    "BatchAccount",
  );

/** If-Match names another version of the pool; the provider relays the Batch service's refusal. */
export const conditionNotMet = () =>
  new SimServiceError(
    412,
    "ConditionNotMet",
    "The condition specified using HTTP conditional header(s) is not met.",
  );

/** What the demo account does not implement: said plainly rather than answered wrongly. */
export const notSupported = (what: string) =>
  new ArmError(400, "NotSupported", `The batchtop demo account does not support ${what}.`);

/**
 * ARM's refusal when the caller's roles do not grant the action at the scope, in the wording ARM
 * answers with (Azure CLI and SDK issues record it verbatim).
 */
export const authorizationFailed = (principalId: string, action: string, scope: string) =>
  new ArmError(
    403,
    "AuthorizationFailed",
    `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );

export const roleAssignmentExists = () =>
  new ArmError(409, "RoleAssignmentExists", "The role assignment already exists.");

export const roleDefinitionDoesNotExist = (name: string) =>
  new ArmError(
    404,
    "RoleDefinitionDoesNotExist",
    `The specified role definition with ID '${name}' does not exist.`,
  );

/**
 * A `$filter` the role assignment list does not take. The words are those Azure/azure-xplat-cli#1692
 * records; the code is ours (that report does not show it).
 */
export const unsupportedRoleAssignmentFilter = (filter: string) =>
  new ArmError(
    400,
    "UnsupportedQuery",
    `The filter '${filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}''.`,
  );

/** A role assignment the request names that is not at that scope. */
export const roleAssignmentNotFound = (name: string) =>
  new ArmError(404, "RoleAssignmentNotFound", `The role assignment '${name}' is not found.`);
