// The words a Custom activity's Python program prints: plausible progress for each kind of program
// and the traceback of each failure style, with paths as they look on Batch nodes.

import type { FailureStyle, ProgramSpec } from "./programs.js";
import type { Random } from "./random.js";

export interface ProgramTextContext {
  rng: Random;
  program: ProgramSpec;
  os: "linux" | "windows";
  jobId: string;
  taskId: string;
  pipelineName: string;
  pipelineRunId: string;
  activityName: string;
  storageAccountName: string;
  /** The run date the program works on (YYYY-MM-DD). */
  runDate: string;
}

/** The data domain a pipeline works on, from its name (`ingest_sales_daily` → `sales`). */
function domainOf(pipelineName: string): string {
  return pipelineName.split("_")[1] ?? "data";
}

const keyColumns: Readonly<Record<string, string>> = {
  customers: "customer_id",
  sales: "order_id",
  orders: "order_id",
  inventory: "sku",
  finance: "account_id",
};

/** The column a domain's rows are keyed on. */
function keyColumnOf(domain: string): string {
  return keyColumns[domain] ?? `${domain}_id`;
}

function thousands(value: number): string {
  return value.toLocaleString("en-US");
}

function opening(context: ProgramTextContext): string[] {
  return [
    `Starting ${context.program.script} for pipeline ${context.pipelineName} (run ${context.pipelineRunId}), activity ${context.activityName}`,
    `Activity run id ${context.taskId}; reading activity.json, linkedServices.json and datasets.json from the working directory`,
  ];
}

function ingestLines(context: ProgramTextContext): string[] {
  const { rng, runDate } = context;
  const domain = domainOf(context.pipelineName);
  const prefix = `raw/${domain}/${runDate.replaceAll("-", "/")}`;
  const blobs = rng.int(4, 9);
  const lines = [
    `Connecting to https://${context.storageAccountName}.blob.core.windows.net/raw`,
    `Listing blobs under ${prefix}/`,
    `Found ${blobs} blobs (${thousands(blobs * rng.int(18, 60))} MiB)`,
  ];
  let total = 0;
  for (let part = 1; part <= blobs; part++) {
    const rows = rng.int(80_000, 260_000);
    total += rows;
    const name = `${prefix}/part-${String(part).padStart(5, "0")}.csv`;
    lines.push(`[${part}/${blobs}] Downloading ${name} (${rng.int(12, 64)} MiB)`);
    lines.push(`[${part}/${blobs}] Parsed ${thousands(rows)} rows, ${rng.int(0, 40)} rejected`);
  }
  lines.push(`Writing curated/${domain}/${runDate}/ as parquet`);
  lines.push(`Uploaded ${blobs} files to curated/${domain}/${runDate}/ (${thousands(total)} rows)`);
  return lines;
}

function transformLines(context: ProgramTextContext): string[] {
  const { rng, runDate } = context;
  const domain = domainOf(context.pipelineName);
  const rows = rng.int(400_000, 2_400_000);
  const lines = [
    `Loading curated/${domain}/${runDate}/ (${rng.int(4, 12)} parquet files)`,
    `Loaded ${thousands(rows)} rows, ${rng.int(14, 42)} columns`,
    `Deduplicating on ${keyColumnOf(domain)}: removed ${thousands(rng.int(0, 3_000))} duplicates`,
    "Normalising column types",
    `Joining with reference/${domain}_dim (${thousands(rng.int(2_000, 90_000))} rows)`,
  ];
  for (const percent of [20, 40, 60, 80, 100])
    lines.push(`Progress: ${percent}% (${thousands(Math.round((rows * percent) / 100))} rows)`);
  lines.push(`Writing warehouse/${domain}/${runDate}.parquet (${thousands(rows)} rows)`);
  return lines;
}

