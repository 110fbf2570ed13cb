// The account's Batch applications and their package versions. Packages are stored in the
// autostorage account; pools reference them by application name (and version, or the default).

import type { AccountConfig } from "./accountConfig.js";
import { Random } from "./random.js";
import { HOUR_MS, isoAt } from "./time.js";

export interface ApplicationPackageRecord {
  version: string;
  state: "Pending" | "Active";
  /** Set once the package is activated. */
  format?: string;
  lastActivationTime?: string;
  /** Where the package binary is (to be) uploaded; with storage keys it carries a SAS. */
  storageUrl: string;
  storageUrlExpiry: string;
}

export interface ApplicationRecord {
  name: string;
  defaultVersion?: string | undefined;
  packages: Map<string, ApplicationPackageRecord>;
}

export interface PackageReference {
  applicationId: string;
  version?: string;
}

/** Application names are case-insensitive in Batch. */
function key(name: string): string {
  return name.toLowerCase();
}

export class ApplicationRegistry {
  private readonly applications = new Map<string, ApplicationRecord>();

  add(application: ApplicationRecord): void {
    this.applications.set(key(application.name), application);
  }

  find(name: string): ApplicationRecord | undefined {
    return this.applications.get(key(name));
  }

  /**
   * Whether a pool may reference this package: the application exists and the version (or, when
   * none is given, the application's default version) is an active package.
   */
  resolves(reference: PackageReference): boolean {
    const application = this.find(reference.applicationId);
    const version = reference.version ?? application?.defaultVersion;
    if (!application || version === undefined) return false;
    return application.packages.get(version)?.state === "Active";
  }
}

/** A package record awaiting its upload, as ApplicationPackage_Create makes it. */
export function newApplicationPackage(
  sim: { seed: number; nowMs: number; account: AccountConfig },
  application: ApplicationRecord,
  version: string,
): ApplicationPackageRecord {
  const rng = Random.derive(sim.seed, `${application.name}#${version}#package`);
  const { account } = sim;
  const container = `app-${application.name.toLowerCase()}-${rng.hex(32)}`;
  const blob = `https://${account.storageAccountName}.blob.core.windows.net/${container}/${application.name.toLowerCase()}-${version}-${rng.guid()}`;
  const expiry = isoAt(sim.nowMs + 4 * HOUR_MS);
  // "If the auto storage account was configured to use storage keys, the URL returned will contain
  // a SAS"; with the account's managed identity the uploader signs in to storage instead.
  const sas =
    account.autoStorage.authenticationMode === "StorageKeys"
      ? `?sv=2021-08-06&sr=b&sp=rw&se=${encodeURIComponent(expiry.replace(/\.\d+Z$/, "Z"))}&sig=${rng.hex(43)}`
      : "";
  return { version, state: "Pending", storageUrl: `${blob}${sas}`, storageUrlExpiry: expiry };
}
