import { KMS_ALIAS_PATTERN, KMS_ALIAS_RULE } from "../core/rules/names";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformProvider } from "../core/cdktf";
import { AwsEnvironment, Duration, PolicyDocument, PolicyStatement, Tags, Validator } from "../core";
import { accountRootArn, checkAccountId, checkKmsKeyArn, checkRoleArn, resolveEnvironment } from "../core/private/aws";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { durationIn } from "../core/private/duration";
import { checkNoUnconditionedWildcardAllow, renderPolicy } from "../core/private/policy";
import { checkTags } from "../core/private/tags";
import { awsRejects, libraryNeeds } from "../core/rules/authority";

/** A KMS key that encrypts recovery points, snapshots or notifications. */
export interface IEncryptionKey {
  /** The key's ARN (a key ARN, never an alias). */
  readonly keyArn: string;
  /** False only for AWS-managed keys, which cannot be shared with another account. */
  readonly customerManaged: boolean;
}

/** Who else may use the key, for cross-account copies of recovery points and snapshots. */
export interface KeySharing {
  /** Principals of this AWS Organization may use the key (condition `aws:PrincipalOrgID`). */
  readonly organizationId?: string;
  /** These accounts may use the key. */
  readonly accountIds?: readonly string[];
}

/**
 * Who may make the key unusable. A compliance-locked vault protects recovery points from deletion, not from its key
 * being scheduled for deletion or disabled: whoever may do that can make every locked copy unreadable.
 */
export interface KeyDeletionProtection {
  /** The only roles that may schedule the key's deletion or disable it (and change its policy). */
  readonly breakGlassRoleArns: readonly string[];
  /**
   * Roles that may also change the key policy: the role Terraform deploys with, which must be able to update the policy.
   * Trade-off: such a role could rewrite the policy and then delete the key, so guard it as closely as break-glass.
   * @default none
   */
  readonly policyManagerRoleArns?: readonly string[];
}

export interface BackupKeyProps {
  /** The account and region the key lives in; the account's root principal administers it. */
  readonly env: AwsEnvironment;
  /** A description shown in the KMS console. @default "Backup and snapshot encryption" */
  readonly description?: string;
  /** An alias, without the `alias/` prefix. @default no alias */
  readonly alias?: string;
  /** Other accounts or the organization that may use the key for copies. @default not shared */
  readonly sharing?: KeySharing;
  /**
   * Service principals that may use the key through their own identity (e.g. `backup.amazonaws.com` to publish
   * to an encrypted SNS topic), limited to calls on behalf of this account. @default none
   */
  readonly servicePrincipals?: readonly string[];
  /** How long KMS waits before deleting the key once it is scheduled for deletion: 7-30 whole days. @default Duration.days(30) */
  readonly deletionWindow?: Duration;
  /** @deprecated use `deletionWindow: Duration.days(n)`; this field is removed in the next minor version. */
  readonly deletionWindowInDays?: number;
  /** Make the key multi-Region. Changing this replaces the key. @default false */
  readonly multiRegion?: boolean;
  /** Deny deleting or disabling the key to all but break-glass roles. @default not protected */
  readonly deletionProtection?: KeyDeletionProtection;
  readonly tags?: Tags;
  /** The provider (region alias) to create the key with. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/**
 * A customer-managed KMS key for backups: rotation on, an explicit key policy with no unconditioned `*`
 * principal, protected from `terraform destroy`. Share it with the organization so copies of recovery points
 * and snapshots can be decrypted in the backup account (AWS-managed keys cannot be shared).
 */
export class BackupKey extends Construct implements IEncryptionKey {
  /** Refers to an existing customer-managed key by its ARN. */
  static fromKeyArn(keyArn: string, where = "BackupKey.fromKeyArn"): IEncryptionKey {
    checkKmsKeyArn(new Validator(where), "keyArn", keyArn).throwIfAny();
    return { keyArn, customerManaged: true };
  }

