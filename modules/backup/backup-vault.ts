import { Construct } from "constructs";
import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { IBackupVault, VaultProtectionProps } from "./vault";
import { AwsEnvironment, Validator } from "../core";
import { backupVaultArn, resolveEnvironment } from "../core/private/aws";
import { isUnresolved } from "../core/private/errors";
import { VaultBase, checkVaultName, importVault } from "./private/vault-base";
import { RetentionBounds, VaultLock, VaultLockOptions } from "./vault-lock";

export interface BackupVaultProps extends VaultProtectionProps {
  /** The vault's name: 2-50 letters, digits, hyphens, underscores. Changing it replaces the vault. */
  readonly vaultName: string;
  /** Lock the vault (WORM). @default not locked */
  readonly lock?: VaultLockOptions;
}

/**
 * An AWS Backup vault with secure defaults: a customer-managed KMS key with rotation (created unless brought),
 * an access policy that denies deleting recovery points to all but break-glass roles, `force_destroy` off and
 * `prevent_destroy` on, optional Vault Lock and SNS notifications.
 *
 * Changing the name or the key replaces the vault, and Terraform would have to delete its recovery points first:
 * treat both as breaking changes.
 */
export class BackupVault extends VaultBase {
  /** Refers to an existing vault (e.g. the central vault of another account) by ARN; give its lock bounds if locked. */
  static fromVaultArn(vaultArn: string, lockBounds?: RetentionBounds): IBackupVault {
    return importVault(vaultArn, lockBounds);
  }

  /**
   * Refers to an existing vault of a known account and region by name (e.g. one created outside this app); give its
   * lock bounds if it is locked.
   */
  static fromVaultName(env: AwsEnvironment, vaultName: string, lockBounds?: RetentionBounds): IBackupVault {
    const where = "BackupVault.fromVaultName";
    const resolved = resolveEnvironment(where, env);
    if (!isUnresolved(vaultName)) checkVaultName(new Validator(where), "vaultName", vaultName).throwIfAny();
    return { vaultName, vaultArn: backupVaultArn(resolved, vaultName), env: resolved, lockBounds };
  }

  public readonly resource: BackupVaultResource;
  public readonly lock?: VaultLock;
  public readonly lockBounds?: RetentionBounds;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id, props.vaultName, props);
    this.resource = new BackupVaultResource(this, "Resource", {
      name: props.vaultName,
      kmsKeyArn: this.encryptionKey?.keyArn,
      forceDestroy: false,
      tags: props.tags,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.protect(this.resource.name, props);
    if (props.lock) {
      this.lock = new VaultLock(this, "Lock", { vaultName: this.resource.name, options: props.lock, provider: props.provider });
      this.lockBounds = this.lock.bounds;
    }
  }
}
