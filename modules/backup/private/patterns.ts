// Name patterns the AWS Backup API enforces, shared by the constructs that take such names.

/** Backup plan, rule and selection names. */
export const RULE_NAME_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;
/** Audit framework and report plan names. */
export const AUDIT_NAME_PATTERN = /^[a-zA-Z][_a-zA-Z0-9]{0,255}$/;
/** Restore testing plan and selection names. */
export const RESTORE_TESTING_NAME_PATTERN = /^[a-zA-Z0-9_]{1,50}$/;
