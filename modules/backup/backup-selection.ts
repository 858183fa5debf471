import { Construct } from "constructs";
import { BackupSelection as BackupSelectionResource } from "@cdktf/provider-aws/lib/backup-selection";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";
import { checkRoleArn } from "../core/private/aws";
import { isUnresolved } from "../core/private/errors";
import type { IBackupPlan } from "./backup-plan";
import { RULE_NAME_PATTERN } from "./private/patterns";
import { IBackupServiceRole } from "./backup-service-role";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/** A tag key and value. */
export interface TagCondition {
  /** For `tags`: the tag key. For `conditions`: `aws:ResourceTag/<tag key>`. */
  readonly key: string;
  readonly value: string;
}

/**
 * Conditions on resource tags; every condition must hold (they are ANDed).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Conditions.html
 */
export interface SelectionConditions {
  /** Tag equals the value. @default none */
  readonly stringEquals?: readonly TagCondition[];
  /** Tag does not equal the value. @default none */
  readonly stringNotEquals?: readonly TagCondition[];
  /** Tag matches the value, `*` matching any characters. @default none */
  readonly stringLike?: readonly TagCondition[];
  /** Tag does not match the value. @default none */
  readonly stringNotLike?: readonly TagCondition[];
}

export interface BackupSelectionProps {
  /** The selection's name: 1-50 letters, digits, hyphens, underscores, periods. */
  readonly selectionName: string;
  /** The plan the selected resources are backed up by. */
  readonly plan: IBackupPlan;
  /** The role AWS Backup assumes, or its ARN. */
  readonly role: IBackupServiceRole | string;
  /** Resource ARNs (wildcards allowed): at most 500, at most 30 with wildcards; `["*"]` needs allowAllResources. @default none */
  readonly resources?: readonly string[];
  /** Resource ARNs excluded from the selection. @default none */
  readonly notResources?: readonly string[];
  /** Resources with any of these tags (ORed with `resources`). @default none */
  readonly tags?: readonly TagCondition[];
  /** Conditions every selected resource meets (ANDed). @default none */
  readonly conditions?: SelectionConditions;
  /** Must be `true` for `resources: ["*"]`, which backs up every supported resource of the account and region. @default false */
  readonly allowAllResources?: boolean;
  /** The provider (region alias): that of the plan. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** At most this many resource ARNs in a selection. @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html */
export const MAX_SELECTION_RESOURCES = 500;
/** At most this many of them with wildcards. @see https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html */
export const MAX_SELECTION_WILDCARD_RESOURCES = 30;
const CONDITION_KEY = /^aws:ResourceTag\/.{1,128}$/;
const CONDITION_KINDS = ["stringEquals", "stringNotEquals", "stringLike", "stringNotLike"] as const;

/**
 * Assigns resources to a backup plan: by ARN, by tag (ORed with the ARNs), narrowed by tag conditions (ANDed),
 * minus excluded ARNs. A selection that selects nothing is refused, and so is `*` unless asked for explicitly.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
 */
export class BackupSelection extends Construct {
  /** Every resource carrying the tag `key` = `value`. */
  static byTag(
    scope: Construct,
    id: string,
    props: Pick<BackupSelectionProps, "selectionName" | "plan" | "role" | "provider"> & { readonly key: string; readonly value: string },
  ): BackupSelection {
    return new BackupSelection(scope, id, { ...props, tags: [{ key: props.key, value: props.value }] });
  }

  public readonly resource: BackupSelectionResource;
  public readonly selectionName: string;
  /** The selection's ID (a token). */
  public readonly selectionId: string;

