import { Agent } from "node:https";
import type { PipelineOptions, PipelinePolicy } from "@azure/core-rest-pipeline";
import type { StoragePipelineOptions } from "@azure/storage-blob";

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

/**
 * For core-client SDKs (ARM, Log Analytics, Storage): a policy handing every request the agent that
 * trusts `ca`. Not for Storage: it adds a parent client's policies again to every client it derives
 * and then refuses the duplicate (see storageClientOptions).
 */
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

/**
 * Options for @azure/storage-blob clients. Its option types predate the core pipeline and do not
 * declare `agent`, but it hands them on to core-client's pipeline, which honours it; unlike
 * `additionalPolicies`, the agent is applied once to the pipeline that derived clients share.
 */
export function storageClientOptions(
  options: TransportOptions,
): StoragePipelineOptions & Pick<PipelineOptions, "agent"> {
  const agent = httpsAgent(options);
  return agent ? { agent } : {};
}
