// The programs the scenarios' Custom activities run, and the Azure ML batch endpoint their Web
// activities call. Scenarios pick from these and adjust failure rates to tell their story.

import type { ProgramSpec } from "../programs.js";
import { SECOND_MS } from "../time.js";

export const ingestSales: ProgramSpec = {
  script: "ingest.py",
  kind: "ingest",
  durationMs: [60 * SECOND_MS, 180 * SECOND_MS],
  failureRate: 0.04,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

export const transformCustomers: ProgramSpec = {
  script: "transform.py",
  kind: "transform",
  durationMs: [90 * SECOND_MS, 240 * SECOND_MS],
  failureRate: 0.08,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

/** The same transform after a source system renamed a column: every run dies with a KeyError. */
export const transformCustomersAfterSchemaChange: ProgramSpec = {
  ...transformCustomers,
  durationMs: [40 * SECOND_MS, 90 * SECOND_MS],
  failureRate: 1,
  failureStyle: "schemaDrift",
};

/** Python started without -u: nothing shows in stdout.txt until the process exits. */
export const refreshInventory: ProgramSpec = {
  script: "refresh_inventory.py",
  kind: "transform",
  durationMs: [120 * SECOND_MS, 360 * SECOND_MS],
  failureRate: 0.02,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: true,
};

/** After the warehouse renamed a column: every attempt fails early with a KeyError, output unbuffered. */
export const refreshInventoryAfterSchemaChange: ProgramSpec = {
  ...refreshInventory,
  durationMs: [30 * SECOND_MS, 80 * SECOND_MS],
  failureRate: 1,
  failureStyle: "schemaDrift",
};

export const exportFinance: ProgramSpec = {
  script: "export.py",
  kind: "export",
  durationMs: [60 * SECOND_MS, 150 * SECOND_MS],
  failureRate: 0,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

export const prepareFeatures: ProgramSpec = {
  script: "features.py",
  kind: "transform",
  durationMs: [45 * SECOND_MS, 120 * SECOND_MS],
  failureRate: 0.02,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

export const forecastDemand: ProgramSpec = {
  script: "forecast.py",
  kind: "transform",
  durationMs: [180 * SECOND_MS, 420 * SECOND_MS],
  failureRate: 0.02,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

export const churnScoringEndpoint = "https://churn-scoring.westeurope.inference.ml.azure.com/jobs";
