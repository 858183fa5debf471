import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { TerraformProvider } from "../core/cdktf";
import { PolicyDocument, Validator } from "../core";
import { renderPolicy } from "../core/private/policy";
import { awsRejects, libraryNeeds } from "../core/rules/authority";

export interface BackupReportBucketProps {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The partition of the bucket's region. @default "aws" */
  readonly partition?: string;
  /** The organization whose accounts' report plans may deliver here (aws:PrincipalOrgID). */
  readonly organizationId?: string;
  /** Accounts whose report plans may deliver here, when no organization is named (aws:PrincipalAccount). @default none */
  readonly accountIds?: readonly string[];
  /** The provider of the bucket's region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const S3_BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/** The service-linked role Backup Audit Manager delivers reports with, in whichever account owns the report plan. */
const REPORTS_ROLE_PATH = "role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports";

/**
 * The S3 bucket Backup Audit Manager report plans deliver to: encrypted (SSE-S3), versioned, public access blocked,
 * objects owned by the bucket owner, and a bucket policy that refuses requests without TLS and lets the report
 * plans' service-linked role put objects with `bucket-owner-full-control`, as AWS documents for report delivery.
 * The role is named in conditions rather than as principal: a principal must exist when the policy is written, and
 * the role appears only with an account's first report plan.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-console.html
 */
export class BackupReportBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  /** The bucket policy document. */
  public readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: BackupReportBucketProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("bucketName", props.bucketName);
    v.matches("bucketName", props.bucketName, S3_BUCKET, awsRejects("bucket names other than 3-63 lowercase letters, digits, dots, hyphens"));
    v.matches(
      "organizationId",
      props.organizationId,
      ORGANIZATION_ID,
      awsRejects("organization IDs other than o- and 10-32 lowercase letters or digits (e.g. o-a1b2c3d4e5)"),
    );
    (props.accountIds ?? []).forEach((a, i) => v.matches(`accountIds[${i}]`, a, /^\d{12}$/, awsRejects("account IDs other than 12 digits")));
    v.check(
      !!props.organizationId || (props.accountIds ?? []).length > 0,
      "organizationId",
      props.organizationId,
      libraryNeeds("the organization (or the accounts) whose report plans deliver here, for the bucket policy"),
    );
    v.throwIfAny();
    this.bucketName = props.bucketName;
    const provider = props.provider;
    const partition = props.partition ?? "aws";
    const arn = `arn:${partition}:s3:::${props.bucketName}`;
    this.bucket = new S3Bucket(this, "Resource", { bucket: props.bucketName, forceDestroy: false, provider });
    new S3BucketVersioningA(this, "Versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" }, provider });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      provider,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    new S3BucketOwnershipControls(this, "Ownership", { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" }, provider });
    const who: Record<string, string | readonly string[]> = props.organizationId
      ? { "aws:PrincipalOrgID": props.organizationId }
      : { "aws:PrincipalAccount": [...(props.accountIds ?? [])] };
    this.policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "BackupAuditManagerReports",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "s3:PutObject",
          Resource: `${arn}/*`,
          Condition: {
            StringEquals: { ...who, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:PrincipalArn": `arn:${partition}:iam::*:${REPORTS_ROLE_PATH}` },
          },
        },
      ],
    };
    // After the public access block: a policy that grants to "*" (with conditions) is refused while the block is being set.
    new S3BucketPolicy(this, "Policy", { bucket: this.bucket.id, policy: renderPolicy(this.policy), dependsOn: [publicAccess], provider });
  }
}
