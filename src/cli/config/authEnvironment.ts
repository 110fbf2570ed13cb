import { maskSecretsInText } from "./secrets.js";

/**
 * The variables @azure/identity's credentials read, in the order a reader checks them. Secrets are
 * shown only as set; their values never reach the screen.
 */
const identityVariables: { name: string; secret?: true }[] = [
  { name: "AZURE_TENANT_ID" },
  { name: "AZURE_CLIENT_ID" },
  { name: "AZURE_CLIENT_SECRET", secret: true },
  { name: "AZURE_CLIENT_CERTIFICATE_PATH" },
  { name: "AZURE_CLIENT_CERTIFICATE_PASSWORD", secret: true },
  { name: "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN" },
  { name: "AZURE_USERNAME" },
  { name: "AZURE_PASSWORD", secret: true },
  { name: "AZURE_FEDERATED_TOKEN_FILE" },
  { name: "AZURE_AUTHORITY_HOST" },
  { name: "AZURE_ADDITIONALLY_ALLOWED_TENANTS" },
  { name: "IDENTITY_ENDPOINT" },
  { name: "IDENTITY_HEADER", secret: true },
  { name: "IDENTITY_SERVER_THUMBPRINT" },
  { name: "MSI_ENDPOINT" },
  { name: "MSI_SECRET", secret: true },
  { name: "IMDS_ENDPOINT" },
  { name: "NODE_EXTRA_CA_CERTS" },
];

export const hiddenValue = "set (hidden)";

/** The sign-in variables that are set, secrets masked: what `config show` prints under sign-in. */
export function signInEnvironment(env: Readonly<Record<string, string | undefined>>): [string, string][] {
  return identityVariables.flatMap(({ name, secret }) => {
    const value = env[name];
    if (value === undefined || value === "") return [];
    return [[name, secret ? hiddenValue : maskSecretsInText(value)] as [string, string]];
  });
}
