import { createRequire } from "node:module";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LoopbackCertificates } from "../tls/certificates.js";

/** Azurite's well-known development account: the storage URL's path names it. */
export const storageAccountName = "devstoreaccount1";

export interface BlobEmulator {
  /** Blob service URL including the account, e.g. https://127.0.0.1:4712/devstoreaccount1 */
  url: string;
  close(): Promise<void>;
}

interface AzuriteBlobServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}
type BlobServerConstructor = new (configuration: unknown) => AzuriteBlobServer;
type BlobConfigurationConstructor = new (...args: unknown[]) => unknown;

/**
 * Azurite is a development dependency (about 365 MB): a global install of batchtop has no emulator,
 * and the demo account then runs without linked storage instead of failing.
 */
function loadAzurite():
  | { BlobServer: BlobServerConstructor; BlobConfiguration: BlobConfigurationConstructor }
  | string {
  const require = createRequire(import.meta.url);
  try {
    // Azurite's package main is its VS Code extension; the blob server lives deeper.
    const server = require("azurite/dist/src/blob/BlobServer") as { default: BlobServerConstructor };
    const configuration = require("azurite/dist/src/blob/BlobConfiguration") as {
      default: BlobConfigurationConstructor;
    };
    return { BlobServer: server.default, BlobConfiguration: configuration.default };
  } catch {
    return "linked storage is off: Azurite is not installed (it ships with batchtop's development dependencies; run from a clone after npm install)";
  }
}

/**
 * Starts Azurite's blob service in memory on loopback, over HTTPS with the demo certificate and with
 * OAuth on, so clients reach it with bearer tokens exactly as they reach Azure Storage.
 */
export async function startBlobEmulator(
  certificates: LoopbackCertificates,
  workDir: string,
): Promise<BlobEmulator | string> {
  const azurite = loadAzurite();
  if (typeof azurite === "string") return azurite;
  // Azurite takes its certificate as file paths.
  const certPath = join(workDir, "storage-cert.pem");
  const keyPath = join(workDir, "storage-key.pem");
  await writeFile(certPath, certificates.certPem, { mode: 0o600 });
  await writeFile(keyPath, certificates.keyPem, { mode: 0o600 });

  const configuration = new azurite.BlobConfiguration(
    "127.0.0.1",
    0,
    undefined, // keep-alive timeout: default
    undefined, // metadata database path: unused in memory
    undefined, // extent database path: unused in memory
    undefined, // persistence paths: unused in memory
    false, // access log
    undefined,
    false, // debug log
    undefined,
    false, // loose mode
    true, // skip the x-ms-version check: storage-blob 12.32 sends a version newer than Azurite knows
    certPath,
    keyPath,
    "",
    "basic", // OAuth: check the bearer token's issuer, audience and lifetime
    false,
    true, // in-memory persistence
  );
  const server = new azurite.BlobServer(configuration);
  await server.start();
  const address = server.getHttpServerAddress();
  return {
    url: `${address}/${storageAccountName}`,
    close: async () => {
      await server.close();
      await server.clean();
    },
  };
}
