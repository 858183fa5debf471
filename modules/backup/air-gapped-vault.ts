import { Construct } from "constructs";
import { BackupLogicallyAirGappedVault } from "@cdktf/provider-aws/lib/backup-logically-air-gapped-vault";
import { Retention, Validator } from "../core";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { isUnresolved } from "../core/private/errors";
import { retentionInDays } from "../core/private/retention";
import { VaultBase } from "./private/vault-base";
import { VaultProtectionProps } from "./vault";
import { RetentionBounds } from "./vault-lock";
import { awsRejects } from "../core/rules/authority";

export interface LogicallyAirGappedVaultProps extends VaultProtectionProps {
  /** The vault's name: 2-50 letters, digits, hyphens, underscores. */
  readonly vaultName: string;
  /** Shortest retention of recovery points: at least 7 days, e.g. `Retention.days(7)`. Required. */
  readonly minRetention?: Retention;
  /** Longest retention: at least the minimum, at most 36500 days, e.g. `Retention.days(400)`. Required. */
  readonly maxRetention?: Retention;
  /** @deprecated use `minRetention: Retention.days(n)`; this field is removed in the next minor version. */
  readonly minRetentionDays?: number;
  /** @deprecated use `maxRetention: Retention.days(n)`; this field is removed in the next minor version. */
  readonly maxRetentionDays?: number;
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
    const uses: DeprecatedPropUse[] = [];
    const min = pickRenamed(v, uses, {
      field: "minRetention",
      value: props.minRetention,
      oldField: "minRetentionDays",
      oldValue: props.minRetentionDays,
      fromOld: Retention.days,
    });
    const max = pickRenamed(v, uses, {
      field: "maxRetention",
      value: props.maxRetention,
      oldField: "maxRetentionDays",
      oldValue: props.maxRetentionDays,
      fromOld: Retention.days,
    });
    v.required(min.field, min.given, awsRejects("a logically air-gapped vault without a minimum retention"));
    v.required(max.field, max.given, awsRejects("a logically air-gapped vault without a maximum retention"));
    const minDays = min.value === undefined ? undefined : retentionInDays(v, min.field, min.value);
    const maxDays = max.value === undefined ? undefined : retentionInDays(v, max.field, max.value);
    if (minDays !== undefined) {
      v.check(
        minDays >= 7 && minDays <= 36500,
        min.field,
        min.given,
        awsRejects("minimum retentions outside 7 to 36500 days on a logically air-gapped vault (it keeps recovery points at least 7 days)"),
      );
    }
    if (maxDays !== undefined)
      v.check(maxDays >= 7 && maxDays <= 36500, max.field, max.given, awsRejects("maximum retentions outside 7 to 36500 days on a logically air-gapped vault"));
    if (maxDays !== undefined && minDays !== undefined && !isUnresolved(minDays)) {
      // AWS takes min = max here (a vault that keeps every recovery point exactly that long), unlike a vault lock.
      v.check(maxDays >= minDays, max.field, max.given, awsRejects(`a maximum retention below the minimum (${min.field}: ${minDays} days)`));
    }
    v.throwIfAny();
    warnDeprecated(this, uses);
    this.resource = new BackupLogicallyAirGappedVault(this, "Resource", {
      name: props.vaultName,
      minRetentionDays: minDays!,
      maxRetentionDays: maxDays!,
      encryptionKeyArn: this.encryptionKey?.keyArn,
      tags: props.tags,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.lockBounds = { minDays: minDays!, maxDays, source: this.node.path };
    this.protect(this.resource.name, props);
  }
}
