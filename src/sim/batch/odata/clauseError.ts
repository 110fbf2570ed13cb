/** An OData clause ($filter, $select) the service cannot read or apply; the message becomes the Reason. */
export class ClauseError extends Error {}
