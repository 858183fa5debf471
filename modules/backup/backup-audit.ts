import { Construct } from "constructs";
import { BackupFramework } from "@cdktf/provider-aws/lib/backup-framework";
import { TerraformProvider } from "../core/cdktf";
import { Tags, Validator } from "../core";
import { checkRoleArn } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { formatProblem } from "../core/private/errors";
import { BackupPlan } from "./backup-plan";
import { BACKUP_RESOURCE_TYPES } from "./backup-region-settings";
import { AUDIT_NAME_PATTERN } from "./private/patterns";

/**
 * The AWS Backup Audit Manager controls a framework built from plans uses. Input parameter names follow the AWS
 * Config rules behind the controls.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-frameworks-api.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/ec2-resources-protected-by-backup-plan.html
 */
export const AUDIT_CONTROLS = {
  recoveryPointMinimumRetention: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
  planMinFrequencyAndRetention: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
  recoveryPointEncrypted: "BACKUP_RECOVERY_POINT_ENCRYPTED",
  resourcesProtectedByPlan: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  manualDeletionDisabled: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
  protectedByVaultLock: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
  protectedByCrossRegion: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
  protectedByCrossAccount: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
} as const;

/** One control of a framework, with its input parameters and scope. */
export interface AuditControl {
  /** The control's name, e.g. `BACKUP_RECOVERY_POINT_ENCRYPTED` (see AUDIT_CONTROLS for the ones derived from plans). */
  readonly name: string;
  /** The control's input parameters, by name. @default none */
  readonly inputParameters?: { readonly [name: string]: string };
  /** Resource types the control evaluates; only on controls that evaluate protected resources. @default every type */
  readonly complianceResourceTypes?: readonly string[];
  /** IDs of the resources the control evaluates (at most 100). @default every resource of the types */
  readonly complianceResourceIds?: readonly string[];
  /** Tags that select the resources the control evaluates. @default none */
  readonly scopeTags?: Tags;
}

/** Options of the derived controls that plans cannot tell. */
export interface AuditControlOptions {
  /** Resource types the resource-level controls evaluate. @default every type AWS Backup supports */
  readonly complianceResourceTypes?: readonly string[];
  /** Roles allowed to delete recovery points by hand (at most 5), e.g. the vaults' break-glass roles. @default none */
  readonly deletionAllowedRoleArns?: readonly string[];
}

