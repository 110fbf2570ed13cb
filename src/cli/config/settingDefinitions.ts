import type { AuthMethod } from "../../azure/credentials.js";
import { publicSynapseEndpointTemplate } from "../../azure/synapseEndpoint.js";
import { defaultThemeName } from "../../model/theme/themeDocument.js";
import { authMethodNames } from "./authMethodNames.js";
import { parseKeyBindings, type KeyBindings } from "./keyBindings.js";
import {
  batchAccountName,
  batchEndpoint,
  booleanValue,
  duration,
  guid,
  httpsUrl,
  oneOf,
  resourceGroupName,
  simpleName,
  synapseEndpointTemplate,
  type Parsed,
  type ValueParser,
} from "./valueParsers.js";

/** Every setting batchtop reads, once the layers are merged. Optional ones turn features off. */
export interface SettingValues {
  accountEndpoint: string | undefined;
  accountName: string | undefined;
  subscription: string | undefined;
  resourceGroup: string | undefined;
  workspaceId: string | undefined;
  storageUrl: string | undefined;
  armEndpoint: string;
  logsEndpoint: string;
  synapseEndpoint: string;
  auth: AuthMethod;
  readOnly: boolean;
  refreshMs: number;
  theme: string;
  keys: KeyBindings;
}

export type SettingName = keyof SettingValues;

/** How a setting is given on the command line and in the environment. */
export interface CommandLineForm<T> {
  flag: string;
  env: string;
  /** For --help: what the value is ("URL"), and one short line about the setting. */
  valueName: string;
  help: string;
  fromText(raw: string): Parsed<T>;
  /** A switch (`--read-only`, `--read-only=false`) rather than a flag with a value. */
  isSwitch?: boolean;
}

export interface SettingDefinition<T> {
  /** Words for `config show`: "account endpoint". */
  label: string;
  /** Its name in a profile of the config file. */
  profileKey: string;
  fromJson(value: unknown): Parsed<T>;
  fallback?: T;
  /** Absent for settings only a profile can hold (key bindings). */
  commandLine?: CommandLineForm<T>;
}

function everywhere<T>(
  parser: ValueParser<T>,
  form: Omit<CommandLineForm<T>, "fromText">,
): Pick<SettingDefinition<T>, "fromJson" | "commandLine"> {
  return { fromJson: parser.fromJson, commandLine: { ...form, fromText: parser.fromText } };
}

// Azure public cloud; sovereign clouds and private links set their own.
const publicArmEndpoint = "https://management.azure.com";
// @azure/monitor-query-logs 1.0.0 uses the endpoint exactly as given, so it includes /v1.
const publicLogsEndpoint = "https://api.loganalytics.io/v1";

export const minRefreshMs = 1000;
export const maxRefreshMs = 600_000;

