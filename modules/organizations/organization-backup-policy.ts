import { Construct } from "constructs";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { TerraformProvider } from "../core/cdktf";
import { Tags, Validator } from "../core";
import { DeprecatedPropUse, warnDeprecated } from "../core/private/deprecation";
import { buildBackupPolicyDocument } from "./private/backup-policy-document";
import type { BackupPolicyCopyAction, BackupPolicyPlan, BackupPolicyRule } from "./backup-policy-plan";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

export type { BackupPolicyCopyAction, BackupPolicyPlan, BackupPolicyRule };

export interface OrganizationBackupPolicyProps {
  /** Policy name, 1-128 characters. */
  readonly policyName: string;
  readonly description?: string;
  /** The plans the policy creates in every targeted account. */
  readonly plans: readonly BackupPolicyPlan[];
  /** Where to attach it: the root (`r-...`), OUs (`ou-...`) or account IDs. */
  readonly targets: readonly string[];
  readonly tags?: Tags;
  readonly provider?: TerraformProvider;
}

const TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/**
 * An AWS Organizations backup policy (type BACKUP_POLICY) and its attachments. The role and vault named by the
 * plans must exist in every targeted account and region before the plans run.
 */
export class OrganizationBackupPolicy extends Construct {
  public readonly document: Record<string, unknown>;
  public readonly resource: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationBackupPolicyProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.matches("policyName", props.policyName, /^[\w+=,.@ -]{1,128}$/, awsRejects("policy names other than 1-128 letters, digits, spaces and + = , . @ _ -"));
    v.check(props.targets.length > 0, "targets", props.targets, libraryNeeds("at least one root, OU or account to attach the policy to"));
    props.targets.forEach((t, i) =>
      v.matches(`targets[${i}]`, t, TARGET, awsRejects("targets other than a root ID (r-...), an OU ID (ou-...-...) or a 12-digit account ID")),
    );
    v.check(new Set(props.targets).size === props.targets.length, "targets", props.targets, libraryRejects("a target listed twice"));
    v.throwIfAny();
    const deprecations: DeprecatedPropUse[] = [];
    this.document = buildBackupPolicyDocument(props.plans, this.node.path, deprecations);
    warnDeprecated(this, deprecations);
    this.resource = new OrganizationsPolicy(this, "Resource", {
      name: props.policyName,
      description: props.description,
      type: "BACKUP_POLICY",
      content: JSON.stringify(this.document),
      tags: props.tags,
      provider: props.provider,
    });
    props.targets.forEach((target) => {
      new OrganizationsPolicyAttachment(this, `Attachment_${target.replace(/-/g, "_")}`, {
        policyId: this.resource.id,
        targetId: target,
        provider: props.provider,
      });
    });
  }
}
