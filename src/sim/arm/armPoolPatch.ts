// The body of Pool_Update (PATCH) read into the world's pool update. Properties that are supplied
// are updated, the rest stay. `identity.userAssignedIdentities` is the pool's whole new set: an
// identity left out is removed, as on Azure (seed 000: "remove the existing one and then add all of
// them together"). Settings the demo account does not model are refused by name, not ignored.

import type { PackageReference } from "../world/applications.js";
import type { CertificateReference, NameValuePair, Pool } from "../world/entities.js";
import type { ManagedIdentity } from "../world/identityDirectory.js";
import type { PoolScale, PoolUpdate } from "../world/poolUpdate.js";
import {
  failedIdentityOperation,
  invalidRequestContent,
  missingIdentityIds,
  notSupported,
} from "./armErrors.js";
import {
  arrayAt,
  enumKey,
  integerAt,
  isObject,
  objectAt,
  optionalString,
  parseJsonBody,
  stringAt,
  type JsonObject,
} from "./armJson.js";
import {
  armDeallocationOptions,
  armNodeCommunicationModes,
  armStoreLocations,
  armVisibilities,
} from "./armPool.js";

export interface PatchContext {
  /** The pool's ARM resource id, for identity errors. */
  poolResourceId: string;
  findIdentity(resourceId: string): ManagedIdentity | undefined;
}

function rejectUnsupported(body: JsonObject, supported: readonly string[], path: string): void {
  const unsupported = Object.keys(body).filter((key) => !supported.includes(key));
  if (unsupported.length > 0) {
    throw notSupported(`updating ${unsupported.map((key) => `${path}${key}`).join(", ")} on a pool`);
  }
}

/** The last segment of an ARM resource id (or the name itself, when not given as an id). */
function lastSegment(id: string): string {
  return (
    id
      .split("/")
      .filter((segment) => segment !== "")
      .at(-1) ?? id
  );
}

function readIdentities(value: unknown, context: PatchContext): ManagedIdentity[] {
  const identity = objectAt(value, "identity");
  const type = enumKey({ UserAssigned: "UserAssigned", None: "None" }, identity.type, "identity.type");
  if (type === "None") return [];
  const map = identity.userAssignedIdentities;
  if (map === undefined || map === null || (isObject(map) && Object.keys(map).length === 0)) {
    throw missingIdentityIds();
  }
  // A null value leaves an identity out of the set, as in a JSON merge patch; either way the set
  // given is the pool's whole set.
  const kept = Object.entries(objectAt(map, "identity.userAssignedIdentities")).filter(
    ([, value]) => value !== null,
  );
  if (kept.length === 0) throw missingIdentityIds();
  return kept.map(([resourceId]) => {
    const found = context.findIdentity(resourceId);
    if (!found) throw failedIdentityOperation(context.poolResourceId, resourceId);
    return found;
  });
}

function readScale(value: unknown): PoolScale {
  const settings = objectAt(value, "properties.scaleSettings");
  rejectUnsupported(settings, ["fixedScale", "autoScale"], "properties.scaleSettings.");
  const { fixedScale, autoScale } = settings;
  if ((fixedScale === undefined) === (autoScale === undefined)) {
    throw invalidRequestContent("'properties.scaleSettings' takes exactly one of fixedScale and autoScale");
  }
  if (autoScale !== undefined) {
    const auto = objectAt(autoScale, "properties.scaleSettings.autoScale");
    const interval = optionalString(
      auto.evaluationInterval,
      "properties.scaleSettings.autoScale.evaluationInterval",
    );
    return {
      kind: "auto",
      formula: stringAt(auto.formula, "properties.scaleSettings.autoScale.formula"),
      ...(interval !== undefined ? { evaluationInterval: interval } : {}),
    };
  }
  const fixed = objectAt(fixedScale, "properties.scaleSettings.fixedScale");
  const path = "properties.scaleSettings.fixedScale";
  if (fixed.targetDedicatedNodes === undefined && fixed.targetLowPriorityNodes === undefined) {
    throw invalidRequestContent(
      `'${path}' needs at least one of targetDedicatedNodes, targetLowPriorityNodes`,
    );
  }
  const timeout = optionalString(fixed.resizeTimeout, `${path}.resizeTimeout`);
  return {
    kind: "fixed",
    resize: {
      ...(fixed.targetDedicatedNodes !== undefined
        ? { targetDedicatedNodes: integerAt(fixed.targetDedicatedNodes, `${path}.targetDedicatedNodes`) }
        : {}),
      ...(fixed.targetLowPriorityNodes !== undefined
        ? {
            targetLowPriorityNodes: integerAt(fixed.targetLowPriorityNodes, `${path}.targetLowPriorityNodes`),
          }
        : {}),
      ...(timeout !== undefined ? { resizeTimeout: timeout } : {}),
      ...(fixed.nodeDeallocationOption !== undefined
        ? {
            nodeDeallocationOption: enumKey(
              armDeallocationOptions,
              fixed.nodeDeallocationOption,
              `${path}.nodeDeallocationOption`,
            ),
          }
        : {}),
    },
  };
}

