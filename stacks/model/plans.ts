/**
 * The backup plan of a protection policy in a region, resolved once. A member stack builds it as a BackupPlan and a
 * tag selection; the management stack writes it into an Organizations backup policy. Both read this spec, so the two
 * cannot drift apart (they did: the continuous rule had two cron spellings).
 */
import { Duration, Partition, Retention } from "../../modules/core";
import type { BackupIntent } from "../config/schema";
import type { BackupServiceRoleModel } from "./naming";
import type { VaultModel, VaultRef } from "./vaults";

/**
 * The schedule of a continuous-backup (point-in-time recovery) rule: hourly, the expression the member stacks have
 * always emitted (`Schedule.hourly(1)`). Organizations policies use it too.
 */
export const CONTINUOUS_BACKUP_SCHEDULE = "cron(0 * * * ? *)";

/** A rule's or copy's lifecycle in the value types the constructs take. */
export function lifecycleOf(spec: { readonly retentionDays: number; readonly coldStorageAfterDays?: number }): {
  deleteAfter: Retention;
  coldStorageAfter?: Retention;
} {
  return {
    deleteAfter: Retention.days(spec.retentionDays),
    coldStorageAfter: spec.coldStorageAfterDays === undefined ? undefined : Retention.days(spec.coldStorageAfterDays),
  };
}

/** A rule's start and completion windows in the value type the constructs take. */
export function windowsOf(rule: RuleSpec<VaultRef>): { startWindow?: Duration; completionWindow?: Duration } {
  return {
    startWindow: rule.startWindowMinutes === undefined ? undefined : Duration.minutes(rule.startWindowMinutes),
    completionWindow: rule.completionWindowMinutes === undefined ? undefined : Duration.minutes(rule.completionWindowMinutes),
  };
}

/** A copy of each recovery point of a rule into another vault. */
export interface CopyPlacement<V extends VaultRef = VaultModel> {
  /** Into the central backup account's vault of the same region, or into this account's vault of another region. */
  readonly kind: "central-account" | "other-region";
  /** The destination. */
  readonly vault: V;
  /** Days the copies are kept. */
  readonly retentionDays: number;
  /** Days until the copies move to cold storage. */
  readonly coldStorageAfterDays?: number;
}

/** One rule of a plan. */
export interface RuleSpec<V extends VaultRef = VaultModel> {
  /** `scheduled` or `continuous`. */
  readonly name: string;
  /** AWS cron expression. */
  readonly schedule: string;
  /** IANA timezone of the schedule; UTC when absent. */
  readonly timezone?: string;
  /** Minutes within which a job must start; the service default (60) when absent. */
  readonly startWindowMinutes?: number;
  /** Minutes within which a job must complete; the service default (1440) when absent. */
  readonly completionWindowMinutes?: number;
  /** The vault recovery points are stored in. */
  readonly targetVault: V;
  /** Days recovery points are kept. */
  readonly retentionDays: number;
  /** Days until recovery points move to cold storage. */
  readonly coldStorageAfterDays?: number;
  /** Point-in-time recovery. */
  readonly continuousBackup: boolean;
  /** Tags on each recovery point (member stacks; Organizations policies have never set them). */
  readonly recoveryPointTags: { readonly [key: string]: string };
  /** Copies of each recovery point. */
  readonly copies: readonly CopyPlacement<V>[];
}

/** A backup plan: rules, the tag selection and the role AWS Backup assumes. */
export interface PlanSpec<V extends VaultRef = VaultModel> {
  /**
   * The plan's name: `<rollout>-<policy>` in member stacks, the same in every account and region; `<rollout>-<policy>-<region>`
   * for a plan an Organizations policy deploys, its key in the policy, unique per policy and region so attached policies merge.
   */
  readonly name: string;
  /** The region the plan runs in. */
  readonly region: string;
  /** The partition of that region. */
  readonly partition: Partition;
  /** Who creates the plan: each member stack, or an Organizations backup policy from the management stack. */
  readonly deployedBy: "member-stack" | "organization-policy";
  /** The scheduled rule first, then the continuous rule when there is one. */
  readonly rules: readonly RuleSpec<V>[];
  /** Resources carrying this tag are backed up; the selection's name. */
  readonly selection: { readonly name: string; readonly tag: { readonly key: string; readonly value: string } };
  /** The role AWS Backup assumes. */
  readonly role: BackupServiceRoleModel;
  /** Windows VSS for EC2. */
  readonly windowsVss: boolean;
}

/** Where a plan's recovery points go. */
export interface PlanVaults<V extends VaultRef> {
  /** The account's own vault of a region. */
  readonly local: (region: string) => V;
  /** The central vault of a region. */
  readonly central: (region: string) => V;
}

/** The plan of a backup intent in one region. */
export function planSpec<V extends VaultRef>(
  name: string,
  b: BackupIntent,
  tag: { key: string; value: string },
  region: string,
  vaults: PlanVaults<V>,
  role: BackupServiceRoleModel,
): PlanSpec<V> {
  const target = vaults.local(region);
  const copies: CopyPlacement<V>[] = [];
  if (b.copyToCentral) {
    copies.push({
      kind: "central-account",
      vault: vaults.central(region),
      retentionDays: b.copyToCentral.retentionDays,
      coldStorageAfterDays: b.copyToCentral.coldStorageAfterDays,
    });
  }
  if (b.copyToRegion && b.copyToRegion.region !== region) {
    copies.push({
      kind: "other-region",
      vault: vaults.local(b.copyToRegion.region),
      retentionDays: b.copyToRegion.retentionDays,
      coldStorageAfterDays: b.copyToRegion.coldStorageAfterDays,
    });
  }
  const recoveryPointTags = { ProtectionProfile: name };
  const rules: RuleSpec<V>[] = [
    {
      name: "scheduled",
      schedule: b.schedule,
      timezone: b.timezone,
      startWindowMinutes: b.startWindowMinutes,
      completionWindowMinutes: b.completionWindowMinutes,
      targetVault: target,
      retentionDays: b.retentionDays,
      coldStorageAfterDays: b.coldStorageAfterDays,
      continuousBackup: false,
      recoveryPointTags,
      copies,
    },
  ];
  if (b.continuousBackup) {
    rules.push({
      name: "continuous",
      schedule: CONTINUOUS_BACKUP_SCHEDULE,
      targetVault: target,
      retentionDays: b.continuousBackup.retentionDays,
      continuousBackup: true,
      recoveryPointTags,
      copies: [],
    });
  }
  return {
    name,
    region,
    partition: target.partition,
    deployedBy: b.via === "organization-policy" ? "organization-policy" : "member-stack",
    rules,
    selection: { name: `${name}-by-tag`.slice(0, 50), tag: { key: tag.key, value: tag.value } },
    role,
    windowsVss: b.windowsVss,
  };
}
