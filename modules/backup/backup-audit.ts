import { Construct } from "constructs";
import { BackupFramework } from "@cdktf/provider-aws/lib/backup-framework";
import { TerraformProvider, TerraformStack } from "../core/cdktf";
import { Tags, Validator } from "../core";
import { checkRoleArn } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { formatProblem } from "../core/private/errors";
import { BackupPlan } from "./backup-plan";
import { BACKUP_RESOURCE_TYPES } from "./backup-region-settings";
import { AUDIT_NAME_PATTERN } from "./private/patterns";
import { AUDIT_MAX_DELETION_ROLES, AuditControl, AuditControlOptions, AuditPlanFacts, deriveControls } from "../core/rules/audit";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

export { AUDIT_CONTROLS, deriveControls, frequencyRequirement } from "../core/rules/audit";
export type { AuditControl, AuditControlOptions, AuditPlanFacts } from "../core/rules/audit";

export interface BackupAuditFrameworkProps extends AuditControlOptions {
  /** The framework's name: starts with a letter, then letters, digits, underscores; 1-256 characters. */
  readonly frameworkName: string;
  /** A description. @default none */
  readonly description?: string;
  /** The plans the controls are derived from; add their rules before creating the framework. Give this or `controls`. */
  readonly plans?: readonly BackupPlan[];
  /**
   * The controls, chosen explicitly or derived elsewhere with `deriveControls` (from plans this stack does not build,
   * such as those an Organizations backup policy deploys). Give this or `plans`. @default derived from plans
   */
  readonly controls?: readonly AuditControl[];
  /** Tags on the framework. @default none */
  readonly tags?: Tags;
  /** The provider (region alias) of the plans' region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /**
   * Check, on every plan and apply, that AWS Config records the resource types the framework evaluates (the
   * framework's status reads ACTIVE): a Terraform `check` block that warns, naming the account's region and the
   * command that shows the recorder. It never blocks a plan: backups deploy whatever the audit's state.
   * @default false
   */
  readonly configRecordingCheck?: boolean;
  /** The region the framework is in, as the check's message names it. @default not named */
  readonly region?: string;
}

/** The command that shows whether AWS Config records in a region, as the recording check prints it. */
export function configRecorderStatusCommand(region?: string): string {
  return `aws configservice describe-configuration-recorder-status${region ? ` --region ${region}` : ""}`;
}

/** What the controls need to know of a plan construct. */
function factsOf(plan: BackupPlan): AuditPlanFacts {
  return {
    rules: plan.rules.map((r) => ({
      gapMinutes: r.schedule.rpoMinutes(),
      retentionDays: r.retentionDays,
      copyRetentionDays: r.copyActions.map((c) => c.retentionDays),
    })),
    lockBounds: plan.vaults().flatMap((vault) => (vault.lockBounds ? [vault.lockBounds] : [])),
    copyRegions: plan.copyRegions(),
    copyAccounts: plan.copyAccounts(),
  };
}

/**
 * Derives the controls a framework needs from plans, so every plan passes them as written (see `deriveControls` in the
 * audit rules for how each parameter follows from the plans).
 */
export function deriveAuditControls(plans: readonly BackupPlan[], options: AuditControlOptions = {}): AuditControl[] {
  return deriveControls(plans.map(factsOf), options);
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
      awsRejects("framework names other than 1-256 letters, digits and underscores starting with a letter"),
    );
    v.check(
      props.description === undefined || props.description.length <= 1024,
      "description",
      props.description,
      awsRejects("descriptions longer than 1024 characters"),
    );
    const plans = props.plans ?? [];
    const explicit = props.controls;
    v.check(
      plans.length > 0 !== (explicit !== undefined),
      "plans",
      plans.length,
      explicit !== undefined ? libraryNeeds("plans or controls, not both") : libraryNeeds("at least one backup plan to derive the controls from, or controls"),
    );
    (explicit ?? []).forEach((c, i) => {
      v.check(
        typeof c?.name === "string" && /^[A-Z0-9_]{1,256}$/.test(c.name),
        `controls[${i}].name`,
        c?.name,
        awsRejects("control names other than its own, which are 1-256 of A-Z 0-9 _ (e.g. BACKUP_RECOVERY_POINT_ENCRYPTED)"),
      );
      v.check(
        (c?.complianceResourceIds ?? []).length <= 100,
        `controls[${i}].complianceResourceIds`,
        c?.complianceResourceIds?.length,
        awsRejects("more than 100 resource IDs in a control scope"),
      );
      checkTags(v, `controls[${i}].scopeTags`, c?.scopeTags);
    });
    v.check(explicit === undefined || explicit.length > 0, "controls", explicit, awsRejects("a framework without controls"));
    if (explicit !== undefined)
      v.check(
        props.complianceResourceTypes === undefined && props.deletionAllowedRoleArns === undefined,
        "complianceResourceTypes/deletionAllowedRoleArns",
        "set",
        libraryRejects("these options with controls given: they shape derived controls only, so pass them to deriveControls instead"),
      );
    plans.forEach((p, i) =>
      v.check(
        p.rules.length > 0,
        `plans[${i}]`,
        p.node.path,
        libraryNeeds("the plan's rules before the framework is built from it, and this plan has none yet"),
      ),
    );
    (props.complianceResourceTypes ?? []).forEach((t, i) =>
      v.check(
        BACKUP_RESOURCE_TYPES.includes(t),
        `complianceResourceTypes[${i}]`,
        t,
        awsRejects(`resource types other than ${BACKUP_RESOURCE_TYPES.join(", ")}`),
      ),
    );
    const roles = props.deletionAllowedRoleArns ?? [];
    v.check(
      roles.length <= AUDIT_MAX_DELETION_ROLES,
      "deletionAllowedRoleArns",
      roles.length,
      awsRejects(`more than ${AUDIT_MAX_DELETION_ROLES} roles exempt from the manual-deletion control`),
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
                  rule: libraryNeeds(
                    "a plan's rules before the audit framework is derived from it: this plan got rules after, so the controls do not cover them",
                  ),
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
    if (props.configRecordingCheck) this.addConfigRecordingCheck(props);
  }

  /**
   * A `check` block with a scoped data source that reads the framework back: AWS Backup sets a framework's status from
   * AWS Config's recording of the types it evaluates (ACTIVE, PARTIALLY_ACTIVE, INACTIVE, UNAVAILABLE). The provider
   * has no data source for the recorder itself. The read waits for the framework (depends_on), so the first apply
   * checks it once created; a check only warns.
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeFramework.html
   */
  private addConfigRecordingCheck(props: BackupAuditFrameworkProps): void {
    const stack = TerraformStack.of(this);
    const id = this.resource.friendlyUniqueId;
    const dataName = `${id}_status`;
    const where = props.region ? ` in ${props.region}` : "";
    stack.addOverride(`check.${id}_config_recording`, {
      data: {
        aws_backup_framework: {
          [dataName]: {
            name: this.resource.name,
            provider: props.provider ? props.provider.fqn : undefined,
            depends_on: [`aws_backup_framework.${id}`],
          },
        },
      },
      assert: [
        {
          condition: `\${data.aws_backup_framework.${dataName}.status == "ACTIVE"}`,
          error_message:
            `The Backup Audit Manager framework ${props.frameworkName}${where} is \${data.aws_backup_framework.${dataName}.status}, not ACTIVE: ` +
            `AWS Config does not record every resource type it evaluates, so its controls report nothing for them. ` +
            `Turn on an AWS Config recorder for those types in this account and region; ${configRecorderStatusCommand(props.region)} shows it.`,
        },
      ],
    });
  }
}
