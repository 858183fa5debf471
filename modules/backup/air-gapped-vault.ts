import { Construct } from "constructs";
import { BackupLogicallyAirGappedVault } from "@cdktf/provider-aws/lib/backup-logically-air-gapped-vault";
import { Validator } from "../core";
import { VaultBase } from "./private/vault-base";
import { VaultProtectionProps } from "./vault";
import { RetentionBounds } from "./vault-lock";

export interface LogicallyAirGappedVaultProps extends VaultProtectionProps {
  /** The vault's name: 2-50 letters, digits, hyphens, underscores. */
  readonly vaultName: string;
  /** Shortest retention of recovery points, in days: at least 7. */
  readonly minRetentionDays: number;
  /** Longest retention, in days: required, greater than the minimum, at most 36500. */
  readonly maxRetentionDays: number;
}

/**
 * A logically air-gapped vault: always locked in compliance mode, shareable to a recovery account through AWS RAM.
 * Its key is set with `encryption_key_arn`, an argument of AWS provider 6.x.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html
 */
export class LogicallyAirGappedVault extends VaultBase {
  public readonly resource: BackupLogicallyAirGappedVault;
  public readonly lockBounds: RetentionBounds;

  constructor(scope: Construct, id: string, props: LogicallyAirGappedVaultProps) {
    super(scope, id, props.vaultName, props);
    const v = new Validator(this.node.path);
    v.required("minRetentionDays", props.minRetentionDays).required("maxRetentionDays", props.maxRetentionDays, "is required for a logically air-gapped vault");
    v.intInRange("minRetentionDays", props.minRetentionDays, 7, 36500, "days (a logically air-gapped vault keeps recovery points at least 7 days)");
    v.intInRange("maxRetentionDays", props.maxRetentionDays, 7, 36500, "days");
    if (props.maxRetentionDays !== undefined && props.minRetentionDays !== undefined) {
      v.check(
        props.maxRetentionDays > props.minRetentionDays,
        "maxRetentionDays",
        props.maxRetentionDays,
        `must be greater than minRetentionDays (${props.minRetentionDays})`,
      );
    }
    v.throwIfAny();
    this.resource = new BackupLogicallyAirGappedVault(this, "Resource", {
      name: props.vaultName,
      minRetentionDays: props.minRetentionDays,
      maxRetentionDays: props.maxRetentionDays,
      encryptionKeyArn: this.encryptionKey.keyArn,
      tags: props.tags,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.lockBounds = { minDays: props.minRetentionDays, maxDays: props.maxRetentionDays, source: this.node.path };
    this.protect(this.resource.name, props);
  }
}
