// The demo company's pipelines, shared by the healthy and incident scenarios: ADF factory
// adf-contoso-etl and Synapse workspace syn-contoso-analytics running Custom activities on three
// pools, plus an ADF pipeline that scores churn through an Azure ML batch endpoint.

import { MINUTE_MS, SECOND_MS } from "../time.js";
import type { WorldBuilder } from "./builder.js";
import {
  churnScoringEndpoint,
  exportFinance,
  ingestSales,
  prepareFeatures,
  refreshInventory,
  refreshInventoryAfterSchemaChange,
  transformCustomers,
  transformCustomersAfterSchemaChange,
} from "./catalog.js";

export interface ContosoTrouble {
  /** When transform_customers_hourly starts failing with a schema change (absolute time). */
  transformBreaksAtMs?: number;
  /** When the Synapse pipeline refresh_inventory starts failing the same way (absolute time). */
  inventoryBreaksAtMs?: number;
  exportUploadFailureRate: number;
  scoringFailureRate: number;
}

export function addContosoPipelines(builder: WorldBuilder, trouble: ContosoTrouble): void {
  const adf = builder.adfFactory("adf-contoso-etl");
  const synapse = builder.synapseWorkspace("syn-contoso-analytics");

  builder.addPipeline(
    {
      name: "ingest_sales_daily",
      host: adf,
      poolId: "etl-linux-d4",
      triggerName: "tr_sales_every_6_minutes",
      everyMs: 6 * MINUTE_MS,
      activities: [
        { type: "Custom", name: "ingest_partition", program: ingestSales, fanOut: 6, maxTaskRetryCount: 2 },
      ],
    },
    70 * SECOND_MS,
  );

  builder.addPipeline(
    {
      name: "transform_customers_hourly",
      host: adf,
      poolId: "etl-linux-d4",
      triggerName: "tr_customers_every_8_minutes",
      everyMs: 8 * MINUTE_MS,
      activities: [
        {
          type: "Custom",
          name: "transform_customers",
          program: transformCustomers,
          fanOut: 2,
          maxTaskRetryCount: 1,
        },
      ],
      ...(trouble.transformBreaksAtMs !== undefined
        ? {
            breakage: {
              fromMs: trouble.transformBreaksAtMs,
              activityName: "transform_customers",
              program: transformCustomersAfterSchemaChange,
            },
          }
        : {}),
    },
    100 * SECOND_MS,
  );

  builder.addPipeline(
    {
      name: "refresh_inventory",
      host: synapse,
      poolId: "etl-spot-d2",
      triggerName: "tr_inventory_every_12_minutes",
      everyMs: 12 * MINUTE_MS,
      activities: [
        {
          type: "Custom",
          name: "refresh_inventory_shard",
          program: refreshInventory,
          fanOut: 4,
          maxTaskRetryCount: 1,
        },
      ],
      ...(trouble.inventoryBreaksAtMs !== undefined
        ? {
            breakage: {
              fromMs: trouble.inventoryBreaksAtMs,
              activityName: "refresh_inventory_shard",
              program: refreshInventoryAfterSchemaChange,
            },
          }
        : {}),
    },
    2 * MINUTE_MS,
  );

  builder.addPipeline(
    {
      name: "export_finance_daily",
      host: adf,
      poolId: "etl-win-d4",
      triggerName: "tr_finance_every_15_minutes",
      everyMs: 15 * MINUTE_MS,
      activities: [
        {
          type: "Custom",
          name: "export_reports",
          program: { ...exportFinance, uploadFailureRate: trouble.exportUploadFailureRate },
          fanOut: 2,
          maxTaskRetryCount: 0,
        },
      ],
    },
    40 * SECOND_MS,
  );

  builder.addPipeline(
    {
      name: "score_churn_batch",
      host: adf,
      poolId: "etl-linux-d4",
      triggerName: "tr_churn_every_20_minutes",
      everyMs: 20 * MINUTE_MS,
      activities: [
        {
          type: "Custom",
          name: "prepare_features",
          program: prepareFeatures,
          fanOut: 1,
          maxTaskRetryCount: 1,
        },
        {
          type: "WebActivity",
          name: "invoke_batch_endpoint",
          url: churnScoringEndpoint,
          durationMs: [5 * SECOND_MS, 20 * SECOND_MS],
          failureRate: trouble.scoringFailureRate,
        },
      ],
    },
    150 * SECOND_MS,
  );
}
