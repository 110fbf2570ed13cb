import type { AuthMethod } from "../../azure/credentials.js";

/**
 * The `--auth` choices and the @azure/identity credential each one means. Listed here rather than
 * imported from src/azure/credentials.ts, which loads @azure/identity (about 0.3 s) that `config show`
 * and usage errors should not wait for; the Record type keeps this list equal to `AuthMethod`.
 */
export const credentialNames: Record<AuthMethod, string> = {
  default: "DefaultAzureCredential",
  cli: "AzureCliCredential",
  "device-code": "DeviceCodeCredential",
  "managed-identity": "ManagedIdentityCredential",
  environment: "EnvironmentCredential",
};

export const authMethodNames = Object.keys(credentialNames) as AuthMethod[];
