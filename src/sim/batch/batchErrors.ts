import { SimServiceError } from "../http/serviceError.js";

// The Batch service's error codes, statuses and messages. Sources, so a reader can check them:
//  - "Batch Status and Error Codes" (learn.microsoft.com/rest/api/batchservice/batch-status-and-error-codes)
//    for codes, statuses and the table's messages;
//  - where the live service was seen to word a message differently from that table, the live wording:
//    MissingRequiredQueryParameter (a 2025 Stack Overflow capture of a real response), MissingRequiredHeader
//    (azure-sdk-for-python recording test_batch.test_batch_scale_pools.yaml), InvalidHeaderValue
//    (azure-sdk-for-python test_response_handlers.py), AuthenticationFailed with AuthenticationErrorDetail
//    (AzureAD/microsoft-authentication-library-for-js#1735), OperationInvalidForCurrentState with the
//    "task state is still active" reason (MicrosoftDocs/azure-docs#53298).

type Detail = { key: string; value: string };

function error(status: number, code: string, message: string, values: Detail[] = []): SimServiceError {
  return new SimServiceError(status, code, message, values);
}

// The world refuses with the same errors; one definition serves both.
export {
  invalidPropertyValue,
  jobNotFound,
  nodeNotFound,
  poolNotFound,
  taskNotFound,
} from "../world/serviceErrors.js";

export const fileNotFound = () => error(404, "FileNotFound", "The specified file does not exist.");

export const missingApiVersion = () =>
  error(
    400,
    "MissingRequiredQueryParameter",
    "A query parameter that's mandatory for this request is not specified.",
    [{ key: "QueryParameterName", value: "api-version" }],
  );

export const unsupportedApiVersion = (value: string) =>
  error(400, "UnsupportedRequestVersion", "The specified request version is not supported.", [
    { key: "QueryParameterName", value: "api-version" },
    { key: "QueryParameterValue", value },
  ]);

export const invalidQueryParameter = (name: string, value: string, reason: string) =>
  error(
    400,
    "InvalidQueryParameterValue",
    "Value for one of the query parameters specified in the request URI is invalid.",
    [
      { key: "QueryParameterName", value: name },
      { key: "QueryParameterValue", value },
      { key: "Reason", value: reason },
    ],
  );

export const outOfRangeQueryParameter = (name: string, value: string, reason: string) =>
  error(
    400,
    "OutOfRangeQueryParameterValue",
    "A query parameter specified in the request URI is outside the permissible range.",
    [
      { key: "QueryParameterName", value: name },
      { key: "QueryParameterValue", value },
      { key: "Reason", value: reason },
    ],
  );

export const invalidUri = () =>
  error(400, "InvalidUri", "The requested URI does not represent any resource on the server.");

export const unsupportedHttpVerb = (method: string) =>
  error(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.", [
    { key: "HttpVerb", value: method },
  ]);

export const invalidRequestBody = (reason: string) =>
  error(400, "InvalidRequestBody", "The specified Request Body is not syntactically valid.", [
    { key: "Reason", value: reason },
  ]);

export const unsupportedProperty = (name: string) =>
  error(400, "UnsupportedProperty", "One of the properties specified in the request body is not supported.", [
    { key: "PropertyName", value: name },
  ]);

export const invalidHeaderValue = (name: string, value: string) =>
  error(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format.", [
    { key: "HeaderName", value: name },
    { key: "HeaderValue", value },
  ]);

export const invalidRange = () =>
  error(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");

export const operationInvalidForCurrentState = (reason: string) =>
  error(
    409,
    "OperationInvalidForCurrentState",
    "The specified operation is not valid for the current state of the resource.",
    [{ key: "Reason", value: reason }],
  );

export const taskFilesUnavailable = () =>
  error(409, "TaskFilesUnavailable", "The files of the specified task are unavailable.");

export const internalError = () =>
  error(500, "InternalError", "The server encountered an internal error. Please retry the request.");

export const missingAuthorizationHeader = () =>
  error(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified.", [
    { key: "HeaderName", value: "Authorization" },
  ]);

export const authenticationFailed = (detail: string) =>
  error(
    401,
    "AuthenticationFailed",
    "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly.",
    [{ key: "AuthenticationErrorDetail", value: detail }],
  );
