import { BackupPlanRule as BackupPlanRuleBlock } from "@cdktf/provider-aws/lib/backup-plan";
import { Duration, Retention, Tags, Validator } from "../core";
import { checkBackupVaultArn } from "../core/private/aws";
import { DeprecatedPropUse, pickRenamed } from "../core/private/deprecation";
import { resolveBackupWindows } from "../core/private/backup-windows";
import { isUnresolved } from "../core/private/errors";
import { retentionInDays } from "../core/private/retention";
import { checkTags } from "../core/private/tags";
import { Schedule } from "./schedule";
import { IBackupVault } from "./vault";
import { RULE_NAME_PATTERN } from "./private/patterns";
import { importVault } from "./private/vault-base";
import { RetentionBounds } from "./vault-lock";

/**
 * When recovery points move to cold storage and when they are deleted. AWS Backup counts both in days: give
 * `Retention.days(n)` (or weeks); months and years have no fixed length and are refused.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export interface BackupLifecycle {
  /** Age at which a recovery point moves to cold storage (only resource types that support it), e.g. `Retention.days(30)`. @default never */
  readonly coldStorageAfter?: Retention;
  /** Age at which a recovery point is deleted: 1-36500 days, at least coldStorageAfter + 90 days. @default kept forever */
  readonly deleteAfter?: Retention;
  /** Move supported resources to the archive tier at coldStorageAfter. @default false */
  readonly optInToArchiveForSupportedResources?: boolean;
  /** @deprecated use `coldStorageAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly coldStorageAfterDays?: number;
  /** @deprecated use `deleteAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly deleteAfterDays?: number;
}

/** A copy of each recovery point of a rule into another vault, in another region or account. */
export interface CopyActionProps {
  /** The destination vault, or its ARN `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`. */
  readonly destination: IBackupVault | string;
  /** The lifecycle of the copies. @default the lifecycle of the source recovery point */
  readonly lifecycle?: BackupLifecycle;
}

/** A malware scanner AWS Backup can run on recovery points; GuardDuty is the only one. */
export type MalwareScanner = "GUARDDUTY";
/** A full scan of every recovery point, or an incremental scan of what changed since the last scanned one. */
export type ScanMode = "FULL_SCAN" | "INCREMENTAL_SCAN";

/**
 * A malware scan of the recovery points a rule creates. The plan needs a `scanSettings` entry of the same scanner.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/malware-protection.html
 */
export interface ScanActionProps {
  /** The scanner. @default "GUARDDUTY" */
  readonly malwareScanner?: MalwareScanner;
  /** Full or incremental scans. */
  readonly scanMode: ScanMode;
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
  /** Time after the scheduled time within which a job must start: at least 60 minutes, whole minutes. @default Duration.minutes(60) */
  readonly startWindow?: Duration;
  /** Time after a job starts within which it must complete: longer than the start window, whole minutes. @default Duration.minutes(180), the provider's default */
  readonly completionWindow?: Duration;
  /** When recovery points move to cold storage and are deleted. @default kept forever, never moved */
  readonly lifecycle?: BackupLifecycle;
  /** Continuous backup (point-in-time recovery) for supported resources: needs deleteAfter of 1-35 days, no cold storage. @default false */
  readonly continuousBackup?: boolean;
  /** Tags put on each recovery point. @default none */
  readonly recoveryPointTags?: Tags;
  /** Copies of each recovery point into other vaults (other regions or accounts). @default none */
  readonly copyActions?: readonly CopyActionProps[];
  /**
   * A logically air-gapped vault (or its ARN) the rule backs up into directly, for resource types that support it;
   * `targetVault` still names the vault for the others. Its retention bounds are checked against the rule's lifecycle.
   * @default none
   */
  readonly targetLogicallyAirGappedVault?: IBackupVault | string;
  /** Malware scans of the rule's recovery points. @default none */
  readonly scanActions?: readonly ScanActionProps[];
  /** @deprecated use `startWindow: Duration.minutes(n)`; this field is removed in the next minor version. */
  readonly startWindowMinutes?: number;
  /** @deprecated use `completionWindow: Duration.minutes(n)`; this field is removed in the next minor version. */
  readonly completionWindowMinutes?: number;
}

