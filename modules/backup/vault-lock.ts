import { Construct } from "constructs";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { TerraformProvider } from "../core/cdktf";
import { Duration, Retention, Validator } from "../core";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { durationIn } from "../core/private/duration";
import { isUnresolved } from "../core/private/errors";
import { retentionInDays } from "../core/private/retention";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/** The retention bounds a locked vault enforces on every recovery point stored or copied into it, in days. */
export interface RetentionBounds {
  readonly minDays: number;
  readonly maxDays?: number;
  /** Where the bounds come from, for messages. */
  readonly source: string;
}

export interface LockBounds {
  /** Shortest retention a recovery point in the vault may have: 1-36500 days, e.g. `Retention.days(7)`. Required. */
  readonly minRetention?: Retention;
  /** Longest retention: at most 36500 days, greater than the minimum, e.g. `Retention.days(400)`. @default no maximum */
  readonly maxRetention?: Retention;
  /** @deprecated use `minRetention: Retention.days(n)`; this field is removed in the next minor version. */
  readonly minRetentionDays?: number;
  /** @deprecated use `maxRetention: Retention.days(n)`; this field is removed in the next minor version. */
  readonly maxRetentionDays?: number;
}

/**
 * Governance mode: users with enough IAM permissions can still change or remove the lock.
 * Compliance mode: after `changeableFor` the lock can never be changed or removed, by anyone, AWS included.
 * AWS Backup counts every bound in days: give `Retention.days(n)` and `Duration.days(n)`.
 */
export type VaultLockOptions =
  | (LockBounds & { readonly mode: "governance" })
  | (LockBounds & {
      readonly mode: "compliance";
      /** Grace period (whole days, at least 3) during which the lock can still be removed. @default Duration.days(3) */
      readonly changeableFor?: Duration;
      /** @deprecated use `changeableFor: Duration.days(n)`; this field is removed in the next minor version. */
      readonly changeableForDays?: number;
      /**
       * Must be `true`: states that after the grace period the lock, and the retention of every recovery point in
       * the vault, can never be changed, and the vault can never be deleted while it holds recovery points.
       */
      readonly acknowledgeIrreversible: boolean;
    });

export interface VaultLockProps {
  /** The vault's name (a token of the vault resource, so the lock depends on it). */
  readonly vaultName: string;
  readonly options: VaultLockOptions;
  readonly provider?: TerraformProvider;
}

/** Lock options in days, as the provider takes them. */
interface LockDays {
  readonly bounds: RetentionBounds;
  readonly changeableForDays?: number;
}

/** The longest vault lock bound AWS Backup accepts, in days. */
const MAX_LOCK_DAYS = 36500;

function resolveVaultLock(where: string, o: VaultLockOptions, field: string, uses: DeprecatedPropUse[]): LockDays {
  const v = new Validator(where);
  v.check(o?.mode === "governance" || o?.mode === "compliance", `${field}.mode`, o?.mode, libraryNeeds('"governance" or "compliance"'));
  const min = pickRenamed(v, uses, {
    field: `${field}.minRetention`,
    value: o?.minRetention,
    oldField: `${field}.minRetentionDays`,
    oldValue: o?.minRetentionDays,
    fromOld: Retention.days,
  });
  const max = pickRenamed(v, uses, {
    field: `${field}.maxRetention`,
    value: o?.maxRetention,
    oldField: `${field}.maxRetentionDays`,
    oldValue: o?.maxRetentionDays,
    fromOld: Retention.days,
  });
  v.required(min.field, min.given, libraryNeeds("the shortest retention the lock enforces"));
  const minDays = min.value === undefined ? undefined : retentionInDays(v, min.field, min.value);
  const maxDays = max.value === undefined ? undefined : retentionInDays(v, max.field, max.value);
  if (minDays !== undefined)
    v.check(minDays >= 1 && minDays <= MAX_LOCK_DAYS, min.field, min.given, awsRejects(`lock retentions outside 1 to ${MAX_LOCK_DAYS} days`));
  if (maxDays !== undefined)
    v.check(maxDays >= 1 && maxDays <= MAX_LOCK_DAYS, max.field, max.given, awsRejects(`lock retentions outside 1 to ${MAX_LOCK_DAYS} days`));
  if (maxDays !== undefined && minDays !== undefined && !isUnresolved(minDays)) {
    v.check(maxDays > minDays, max.field, max.given, awsRejects(`a maximum retention not greater than ${min.field.replace(/^.*\./, "")} (${minDays} days)`));
  }
  let changeableForDays: number | undefined;
  if (o?.mode === "compliance") {
    const grace = pickRenamed(v, uses, {
      field: `${field}.changeableFor`,
      value: o.changeableFor,
      oldField: `${field}.changeableForDays`,
      oldValue: o.changeableForDays,
      fromOld: Duration.days,
    });
    changeableForDays = grace.value === undefined ? 3 : durationIn(v, grace.field, grace.value, "DAYS", "AWS Backup");
    if (grace.value !== undefined && changeableForDays !== undefined) {
      v.check(
        changeableForDays >= 3 && changeableForDays <= MAX_LOCK_DAYS,
        grace.field,
        grace.given,
        awsRejects(`grace periods outside 3 to ${MAX_LOCK_DAYS} days`),
      );
    }
    v.check(
      o.acknowledgeIrreversible === true,
      `${field}.acknowledgeIrreversible`,
      o.acknowledgeIrreversible,
      libraryNeeds(
        "acknowledgeIrreversible: true for compliance mode, which becomes irreversible once the changeableFor grace period has passed: after that nobody, AWS included, can remove the lock or shorten a retention",
      ),
      'set acknowledgeIrreversible: true to confirm, or use mode "governance"',
    );
  } else if (o?.mode === "governance") {
    const loose = o as { changeableFor?: unknown; changeableForDays?: unknown };
    const strayField = loose.changeableForDays !== undefined ? "changeableForDays" : "changeableFor";
    const stray = loose.changeableFor ?? loose.changeableForDays;
    v.check(
      stray === undefined,
      `${field}.${strayField}`,
      stray,
      libraryRejects("it in governance mode: setting it is what makes a lock compliance mode"),
      'remove it, or use mode "compliance"',
    );
  }
  v.throwIfAny();
  return { bounds: { minDays: minDays!, maxDays, source: where }, changeableForDays };
}

/** Checks lock options and returns the bounds they enforce, in days. */
export function checkVaultLock(where: string, o: VaultLockOptions, field = "lock"): RetentionBounds {
  return resolveVaultLock(where, o, field, []).bounds;
}

/**
 * AWS Backup Vault Lock (WORM). Every attribute forces replacement in the provider, and a compliance lock past its
 * grace period cannot be replaced: treat any change here as a breaking change.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export class VaultLock extends Construct {
  public readonly bounds: RetentionBounds;
  public readonly mode: "governance" | "compliance";
  public readonly resource: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: VaultLockProps) {
    super(scope, id);
    const o = props.options;
    const uses: DeprecatedPropUse[] = [];
    const lock = resolveVaultLock(this.node.path, o, "lock", uses);
    warnDeprecated(this, uses);
    this.bounds = lock.bounds;
    this.mode = o.mode;
    this.resource = new BackupVaultLockConfiguration(this, "Resource", {
      backupVaultName: props.vaultName,
      minRetentionDays: lock.bounds.minDays,
      maxRetentionDays: lock.bounds.maxDays,
      changeableForDays: lock.changeableForDays,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
  }
}
