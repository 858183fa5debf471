import { Construct } from "constructs";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { TerraformProvider } from "../core/cdktf";
import { Duration, Validator } from "../core";
import { checkRoleArn } from "../core/private/aws";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { durationIn } from "../core/private/duration";
import { isUnresolved } from "../core/private/errors";
import { TagCondition } from "./backup-selection";
import { IBackupServiceRole } from "./backup-service-role";
import { RESTORE_TESTING_NAME_PATTERN } from "./private/patterns";
import { RestoreTestingPlan } from "./restore-testing";
import { awsRejects, libraryNeeds, providerRejects } from "../core/rules/authority";

/**
 * Resource types a restore testing selection can test.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html
 */
export const RESTORE_TESTING_RESOURCE_TYPES = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"] as const;
export type RestoreTestingResourceType = (typeof RESTORE_TESTING_RESOURCE_TYPES)[number];

/** At most this many specific protected resource ARNs in one selection. */
export const MAX_RESTORE_TESTING_RESOURCE_ARNS = 30;

/** Tag conditions on the protected resources; all must hold. */
export interface ProtectedResourceConditions {
  /** Tag equals the value; keys are `aws:ResourceTag/<tag key>`. @default none */
  readonly stringEquals?: readonly TagCondition[];
  /** Tag does not equal the value. @default none */
  readonly stringNotEquals?: readonly TagCondition[];
}

export interface RestoreTestingSelectionProps {
  /** The selection's name: 1-50 letters, digits and underscores. */
  readonly selectionName: string;
  /** The restore testing plan. */
  readonly plan: RestoreTestingPlan;
  /** The resource type the selection tests. */
  readonly protectedResourceType: RestoreTestingResourceType;
  /** The role AWS Backup restores with (it needs the restore policy), or its ARN. */
  readonly role: IBackupServiceRole | string;
  /** Up to 30 protected resource ARNs, or `["*"]` for every protected resource of the type. Give this or conditions. @default none */
  readonly protectedResourceArns?: readonly string[];
  /** Tag conditions the protected resources meet; `{}` selects every protected resource of the type. Give this or ARNs. @default none */
  readonly protectedResourceConditions?: ProtectedResourceConditions;
  /** Time a validation may run on the restored resource before it is deleted: 1-168 whole hours, e.g. `Duration.hours(4)`. @default none */
  readonly validationWindow?: Duration;
  /** @deprecated use `validationWindow: Duration.hours(n)`; this field is removed in the next minor version. */
  readonly validationWindowHours?: number;
  /** Restore metadata to override, e.g. `{ instanceType: "t3.micro" }`. @default none */
  readonly restoreMetadataOverrides?: { readonly [key: string]: string };
  /** The provider: that of the plan. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const CONDITION_KEY = /^aws:ResourceTag\/.{1,128}$/;

/**
 * The resources of one type a restore testing plan restores.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html
 */
export class RestoreTestingSelection extends Construct {
  public readonly resource: BackupRestoreTestingSelection;
  public readonly selectionName: string;

