import { BackupPlanRule as BackupPlanRuleBlock } from "@cdktf/provider-aws/lib/backup-plan";
import { Tags, Validator } from "../core";
import { checkBackupVaultArn } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { Schedule } from "./schedule";
import { IBackupVault } from "./vault";
import { RULE_NAME_PATTERN } from "./private/patterns";
import { importVault } from "./private/vault-base";
import { RetentionBounds } from "./vault-lock";

/**
 * When recovery points move to cold storage and when they are deleted.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export interface BackupLifecycle {
  /** Days after creation a recovery point moves to cold storage (only for resource types that support it). @default never */
  readonly coldStorageAfterDays?: number;
  /** Days after creation a recovery point is deleted, 1-36500; at least coldStorageAfterDays + 90. @default kept forever */
  readonly deleteAfterDays?: number;
  /** Move supported resources to the archive tier at coldStorageAfterDays. @default false */
  readonly optInToArchiveForSupportedResources?: boolean;
}

/** A copy of each recovery point of a rule into another vault, in another region or account. */
export interface CopyActionProps {
  /** The destination vault, or its ARN `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`. */
  readonly destination: IBackupVault | string;
  /** The lifecycle of the copies. @default the lifecycle of the source recovery point */
  readonly lifecycle?: BackupLifecycle;
}

/**
 * One rule of a backup plan: when to back up, into which vault, how long to keep it and where to copy it.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 */
export interface BackupRuleProps {
  /** The rule's name: 1-50 letters, digits, hyphens, underscores, periods; unique in the plan. */
  readonly ruleName: string;
  /** The vault recovery points are stored in; it lies in the plan's account and region. */
  readonly targetVault: IBackupVault;
  /** When the rule runs. */
  readonly schedule: Schedule;
  /** Minutes after the scheduled time within which a job must start, at least 60. @default 60 */
  readonly startWindowMinutes?: number;
  /** Minutes after a job starts within which it must complete; longer than the start window. @default 1440 */
  readonly completionWindowMinutes?: number;
  /** When recovery points move to cold storage and are deleted. @default kept forever, never moved */
  readonly lifecycle?: BackupLifecycle;
  /** Continuous backup (point-in-time recovery) for supported resources: needs deleteAfterDays 1-35, no cold storage. @default false */
  readonly continuousBackup?: boolean;
  /** Tags put on each recovery point. @default none */
  readonly recoveryPointTags?: Tags;
  /** Copies of each recovery point into other vaults (other regions or accounts). @default none */
  readonly copyActions?: readonly CopyActionProps[];
}

/** A copy action with its destination resolved and the retention that applies in the destination vault. */
export interface ResolvedCopyAction {
  readonly destination: IBackupVault;
  /** The lifecycle as given, when one was given. */
  readonly lifecycle?: BackupLifecycle;
  /** Days the copies are kept in the destination; `Infinity` when they are kept forever. */
  readonly retentionDays: number;
}

export const DEFAULT_START_WINDOW_MINUTES = 60;
export const DEFAULT_COMPLETION_WINDOW_MINUTES = 1440;
/** Recovery points in cold storage stay there at least this many days. */
export const MIN_COLD_STORAGE_DAYS = 90;
/** The longest point-in-time recovery window AWS Backup keeps. */
export const MAX_CONTINUOUS_RETENTION_DAYS = 35;

/** True for the AWS-managed default vault, which cannot be a copy source or target. */
export function isDefaultVault(vault: IBackupVault): boolean {
  return /^default$/i.test(vault.vaultName);
}

/**
 * Checks a lifecycle: deletion after 1-36500 days, at least 90 days after the move to cold storage.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export function checkLifecycle(v: Validator, field: string, lifecycle: BackupLifecycle | undefined): Validator {
  if (!lifecycle) return v;
  const cold = lifecycle.coldStorageAfterDays;
  const del = lifecycle.deleteAfterDays;
  v.intInRange(`${field}.deleteAfterDays`, del, 1, 36500, "days");
  v.intInRange(`${field}.coldStorageAfterDays`, cold, 1, 36500, "days");
  if (cold !== undefined && del !== undefined && Number.isInteger(cold) && Number.isInteger(del)) {
    v.check(
      del >= cold + MIN_COLD_STORAGE_DAYS,
      `${field}.deleteAfterDays`,
      del,
      `must be at least coldStorageAfterDays + ${MIN_COLD_STORAGE_DAYS} (${cold} + ${MIN_COLD_STORAGE_DAYS} = ${cold + MIN_COLD_STORAGE_DAYS}): recovery points stay in cold storage at least ${MIN_COLD_STORAGE_DAYS} days`,
      `set deleteAfterDays to ${cold + MIN_COLD_STORAGE_DAYS} or more, or move to cold storage later`,
    );
  }
  v.check(
    !lifecycle.optInToArchiveForSupportedResources || cold !== undefined,
    `${field}.optInToArchiveForSupportedResources`,
    lifecycle.optInToArchiveForSupportedResources,
    "only takes effect with coldStorageAfterDays: it moves recovery points to the archive tier at that age",
    "set coldStorageAfterDays, or remove optInToArchiveForSupportedResources",
  );
  return v;
}

/** Days a lifecycle keeps recovery points; `Infinity` when it never deletes them. */
export function retentionOf(lifecycle: BackupLifecycle | undefined): number {
  return lifecycle?.deleteAfterDays ?? Number.POSITIVE_INFINITY;
}