function exportLines(context: ProgramTextContext): string[] {
  const { rng, runDate } = context;
  const domain = domainOf(context.pipelineName);
  const regions = ["emea", "amer", "apac", "latam"];
  const lines = [
    `Querying warehouse/${domain} for ${runDate}`,
    `Fetched ${thousands(rng.int(20_000, 300_000))} rows`,
  ];
  regions.forEach((region, index) =>
    lines.push(`Exported report ${index + 1}/${regions.length}: ${domain}_${runDate}_${region}.xlsx`),
  );
  // The Tokyo office's sheet names: task output carries wide characters and emoji, which the
  // dashboard must draw in the right cells.
  lines.push(`Sheets for apac: 売上 (sales), 東京 (Tokyo) ✅`);
  lines.push(
    `Uploading to https://${context.storageAccountName}.blob.core.windows.net/exports/${domain}/${runDate}/`,
  );
  return lines;
}

/** Progress lines of a complete run, without timestamps. */
export function progressLines(context: ProgramTextContext): string[] {
  const body =
    context.program.kind === "ingest"
      ? ingestLines(context)
      : context.program.kind === "transform"
        ? transformLines(context)
        : exportLines(context);
  return [...opening(context), ...body];
}

interface NodePaths {
  sep: string;
  workingDirectory: string;
  sitePackages: string;
}

function nodePaths(context: ProgramTextContext): NodePaths {
  return context.os === "linux"
    ? {
        sep: "/",
        workingDirectory: `/mnt/batch/tasks/workitems/${context.jobId}/job-1/${context.taskId}/wd`,
        sitePackages: "/usr/local/lib/python3.10/dist-packages",
      }
    : {
        sep: "\\",
        workingDirectory: `D:\\batch\\tasks\\workitems\\${context.jobId}\\job-1\\${context.taskId}\\wd`,
        sitePackages: "C:\\Python311\\Lib\\site-packages",
      };
}

function frame(file: string, line: number, functionName: string, source: string): string[] {
  return [`  File "${file}", line ${line}, in ${functionName}`, `    ${source}`];
}

/** The traceback Python prints to stderr when the program dies. */
export function tracebackLines(context: ProgramTextContext, style: FailureStyle): string[] {
  const { sep, workingDirectory, sitePackages } = nodePaths(context);
  const script = `${workingDirectory}${sep}${context.program.script}`;
  const library = (path: string) => `${sitePackages}${sep}${path.replaceAll("/", sep)}`;
  const key = keyColumnOf(domainOf(context.pipelineName));
  if (style === "schemaDrift") {
    return [
      "Traceback (most recent call last):",
      ...frame(script, 142, "<module>", "main()"),
      ...frame(script, 131, "main", "frame = normalise(frame)"),
      ...frame(script, 88, "normalise", `frame["${key}"] = frame["${key}"].astype("int64")`),
      ...frame(library("pandas/core/frame.py"), 3761, "__getitem__", "indexer = self.columns.get_loc(key)"),
      ...frame(library("pandas/core/indexes/base.py"), 3655, "get_loc", "raise KeyError(key) from err"),
      `KeyError: '${key}'`,
    ];
  }
  const reset =
    context.os === "linux"
      ? "ConnectionResetError(104, 'Connection reset by peer')"
      : "ConnectionResetError(10054, 'An existing connection was forcibly closed by the remote host', None, 10054, None)";
  return [
    "Traceback (most recent call last):",
    ...frame(script, 214, "<module>", "main()"),
    ...frame(script, 187, "main", "download_blob(container, blob_name, target)"),
    ...frame(script, 96, "download_blob", "stream = container.download_blob(blob_name, max_concurrency=4)"),
    ...frame(
      library("azure/core/tracing/decorator.py"),
      78,
      "wrapper_use_tracer",
      "return func(*args, **kwargs)",
    ),
    ...frame(library("azure/core/pipeline/transport/_requests_basic.py"), 381, "send", "raise error"),
    `azure.core.exceptions.ServiceResponseError: ('Connection aborted.', ${reset})`,
  ];
}

/** A harmless warning some runs print to stderr, so a non-empty stderr does not always mean failure. */
export function warningLine(context: ProgramTextContext): string {
  const { sep, sitePackages } = nodePaths(context);
  const file = `${sitePackages}${sep}${"azure/storage/blob/_shared/base_client.py".replaceAll("/", sep)}`;
  return `${file}:421: UserWarning: Connection pool is full, discarding connection: ${context.storageAccountName}.blob.core.windows.net`;
}
