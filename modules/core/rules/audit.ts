/**
 * AWS Backup Audit Manager controls and how their parameters follow from backup plans, defined once: the framework
 * construct derives its controls with it, the rollout model derives the controls of each account and region with it, and
 * the DR report judges every plan against those same parameters, so the report's "met" is the framework's.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-frameworks-api.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html
 */
import type { Tags } from "../tags";

/** The controls a framework built from plans uses. Input parameter names follow the AWS Config rules behind them. */
export const AUDIT_CONTROLS = {
  recoveryPointMinimumRetention: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
  planMinFrequencyAndRetention: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
  recoveryPointEncrypted: "BACKUP_RECOVERY_POINT_ENCRYPTED",
  resourcesProtectedByPlan: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  manualDeletionDisabled: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
  protectedByVaultLock: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
  protectedByCrossRegion: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
  protectedByCrossAccount: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
} as const;

/** One control of a framework, with its input parameters. */
export interface AuditControl {
  /** The control's name, e.g. `BACKUP_RECOVERY_POINT_ENCRYPTED` (see AUDIT_CONTROLS for the ones derived from plans). */
  readonly name: string;
  /** The control's input parameters, by name. @default none */
  readonly inputParameters?: { readonly [name: string]: string };
  /** Resource types the control evaluates; only on controls that evaluate protected resources. @default every type */
  readonly complianceResourceTypes?: readonly string[];
  /** IDs of the resources the control evaluates (at most 100). @default every resource of the types */
  readonly complianceResourceIds?: readonly string[];
  /** Tags that select the resources the control evaluates. @default none */
  readonly scopeTags?: Tags;
}

/** What the controls need to know of one backup plan. */
export interface AuditPlanFacts {
  /** Each rule: the longest gap between its runs, and how long its recovery points and each copy are kept (`Infinity`: forever). */
  readonly rules: readonly { readonly gapMinutes: number; readonly retentionDays: number; readonly copyRetentionDays: readonly number[] }[];
  /** The retention bounds of every locked vault the plan's recovery points or copies land in. */
  readonly lockBounds: readonly { readonly minDays: number; readonly maxDays?: number }[];
  /** Regions other than the plan's own that copies go to. */
  readonly copyRegions: readonly string[];
  /** Accounts other than the plan's own that copies go to. */
  readonly copyAccounts: readonly string[];
}

/** Options of the derived controls that plans cannot tell. */
export interface AuditControlOptions {
  /** Resource types the resource-level controls evaluate. @default every type AWS Backup supports */
  readonly complianceResourceTypes?: readonly string[];
  /** Roles allowed to delete recovery points by hand (at most 5), e.g. the vaults' break-glass roles. @default none */
  readonly deletionAllowedRoleArns?: readonly string[];
}

/** The control's frequency parameter allows at most 24 hours or 31 days. */
const MAX_FREQUENCY_HOURS = 24;
const MAX_FREQUENCY_DAYS = 31;
/** At most this many roles may be exempt from the manual-deletion control. */
export const AUDIT_MAX_DELETION_ROLES = 5;

/** The required frequency of the min-frequency control for a gap between backups, in minutes; undefined past 31 days. */
export function frequencyRequirement(gapMinutes: number): { unit: "hours" | "days"; value: number } | undefined {
  if (gapMinutes % 1440 === 0 && gapMinutes / 1440 <= MAX_FREQUENCY_DAYS) return { unit: "days", value: gapMinutes / 1440 };
  if (gapMinutes < 1440) return { unit: "hours", value: Math.min(MAX_FREQUENCY_HOURS, Math.ceil(gapMinutes / 60)) };
  const days = Math.ceil(gapMinutes / 1440);
  return days <= MAX_FREQUENCY_DAYS ? { unit: "days", value: days } : undefined;
}

/** Minutes of a frequency requirement: the longest gap between backups the min-frequency control accepts. */
export function frequencyMinutes(frequency: { unit: "hours" | "days"; value: number }): number {
  return frequency.value * (frequency.unit === "hours" ? 60 : 1440);
}

/**
 * Derives the controls a framework needs from plans, so every plan passes them as written:
 * - minimum recovery point retention: the shortest retention of any recovery point or copy of the plans;
 * - plan minimum frequency and retention: the frequency of the least frequent plan's most frequent rule, and the
 *   longest retention every plan reaches with a rule at least that frequent;
 * - encryption, protection by a backup plan, no manual deletion: always;
 * - vault lock: when a vault the plans write to is locked, with the loosest bounds of those locks;
 * - cross-region and cross-account copies: when copies leave the plans' region or account, naming where they go.
 * A retention of "forever" leaves the retention parameter at AWS's default, which it always meets.
 */
export function deriveControls(plans: readonly AuditPlanFacts[], options: AuditControlOptions = {}): AuditControl[] {
  const scope = options.complianceResourceTypes?.length ? [...options.complianceResourceTypes] : undefined;
  const controls: AuditControl[] = [];
  const days = (n: number): Record<string, string> => (Number.isFinite(n) ? { requiredRetentionDays: String(n) } : {});

  const shortest = Math.min(...plans.flatMap((p) => p.rules.flatMap((r) => [r.retentionDays, ...r.copyRetentionDays])));
  controls.push({ name: AUDIT_CONTROLS.recoveryPointMinimumRetention, inputParameters: days(shortest) });

  const rpo = (p: AuditPlanFacts) => Math.min(...p.rules.map((r) => r.gapMinutes));
  const gap = Math.max(...plans.map(rpo));
  const frequency = frequencyRequirement(gap);
  if (frequency) {
    const retention = Math.min(...plans.map((p) => Math.max(...p.rules.filter((r) => r.gapMinutes <= gap).map((r) => r.retentionDays))));
    controls.push({
      name: AUDIT_CONTROLS.planMinFrequencyAndRetention,
      inputParameters: { requiredFrequencyUnit: frequency.unit, requiredFrequencyValue: String(frequency.value), ...days(retention) },
    });
  }

  controls.push({ name: AUDIT_CONTROLS.recoveryPointEncrypted, inputParameters: {} });
  controls.push({ name: AUDIT_CONTROLS.resourcesProtectedByPlan, inputParameters: {}, complianceResourceTypes: scope });
  const roles = options.deletionAllowedRoleArns ?? [];
  controls.push({ name: AUDIT_CONTROLS.manualDeletionDisabled, inputParameters: roles.length ? { principalArnList: roles.join(",") } : {} });

  const locks = plans.flatMap((p) => p.lockBounds);
  if (locks.length > 0) {
    const maxes = locks.map((l) => l.maxDays);
    const parameters: Record<string, string> = { minRetentionDays: String(Math.min(...locks.map((l) => l.minDays))) };
    if (maxes.every((m) => m !== undefined)) parameters.maxRetentionDays = String(Math.max(...(maxes as number[])));
    controls.push({ name: AUDIT_CONTROLS.protectedByVaultLock, inputParameters: parameters, complianceResourceTypes: scope });
  }
  const regions = [...new Set(plans.flatMap((p) => p.copyRegions))].sort();
  if (regions.length > 0) {
    controls.push({ name: AUDIT_CONTROLS.protectedByCrossRegion, inputParameters: { crossRegionList: regions.join(",") }, complianceResourceTypes: scope });
  }
  const accounts = [...new Set(plans.flatMap((p) => p.copyAccounts))].sort();
  if (accounts.length > 0) {
    controls.push({ name: AUDIT_CONTROLS.protectedByCrossAccount, inputParameters: { crossAccountList: accounts.join(",") }, complianceResourceTypes: scope });
  }
  return controls;
}
