import { TerraformProvider } from "../core/cdktf";
import { AwsEnvironment, Tags } from "../core";
import { IEncryptionKey, KeyDeletionProtection, KeySharing } from "../kms";
import { VaultAccessPolicyOptions } from "./vault-access-policy";
import { RetentionBounds } from "./vault-lock";
import { VaultNotificationOptions } from "./vault-notifications";

/** A backup vault, created here or elsewhere. */
export interface IBackupVault {
  /** The vault's name. For a vault created in this app, a literal (not a token). */
  readonly vaultName: string;
  /** The vault's ARN, built from account, region and name, so it is known at synth time. */
  readonly vaultArn: string;
  /** The vault's account, region and partition. */
  readonly env: Required<AwsEnvironment>;
  /** The retention bounds a lock enforces on the vault, when it is locked. */
  readonly lockBounds?: RetentionBounds;
  /** The key that encrypts the vault's recovery points, when known. */
  readonly encryptionKey?: IEncryptionKey;
}

/** What every vault this library creates shares: an environment, a key, an access policy, notifications. */
export interface VaultProtectionProps {
  /** The account and region of the vault. */
  readonly env: AwsEnvironment;
  /** The key for recovery points. @default a new customer-managed key with rotation (a `BackupKey`) */
  readonly encryptionKey?: IEncryptionKey;
  /**
   * Opt out of the secure default "customer-managed-keys": accept an AWS-managed `encryptionKey`, or, without one,
   * create no key so AWS uses its managed key (`aws/backup`), or the AWS-owned key for a logically air-gapped vault.
   * Recovery points on such keys cannot be copied to another account. @default false
   */
  readonly allowAwsManagedKey?: boolean;
  /** Who else may use a created key, for cross-account copies. @default not shared */
  readonly keySharing?: KeySharing;
  /** Deny deleting or disabling a created key to all but break-glass roles. @default not protected */
  readonly keyDeletionProtection?: KeyDeletionProtection;
  /** The vault access policy: deletion denied but for break-glass roles (opt out with `denyDeletion: false`), optional copy-in grants. */
  readonly accessPolicy: VaultAccessPolicyOptions;
  /** Publish vault events to SNS. @default no notifications */
  readonly notifications?: VaultNotificationOptions;
  readonly tags?: Tags;
  /** The provider (region alias) for the vault's resources. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}
