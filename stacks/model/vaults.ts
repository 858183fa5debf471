import { Duration, Partition, Retention, partitionOf } from "../../modules/core";
import { backupVaultArn } from "../../modules/core/private/aws";
import type { CopyIntoVaultGrant, RetentionBounds, VaultLockOptions } from "../../modules/backup";
import type { KeyDeletionProtection, KeySharing } from "../../modules/kms";
import type { VaultLockConfig } from "../config/schema";

/** A backup vault: where it is, its name and ARN, and its lock. */
export interface VaultRef {
  /** The vault's account; `$account` in an Organizations policy's plan, for the receiving account's own vault. */
  readonly accountId: string;
  readonly region: string;
  /** The partition of the vault's region, which its ARN names. */
  readonly partition: Partition;
  readonly name: string;
  readonly arn: string;
  /** The lock, ready for BackupVault's `lock`; absent when the vault is not locked. */
  readonly lock?: VaultLockOptions;
  /** The retention bounds the lock enforces, as a stack that copies into the vault sees them. */
  readonly lockBounds?: RetentionBounds;
}

/** A vault the rollout creates: a VaultRef and how the vault is protected. */
export interface VaultModel extends VaultRef {
  /** Whether the vault's recovery points are encrypted with a customer-managed KMS key: the stacks create every vault with its own key. */
  readonly customerManagedKey: boolean;
  /** Who else may use the vault's key (so copies can be decrypted in the destination account). */
  readonly keySharing: KeySharing;
  /** Whether the vault's access policy denies deleting recovery points, changing their lifecycle, the policy or the vault. */
  readonly deletionDenied: boolean;
  /** The roles that deny does not apply to. */
  readonly deletionExemptRoleArns: readonly string[];
  /** Who may copy recovery points into the vault from other accounts; absent when nobody may. */
  readonly allowCopyInto?: CopyIntoVaultGrant;
  /** Who alone may delete or disable the vault's key (and who may change its policy); absent when unprotected. */
  readonly keyDeletionProtection?: KeyDeletionProtection;
}

/** What a vault the rollout creates gets besides its place, name and lock. */
export interface VaultProtection {
  readonly keySharing: KeySharing;
  /** False only when the rollout opts out of the secure default "deny-recovery-point-deletion". */
  readonly deletionDenied: boolean;
  readonly deletionExemptRoleArns: readonly string[];
  readonly allowCopyInto?: CopyIntoVaultGrant;
  readonly keyDeletionProtection?: KeyDeletionProtection;
}

/** A config lock as BackupVault takes it. */
export function lockOptions(lock: VaultLockConfig): VaultLockOptions {
  return lock.mode === "compliance"
    ? {
        mode: "compliance",
        minRetention: Retention.days(lock.minRetentionDays),
        maxRetention: lock.maxRetentionDays === undefined ? undefined : Retention.days(lock.maxRetentionDays),
        changeableFor: lock.changeableForDays === undefined ? undefined : Duration.days(lock.changeableForDays),
        acknowledgeIrreversible: lock.acknowledgeIrreversible === true,
      }
    : {
        mode: "governance",
        minRetention: Retention.days(lock.minRetentionDays),
        maxRetention: lock.maxRetentionDays === undefined ? undefined : Retention.days(lock.maxRetentionDays),
      };
}

/** Resolves a vault: its ARN in the partition of its region; its lock, whose bounds name the stack that sets it. */
export function vaultRef(accountId: string, region: string, name: string, lock?: VaultLockConfig, stack?: string): VaultRef {
  const partition = partitionOf(region);
  return {
    accountId,
    region,
    partition,
    name,
    arn: backupVaultArn({ accountId, region, partition }, name),
    lock: lock ? lockOptions(lock) : undefined,
    lockBounds: lock ? { minDays: lock.minRetentionDays, maxDays: lock.maxRetentionDays, source: `${stack ?? accountId} vault lock` } : undefined,
  };
}

/** Resolves a vault the rollout creates, in the stack named. */
export function vaultModel(
  accountId: string,
  region: string,
  name: string,
  stack: string,
  lock: VaultLockConfig | undefined,
  protection: VaultProtection,
): VaultModel {
  return {
    ...vaultRef(accountId, region, name, lock, stack),
    // The stacks never bring a key: BackupVault creates each vault's own customer-managed key (rotation on).
    customerManagedKey: true,
    deletionDenied: protection.deletionDenied,
    keySharing: protection.keySharing,
    deletionExemptRoleArns: protection.deletionExemptRoleArns,
    allowCopyInto: protection.allowCopyInto,
    keyDeletionProtection: protection.keyDeletionProtection,
  };
}
