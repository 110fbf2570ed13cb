import type { ErrorCodeEntry } from "./entry.js";

// Batch task failure codes (a task's executionInfo.failureInfo.code, and a start task's): Batch's
// error handling guide, its status and error code reference, and the managed identity behaviour
// tables of 001_a5bcfcf801ea43e6.txt for the resource container codes.

const errorHandling = "https://learn.microsoft.com/azure/batch/error-handling";
const identities =
  "https://learn.microsoft.com/troubleshoot/azure/hpc/batch/use-managed-identities-azure-batch-account-pool";
const outputFiles = "https://learn.microsoft.com/azure/batch/batch-task-output-files";

export const batchTaskCodes: readonly ErrorCodeEntry[] = [
  {
    code: "FailureExitCode",
    means: "the task's program ran and ended with an exit code that counts as failure",
    check: "stderr.txt, then stdout.txt, of the task; the exit code",
    fix: "fix the program or its input; retries only help when the failure is transient",
    docs: `${errorHandling}#task-exit-codes`,
  },
  {
    code: "ResourceContainerAccessDenied",
    means:
      "the node was refused when listing the storage container of the task's resource files: the identity it used has no data role there, or no identity was given",
    check:
      "which identity the resource files use (their own reference, else the account's autostorage node identity reference) and its roles on the storage account",
    fix: "give that identity a Storage Blob Data role on the account, and make sure it is on the pool",
    docs: identities,
  },
  {
    code: "ResourceContainerListMiscError",
    means:
      "listing the resource file container failed for another reason; with managed identities it usually means the identity referenced is not one of the pool's identities",
    check:
      "the failure's details (often an HTTP 400) and whether the referenced identity is attached to the pool",
    fix: "attach the identity to the pool (with all existing ones), then scale the pool in and out so nodes get it",
    docs: identities,
  },
  {
    code: "BlobAccessDenied",
    means: "downloading one of the task's resource files was refused by storage",
    check: "the blob URL in the failure's details and whether its SAS or identity allows reading it",
    fix: "renew the SAS or grant the identity read access to the blob",
    docs: `${errorHandling}#pre-processing-errors`,
  },
  {
    code: "BlobDownloadMiscError",
    means:
      "a resource file could not be downloaded for a reason other than access (network, storage unavailable)",
    check:
      "the failure's details and whether the node can reach the storage account (firewall, DNS, private endpoint)",
    fix: "restore the node's path to storage, then reactivate the task",
    docs: `${errorHandling}#pre-processing-errors`,
  },
  {
    code: "BlobNotFound",
    means: "a resource file the task needs does not exist at its URL",
    check: "the blob URL in the failure's details",
    fix: "upload the file or correct the task's resource file list",
    docs: `${errorHandling}#pre-processing-errors`,
  },
  {
    code: "FileUploadContainerNotFound",
    means:
      "the program finished, but the storage container for its output files does not exist, so the task failed (possibly with exit code 0)",
    check: "the container URL of the task's output files; fileuploaderr.txt in the task's directory",
    fix: "create the container or point the output files at one that exists",
    docs: outputFiles,
  },
  {
    code: "FileUploadMiscError",
    means:
      "uploading the task's output files failed for another reason (SAS without write access, storage unreachable)",
    check: "fileuploadout.txt and fileuploaderr.txt in the task's directory on the node",
    fix: "fix the SAS or identity write access, or the node's path to storage",
    docs: outputFiles,
  },
  {
    code: "TaskEnded",
    means:
      "the task was ended, by a terminate request or by its maximum wall clock time, not by its program failing",
    check: "whether someone terminated it (the audit journal) or its maxWallClockTime constraint",
    fix: "raise the constraint if the work needs longer, or re-run the task",
    docs: `${errorHandling}#constraint-errors`,
  },
  {
    code: "TaskCompleted",
    means: "the request was refused because the task had already completed",
    check: "the task's state and end time",
    fix: "nothing to end; reactivate or re-run it if it must run again",
    docs: "https://learn.microsoft.com/rest/api/batchservice/batch-status-and-error-codes",
  },
  {
    code: "CommandProgramNotFound",
    means: "the program named in the task's command line was not found on the node",
    check: "the command line and the files in the task's working directory",
    fix: "correct the command or ship the program with the task's resource files",
    docs: `${errorHandling}#task-errors`,
  },
];
