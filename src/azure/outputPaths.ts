/** A Custom activity's two output files, as Data Factory names them. */
export type OutputStream = "stdout" | "stderr";

/** The container Data Factory copies a Custom activity's output to, in its linked storage. */
export const adfjobsContainer = "adfjobs";

export function blobPath(activityRunId: string, stream: OutputStream): string {
  return `${activityRunId}/output/${stream}.txt`;
}

/** "adfjobs/<activityRunId>/output/stdout.txt": where the copy is, named without loading Storage's SDK. */
export function outputLocation(
  activityRunId: string,
  stream: OutputStream,
  container = adfjobsContainer,
): string {
  return `${container}/${blobPath(activityRunId, stream)}`;
}
