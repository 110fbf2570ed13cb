import { request, Agent } from "node:https";
import type { FinishedTaskOutput } from "../world/batchWorld.js";

/** The container ADF's Custom activity writes task output to, in the linked storage account. */
export const adfjobsContainer = "adfjobs";

const storageVersion = "2021-08-06";

/**
 * Writes finished task output where ADF puts it: `adfjobs/<activityRunId>/output/stdout.txt` and
 * `stderr.txt`. Speaks the Blob REST protocol with a bearer token from the demo identity, one upload
 * at a time so a burst of finishing tasks cannot flood the emulator.
 */
export class AdfjobsWriter {
  private queue: Promise<void> = Promise.resolve();
  private readonly agent: Agent;
  private failures = 0;

  constructor(
    private readonly storageUrl: string,
    caPem: string,
    private readonly token: () => string,
  ) {
    this.agent = new Agent({ ca: caPem, keepAlive: true, maxSockets: 2 });
  }

  async createContainer(): Promise<void> {
    const status = await this.put(`${adfjobsContainer}?restype=container`, Buffer.alloc(0), {});
    // 409 ContainerAlreadyExists is fine: the container outlives a restarted world.
    if (status !== 201 && status !== 409)
      throw new Error(`could not create the adfjobs container (HTTP ${status})`);
  }

  /** Queues the upload of one finished attempt; a later attempt of the same task overwrites it, as ADF does. */
  write(output: FinishedTaskOutput): void {
    this.queue = this.queue.then(async () => {
      for (const [name, bytes] of [
        ["stdout.txt", output.stdout],
        ["stderr.txt", output.stderr],
      ] as const) {
        const status = await this.put(`${adfjobsContainer}/${output.taskId}/output/${name}`, bytes, {
          "x-ms-blob-type": "BlockBlob",
          "x-ms-blob-content-type": "text/plain",
        }).catch(() => 0);
        if (status !== 201) this.failures++;
      }
    });
  }

  /** Resolves once every queued upload has been tried. */
  async flush(): Promise<{ failures: number }> {
    await this.queue;
    return { failures: this.failures };
  }

  close(): void {
    this.agent.destroy();
  }

  private put(path: string, body: Buffer, headers: Record<string, string>): Promise<number> {
    const url = new URL(`${this.storageUrl}/${path}`);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: "PUT",
          agent: this.agent,
          headers: {
            ...headers,
            authorization: `Bearer ${this.token()}`,
            "x-ms-version": storageVersion,
            "x-ms-date": new Date().toUTCString(),
            "content-length": String(body.length),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }
}