export interface BackupAuditFrameworkProps extends AuditControlOptions {
  /** The framework's name: starts with a letter, then letters, digits, underscores; 1-256 characters. */
  readonly frameworkName: string;
  /** A description. @default none */
  readonly description?: string;
  /** The plans the controls are derived from; add their rules before creating the framework. Give this or `controls`. */
  readonly plans?: readonly BackupPlan[];
  /** The controls, chosen explicitly instead of derived from plans. Give this or `plans`. @default derived from plans */
  readonly controls?: readonly AuditControl[];
  /** Tags on the framework. @default none */
  readonly tags?: Tags;
  /** The provider (region alias) of the plans' region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** The control's frequency parameter allows at most 24 hours or 31 days. */
const MAX_FREQUENCY_HOURS = 24;
const MAX_FREQUENCY_DAYS = 31;
const MAX_DELETION_ROLES = 5;

/** The required frequency of the min-frequency control for a gap between backups, in minutes; undefined past 31 days. */
export function frequencyRequirement(gapMinutes: number): { unit: "hours" | "days"; value: number } | undefined {
  if (gapMinutes % 1440 === 0 && gapMinutes / 1440 <= MAX_FREQUENCY_DAYS) return { unit: "days", value: gapMinutes / 1440 };
  if (gapMinutes < 1440) return { unit: "hours", value: Math.min(MAX_FREQUENCY_HOURS, Math.ceil(gapMinutes / 60)) };
  const days = Math.ceil(gapMinutes / 1440);
  return days <= MAX_FREQUENCY_DAYS ? { unit: "days", value: days } : undefined;
}

/**
 * Derives the controls a framework needs from plans, so every plan passes them as written:
 * - minimum recovery point retention: the shortest retention of any recovery point or copy of the plans;
 * - plan minimum frequency and retention: the frequency of the least frequent plan's most frequent rule, and the
 *   longest retention every plan reaches with a rule at least that frequent;
 * - encryption, protection by a backup plan, no manual deletion: always;
 * - vault lock: when a vault the plans write to is locked, with the loosest bounds of those locks;
 * - cross-region and cross-account copies: when copies leave the plans' region or account, naming where they go.
 * A retention of "forever" leaves the retention parameter at AWS's default, which it always meets.
 */
export function deriveAuditControls(plans: readonly BackupPlan[], options: AuditControlOptions = {}): AuditControl[] {
  const scope = options.complianceResourceTypes?.length ? [...options.complianceResourceTypes] : undefined;
  const controls: AuditControl[] = [];
  const days = (n: number): Record<string, string> => (Number.isFinite(n) ? { requiredRetentionDays: String(n) } : {});

  const shortest = Math.min(...plans.map((p) => p.shortestRetentionDays()));
  controls.push({ name: AUDIT_CONTROLS.recoveryPointMinimumRetention, inputParameters: days(shortest) });

  const rpo = (p: BackupPlan) => Math.min(...p.rules.map((r) => r.schedule.rpoMinutes()));
  const gap = Math.max(...plans.map(rpo));
  const frequency = frequencyRequirement(gap);
  if (frequency) {
    const retention = Math.min(...plans.map((p) => Math.max(...p.rules.filter((r) => r.schedule.rpoMinutes() <= gap).map((r) => r.retentionDays))));
    controls.push({
      name: AUDIT_CONTROLS.planMinFrequencyAndRetention,
      inputParameters: { requiredFrequencyUnit: frequency.unit, requiredFrequencyValue: String(frequency.value), ...days(retention) },
    });
  }

  controls.push({ name: AUDIT_CONTROLS.recoveryPointEncrypted, inputParameters: {} });
  controls.push({ name: AUDIT_CONTROLS.resourcesProtectedByPlan, inputParameters: {}, complianceResourceTypes: scope });
  const roles = options.deletionAllowedRoleArns ?? [];
  controls.push({ name: AUDIT_CONTROLS.manualDeletionDisabled, inputParameters: roles.length ? { principalArnList: roles.join(",") } : {} });

  const locks = plans.flatMap((p) => p.vaults()).flatMap((vault) => (vault.lockBounds ? [vault.lockBounds] : []));
  if (locks.length > 0) {
    const maxes = locks.map((l) => l.maxDays);
    const parameters: Record<string, string> = { minRetentionDays: String(Math.min(...locks.map((l) => l.minDays))) };
    if (maxes.every((m) => m !== undefined)) parameters.maxRetentionDays = String(Math.max(...(maxes as number[])));
    controls.push({ name: AUDIT_CONTROLS.protectedByVaultLock, inputParameters: parameters, complianceResourceTypes: scope });
  }
  const regions = [...new Set(plans.flatMap((p) => p.copyRegions()))].sort();
  if (regions.length > 0) {
    controls.push({ name: AUDIT_CONTROLS.protectedByCrossRegion, inputParameters: { crossRegionList: regions.join(",") }, complianceResourceTypes: scope });
  }
  const accounts = [...new Set(plans.flatMap((p) => p.copyAccounts()))].sort();
  if (accounts.length > 0) {
    controls.push({ name: AUDIT_CONTROLS.protectedByCrossAccount, inputParameters: { crossAccountList: accounts.join(",") }, complianceResourceTypes: scope });
  }
  return controls;
}

/**
 * An AWS Backup Audit Manager framework whose controls are derived from backup plans (see `deriveAuditControls`).
 * Audit Manager needs AWS Config recording the backup resource types in the region.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-audit-manager.html
 */
export class BackupAuditFramework extends Construct {
  public readonly resource: BackupFramework;
  public readonly frameworkName: string;
  /** The framework's ARN (a token). */
  public readonly frameworkArn: string;
  /** The controls, as derived. */
  public readonly controls: readonly AuditControl[];

