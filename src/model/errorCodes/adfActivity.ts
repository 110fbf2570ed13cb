import type { ErrorCodeEntry } from "./entry.js";

// Data Factory (and Synapse pipeline) activity run error codes met around Custom activities on
// Batch: the "Custom" and "Common" sections of ADF's troubleshooting guide, and the activity policy.

const guide = "https://learn.microsoft.com/azure/data-factory/data-factory-troubleshoot-guide";

export const adfActivityCodes: readonly ErrorCodeEntry[] = [
  {
    code: "2500",
    means:
      "generic Custom activity failure: the command could not start or the program exited non-zero; the real cause is in the Batch task, not in this message",
    check:
      "the task's stderr.txt and stdout.txt (adfjobs/<activity run id>/output in the linked storage) and its exit code",
    fix: "fix what stderr shows (a missing executable, a crash in the program); log generously in the program so the next failure says why",
    docs: `${guide}#error-code-2500`,
  },
  {
    code: "2501",
    means: "Data Factory could not reach the Batch account named in the Azure Batch linked service",
    check: "the linked service's account name, URL, pool name and credential",
    fix: "correct the linked service (key or managed identity with a role on the Batch account)",
    docs: `${guide}#error-code-2501`,
  },
  {
    code: "2502",
    means: "Data Factory could not reach the storage account of the Batch linked service",
    check: "the storage linked service's account name and credential",
    fix: "correct the storage linked service, or give its identity a data role on the account",
    docs: `${guide}#error-code-2502`,
  },
  {
    code: "2504",
    means:
      "Batch refused the task ADF built, usually because folderPath holds so many files that the resource file list is too long",
    check: "how many files sit under the activity's folderPath",
    fix: "keep only what the program needs there, or ship a zip and unpack it in the command",
    docs: `${guide}#error-code-2504`,
  },
  {
    code: "2505",
    means:
      "ADF could not make a SAS for the resource files because the storage linked service does not authenticate with an account key",
    check: "the authentication type of the storage linked service the Custom activity uses",
    fix: "switch the storage linked service to account-key authentication, which the Custom activity needs for its resource files",
    docs: `${guide}#error-code-2505`,
  },
  {
    code: "2507",
    means: "the activity's folderPath is missing or empty, so there is nothing to run",
    check: "the folderPath and the container the storage linked service points at",
    fix: "upload the program to that path, or correct the path",
    docs: `${guide}#error-code-2507`,
  },
  {
    code: "2508",
    means: "two files with the same name sit in different subfolders of folderPath, which ADF flattens",
    check: "the file names under folderPath",
    fix: "rename the duplicates, or zip the tree and unpack it in the command to keep the structure",
    docs: `${guide}#error-code-2508`,
  },
  {
    code: "2103",
    means: "a required property of the activity or linked service has no value",
    check: "the property the message names",
    fix: "give it a value and publish again",
    docs: `${guide}#error-code-2103`,
  },
  {
    code: "2104",
    means: "a property of the activity has the wrong type",
    check: "the property the message names against the activity's schema",
    fix: "give it a value of the expected type",
    docs: `${guide}#error-code-2104`,
  },
  {
    code: "2105",
    means:
      "a property holds JSON that does not parse or has the wrong shape (extendedProperties, for example)",
    check: "the property the message names and the parser's complaint",
    fix: "correct the JSON",
    docs: `${guide}#error-code-2105`,
  },
  {
    code: "2106",
    means: "the storage connection string of a linked service is malformed",
    check: "the connection string in the storage linked service",
    fix: "copy the connection string again from the storage account into the linked service",
    docs: `${guide}#error-code-2106`,
  },
  {
    code: "2108",
    means:
      "a call from the pipeline to an HTTP endpoint failed: network, DNS, certificate, timeout, or the endpoint refused it (403 means its identity lacks access)",
    check: "the status code in the message and the identity the activity authenticates with",
    fix: "grant that identity access to the endpoint, or fix the URL or network path; replay the call with a REST client to confirm",
    docs: `${guide}#error-code-2108`,
  },
  {
    code: "ActivityTimedOut",
    means:
      "the activity ran past the timeout in its policy and the pipeline failed it; the Batch task may still be running (the demo account's code for this case)",
    check: "whether the task still runs (batchtop marks it orphaned) and its usual duration",
    fix: "end the orphaned task, then fix the hang or raise the activity's policy timeout",
    docs: "https://learn.microsoft.com/azure/data-factory/concepts-pipelines-activities#activity-policy",
  },
];
