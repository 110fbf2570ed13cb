import { AzureRequestError, describeAzureError } from "./azureError.js";
import { errorMessage } from "../model/errorMessage.js";

/** Any failure as one line for the operator: Azure's own words (status and code first) where Azure spoke. */
export function describeError(error: unknown): string {
  if (error instanceof AzureRequestError) return describeAzureError(error);
  return errorMessage(error);
}