  constructor(scope: Construct, id: string, props: BackupAuditFrameworkProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("frameworkName", props.frameworkName);
    v.matches(
      "frameworkName",
      props.frameworkName,
      AUDIT_NAME_PATTERN,
      "must start with a letter and hold only letters, digits and underscores, 1-256 characters",
    );
    v.check(props.description === undefined || props.description.length <= 1024, "description", props.description, "must be at most 1024 characters");
    const plans = props.plans ?? [];
    const explicit = props.controls;
    v.check(
      plans.length > 0 !== (explicit !== undefined),
      "plans",
      plans.length,
      explicit !== undefined ? "give plans or controls, not both" : "name at least one backup plan to derive the controls from, or give controls",
    );
    (explicit ?? []).forEach((c, i) => {
      v.check(
        typeof c?.name === "string" && /^[A-Z0-9_]{1,256}$/.test(c.name),
        `controls[${i}].name`,
        c?.name,
        "must be a control name such as BACKUP_RECOVERY_POINT_ENCRYPTED",
      );
      v.check(
        (c?.complianceResourceIds ?? []).length <= 100,
        `controls[${i}].complianceResourceIds`,
        c?.complianceResourceIds?.length,
        "AWS rejects more than 100 resource IDs in a control scope",
      );
      checkTags(v, `controls[${i}].scopeTags`, c?.scopeTags);
    });
    v.check(explicit === undefined || explicit.length > 0, "controls", explicit, "a framework needs at least one control");
    plans.forEach((p, i) =>
      v.check(p.rules.length > 0, `plans[${i}]`, p.node.path, "has no rules yet: add the plan's rules before building the framework from it"),
    );
    (props.complianceResourceTypes ?? []).forEach((t, i) =>
      v.check(
        BACKUP_RESOURCE_TYPES.includes(t),
        `complianceResourceTypes[${i}]`,
        t,
        `is not an AWS Backup resource type: one of ${BACKUP_RESOURCE_TYPES.join(", ")}`,
      ),
    );
    const roles = props.deletionAllowedRoleArns ?? [];
    v.check(
      roles.length <= MAX_DELETION_ROLES,
      "deletionAllowedRoleArns",
      roles.length,
      `at most ${MAX_DELETION_ROLES} roles may be exempt from the manual-deletion control`,
    );
    roles.forEach((r, i) => checkRoleArn(v, `deletionAllowedRoleArns[${i}]`, r));
    checkTags(v, "tags", props.tags);
    v.throwIfAny();

    this.frameworkName = props.frameworkName;
    this.controls = explicit ? explicit.map((c) => ({ ...c })) : deriveAuditControls(plans, props);
    const ruleCounts = plans.map((p) => p.rules.length);
    this.node.addValidation({
      validate: () =>
        plans.flatMap((p, i) =>
          p.rules.length === ruleCounts[i]
            ? []
            : [
                formatProblem({
                  where: this.node.path,
                  field: `plans[${i}]`,
                  value: p.node.path,
                  rule: "got rules after the audit framework was derived from it, so the controls do not cover them",
                  fix: "add the plan's rules before creating the framework",
                }),
              ],
        ),
    });

    this.resource = new BackupFramework(this, "Resource", {
      name: props.frameworkName,
      description: props.description,
      control: this.controls.map((c) => ({
        name: c.name,
        inputParameter: Object.keys(c.inputParameters ?? {}).length ? Object.entries(c.inputParameters!).map(([name, value]) => ({ name, value })) : undefined,
        scope:
          c.complianceResourceTypes || c.complianceResourceIds || c.scopeTags
            ? {
                complianceResourceIds: c.complianceResourceIds ? [...c.complianceResourceIds] : undefined,
                complianceResourceTypes: c.complianceResourceTypes ? [...c.complianceResourceTypes] : undefined,
                tags: c.scopeTags ? { ...c.scopeTags } : undefined,
              }
            : undefined,
      })),
      tags: props.tags,
      provider: props.provider,
    });
    this.frameworkArn = this.resource.arn;
  }
}