/**
 * Checks that a retention fits the bounds a locked vault enforces. A retention outside them fails every backup or copy
 * job into the vault, silently, every time the schedule runs.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export function checkRetentionFitsLock(
  v: Validator,
  field: string,
  value: unknown,
  retentionDays: number,
  vault: IBackupVault,
  bounds: RetentionBounds | undefined,
  what: string,
): Validator {
  if (!bounds) return v;
  const range = bounds.maxDays === undefined ? `at least ${bounds.minDays} days` : `${bounds.minDays}-${bounds.maxDays} days`;
  const kept = Number.isFinite(retentionDays) ? `${retentionDays} days` : "forever (no deleteAfterDays)";
  v.check(
    retentionDays >= bounds.minDays,
    field,
    value,
    `${what} kept ${kept} land in locked vault ${vault.vaultArn}, whose lock (${bounds.source}) accepts retentions of ${range}: every job would fail`,
    `keep them at least ${bounds.minDays} days`,
  );
  if (bounds.maxDays !== undefined) {
    v.check(
      retentionDays <= bounds.maxDays,
      field,
      value,
      `${what} kept ${kept} land in locked vault ${vault.vaultArn}, whose lock (${bounds.source}) accepts retentions of ${range}: every job would fail`,
      `set deleteAfterDays to at most ${bounds.maxDays}`,
    );
  }
  return v;
}

/**
 * A validated backup rule. Checks everything that can be judged from the rule alone: name, windows, lifecycles,
 * continuous backup, copy destinations and the lock bounds of every vault the rule's recovery points land in.
 */
export class BackupRule {
  public readonly ruleName: string;
  public readonly targetVault: IBackupVault;
  public readonly schedule: Schedule;
  public readonly startWindowMinutes: number;
  public readonly completionWindowMinutes: number;
  public readonly lifecycle?: BackupLifecycle;
  public readonly continuousBackup: boolean;
  public readonly recoveryPointTags?: Tags;
  public readonly copyActions: readonly ResolvedCopyAction[];
  /** Days recovery points are kept in the target vault; `Infinity` when kept forever. */
  public readonly retentionDays: number;

