import type { Duration, Retention } from "../core";

/**
 * A copy of each recovery point, into a vault named by ARN; `$account` stands for the receiving account. Retentions
 * are in days, as AWS Backup counts them: `Retention.days(n)` (or weeks).
 */
export interface BackupPolicyCopyAction {
  /** e.g. `arn:<partition>:backup:us-west-2:$account:backup-vault:local` or a central vault's literal ARN. */
  readonly targetVaultArn: string;
  /** Age at which the copy is deleted, e.g. `Retention.days(35)`. @default kept as long as the source */
  readonly deleteAfter?: Retention;
  /** Age at which the copy moves to cold storage. @default never */
  readonly coldStorageAfter?: Retention;
  /** @deprecated use `deleteAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly deleteAfterDays?: number;
  /** @deprecated use `coldStorageAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly coldStorageAfterDays?: number;
}

/** One rule of a plan in a backup policy. Windows are whole minutes (`Duration`), retentions whole days (`Retention`). */
export interface BackupPolicyRule {
  /** Rule name: 1-50 of letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  /** AWS cron expression. */
  readonly schedule: string;
  /** Vault the rule writes to, in every receiving account and region; must exist there. */
  readonly targetVaultName: string;
  /** Time within which a job must start: at least 60 minutes. @default Duration.minutes(60) */
  readonly startWindow?: Duration;
  /** Time within which a job must complete: longer than the start window. @default Duration.minutes(1440) */
  readonly completionWindow?: Duration;
  /** Age at which recovery points are deleted, 1-36500 days; 1-35 days for continuous backups. @default kept forever */
  readonly deleteAfter?: Retention;
  /** Age at which recovery points move to cold storage; deletion at least 90 days later. @default never */
  readonly coldStorageAfter?: Retention;
  /** Point-in-time recovery for supported resources. @default false */
  readonly continuousBackup?: boolean;
  readonly copyActions?: readonly BackupPolicyCopyAction[];
  /** @deprecated use `startWindow: Duration.minutes(n)`; this field is removed in the next minor version. */
  readonly startWindowMinutes?: number;
  /** @deprecated use `completionWindow: Duration.minutes(n)`; this field is removed in the next minor version. */
  readonly completionWindowMinutes?: number;
  /** @deprecated use `deleteAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly deleteAfterDays?: number;
  /** @deprecated use `coldStorageAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly coldStorageAfterDays?: number;
}

export interface BackupPolicyPlan {
  /** Plan name, as it appears in each receiving account. */
  readonly name: string;
  /** Regions the plan runs in, in every receiving account. */
  readonly regions: readonly string[];
  readonly rules: readonly BackupPolicyRule[];
  /** Resources with this tag key and one of these values are backed up. */
  readonly selectionTag: { readonly key: string; readonly values: readonly string[] };
  /** Name of the IAM role AWS Backup assumes in each receiving account (`arn:<partition>:iam::$account:role<path><name>`). */
  readonly roleName: string;
  /** IAM path of that role. @default "/" */
  readonly rolePath?: string;
  /** Windows VSS for EC2. @default false */
  readonly windowsVss?: boolean;
  /** @default "aws" */
  readonly partition?: string;
}
