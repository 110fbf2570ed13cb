import type { ApplicationPackageRecord } from "../../world/applications.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import { applicationNotFound } from "../../world/serviceErrors.js";
import type { AccountConfig } from "../../world/accountConfig.js";
import { autoStorageNoPermission } from "../armErrors.js";
import { parseJsonBody } from "../armJson.js";
import { accountResourceId } from "../armPaths.js";
import type { ArmRoute } from "../armRouting.js";
import { requireAccount } from "../armScope.js";
import { armJson } from "../armWire.js";
import { accountPath } from "./accountRoutes.js";

function armApplicationPackage(
  account: AccountConfig,
  application: string,
  record: ApplicationPackageRecord,
): object {
  return {
    id: `${accountResourceId(account)}/applications/${application}/versions/${record.version}`,
    name: record.version,
    type: "Microsoft.Batch/batchAccounts/applications/versions",
    properties: {
      state: record.state,
      ...(record.format !== undefined ? { format: record.format } : {}),
      storageUrl: record.storageUrl,
      storageUrlExpiry: record.storageUrlExpiry,
      ...(record.lastActivationTime !== undefined ? { lastActivationTime: record.lastActivationTime } : {}),
    },
  };
}

/**
 * ApplicationPackage_Create: the record an upload goes to. With the account's managed identity as
 * the autostorage authentication mode the provider reaches storage as that identity, and without a
 * role on the storage account it answers as seed 001 records: 409 AutoStorageNoPermission.
 */
export function applicationRoutes(world: ManagementWorld): ArmRoute[] {
  return [
    {
      pattern: `${accountPath}/applications/:applicationName/versions/:versionName`,
      methods: {
        PUT: (request, params) => {
          const account = requireAccount(world, params, true);
          // The body (an ApplicationPackage) has only read-only properties, but must be JSON if sent.
          if (request.body.length > 0) parseJsonBody(request.body);
          const application = world.findApplication(params.get("applicationName"));
          if (!application) throw applicationNotFound();
          const managedIdentityMode =
            account.autoStorage.authenticationMode === "BatchAccountManagedIdentity";
          if (managedIdentityMode && !world.accountCanReachAutoStorage()) throw autoStorageNoPermission();
          const record = world.createApplicationPackage(application.name, params.get("versionName"));
          return armJson(request, armApplicationPackage(account, application.name, record));
        },
      },
    },
  ];
}
