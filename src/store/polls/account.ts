import type { BatchAccountInfo } from "../../model/account.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** Autostorage and the node identity reference change only when someone edits the account. */
const accountMs = 60_000;

/** The account as ARM shows it, when a subscription and resource group are set. */
export function accountPoll(ctx: PollContext): Poll {
  const management = ctx.sources.management;
  const job =
    management &&
    pollJob<BatchAccountInfo>(ctx, "account", "account", accountMs, (signal) =>
      management.getAccount(signal),
    );
  return { jobsFor: () => (job ? [job] : []) };
}
