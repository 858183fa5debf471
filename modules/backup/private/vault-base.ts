import { Construct } from "constructs";
import { Fn, Token } from "../../core/cdktf";
import { isUnresolved } from "../../core/private/errors";
import { secureDefaultRule } from "../../core/rules/secure-defaults";
import { AwsEnvironment, Validator } from "../../core";
import { backupVaultArn, checkBackupVaultArn, parseArn, resolveEnvironment } from "../../core/private/aws";
import { BACKUP_VAULT_NAME_PATTERN } from "../../core/rules/names";
import { BackupKey, IEncryptionKey } from "../../kms";
import { IBackupVault, VaultProtectionProps } from "../vault";
import { VaultAccessPolicy } from "../vault-access-policy";
import { RetentionBounds } from "../vault-lock";
import { VaultNotifications } from "../vault-notifications";
import { awsRejects, libraryRejects } from "../../core/rules/authority";

export const VAULT_NAME_PATTERN = BACKUP_VAULT_NAME_PATTERN;

/** Checks a vault name. */
export function checkVaultName(v: Validator, field: string, name: string | undefined): Validator {
  v.required(field, name);
  return v.matches(field, name, VAULT_NAME_PATTERN, awsRejects("vault names other than 2-50 letters, digits, hyphens and underscores"));
}

/**
 * Refers to an existing vault by ARN, e.g. a central vault in another account, for copy actions. An ARN that is a token
 * (another resource's attribute, a variable) is split by Terraform: name, account, region and partition are then tokens
 * too, and the checks that need them are left to AWS.
 */
export function importVault(vaultArn: string, lockBounds?: RetentionBounds, where = "BackupVault.fromVaultArn"): IBackupVault {
  if (isUnresolved(vaultArn)) {
    const part = (i: number) => Token.asString(Fn.element(Fn.split(":", vaultArn), i));
    return { vaultArn, vaultName: part(6), env: { accountId: part(4), region: part(3), partition: part(1) }, lockBounds };
  }
  checkBackupVaultArn(new Validator(where), "vaultArn", vaultArn).throwIfAny();
  const parts = parseArn(vaultArn)!;
  return {
    vaultArn,
    vaultName: parts.resource.replace(/^backup-vault:/, ""),
    env: { accountId: parts.account, region: parts.region, partition: parts.partition },
    lockBounds,
  };
}

/**
 * The protection every vault gets: its key (created unless brought), the deny-deletion access policy and optional
 * notifications. Subclasses create the vault resource and call `protect` with its name token.
 */
export abstract class VaultBase extends Construct implements IBackupVault {
  public readonly vaultName: string;
  public readonly vaultArn: string;
  public readonly env: Required<AwsEnvironment>;
  /** The vault's key; undefined when the vault uses the AWS-managed (or, air-gapped, the AWS-owned) key. */
  public readonly encryptionKey?: IEncryptionKey;
  /** The key created for this vault, when none was brought. */
  public readonly createdKey?: BackupKey;
  public abstract readonly lockBounds?: RetentionBounds;
  /** The access policy; undefined when its options make it empty (denyDeletion false and nothing else). */
  public accessPolicy?: VaultAccessPolicy;
  public notifications?: VaultNotifications;

  protected constructor(scope: Construct, id: string, vaultName: string, props: VaultProtectionProps) {
    super(scope, id);
    this.env = resolveEnvironment(this.node.path, props.env);
    const v = new Validator(this.node.path);
    checkVaultName(v, "vaultName", vaultName);
    v.check(
      vaultName !== "Default" && vaultName !== "default",
      "vaultName",
      vaultName,
      libraryRejects("the name of the default vault: AWS encrypts it with an AWS-managed key, and it cannot be a copy source or target"),
      "choose another name",
    );
    v.check(
      props.encryptionKey === undefined || props.encryptionKey.customerManaged || props.allowAwsManagedKey === true,
      "encryptionKey",
      props.encryptionKey?.keyArn,
      secureDefaultRule(
        "customer-managed-keys",
        "must be a customer-managed key: AWS-managed keys cannot be shared, so copies of its recovery points cannot leave the account",
      ),
    );
    v.check(
      !(props.allowAwsManagedKey && (props.keySharing || props.keyDeletionProtection)),
      "allowAwsManagedKey",
      props.allowAwsManagedKey,
      libraryRejects(
        "keySharing and keyDeletionProtection with allowAwsManagedKey: they apply only to a key created for the vault, and allowAwsManagedKey creates none",
      ),
    );
    v.check(
      !(props.encryptionKey && props.keySharing),
      "keySharing",
      props.keySharing,
      libraryRejects("keySharing with a brought key: it applies only to a key created for the vault"),
      "share the brought key in its own key policy",
    );
    v.throwIfAny();
    this.vaultName = vaultName;
    this.vaultArn = backupVaultArn(this.env, vaultName);
    if (props.encryptionKey) {
      this.encryptionKey = props.encryptionKey;
    } else if (props.allowAwsManagedKey) {
      // Opted out of "customer-managed-keys": no key argument, so AWS uses its managed key (aws/backup) or, for a
      // logically air-gapped vault, an AWS-owned key.
      this.encryptionKey = undefined;
    } else {
      this.createdKey = new BackupKey(this, "Key", {
        env: this.env,
        description: `Recovery points in backup vault ${vaultName}`,
        alias: `backup/${vaultName}`,
        sharing: props.keySharing,
        deletionProtection: props.keyDeletionProtection,
        servicePrincipals: props.notifications && !props.notifications.topicArn ? ["backup.amazonaws.com"] : undefined,
        tags: props.tags,
        provider: props.provider,
      });
      this.encryptionKey = this.createdKey;
    }
  }

  /** Adds the access policy and notifications for the vault resource whose name token is given. */
  protected protect(vaultNameToken: string, props: VaultProtectionProps): void {
    if (VaultAccessPolicy.isEmpty(props.accessPolicy ?? {})) {
      // Still checked, so a bad option is reported even when no policy results.
      VaultAccessPolicy.buildDocument(this.node.path, { ...props.accessPolicy, accountId: this.env.accountId, partition: this.env.partition });
    } else {
      this.createAccessPolicy(vaultNameToken, props);
    }
    this.addNotifications(vaultNameToken, props);
  }

  private createAccessPolicy(vaultNameToken: string, props: VaultProtectionProps): void {
    this.accessPolicy = new VaultAccessPolicy(this, "AccessPolicy", {
      ...props.accessPolicy,
      vaultName: vaultNameToken,
      accountId: this.env.accountId,
      partition: this.env.partition,
      provider: props.provider,
    });
  }

  private addNotifications(vaultNameToken: string, props: VaultProtectionProps): void {
    if (props.notifications) {
      this.notifications = new VaultNotifications(this, "Notifications", {
        ...props.notifications,
        vaultName: vaultNameToken,
        topicName: `${this.vaultName}-backup-events`,
        accountId: this.env.accountId,
        topicKeyArn: this.encryptionKey?.keyArn,
        tags: props.tags,
        provider: props.provider,
      });
    }
  }
}