  constructor(scope: Construct, id: string, props: RestoreTestingSelectionProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("selectionName", props.selectionName);
    v.matches(
      "selectionName",
      props.selectionName,
      RESTORE_TESTING_NAME_PATTERN,
      awsRejects("selection names other than 1-50 letters, digits and underscores"),
    );
    v.check(props.plan instanceof RestoreTestingPlan, "plan", props.plan, libraryNeeds("a RestoreTestingPlan"));
    v.check(
      (RESTORE_TESTING_RESOURCE_TYPES as readonly string[]).includes(props.protectedResourceType),
      "protectedResourceType",
      props.protectedResourceType,
      awsRejects(`resource types other than ${RESTORE_TESTING_RESOURCE_TYPES.join(", ")}`),
    );
    const roleArn = typeof props.role === "string" ? props.role : props.role?.roleArn;
    v.required("role", roleArn, awsRejects("a restore testing selection without the role AWS Backup restores with"));
    checkRoleArn(v, "role", roleArn);

    const arns = props.protectedResourceArns ?? [];
    v.check(!arns.includes("*") || arns.length === 1, "protectedResourceArns", arns, awsRejects('"*" together with specific ARNs'));
    v.check(
      arns.length <= MAX_RESTORE_TESTING_RESOURCE_ARNS,
      "protectedResourceArns",
      arns.length,
      awsRejects(`more than ${MAX_RESTORE_TESTING_RESOURCE_ARNS} specific resource ARNs per selection`),
      'use ["*"] with conditions',
    );
    arns.forEach((a, i) => {
      if (a !== "*" && !isUnresolved(a))
        v.check(
          /^arn:aws(-[a-z]+)*:[a-z0-9-]+:/.test(a) && !a.includes("*"),
          `protectedResourceArns[${i}]`,
          a,
          awsRejects("protected resources other than ARNs without wildcards"),
        );
    });
    const conditions = props.protectedResourceConditions;
    // An empty conditions block is a selection too: AWS takes it as "every protected resource of the type" (the
    // provider's own acceptance test applies one). The provider accepts ARNs or conditions, not both.
    const hasConditions = conditions !== undefined && conditions !== null;
    v.check(
      arns.length > 0 !== hasConditions,
      "protectedResourceArns",
      props.protectedResourceArns,
      arns.length > 0
        ? providerRejects("protectedResourceArns together with protectedResourceConditions: it accepts exactly one")
        : providerRejects(
            'a selection with neither protectedResourceArns nor protectedResourceConditions: give up to 30 resource ARNs, ["*"], or protectedResourceConditions (an empty one selects every protected resource of the type)',
          ),
      arns.length > 0 ? "drop the ARNs: conditions alone select every protected resource of the type that meets them" : undefined,
    );
    for (const kind of ["stringEquals", "stringNotEquals"] as const) {
      (conditions?.[kind] ?? []).forEach((c, i) =>
        v.check(
          CONDITION_KEY.test(c?.key ?? ""),
          `protectedResourceConditions.${kind}[${i}].key`,
          c?.key,
          awsRejects("condition keys other than aws:ResourceTag/<tag key>"),
        ),
      );
    }
    const uses: DeprecatedPropUse[] = [];
    const window = pickRenamed(v, uses, {
      field: "validationWindow",
      value: props.validationWindow,
      oldField: "validationWindowHours",
      oldValue: props.validationWindowHours,
      fromOld: Duration.hours,
    });
    const windowHours = window.value === undefined ? undefined : durationIn(v, window.field, window.value, "HOURS", "AWS Backup");
    if (windowHours !== undefined) {
      v.check(windowHours >= 1 && windowHours <= 168, window.field, window.given, awsRejects("validation windows outside 1 to 168 hours"));
    }
    v.throwIfAny();
    warnDeprecated(this, uses);

    this.selectionName = props.selectionName;
    this.resource = new BackupRestoreTestingSelection(this, "Resource", {
      name: props.selectionName,
      restoreTestingPlanName: props.plan.resource.name,
      protectedResourceType: props.protectedResourceType,
      iamRoleArn: roleArn!,
      protectedResourceArns: arns.length ? [...arns] : undefined,
      protectedResourceConditions: hasConditions
        ? [
            {
              stringEquals: conditions?.stringEquals?.length ? conditions.stringEquals.map((c) => ({ key: c.key, value: c.value })) : undefined,
              stringNotEquals: conditions?.stringNotEquals?.length ? conditions.stringNotEquals.map((c) => ({ key: c.key, value: c.value })) : undefined,
            },
          ]
        : undefined,
      validationWindowHours: windowHours,
      restoreMetadataOverrides: props.restoreMetadataOverrides ? { ...props.restoreMetadataOverrides } : undefined,
      provider: props.provider,
    });
  }
}
