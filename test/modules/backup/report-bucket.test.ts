import { BackupReportBucket, BackupReportPlan } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";

describe("BackupReportBucket", () => {
  const stack = testStack();
  new BackupReportBucket(stack, "Reports", { bucketName: "org-backup-reports", organizationId: "o-a1b2c3d4e5" });

  test("the bucket is versioned, encrypted, owner-enforced and blocks public access", () => {
    expect(resources(stack, "aws_s3_bucket").Reports).toMatchObject({ bucket: "org-backup-reports", force_destroy: false });
    expect(resources(stack, "aws_s3_bucket_versioning").Reports_Versioning.versioning_configuration).toEqual({ status: "Enabled" });
    expect(resources(stack, "aws_s3_bucket_server_side_encryption_configuration").Reports_Encryption.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(resources(stack, "aws_s3_bucket_public_access_block").Reports_PublicAccessBlock).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resources(stack, "aws_s3_bucket_ownership_controls").Reports_Ownership.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("the policy refuses requests without TLS and lets only the organization's Backup Audit Manager role put reports", () => {
    // when
    const policy = JSON.parse(resources(stack, "aws_s3_bucket_policy").Reports_Policy.policy);
    // then
    expect(policy.Statement[0]).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::org-backup-reports", "arn:aws:s3:::org-backup-reports/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(policy.Statement[1]).toEqual({
      Sid: "BackupAuditManagerReports",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::org-backup-reports/*",
      Condition: {
        StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "s3:x-amz-acl": "bucket-owner-full-control" },
        ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports" },
      },
    });
  });

  test("refuses a bucket open to nobody in particular: an organization or accounts must be named", () => {
    const msg = errorOf(() => new BackupReportBucket(testStack(), "Reports", { bucketName: "org-backup-reports" }));
    expect(msg).toContain("organizationId");
    expect(msg).toContain("this library needs the organization (or the accounts) whose report plans deliver here, for the bucket policy");
  });
});

describe("BackupReportPlan across the organization", () => {
  test("writes the accounts and regions it covers into the report setting", () => {
    // given
    const stack = testStack();
    // when
    new BackupReportPlan(stack, "Jobs", {
      reportPlanName: "org_backup_jobs",
      reportTemplate: "BACKUP_JOB_REPORT",
      s3BucketName: "org-backup-reports",
      accounts: ["333333333333", "444444444444"],
      regions: ["us-east-1", "us-west-2"],
    });
    // then
    expect(resources(stack, "aws_backup_report_plan").Jobs.report_setting).toEqual({
      report_template: "BACKUP_JOB_REPORT",
      accounts: ["333333333333", "444444444444"],
      regions: ["us-east-1", "us-west-2"],
    });
  });

  test("refuses an account that is not an account ID or ROOT", () => {
    const msg = errorOf(
      () =>
        new BackupReportPlan(testStack(), "Jobs", {
          reportPlanName: "org_backup_jobs",
          reportTemplate: "BACKUP_JOB_REPORT",
          s3BucketName: "org-backup-reports",
          accounts: ["payments"],
        }),
    );
    expect(msg).toContain("accounts[0]");
    expect(msg).toContain("AWS rejects accounts other than 12-digit account IDs and ROOT");
  });
});
