import { Construct } from "constructs";
import { DlmLifecyclePolicy, DlmLifecyclePolicyConfig, DlmLifecyclePolicyPolicyDetailsSchedule } from "@cdktf/provider-aws/lib/dlm-lifecycle-policy";
import { Tags, Validator } from "../../core";
import { checkRegion } from "../../core/private/aws";
import { checkTags } from "../../core/private/tags";
import { DlmPolicyCommonProps } from "../dlm-policy";
import { DlmSchedule } from "../dlm-schedule";
import { DlmRolePurpose, IDlmExecutionRole } from "../dlm-service-roles";
import { DlmScheduleContext } from "./dlm-schedule";
import { resolveExecutionRole } from "./dlm-service-roles";
import { awsRejects, libraryNeeds } from "../../core/rules/authority";

const DESCRIPTION = /^[0-9A-Za-z _-]+$/;

/** The arguments every policy resource takes the same way: description, state (ENABLED unless set), tags, provider. */
export function commonPolicyConfig(props: Omit<DlmPolicyCommonProps, "description" | "executionRole">, description: string) {
  return { description, state: props.state ?? "ENABLED", tags: props.tags, provider: props.provider };
}

/** Adds the checks every policy shares and returns the execution role. */
export function checkCommonProps(v: Validator, props: DlmPolicyCommonProps, purpose: DlmRolePurpose): IDlmExecutionRole {
  v.required("description", props.description);
  if (typeof props.description === "string") {
    v.check(
      props.description.length >= 1 && props.description.length <= 500,
      "description",
      props.description,
      awsRejects("descriptions that are not 1-500 characters long"),
    );
    v.matches(
      "description",
      props.description,
      DESCRIPTION,
      awsRejects("descriptions with characters other than letters, digits, spaces, _ and - (pattern ^[0-9A-Za-z _-]+$)"),
    );
  }
  v.check(
    props.state === undefined || props.state === "ENABLED" || props.state === "DISABLED",
    "state",
    props.state,
    awsRejects("states other than ENABLED and DISABLED"),
  );
  checkRegion(v, "region", props.region);
  checkTags(v, "tags", props.tags);
  return resolveExecutionRole(v, "executionRole", props.executionRole, purpose);
}

/** Checks the schedule list of a snapshot or AMI policy (1 to 4, unique names) and renders each schedule. */
export function renderSchedules(
  v: Validator,
  schedules: readonly DlmSchedule[] | undefined,
  ctx: DlmScheduleContext,
): DlmLifecyclePolicyPolicyDetailsSchedule[] {
  const list = schedules ?? [];
  v.check(
    list.length >= 1 && list.length <= 4,
    "schedules",
    list.map((s) => s?.name),
    awsRejects(`policies without 1 to 4 schedules: this one has ${list.length}`),
  );
  const names = list.map((s) => s?.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  v.check(twice.length === 0, "schedules", names, awsRejects(`two schedules of one policy with the same name; repeated: ${[...new Set(twice)].join(", ")}`));
  return list.map((s, i) => {
    const ok = s instanceof DlmSchedule;
    v.check(ok, `schedules[${i}]`, s, libraryNeeds("a DlmSchedule"), "e.g. new DlmSchedule({ name, create, retain })");
    return ok ? s._render(v, `schedules[${i}]`, ctx) : ({} as DlmLifecyclePolicyPolicyDetailsSchedule);
  });
}

/** Checks target tags: required for custom policies, 1-50 tags. */
export function checkTargetTags(v: Validator, tags: Tags | undefined): void {
  const n = Object.keys(tags ?? {}).length;
  v.check(n >= 1, "targetTags", tags, awsRejects("custom policies without target tags: the policy acts on resources that carry any of them"));
  checkTags(v, "targetTags", tags);
}

/**
 * A DLM lifecycle policy: the raw `aws_dlm_lifecycle_policy` is the child `Resource`, and the policy's ARN and ID are
 * exposed. Subclasses validate their props and build `policy_details`.
 */
export abstract class DlmPolicyBase extends Construct {
  /** The policy's ARN. */
  public readonly arn: string;
  /** The policy's ID (`policy-...`), which DLM writes into the description of every snapshot it creates. */
  public readonly policyId: string;
  public readonly resource: DlmLifecyclePolicy;

  /**
   * `build` validates the props (naming this construct's path in errors) and returns the resource's configuration and
   * its execution role; the policy waits for the role's policy attachments, so DLM never runs it without permissions.
   */
  protected constructor(
    scope: Construct,
    id: string,
    build: (where: string) => { config: Omit<DlmLifecyclePolicyConfig, "executionRoleArn">; role: IDlmExecutionRole },
  ) {
    super(scope, id);
    const { config, role } = build(this.node.path);
    const dependsOn = role.dependables && role.dependables.length > 0 ? [...role.dependables] : undefined;
    this.resource = new DlmLifecyclePolicy(this, "Resource", { ...config, executionRoleArn: role.roleArn, dependsOn });
    this.arn = this.resource.arn;
    this.policyId = this.resource.id;
  }
}
