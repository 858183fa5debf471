import { Construct } from "constructs";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";

/** The retention bounds a locked vault enforces on every recovery point stored or copied into it. */
export interface RetentionBounds {
  readonly minDays: number;
  readonly maxDays?: number;
  /** Where the bounds come from, for messages. */
  readonly source: string;
}

export interface LockBounds {
  /** Shortest retention a recovery point in the vault may have, in days (1-36500). */
  readonly minRetentionDays: number;
  /** Longest retention, in days (up to 36500, greater than the minimum). @default no maximum */
  readonly maxRetentionDays?: number;
}

/**
 * Governance mode: users with enough IAM permissions can still change or remove the lock.
 * Compliance mode: after `changeableForDays` the lock can never be changed or removed, by anyone, AWS included.
 */
export type VaultLockOptions =
  | (LockBounds & { readonly mode: "governance" })
  | (LockBounds & {
      readonly mode: "compliance";
      /** Grace period in days (at least 3) during which the lock can still be removed. @default 3 */
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

/** Checks lock options and returns the bounds they enforce. */
export function checkVaultLock(where: string, o: VaultLockOptions, field = "lock"): RetentionBounds {
  const v = new Validator(where);
  v.check(o?.mode === "governance" || o?.mode === "compliance", `${field}.mode`, o?.mode, 'must be "governance" or "compliance"');
  v.intInRange(`${field}.minRetentionDays`, o?.minRetentionDays, 1, 36500, "days");
  v.required(`${field}.minRetentionDays`, o?.minRetentionDays, "is required: the shortest retention the lock enforces");
  v.intInRange(`${field}.maxRetentionDays`, o?.maxRetentionDays, 1, 36500, "days");
  if (o?.maxRetentionDays !== undefined && o?.minRetentionDays !== undefined) {
    v.check(
      o.maxRetentionDays > o.minRetentionDays,
      `${field}.maxRetentionDays`,
      o.maxRetentionDays,
      `must be greater than minRetentionDays (${o.minRetentionDays})`,
    );
  }
  if (o?.mode === "compliance") {
    v.intInRange(`${field}.changeableForDays`, o.changeableForDays, 3, 36500, "days");
    v.check(
      o.acknowledgeIrreversible === true,
      `${field}.acknowledgeIrreversible`,
      o.acknowledgeIrreversible,
      "compliance mode becomes irreversible once changeableForDays have passed: after that nobody, AWS included, can remove the lock or shorten a retention",
      'set acknowledgeIrreversible: true to confirm, or use mode "governance"',
    );
  } else if (o?.mode === "governance") {
    const stray = (o as { changeableForDays?: unknown }).changeableForDays;
    v.check(
      stray === undefined,
      `${field}.changeableForDays`,
      stray,
      "is only for compliance mode: setting it is what makes a lock compliance mode",
      'remove it, or use mode "compliance"',
    );
  }
  v.throwIfAny();
  return { minDays: o.minRetentionDays, maxDays: o.maxRetentionDays, source: where };
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
    this.bounds = checkVaultLock(this.node.path, o);
    this.mode = o.mode;
    this.resource = new BackupVaultLockConfiguration(this, "Resource", {
      backupVaultName: props.vaultName,
      minRetentionDays: o.minRetentionDays,
      maxRetentionDays: o.maxRetentionDays,
      changeableForDays: o.mode === "compliance" ? (o.changeableForDays ?? 3) : undefined,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
  }
}