  /**
   * @param where the construct path (or other origin) named in error messages
   * @param field the prefix of field names in error messages, e.g. `rules[0]`
   */
  constructor(props: BackupRuleProps, where = "BackupRule", field = "rule") {
    const v = new Validator(where);
    const f = (name: string) => `${field}.${name}`;
    v.required(f("ruleName"), props.ruleName);
    v.matches(f("ruleName"), props.ruleName, RULE_NAME_PATTERN, "must be 1-50 characters of letters, digits, hyphens, underscores and periods");
    v.check(
      props.targetVault !== undefined && props.targetVault !== null,
      f("targetVault"),
      props.targetVault,
      "is required: the vault recovery points are stored in",
    );
    v.check(props.schedule instanceof Schedule, f("schedule"), props.schedule, "must be a Schedule", "e.g. Schedule.daily(5, 0)");
    v.throwIfAny();

    const start = props.startWindowMinutes ?? DEFAULT_START_WINDOW_MINUTES;
    const completion = props.completionWindowMinutes ?? DEFAULT_COMPLETION_WINDOW_MINUTES;
    v.check(
      Number.isInteger(start) && start >= 60,
      f("startWindowMinutes"),
      start,
      "must be a whole number of at least 60 minutes: AWS Backup rejects shorter start windows",
    );
    v.check(
      Number.isInteger(completion) && completion > start,
      f("completionWindowMinutes"),
      completion,
      `must be a whole number of minutes longer than the start window (${start})`,
    );

    checkLifecycle(v, f("lifecycle"), props.lifecycle);
    if (props.continuousBackup) {
      v.check(
        props.lifecycle?.deleteAfterDays !== undefined,
        f("lifecycle.deleteAfterDays"),
        props.lifecycle?.deleteAfterDays,
        `is required with continuous backup: point-in-time recovery keeps 1-${MAX_CONTINUOUS_RETENTION_DAYS} days`,
      );
      v.intInRange(
        f("lifecycle.deleteAfterDays"),
        props.lifecycle?.deleteAfterDays,
        1,
        MAX_CONTINUOUS_RETENTION_DAYS,
        "days (the retention of continuous backups)",
      );
      v.check(
        props.lifecycle?.coldStorageAfterDays === undefined,
        f("lifecycle.coldStorageAfterDays"),
        props.lifecycle?.coldStorageAfterDays,
        "continuous backups cannot move to cold storage",
        "remove coldStorageAfterDays, or add a separate snapshot rule with cold storage",
      );
      v.check(
        !props.lifecycle?.optInToArchiveForSupportedResources,
        f("lifecycle.optInToArchiveForSupportedResources"),
        props.lifecycle?.optInToArchiveForSupportedResources,
        "continuous backups cannot move to cold storage or the archive tier",
      );
    }
    checkTags(v, f("recoveryPointTags"), props.recoveryPointTags);

    const target = props.targetVault;
    const retention = retentionOf(props.lifecycle);
    checkRetentionFitsLock(v, f("lifecycle.deleteAfterDays"), props.lifecycle?.deleteAfterDays, retention, target, target.lockBounds, "recovery points");

    const copies: ResolvedCopyAction[] = [];
    const seen = new Set<string>();
    (props.copyActions ?? []).forEach((c, i) => {
      const cf = f(`copyActions[${i}]`);
      const destination = resolveDestination(v, `${cf}.destination`, c?.destination);
      checkLifecycle(v, `${cf}.lifecycle`, c?.lifecycle);
      if (!destination) return;
      v.check(
        destination.vaultArn !== target.vaultArn,
        `${cf}.destination`,
        destination.vaultArn,
        "is the rule's own target vault: a copy must go to another vault",
        "copy to a vault in another region or account",
      );
      v.check(!seen.has(destination.vaultArn), `${cf}.destination`, destination.vaultArn, "is already the destination of another copy action of this rule");
      seen.add(destination.vaultArn);
      v.check(
        !isDefaultVault(destination),
        `${cf}.destination`,
        destination.vaultArn,
        "the default vault cannot be a copy target",
        "copy to a vault created for backups, encrypted with a customer-managed key",
      );
      // Without a lifecycle of its own, a copy keeps the lifecycle of the source recovery point.
      const copyRetention = c.lifecycle ? retentionOf(c.lifecycle) : retention;
      const copyField = c.lifecycle ? `${cf}.lifecycle.deleteAfterDays` : `${cf}.lifecycle`;
      const what = c.lifecycle ? "copies" : "copies (without a lifecycle of their own they keep the rule's)";
      checkRetentionFitsLock(v, copyField, c.lifecycle ? c.lifecycle.deleteAfterDays : c.lifecycle, copyRetention, destination, destination.lockBounds, what);
      copies.push({ destination, lifecycle: c.lifecycle, retentionDays: copyRetention });
    });
    if (copies.length > 0) {
      v.check(
        !isDefaultVault(target),
        f("targetVault"),
        target.vaultArn,
        "the default vault cannot be a copy source: recovery points in it cannot be copied",
        "store the recovery points in a vault created for backups",
      );
    }
    v.throwIfAny();

    this.ruleName = props.ruleName;
    this.targetVault = target;
    this.schedule = props.schedule;
    this.startWindowMinutes = start;
    this.completionWindowMinutes = completion;
    this.lifecycle = props.lifecycle;
    this.continuousBackup = props.continuousBackup === true;
    this.recoveryPointTags = props.recoveryPointTags;
    this.copyActions = copies;
    this.retentionDays = retention;
  }

  /** The rule as the provider's `rule` block. */
  toBlock(): BackupPlanRuleBlock {
    return {
      ruleName: this.ruleName,
      targetVaultName: this.targetVault.vaultName,
      schedule: this.schedule.expression,
      scheduleExpressionTimezone: this.schedule.timezone,
      startWindow: this.startWindowMinutes,
      completionWindow: this.completionWindowMinutes,
      enableContinuousBackup: this.continuousBackup ? true : undefined,
      lifecycle: lifecycleBlock(this.lifecycle),
      recoveryPointTags: this.recoveryPointTags ? { ...this.recoveryPointTags } : undefined,
      copyAction: this.copyActions.length
        ? this.copyActions.map((c) => ({ destinationVaultArn: c.destination.vaultArn, lifecycle: lifecycleBlock(c.lifecycle) }))
        : undefined,
    };
  }
}

function lifecycleBlock(l: BackupLifecycle | undefined) {
  if (!l) return undefined;
  return {
    coldStorageAfter: l.coldStorageAfterDays,
    deleteAfter: l.deleteAfterDays,
    optInToArchiveForSupportedResources: l.optInToArchiveForSupportedResources,
  };
}

function resolveDestination(v: Validator, field: string, destination: IBackupVault | string | undefined): IBackupVault | undefined {
  if (destination === undefined || destination === null) {
    v.required(field, destination, "is required: a backup vault or its ARN");
    return undefined;
  }
  if (typeof destination === "string") {
    const valid = checkBackupVaultArn(new Validator(field), field, destination).ok;
    checkBackupVaultArn(v, field, destination);
    // A bare ARN carries no lock bounds: use BackupVault.fromVaultArn(arn, bounds) for a locked destination.
    return valid ? importVault(destination) : undefined;
  }
  return destination;
}
