import { Construct } from "constructs";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { TerraformProvider } from "../core/cdktf";
import { Tags, Validator } from "../core";
import { buildBackupPolicyDocument } from "./private/backup-policy-document";

/** A copy of each recovery point, into a vault named by ARN; `$account` stands for the receiving account. */
export interface BackupPolicyCopyAction {
  /** e.g. `arn:aws:backup:us-west-2:$account:backup-vault:local` or a central vault's literal ARN. */
  readonly targetVaultArn: string;
  /** Days until the copy is deleted. @default kept as long as the source */
  readonly deleteAfterDays?: number;
  /** Days until the copy moves to cold storage. @default never */
  readonly coldStorageAfterDays?: number;
}

export interface BackupPolicyRule {
  /** Rule name: 1-50 of letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  /** AWS cron expression. */
  readonly schedule: string;
  /** Vault the rule writes to, in every receiving account and region; must exist there. */
  readonly targetVaultName: string;
  /** @default 60 */
  readonly startWindowMinutes?: number;
  /** @default 1440 */
  readonly completionWindowMinutes?: number;
  readonly deleteAfterDays?: number;
  readonly coldStorageAfterDays?: number;
  /** Point-in-time recovery for supported resources. @default false */
  readonly continuousBackup?: boolean;
  readonly copyActions?: readonly BackupPolicyCopyAction[];
}

export interface BackupPolicyPlan {
  /** Plan name, as it appears in each receiving account. */
  readonly name: string;
  /** Regions the plan runs in, in every receiving account. */
  readonly regions: readonly string[];
  readonly rules: readonly BackupPolicyRule[];
  /** Resources with this tag key and one of these values are backed up. */
  readonly selectionTag: { readonly key: string; readonly values: readonly string[] };
  /** Name of the IAM role AWS Backup assumes in each receiving account (`arn:<partition>:iam::$account:role<path><name>`). */
  readonly roleName: string;
  /** IAM path of that role. @default "/" */
  readonly rolePath?: string;
  /** Windows VSS for EC2. @default false */
  readonly windowsVss?: boolean;
  /** @default "aws" */
  readonly partition?: string;
}

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
    v.matches("policyName", props.policyName, /^[\w+=,.@ -]{1,128}$/, "policy names are 1-128 characters");
    v.check(props.targets.length > 0, "targets", props.targets, "attach the policy to at least one root, OU or account");
    props.targets.forEach((t, i) => v.matches(`targets[${i}]`, t, TARGET, "must be a root ID (r-...), an OU ID (ou-...-...) or a 12-digit account ID"));
    v.check(new Set(props.targets).size === props.targets.length, "targets", props.targets, "lists a target twice");
    v.throwIfAny();
    this.document = buildBackupPolicyDocument(props.plans, this.node.path);
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