export const settingDefinitions: { [K in SettingName]: SettingDefinition<NonNullable<SettingValues[K]>> } = {
  accountEndpoint: {
    label: "account endpoint",
    profileKey: "accountEndpoint",
    ...everywhere(batchEndpoint("https://myaccount.westeurope.batch.azure.com"), {
      flag: "--account-endpoint",
      env: "AZURE_BATCH_ENDPOINT",
      valueName: "URL",
      help: "the Batch account (required)",
    }),
  },
  accountName: {
    label: "account name",
    profileKey: "accountName",
    ...everywhere(batchAccountName, {
      flag: "--account-name",
      env: "AZURE_BATCH_ACCOUNT",
      valueName: "NAME",
      help: "default: the endpoint's first host label",
    }),
  },
  subscription: {
    label: "subscription",
    profileKey: "subscription",
    ...everywhere(guid("the subscription ID (az account show --query id)"), {
      flag: "--subscription",
      env: "AZURE_SUBSCRIPTION_ID",
      valueName: "ID",
      help: "with --resource-group: pool management (ARM)",
    }),
  },
  resourceGroup: {
    label: "resource group",
    profileKey: "resourceGroup",
    ...everywhere(resourceGroupName, {
      flag: "--resource-group",
      env: "AZURE_RESOURCE_GROUP",
      valueName: "NAME",
      help: "the Batch account's resource group",
    }),
  },
  workspaceId: {
    label: "workspace ID",
    profileKey: "workspaceId",
    ...everywhere(
      guid("the Log Analytics workspace ID (az monitor log-analytics workspace show --query customerId)"),
      {
        flag: "--workspace-id",
        env: "BATCHTOP_WORKSPACE_ID",
        valueName: "ID",
        help: "Log Analytics workspace: pipeline context",
      },
    ),
  },
  storageUrl: {
    label: "storage URL",
    profileKey: "storageUrl",
    ...everywhere(httpsUrl("https://mystorage.blob.core.windows.net"), {
      flag: "--storage-url",
      env: "BATCHTOP_STORAGE_URL",
      valueName: "URL",
      help: "linked storage: the adfjobs log fallback",
    }),
  },
  armEndpoint: {
    label: "ARM endpoint",
    profileKey: "armEndpoint",
    fallback: publicArmEndpoint,
    ...everywhere(httpsUrl(publicArmEndpoint), {
      flag: "--arm-endpoint",
      env: "BATCHTOP_ARM_ENDPOINT",
      valueName: "URL",
      help: `default ${publicArmEndpoint}`,
    }),
  },
  logsEndpoint: {
    label: "Log Analytics endpoint",
    profileKey: "logsEndpoint",
    fallback: publicLogsEndpoint,
    ...everywhere(httpsUrl(publicLogsEndpoint), {
      flag: "--logs-endpoint",
      env: "BATCHTOP_LOGS_ENDPOINT",
      valueName: "URL",
      help: `default ${publicLogsEndpoint}`,
    }),
  },
  synapseEndpoint: {
    label: "Synapse endpoint",
    profileKey: "synapseEndpoint",
    fallback: publicSynapseEndpointTemplate,
    ...everywhere(synapseEndpointTemplate, {
      flag: "--synapse-endpoint",
      env: "BATCHTOP_SYNAPSE_ENDPOINT",
      valueName: "URL",
      help: `Synapse workspaces' endpoint, {workspace} for the name (default ${publicSynapseEndpointTemplate})`,
    }),
  },
  auth: {
    label: "auth",
    profileKey: "auth",
    fallback: "default",
    ...everywhere(oneOf(authMethodNames), {
      flag: "--auth",
      env: "BATCHTOP_AUTH",
      valueName: "METHOD",
      help: authMethodNames.join(" | "),
    }),
  },
  readOnly: {
    label: "read-only",
    profileKey: "readOnly",
    fallback: false,
    fromJson: booleanValue.fromJson,
    commandLine: {
      flag: "--read-only",
      env: "BATCHTOP_READ_ONLY",
      valueName: "",
      help: "change nothing in the account (a policy file's read-only cannot be lifted)",
      fromText: booleanValue.fromText,
      isSwitch: true,
    },
  },
  refreshMs: {
    label: "refresh",
    profileKey: "refresh",
    fallback: 2000,
    ...everywhere(duration(minRefreshMs, maxRefreshMs), {
      flag: "--refresh",
      env: "BATCHTOP_REFRESH",
      valueName: "DURATION",
      help: "overview poll interval: 2s by default, 1s to 10m",
    }),
  },
  theme: {
    label: "theme",
    profileKey: "theme",
    fallback: defaultThemeName,
    ...everywhere(simpleName("theme"), {
      flag: "--theme",
      env: "BATCHTOP_THEME",
      valueName: "NAME",
      help: `colour theme (default ${defaultThemeName})`,
    }),
  },
  keys: {
    label: "key bindings",
    profileKey: "keys",
    fallback: {},
    fromJson: parseKeyBindings,
  },
};

export const settingNames = Object.keys(settingDefinitions) as SettingName[];