function readMetadata(value: unknown): NameValuePair[] {
  return arrayAt(value, "properties.metadata").map((item, index) => {
    const pair = objectAt(item, `properties.metadata[${index}]`);
    return {
      name: stringAt(pair.name, `properties.metadata[${index}].name`),
      value: stringAt(pair.value, `properties.metadata[${index}].value`),
    };
  });
}

function readApplicationPackages(value: unknown): PackageReference[] {
  return arrayAt(value, "properties.applicationPackages").map((item, index) => {
    const reference = objectAt(item, `properties.applicationPackages[${index}]`);
    const version = optionalString(reference.version, `properties.applicationPackages[${index}].version`);
    return {
      applicationId: lastSegment(stringAt(reference.id, `properties.applicationPackages[${index}].id`)),
      ...(version !== undefined ? { version } : {}),
    };
  });
}

/** Certificate ids end in `<algorithm>-<thumbprint>`, e.g. `sha1-1234567`. */
function readCertificates(value: unknown): CertificateReference[] {
  return arrayAt(value, "properties.certificates").map((item, index) => {
    const path = `properties.certificates[${index}]`;
    const reference = objectAt(item, path);
    const name = lastSegment(stringAt(reference.id, `${path}.id`));
    const dash = name.indexOf("-");
    if (dash <= 0) throw invalidRequestContent(`'${path}.id' must end in <algorithm>-<thumbprint>`);
    const storeName = optionalString(reference.storeName, `${path}.storeName`);
    return {
      thumbprintAlgorithm: name.slice(0, dash).toLowerCase(),
      thumbprint: name.slice(dash + 1),
      storeLocation:
        reference.storeLocation === undefined
          ? "currentuser"
          : enumKey(armStoreLocations, reference.storeLocation, `${path}.storeLocation`),
      ...(storeName !== undefined ? { storeName } : {}),
      visibility:
        reference.visibility === undefined
          ? ["starttask", "task", "remoteuser"]
          : arrayAt(reference.visibility, `${path}.visibility`).map((visibility) =>
              enumKey(armVisibilities, visibility, `${path}.visibility`),
            ),
    };
  });
}

/** An empty object removes the start task, as the Swagger documents for PATCH. */
function readStartTask(value: unknown): NonNullable<Pool["startTask"]> | null {
  const startTask = objectAt(value, "properties.startTask");
  if (Object.keys(startTask).length === 0) return null;
  rejectUnsupported(
    startTask,
    ["commandLine", "maxTaskRetryCount", "waitForSuccess"],
    "properties.startTask.",
  );
  const { maxTaskRetryCount, waitForSuccess } = startTask;
  if (waitForSuccess !== undefined && typeof waitForSuccess !== "boolean") {
    throw invalidRequestContent("'properties.startTask.waitForSuccess' must be a boolean");
  }
  return {
    commandLine: stringAt(startTask.commandLine, "properties.startTask.commandLine"),
    ...(maxTaskRetryCount !== undefined
      ? { maxTaskRetryCount: integerAt(maxTaskRetryCount, "properties.startTask.maxTaskRetryCount") }
      : {}),
    ...(waitForSuccess !== undefined ? { waitForSuccess } : {}),
  };
}

const readOnlyTopLevel = ["id", "name", "type", "etag"];

export function parsePoolPatch(raw: Buffer, context: PatchContext): PoolUpdate {
  const body = objectAt(parseJsonBody(raw), "body");
  rejectUnsupported(body, ["identity", "properties", ...readOnlyTopLevel], "");
  const update: PoolUpdate = {};
  if (body.identity !== undefined) update.identities = readIdentities(body.identity, context);
  if (body.properties === undefined) return update;

  const properties = objectAt(body.properties, "properties");
  rejectUnsupported(
    properties,
    [
      "scaleSettings",
      "metadata",
      "applicationPackages",
      "certificates",
      "targetNodeCommunicationMode",
      "startTask",
    ],
    "properties.",
  );
  if (properties.scaleSettings !== undefined) update.scale = readScale(properties.scaleSettings);
  if (properties.metadata !== undefined) update.metadata = readMetadata(properties.metadata);
  if (properties.applicationPackages !== undefined) {
    update.applicationPackageReferences = readApplicationPackages(properties.applicationPackages);
  }
  if (properties.certificates !== undefined)
    update.certificateReferences = readCertificates(properties.certificates);
  if (properties.targetNodeCommunicationMode !== undefined) {
    update.targetNodeCommunicationMode = enumKey(
      armNodeCommunicationModes,
      properties.targetNodeCommunicationMode,
      "properties.targetNodeCommunicationMode",
    );
  }
  if (properties.startTask !== undefined) update.startTask = readStartTask(properties.startTask);
  return update;
}
