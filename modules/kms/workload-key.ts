import { KMS_ALIAS_PATTERN, KMS_ALIAS_RULE } from "../core/rules/names";
import { Construct } from "constructs";
import { EbsDefaultKmsKey } from "@cdktf/provider-aws/lib/ebs-default-kms-key";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformProvider } from "../core/cdktf";
import { AwsEnvironment, PolicyDocument, PolicyStatement, Tags, Validator } from "../core";
import { accountRootArn, checkAccountId, resolveEnvironment } from "../core/private/aws";
import { checkNoUnconditionedWildcardAllow, renderPolicy } from "../core/private/policy";
import { checkTags } from "../core/private/tags";
import { IEncryptionKey } from "./backup-key";
import { libraryRejects } from "../core/rules/authority";

export interface WorkloadKeyProps {
  /** The account and region of the key and of the workloads it encrypts. */
  readonly env: AwsEnvironment;
  /** The account that receives copies of recovery points and snapshots encrypted with this key (the central backup account). */
  readonly copyAccountId: string;
  /** An alias, without the `alias/` prefix. @default no alias */
  readonly alias?: string;
  /** Make this key the account's EBS default key in the region and turn EBS encryption by default on. @default false */
  readonly ebsDefault?: boolean;
  readonly tags?: Tags;
  /** The provider (region alias) to create the key with. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** What the copy account may do with the key: what AWS Backup and EC2 need to copy recovery points and shared snapshots. */
export const WORKLOAD_KEY_COPY_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

/** The services through which the copy account may use the key: copies run in AWS Backup, EC2 (EBS, AMIs) and RDS. */
function copyServices(region: string, dnsSuffix: string): string[] {
  return ["backup", "ec2", "rds"].map((s) => `${s}.${region}.${dnsSuffix}`);
}

/**
 * A customer-managed key for workloads (EBS volumes, RDS, ...) whose recovery points must be copied to another
 * account. For resource types AWS Backup does not fully manage, a recovery point keeps the resource's own
 * encryption, so the copy account must be able to use the resource's key; AWS-managed keys (`aws/ebs`) cannot be
 * shared at all. This key lets the copy account use it only through AWS Backup, EC2 and RDS, and create grants only
 * for AWS resources. Optionally the account's EBS default key, so new volumes are copyable from the start.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
 */
export class WorkloadKey extends Construct implements IEncryptionKey {
  public readonly keyArn: string;
  public readonly customerManaged = true;
  public readonly resource: KmsKey;
  /** The key policy as built, for review and tests. */
  public readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: WorkloadKeyProps) {
    super(scope, id);
    const env = resolveEnvironment(this.node.path, props.env);
    const v = new Validator(this.node.path);
    checkAccountId(v, "copyAccountId", props.copyAccountId);
    v.check(
      props.copyAccountId !== env.accountId,
      "copyAccountId",
      props.copyAccountId,
      libraryRejects("the key's own account as the copy account: the grant is for another account"),
    );
    v.matches("alias", props.alias, KMS_ALIAS_PATTERN, KMS_ALIAS_RULE);
    checkTags(v, "tags", props.tags);
    v.throwIfAny();

    this.policy = WorkloadKey.buildPolicy(env, props.copyAccountId);
    checkNoUnconditionedWildcardAllow(this.node.path, "policy", this.policy);
    this.resource = new KmsKey(this, "Resource", {
      description: "Workload encryption, copyable to the backup account",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(this.policy),
      tags: props.tags,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.keyArn = this.resource.arn;
    if (props.alias) new KmsAlias(this, "Alias", { name: `alias/${props.alias}`, targetKeyId: this.resource.keyId, provider: props.provider });
    if (props.ebsDefault) {
      new EbsEncryptionByDefault(this, "EbsEncryptionByDefault", { enabled: true, provider: props.provider });
      new EbsDefaultKmsKey(this, "EbsDefaultKey", { keyArn: this.resource.arn, provider: props.provider });
    }
  }

  private static buildPolicy(env: Required<AwsEnvironment>, copyAccountId: string): PolicyDocument {
    const dnsSuffix = env.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    const via = { "kms:ViaService": copyServices(env.region, dnsSuffix) };
    const copier = { AWS: accountRootArn(env.partition, copyAccountId) };
    const statements: PolicyStatement[] = [
      { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: accountRootArn(env.partition, env.accountId) }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CopyAccountUsesKeyForCopies",
        Effect: "Allow",
        Principal: copier,
        Action: [...WORKLOAD_KEY_COPY_ACTIONS],
        Resource: "*",
        Condition: { StringEquals: via },
      },
      {
        Sid: "CopyAccountGrantsForAwsResources",
        Effect: "Allow",
        Principal: copier,
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { StringEquals: via, Bool: { "kms:GrantIsForAWSResource": true } },
      },
    ];
    return { Version: "2012-10-17", Statement: statements };
  }
}
