import {
  AzureCliCredential,
  DefaultAzureCredential,
  DeviceCodeCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  type DeviceCodeInfo,
  type TokenCredential,
} from "@azure/identity";
import { errorMessage } from "../model/errorMessage.js";

export const authMethods = ["default", "cli", "device-code", "managed-identity", "environment"] as const;
export type AuthMethod = (typeof authMethods)[number];

export interface CredentialOptions {
  /** Where the device-code prompt goes: the UI shows it; tokens stay in this process's memory. */
  onDeviceCode?: (info: DeviceCodeInfo) => void;
}

/** The @azure/identity credential for `--auth`, named as Azure CLI and SDK users know them. */
export function createCredential(method: AuthMethod, options: CredentialOptions = {}): TokenCredential {
  switch (method) {
    case "default":
      return new DefaultAzureCredential();
    case "cli":
      return new AzureCliCredential();
    case "device-code":
      return new DeviceCodeCredential(
        options.onDeviceCode ? { userPromptCallback: options.onDeviceCode } : {},
      );
    case "managed-identity": {
      const clientId = process.env.AZURE_CLIENT_ID;
      return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    }
    case "environment":
      return new EnvironmentCredential();
  }
}

const fixes: Record<AuthMethod, string> = {
  default:
    "run az login, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or use --auth device-code",
  cli: "run az login (and az account set --subscription <id>)",
  "device-code": "complete the device-code sign-in shown on screen, or pick another --auth",
  "managed-identity":
    "run on a host with a managed identity, or set AZURE_CLIENT_ID to the user-assigned identity's client id",
  environment:
    "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)",
};

/** One line naming the credential that failed and what to do about it. */
export function describeAuthFailure(method: AuthMethod, error: unknown): string {
  const reason = errorMessage(error).split("\n")[0];
  return `--auth ${method}: sign-in failed (${reason}); ${fixes[method]}`;
}