/** A copy action with its destination resolved and the retention that applies in the destination vault. */
export interface ResolvedCopyAction {
  readonly destination: IBackupVault;
  /** The lifecycle as given (deprecated day counts turned into `Retention`s), when one was given. */
  readonly lifecycle?: BackupLifecycle;
  /** Days the copies are kept in the destination; `Infinity` when they are kept forever. */
  readonly retentionDays: number;
}

export const MALWARE_SCANNERS: readonly string[] = ["GUARDDUTY"];
export const SCAN_MODES: readonly string[] = ["FULL_SCAN", "INCREMENTAL_SCAN"];
export const DEFAULT_START_WINDOW_MINUTES = 60;
// The provider's defaults (aws_backup_plan rule start_window and completion_window): a ported configuration keeps them.
export const DEFAULT_COMPLETION_WINDOW_MINUTES = 180;
// The lifecycle limits are AWS rules that the Organizations policy document and the rollout config check too.
export { MAX_CONTINUOUS_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_COLD_STORAGE_DAYS } from "../core/rules/lifecycle";
import { MAX_CONTINUOUS_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_COLD_STORAGE_DAYS } from "../core/rules/lifecycle";
import { awsIgnores, awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/** True for the AWS-managed default vault, which cannot be a copy source or target. */
export function isDefaultVault(vault: IBackupVault): boolean {
  return /^default$/i.test(vault.vaultName);
}

/** A lifecycle with its retentions in days and, for messages, the fields and values the caller gave. */
interface LifecycleDays {
  /** The lifecycle with deprecated day counts turned into `Retention`s. */
  readonly lifecycle: BackupLifecycle;
  readonly deleteDays?: number;
  readonly deleteField: string;
  readonly deleteGiven: unknown;
  readonly coldDays?: number;
  readonly coldField: string;
  readonly coldGiven: unknown;
  /** False when a retention was given but could not be read as days (the problem is recorded). */
  readonly ok: boolean;
}

/** How to write "set <field> to <days>" in the caller's own terms (a deprecated day count, or a Retention). */
function setTo(field: string, days: number, bound: "or more" | "at most"): string {
  const name = field.replace(/^.*\./, "");
  const value = /Days$/.test(name) ? String(days) : `Retention.days(${days})`;
  return bound === "at most" ? `set ${name} to at most ${value}` : `set ${name} to ${value} or more`;
}

/**
 * Resolves a lifecycle's retentions to days (deprecated day counts recorded in `uses`) and checks it: deletion after
 * 1-36500 days, at least 90 days after the move to cold storage.
 */
function resolveLifecycle(v: Validator, field: string, lifecycle: BackupLifecycle | undefined, uses: DeprecatedPropUse[]): LifecycleDays {
  const l = lifecycle ?? {};
  const del = pickRenamed(v, uses, {
    field: `${field}.deleteAfter`,
    value: l.deleteAfter,
    oldField: `${field}.deleteAfterDays`,
    oldValue: l.deleteAfterDays,
    fromOld: Retention.days,
  });
  const cold = pickRenamed(v, uses, {
    field: `${field}.coldStorageAfter`,
    value: l.coldStorageAfter,
    oldField: `${field}.coldStorageAfterDays`,
    oldValue: l.coldStorageAfterDays,
    fromOld: Retention.days,
  });
  const deleteDays = del.value === undefined ? undefined : retentionInDays(v, del.field, del.value);
  const coldDays = cold.value === undefined ? undefined : retentionInDays(v, cold.field, cold.value);
  const ok = (del.given === undefined || deleteDays !== undefined) && (cold.given === undefined || coldDays !== undefined);
  if (deleteDays !== undefined) {
    v.check(deleteDays >= 1 && deleteDays <= MAX_RETENTION_DAYS, del.field, del.given, awsRejects(`retentions outside 1 to ${MAX_RETENTION_DAYS} days`));
  }
  if (coldDays !== undefined) {
    v.check(coldDays >= 1 && coldDays <= MAX_RETENTION_DAYS, cold.field, cold.given, awsRejects(`retentions outside 1 to ${MAX_RETENTION_DAYS} days`));
  }
  if (coldDays !== undefined && deleteDays !== undefined && !isUnresolved(coldDays)) {
    const coldName = cold.field.replace(/^.*\./, "");
    const least = coldDays + MIN_COLD_STORAGE_DAYS;
    v.check(
      deleteDays >= least,
      del.field,
      del.given,
      awsRejects(
        `a deletion earlier than ${coldName} + ${MIN_COLD_STORAGE_DAYS} (${coldDays} + ${MIN_COLD_STORAGE_DAYS} = ${least}): recovery points stay in cold storage at least ${MIN_COLD_STORAGE_DAYS} days`,
      ),
      `${setTo(del.field, least, "or more")}, or move to cold storage later`,
    );
  }
  v.check(
    !l.optInToArchiveForSupportedResources || cold.given !== undefined,
    `${field}.optInToArchiveForSupportedResources`,
    l.optInToArchiveForSupportedResources,
    awsIgnores(`it without ${cold.field.replace(/^.*\./, "")}, the age at which it moves recovery points to the archive tier`),
    `set ${cold.field.replace(/^.*\./, "")}, or remove optInToArchiveForSupportedResources`,
  );
  const normalized: BackupLifecycle | undefined = lifecycle && {
    coldStorageAfter: cold.value,
    deleteAfter: del.value,
    optInToArchiveForSupportedResources: l.optInToArchiveForSupportedResources,
  };
  return {
    lifecycle: normalized ?? {},
    deleteDays,
    deleteField: del.field,
    deleteGiven: del.given,
    coldDays,
    coldField: cold.field,
    coldGiven: cold.given,
    ok,
  };
}

/**
 * Checks a lifecycle: deletion after 1-36500 days, at least 90 days after the move to cold storage, retentions that
 * AWS Backup can count in days.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export function checkLifecycle(v: Validator, field: string, lifecycle: BackupLifecycle | undefined): Validator {
  if (lifecycle) resolveLifecycle(v, field, lifecycle, []);
  return v;
}

/** Days a lifecycle keeps recovery points; `Infinity` when it never deletes them. */
export function retentionOf(lifecycle: BackupLifecycle | undefined): number {
  return lifecycle?.deleteAfter?.exactDays() ?? lifecycle?.deleteAfterDays ?? Number.POSITIVE_INFINITY;
}

/**
 * Checks that a retention fits the bounds a locked vault enforces. A retention outside them fails every backup or copy
 * job into the vault, silently, every time the schedule runs. A retention that is a token is left to Terraform.
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
  // Either side may be a token (a lock whose bounds come from variables): such a comparison is Terraform's to make.
  if (!bounds || isUnresolved(retentionDays) || isUnresolved(bounds.minDays)) return v;
  const name = /Days$/.test(field) ? "deleteAfterDays" : "deleteAfter";
  const range = bounds.maxDays === undefined ? `at least ${bounds.minDays} days` : `${bounds.minDays}-${bounds.maxDays} days`;
  const kept = Number.isFinite(retentionDays) ? `${retentionDays} days` : `forever (no ${name})`;
  v.check(
    retentionDays >= bounds.minDays,
    field,
    value,
    awsRejects(`${what} kept ${kept} in locked vault ${vault.vaultArn}, whose lock (${bounds.source}) accepts retentions of ${range}: every job would fail`),
    `keep them at least ${bounds.minDays} days`,
  );
  if (bounds.maxDays !== undefined && !isUnresolved(bounds.maxDays)) {
    v.check(
      retentionDays <= bounds.maxDays,
      field,
      value,
      awsRejects(`${what} kept ${kept} in locked vault ${vault.vaultArn}, whose lock (${bounds.source}) accepts retentions of ${range}: every job would fail`),
      setTo(name, bounds.maxDays, "at most"),
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
  /** The start window in minutes, as AWS Backup takes it. */
  public readonly startWindowMinutes: number;
  /** The completion window in minutes, as AWS Backup takes it. */
  public readonly completionWindowMinutes: number;
  /** The lifecycle as given (deprecated day counts turned into `Retention`s). */
  public readonly lifecycle?: BackupLifecycle;
  public readonly continuousBackup: boolean;
  public readonly recoveryPointTags?: Tags;
  public readonly copyActions: readonly ResolvedCopyAction[];
  /** The logically air-gapped vault the rule backs up into directly, when it has one. */
  public readonly targetLogicallyAirGappedVault?: IBackupVault;
  /** The malware scans of the rule's recovery points. */
  public readonly scanActions: readonly Required<ScanActionProps>[];
  /** Days recovery points are kept in the target vault; `Infinity` when kept forever. */
  public readonly retentionDays: number;
  /** @internal Deprecated props the rule was given: the construct that owns the rule warns about them. */
  public readonly deprecatedProps: readonly DeprecatedPropUse[];

  private readonly lifecycleDays: LifecycleDays;
  private readonly copyLifecycleDays: readonly (LifecycleDays | undefined)[];

  /**
   * @param where the construct path (or other origin) named in error messages
   * @param field the prefix of field names in error messages, e.g. `rules[0]`
   */
  constructor(props: BackupRuleProps, where = "BackupRule", field = "rule") {
    const v = new Validator(where);
    const uses: DeprecatedPropUse[] = [];
    const f = (name: string) => `${field}.${name}`;
    v.required(f("ruleName"), props.ruleName);
    v.matches(f("ruleName"), props.ruleName, RULE_NAME_PATTERN, awsRejects("rule names other than 1-50 letters, digits, hyphens, underscores and periods"));
    v.check(
      props.targetVault !== undefined && props.targetVault !== null,
      f("targetVault"),
      props.targetVault,
      libraryNeeds("the vault recovery points are stored in"),
    );
    v.check(props.schedule instanceof Schedule, f("schedule"), props.schedule, libraryNeeds("a Schedule"), "e.g. Schedule.daily(5, 0)");
    v.throwIfAny();

    const { start, completion } = resolveBackupWindows(v, uses, f, props, {
      startMinutes: DEFAULT_START_WINDOW_MINUTES,
      completionMinutes: DEFAULT_COMPLETION_WINDOW_MINUTES,
    });

    const life = resolveLifecycle(v, f("lifecycle"), props.lifecycle, uses);
    if (props.continuousBackup) {
      v.check(
        life.deleteGiven !== undefined,
        life.deleteField,
        life.deleteGiven,
        awsRejects(`continuous backup without a retention: point-in-time recovery keeps 1-${MAX_CONTINUOUS_RETENTION_DAYS} days`),
      );
      if (life.deleteDays !== undefined) {
        v.check(
          life.deleteDays >= 1 && life.deleteDays <= MAX_CONTINUOUS_RETENTION_DAYS,
          life.deleteField,
          life.deleteGiven,
          awsRejects(`continuous backups kept outside 1 to ${MAX_CONTINUOUS_RETENTION_DAYS} days`),
        );
      }
      v.check(
        life.coldGiven === undefined,
        life.coldField,
        life.coldGiven,
        awsRejects("continuous backups moving to cold storage"),
        `remove ${life.coldField.replace(/^.*\./, "")}, or add a separate snapshot rule with cold storage`,
      );
      v.check(
        !props.lifecycle?.optInToArchiveForSupportedResources,
        f("lifecycle.optInToArchiveForSupportedResources"),
        props.lifecycle?.optInToArchiveForSupportedResources,
        awsRejects("continuous backups moving to cold storage or the archive tier"),
      );
    }
    checkTags(v, f("recoveryPointTags"), props.recoveryPointTags);

    const target = props.targetVault;
    const retention = life.deleteDays ?? Number.POSITIVE_INFINITY;
    if (life.ok) checkRetentionFitsLock(v, life.deleteField, life.deleteGiven, retention, target, target.lockBounds, "recovery points");

    const copies: ResolvedCopyAction[] = [];
    const copyLifecycles: (LifecycleDays | undefined)[] = [];
    const seen = new Set<string>();
    (props.copyActions ?? []).forEach((c, i) => {
      const cf = f(`copyActions[${i}]`);
      const destination = resolveDestination(v, `${cf}.destination`, c?.destination);
      const copyLife = c?.lifecycle ? resolveLifecycle(v, `${cf}.lifecycle`, c.lifecycle, uses) : undefined;
      if (!destination) return;
      v.check(
        destination.vaultArn !== target.vaultArn,
        `${cf}.destination`,
        destination.vaultArn,
        libraryRejects("a copy into the rule's own target vault: a copy must go to another vault"),
        "copy to a vault in another region or account",
      );
      v.check(!seen.has(destination.vaultArn), `${cf}.destination`, destination.vaultArn, libraryRejects("two copy actions of one rule into the same vault"));
      seen.add(destination.vaultArn);
      v.check(
        !isDefaultVault(destination),
        `${cf}.destination`,
        destination.vaultArn,
        awsRejects("the default vault as a copy target"),
        "copy to a vault created for backups, encrypted with a customer-managed key",
      );
      // Without a lifecycle of its own, a copy keeps the lifecycle of the source recovery point.
      const copyRetention = copyLife ? (copyLife.deleteDays ?? Number.POSITIVE_INFINITY) : retention;
      const copyField = copyLife ? copyLife.deleteField : `${cf}.lifecycle`;
      const what = copyLife ? "copies" : "copies (without a lifecycle of their own they keep the rule's)";
      if ((copyLife ?? life).ok) {
        checkRetentionFitsLock(v, copyField, copyLife ? copyLife.deleteGiven : c.lifecycle, copyRetention, destination, destination.lockBounds, what);
      }
      copies.push({ destination, lifecycle: copyLife?.lifecycle, retentionDays: copyRetention });
      copyLifecycles.push(copyLife);
    });
    const lag = props.targetLogicallyAirGappedVault;
    const airGapped = lag === undefined || lag === null ? undefined : resolveDestination(v, f("targetLogicallyAirGappedVault"), lag);
    if (airGapped && life.ok) {
      checkRetentionFitsLock(v, life.deleteField, life.deleteGiven, retention, airGapped, airGapped.lockBounds, "recovery points in the air-gapped vault");
    }
    const scans = (props.scanActions ?? []).map((s, i) => {
      const sf = f(`scanActions[${i}]`);
      const scanner = s?.malwareScanner ?? "GUARDDUTY";
      v.check(MALWARE_SCANNERS.includes(scanner), `${sf}.malwareScanner`, scanner, awsRejects(`scanners other than ${MALWARE_SCANNERS.join(", ")}`));
      v.check(SCAN_MODES.includes(s?.scanMode), `${sf}.scanMode`, s?.scanMode, awsRejects(`scan modes other than ${SCAN_MODES.join(", ")}`));
      return { malwareScanner: scanner, scanMode: s?.scanMode };
    });
    if (copies.length > 0) {
      v.check(
        !isDefaultVault(target),
        f("targetVault"),
        target.vaultArn,
        awsRejects("the default vault as a copy source: recovery points in it cannot be copied"),
        "store the recovery points in a vault created for backups",
      );
    }
    v.throwIfAny();

    this.ruleName = props.ruleName;
    this.targetVault = target;
    this.schedule = props.schedule;
    this.startWindowMinutes = start!;
    this.completionWindowMinutes = completion!;
    this.lifecycle = props.lifecycle ? life.lifecycle : undefined;
    this.continuousBackup = props.continuousBackup === true;
    this.recoveryPointTags = props.recoveryPointTags;
    this.copyActions = copies;
    this.targetLogicallyAirGappedVault = airGapped;
    this.scanActions = scans;
    this.retentionDays = retention;
    this.deprecatedProps = uses;
    this.lifecycleDays = life;
    this.copyLifecycleDays = copyLifecycles;
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
      lifecycle: this.lifecycle ? lifecycleBlock(this.lifecycleDays) : undefined,
      recoveryPointTags: this.recoveryPointTags ? { ...this.recoveryPointTags } : undefined,
      copyAction: this.copyActions.length
        ? this.copyActions.map((c, i) => ({ destinationVaultArn: c.destination.vaultArn, lifecycle: lifecycleBlock(this.copyLifecycleDays[i]) }))
        : undefined,
      targetLogicallyAirGappedBackupVaultArn: this.targetLogicallyAirGappedVault?.vaultArn,
      scanAction: this.scanActions.length ? this.scanActions.map((s) => ({ ...s })) : undefined,
    };
  }
}

function lifecycleBlock(l: LifecycleDays | undefined) {
  if (!l) return undefined;
  return {
    coldStorageAfter: l.coldDays,
    deleteAfter: l.deleteDays,
    optInToArchiveForSupportedResources: l.lifecycle.optInToArchiveForSupportedResources,
  };
}

function resolveDestination(v: Validator, field: string, destination: IBackupVault | string | undefined): IBackupVault | undefined {
  if (destination === undefined || destination === null) {
    v.required(field, destination, libraryNeeds("a backup vault or its ARN"));
    return undefined;
  }
  if (typeof destination === "string") {
    // A token ARN (e.g. another vault resource's `arn`) cannot be checked here; Terraform and AWS judge it.
    if (isUnresolved(destination)) return importVault(destination);
    const valid = checkBackupVaultArn(new Validator(field), field, destination).ok;
    checkBackupVaultArn(v, field, destination);
    // A bare ARN carries no lock bounds: use BackupVault.fromVaultArn(arn, bounds) for a locked destination.
    return valid ? importVault(destination) : undefined;
  }
  return destination;
}