  /** An AWS-managed key (e.g. `aws/backup`): usable for same-account backups only. */
  static awsManaged(keyArn: string): IEncryptionKey {
    return { keyArn, customerManaged: false };
  }

  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly customerManaged = true;
  public readonly resource: KmsKey;
  /** The key policy as built, for review and tests. */
  public readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: BackupKeyProps) {
    super(scope, id);
    const env = resolveEnvironment(this.node.path, props.env);
    const v = new Validator(this.node.path);
    const uses: DeprecatedPropUse[] = [];
    const window = pickRenamed(v, uses, {
      field: "deletionWindow",
      value: props.deletionWindow,
      oldField: "deletionWindowInDays",
      oldValue: props.deletionWindowInDays,
      fromOld: Duration.days,
    });
    const windowDays = window.value === undefined ? 30 : durationIn(v, window.field, window.value, "DAYS", "KMS");
    if (window.value !== undefined && windowDays !== undefined)
      v.check(windowDays >= 7 && windowDays <= 30, window.field, window.given, awsRejects("deletion windows outside 7 to 30 days"));
    v.matches("alias", props.alias, KMS_ALIAS_PATTERN, KMS_ALIAS_RULE);
    v.matches(
      "sharing.organizationId",
      props.sharing?.organizationId,
      ORG_ID,
      awsRejects("organization IDs other than o- and 10-32 lowercase letters or digits (e.g. o-a1b2c3d4e5)"),
    );
    (props.sharing?.accountIds ?? []).forEach((a, i) => checkAccountId(v, `sharing.accountIds[${i}]`, a));
    (props.servicePrincipals ?? []).forEach((s, i) =>
      v.matches(
        `servicePrincipals[${i}]`,
        s,
        /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/,
        awsRejects("service principals other than names such as backup.amazonaws.com"),
      ),
    );
    const protection = props.deletionProtection;
    if (protection) {
      v.check(
        protection.breakGlassRoleArns.length > 0,
        "deletionProtection.breakGlassRoleArns",
        protection.breakGlassRoleArns,
        libraryNeeds("at least one break-glass role: without one, nobody can ever change the key policy"),
      );
      protection.breakGlassRoleArns.forEach((r, i) => checkRoleArn(v, `deletionProtection.breakGlassRoleArns[${i}]`, r));
      (protection.policyManagerRoleArns ?? []).forEach((r, i) => checkRoleArn(v, `deletionProtection.policyManagerRoleArns[${i}]`, r));
    }
    checkTags(v, "tags", props.tags);
    v.throwIfAny();
    warnDeprecated(this, uses);

    this.policy = BackupKey.buildPolicy(env.partition, env.accountId, props.sharing, props.servicePrincipals, protection);
    checkNoUnconditionedWildcardAllow(this.node.path, "policy", this.policy);

    this.resource = new KmsKey(this, "Resource", {
      description: props.description ?? "Backup and snapshot encryption",
      enableKeyRotation: true,
      deletionWindowInDays: windowDays,
      multiRegion: props.multiRegion ?? false,
      policy: renderPolicy(this.policy),
      tags: props.tags,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    if (props.alias) {
      new KmsAlias(this, "Alias", { name: `alias/${props.alias}`, targetKeyId: this.resource.keyId, provider: props.provider });
    }
  }

  private static buildPolicy(
    partition: string,
    accountId: string,
    sharing?: KeySharing,
    services?: readonly string[],
    protection?: KeyDeletionProtection,
  ): PolicyDocument {
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(partition, accountId) },
        Action: "kms:*",
        Resource: "*",
      },
    ];
    if (sharing?.organizationId) {
      statements.push(
        {
          Sid: "OrganizationUsesKeyForCopies",
          Effect: "Allow",
          Principal: "*",
          Action: USE_ACTIONS,
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": sharing.organizationId } },
        },
        {
          Sid: "OrganizationGrantsForAwsServices",
          Effect: "Allow",
          Principal: "*",
          Action: GRANT_ACTIONS,
          Resource: "*",
          Condition: {
            StringEquals: { "aws:PrincipalOrgID": sharing.organizationId },
            Bool: { "kms:GrantIsForAWSResource": true },
          },
        },
      );
    }
    const accounts = [...new Set(sharing?.accountIds ?? [])].filter((a) => a !== accountId).sort();
    if (accounts.length > 0) {
      const principals = accounts.map((a) => accountRootArn(partition, a));
      statements.push(
        { Sid: "AccountsUseKeyForCopies", Effect: "Allow", Principal: { AWS: principals }, Action: USE_ACTIONS, Resource: "*" },
        {
          Sid: "AccountsGrantsForAwsServices",
          Effect: "Allow",
          Principal: { AWS: principals },
          Action: GRANT_ACTIONS,
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
      );
    }
    const svc = [...new Set(services ?? [])].sort();
    if (svc.length > 0) {
      statements.push({
        Sid: "ServicesUseKeyForThisAccount",
        Effect: "Allow",
        Principal: { Service: svc.length === 1 ? svc[0] : svc },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      });
    }
    if (protection) {
      const breakGlass = [...new Set(protection.breakGlassRoleArns)];
      statements.push(
        {
          Sid: "DenyKeyDeletionExceptBreakGlass",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
          Resource: "*",
          Condition: { ArnNotLike: { "aws:PrincipalArn": breakGlass } },
        },
        {
          // The deploy role keeps PutKeyPolicy, or Terraform could never update this policy (and KMS's lockout check
          // would refuse the policy when the deploy role applies it).
          Sid: "DenyKeyPolicyChangeExceptBreakGlassAndDeploy",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: "kms:PutKeyPolicy",
          Resource: "*",
          Condition: { ArnNotLike: { "aws:PrincipalArn": [...new Set([...breakGlass, ...(protection.policyManagerRoleArns ?? [])])] } },
        },
      );
    }
    return { Version: "2012-10-17", Statement: statements };
  }
}
