import type { TokenCredential } from "@azure/identity";
import { batchScope } from "../azure/batchClient.js";
import { createCredential, describeAuthFailure, type AuthMethod } from "../azure/credentials.js";

/**
 * The credential for `--auth`, with a Batch token already in hand. Asking once before anything else
 * starts turns a sign-in failure into one line naming the credential and the fix, in the shell,
 * instead of an error in every pane. Before a screen opens the terminal is the shell's, so a device
 * code prompt goes to stderr; the token stays in this process.
 */
export async function signIn(method: AuthMethod): Promise<TokenCredential> {
  const credential = createCredential(method, {
    onDeviceCode: (info) => process.stderr.write(`batchtop: ${info.message}\n`),
  });
  try {
    await credential.getToken(batchScope);
  } catch (error) {
    throw new Error(describeAuthFailure(method, error));
  }
  return credential;
}
