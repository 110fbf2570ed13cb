// What the demo account's drills share: finding the running demo account from the shell that
// `eval "$(batchtop sim --detach)"` set up, refusing anything not on loopback, signing in with the
// demo's own managed identity and sending ARM requests with the demo CA. Drills are demo-only: they
// do what an administrator or a data team would do outside batchtop.

import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";

/** What a drill needs from `eval "$(batchtop sim --detach)"`. */
const requiredEnvironment = [
  "BATCHTOP_ARM_ENDPOINT",
  "AZURE_SUBSCRIPTION_ID",
  "AZURE_RESOURCE_GROUP",
  "AZURE_BATCH_ACCOUNT",
  "IDENTITY_ENDPOINT",
  "IDENTITY_HEADER",
  "NODE_EXTRA_CA_CERTS",
] as const;

type DemoEnvironment = Record<(typeof requiredEnvironment)[number], string>;

/** A refusal the operator can act on: one line, no stack. */
export class DrillError extends Error {
  constructor(
    message: string,
    /** 2 for bad input, 1 for a refusal by the demo account. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "DrillError";
  }
}

function isLoopback(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  return host === "localhost" || (isIP(host) === 4 && host.startsWith("127.")) || host === "::1";
}

export interface Answer {
  status: number;
  body: unknown;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  ca: string,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca,
        headers: {
          ...headers,
          ...(payload !== undefined
            ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
          } catch {
            // Not JSON: kept as text for the message.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** ARM's `{error: {code, message}}` as one line. */
export function armFailure(answer: Answer): string {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? `${error.code}: ` : "";
  const message = typeof error?.message === "string" ? error.message : "no error body";
  return `HTTP ${answer.status} ${code}${message}`.replace(/[\r\n]+/g, " ");
}

async function armToken(env: DemoEnvironment): Promise<string> {
  const url = new URL(env.IDENTITY_ENDPOINT);
  url.searchParams.set("api-version", "2019-08-01");
  url.searchParams.set("resource", "https://management.azure.com/");
  const response = await fetch(url, { headers: { "X-IDENTITY-HEADER": env.IDENTITY_HEADER } });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || typeof body.access_token !== "string")
    throw new DrillError(`the demo account's token endpoint answered HTTP ${response.status}`, 1);
  return body.access_token;
}

export interface DemoArm {
  env: DemoEnvironment;
  /** Reads the demo CA and signs in; then `send` reaches the demo account's ARM endpoint. */
  connect(): Promise<{
    base: string;
    send(url: URL, method: string, body?: unknown): Promise<Answer>;
  }>;
}

/**
 * The running demo account of this shell, checked before anything is sent: every variable set, the
 * ARM endpoint on loopback (exit code 2 otherwise, with what to do instead on Azure).
 */
export function demoArm(
  environment: NodeJS.ProcessEnv,
  drill: { drill: string; scenario: string; onAzure: string },
): DemoArm {
  const missing = requiredEnvironment.filter((name) => !environment[name]);
  if (missing.length > 0)
    throw new DrillError(
      `no running demo account in this shell (${missing.join(", ")} not set): run eval "$(batchtop sim --detach --scenario ${drill.scenario})" first`,
      2,
    );
  const env = Object.fromEntries(
    requiredEnvironment.map((name) => [name, environment[name] ?? ""]),
  ) as DemoEnvironment;
  if (!isLoopback(env.BATCHTOP_ARM_ENDPOINT))
    throw new DrillError(
      `${drill.drill} only talks to the demo account on loopback, not ${env.BATCHTOP_ARM_ENDPOINT}: ${drill.onAzure}`,
      2,
    );
  return {
    env,
    connect: async () => {
      let ca: string;
      try {
        ca = readFileSync(env.NODE_EXTRA_CA_CERTS, "utf8");
      } catch {
        throw new DrillError(
          `cannot read the demo CA at ${env.NODE_EXTRA_CA_CERTS}: is the demo account still running?`,
          2,
        );
      }
      let token: string;
      try {
        token = await armToken(env);
      } catch (error) {
        if (error instanceof DrillError) throw error;
        throw new DrillError(
          `the demo account is not answering at ${env.IDENTITY_ENDPOINT}: is it still running?`,
          1,
        );
      }
      const headers = { authorization: `Bearer ${token}` };
      return {
        base: env.BATCHTOP_ARM_ENDPOINT.replace(/\/+$/, ""),
        send: (url, method, body) => send(url, method, headers, ca, body),
      };
    },
  };
}
