/** One entry of a node's or a task's file listing. */
export interface FileEntry {
  /** The path relative to the task directory or the node root, with forward slashes. */
  name: string;
  isDirectory: boolean;
  size?: number | undefined;
  creationTime?: Date | undefined;
  lastModified?: Date | undefined;
}

/** What a HEAD on a file tells: enough to read only the bytes not yet seen. */
export interface FileProperties {
  size: number;
  /** Changes when the file is created again (a task re-run writes a new stdout.txt). */
  creationTime?: Date | undefined;
  lastModified?: Date | undefined;
}

/** Bytes `start` to `end`, both included, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}