  constructor(scope: Construct, id: string, props: BackupSelectionProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("selectionName", props.selectionName);
    v.matches(
      "selectionName",
      props.selectionName,
      RULE_NAME_PATTERN,
      awsRejects("selection names other than 1-50 letters, digits, hyphens, underscores and periods"),
    );
    v.check(props.plan !== undefined && props.plan !== null, "plan", props.plan, libraryNeeds("the plan the selection belongs to"));
    const roleArn = typeof props.role === "string" ? props.role : props.role?.roleArn;
    v.required("role", roleArn, awsRejects("a selection without the role AWS Backup assumes to back up the resources"));
    checkRoleArn(v, "role", roleArn);

    const resources = props.resources ?? [];
    const notResources = props.notResources ?? [];
    checkArnList(v, "resources", resources);
    checkArnList(v, "notResources", notResources);
    if (resources.includes("*")) {
      v.check(
        props.allowAllResources === true,
        "resources",
        resources,
        libraryNeeds('allowAllResources: true for "*", which backs up every supported resource of the account and region'),
        "set allowAllResources: true if that is meant, or name resources, tags or conditions",
      );
      v.check(
        resources.length === 1,
        "resources",
        resources,
        libraryRejects('"*" together with other resources: it already selects everything, so list it alone'),
      );
    }
    const tags = props.tags ?? [];
    tags.forEach((t, i) => {
      v.check(
        typeof t?.key === "string" && t.key.length >= 1 && t.key.length <= 128,
        `tags[${i}].key`,
        t?.key,
        awsRejects("tag keys that are not 1-128 characters long"),
      );
      v.check(typeof t?.value === "string" && t.value.length <= 256, `tags[${i}].value`, t?.value, awsRejects("tag values longer than 256 characters"));
      v.check(!/^aws:ResourceTag\//.test(t?.key ?? ""), `tags[${i}].key`, t?.key, libraryNeeds("the bare tag key here (aws:ResourceTag/ is for conditions)"));
    });
    let conditionCount = 0;
    for (const kind of CONDITION_KINDS) {
      (props.conditions?.[kind] ?? []).forEach((c, i) => {
        conditionCount++;
        v.check(
          CONDITION_KEY.test(c?.key ?? ""),
          `conditions.${kind}[${i}].key`,
          c?.key,
          awsRejects("condition keys other than aws:ResourceTag/<tag key>"),
          `e.g. "aws:ResourceTag/${c?.key ?? "Backup"}"`,
        );
        v.check(
          typeof c?.value === "string" && c.value.length <= 256,
          `conditions.${kind}[${i}].value`,
          c?.value,
          awsRejects("condition values that are not strings of at most 256 characters"),
        );
      });
    }
    v.check(
      resources.length > 0 || tags.length > 0 || conditionCount > 0,
      "resources",
      props.resources,
      libraryRejects("a selection without resources, tags or conditions: AWS would back up every supported and opted-in resource of the account and region"),
      'e.g. tags: [{ key: "Backup", value: "daily" }]',
    );
    v.throwIfAny();

    this.selectionName = props.selectionName;
    const cond = props.conditions;
    this.resource = new BackupSelectionResource(this, "Resource", {
      name: props.selectionName,
      planId: props.plan.planId,
      iamRoleArn: roleArn!,
      resources: resources.length ? [...resources] : undefined,
      notResources: notResources.length ? [...notResources] : undefined,
      selectionTag: tags.length ? tags.map((t) => ({ type: "STRINGEQUALS", key: t.key, value: t.value })) : undefined,
      condition:
        conditionCount > 0
          ? [
              {
                stringEquals: pairs(cond?.stringEquals),
                stringNotEquals: pairs(cond?.stringNotEquals),
                stringLike: pairs(cond?.stringLike),
                stringNotLike: pairs(cond?.stringNotLike),
              },
            ]
          : undefined,
      provider: props.provider,
    });
    this.selectionId = this.resource.id;
  }
}

function pairs(list: readonly TagCondition[] | undefined): Array<{ key: string; value: string }> | undefined {
  return list?.length ? list.map((c) => ({ key: c.key, value: c.value })) : undefined;
}

function checkArnList(v: Validator, field: string, list: readonly string[]): void {
  v.check(
    list.length <= MAX_SELECTION_RESOURCES,
    field,
    list.length,
    awsRejects(`more than ${MAX_SELECTION_RESOURCES} resource ARNs per selection`),
    "split them across selections or select by tags",
  );
  const wildcards = list.filter((a) => !isUnresolved(a) && a.includes("*"));
  v.check(
    wildcards.length <= MAX_SELECTION_WILDCARD_RESOURCES,
    field,
    wildcards.length,
    awsRejects(`more than ${MAX_SELECTION_WILDCARD_RESOURCES} resource ARNs with wildcards per selection`),
    "split them across selections or select by tags",
  );
  list.forEach((a, i) =>
    v.check(a === "*" || /^arn:aws(-[a-z]+)*:[a-z0-9-]+:/.test(a), `${field}[${i}]`, a, awsRejects('resources other than ARNs (wildcards allowed) and "*"')),
  );
  v.check(new Set(list).size === list.length, field, list, libraryRejects("an ARN listed twice"));
}
