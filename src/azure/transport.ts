import { Agent } from "node:https";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/**
 * How batchtop's HTTP clients reach a service. `ca` adds a certificate authority trusted by this
 * process only (the demo account's throwaway CA); certificate checks always stay on.
 */
export interface TransportOptions {
  ca?: string;
}

/** One keep-alive agent per process and CA, shared by every client so connections are reused. */
const agents = new Map<string, Agent>();

export function httpsAgent(options: TransportOptions): Agent | undefined {
  if (options.ca === undefined) return undefined;
  let agent = agents.get(options.ca);
  if (!agent) {
    agent = new Agent({ ca: options.ca, keepAlive: true });
    agents.set(options.ca, agent);
  }
  return agent;
}

/** For core-client SDKs (ARM, Log Analytics, Storage): hands every request the agent that trusts `ca`. */
export function trustPolicy(options: TransportOptions): PipelinePolicy | undefined {
  const agent = httpsAgent(options);
  if (!agent) return undefined;
  return {
    name: "batchtopTrustedCa",
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}
