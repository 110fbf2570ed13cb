/** What the confirmation dialog says about a plan. */
export interface PlanDescription {
  title: string;
  changes: string[];
  /** What the operator could lose: nodes removed, tasks requeued. */
  danger?: string;
  /** The label of the button that sends it. */
  apply: string;
  /** What the operator should know beyond the changes: what happens after. */
  note?: string;
}
