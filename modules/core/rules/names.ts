/**
 * Name rules of the AWS APIs, defined once: the constructs check the names they are given, the rollout config checks
 * the names it derives from its own (`<rollout>-<policy>` and the like), so a name the config accepts always fits.
 */
import { awsRejects } from "./authority";

/** Backup vault names. */
export const BACKUP_VAULT_NAME_PATTERN = /^[a-zA-Z0-9\-_]{2,50}$/;
/** Backup plan, rule and selection names. */
export const BACKUP_RULE_NAME_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;
/** Longest backup plan, rule and selection name. */
export const BACKUP_RULE_NAME_MAX_LENGTH = 50;
/** Audit framework and report plan names. */
export const AUDIT_NAME_PATTERN = /^[a-zA-Z][_a-zA-Z0-9]{0,255}$/;
/** Restore testing plan and selection names. */
export const RESTORE_TESTING_NAME_PATTERN = /^[a-zA-Z0-9_]{1,50}$/;
/** Longest restore testing plan and selection name. */
export const RESTORE_TESTING_NAME_MAX_LENGTH = 50;
/** IAM role names (without path). */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** Longest IAM role name. */
export const IAM_ROLE_NAME_MAX_LENGTH = 64;
/** KMS alias names, without the `alias/` prefix; `aws/` is reserved for AWS-managed keys. */
export const KMS_ALIAS_PATTERN = /^(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;
/** What KMS_ALIAS_PATTERN enforces, as an error's rule. */
export const KMS_ALIAS_RULE = awsRejects("alias names other than 1-250 of a-z A-Z 0-9 / _ - (without the alias/ prefix), and those starting with aws/");
/** Names the rollout config gives (rollout, members, protection policies): lowercase, a letter first, at most 40. */
export const CONFIG_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The rule a name derived from config names breaks against an AWS limit, or undefined. A predicate ("makes the ..."):
 * the config checks put the names it is derived from before it, so the attribution comes after.
 */
export function derivedNameRule(derived: string, what: string, maxLength: number): string | undefined {
  if (derived.length <= maxLength) return undefined;
  return `makes the ${what} ${JSON.stringify(derived)}, ${derived.length} characters, and ${awsRejects(`more than ${maxLength}`)}; shorten it`;
}
