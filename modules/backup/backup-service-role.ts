import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformProvider } from "../core/cdktf";
import { AwsEnvironment, Tags, Validator } from "../core";
import { checkRoleArn, resolveEnvironment } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { renderPolicy, serviceTrustPolicy } from "../core/private/policy";
import { awsRejects } from "../core/rules/authority";

/** An IAM role AWS Backup assumes to back up and restore resources. */
export interface IBackupServiceRole {
  /** The role's ARN. */
  readonly roleArn: string;
}

export interface BackupServiceRoleProps {
  /** The role's account; its partition names the managed policies (nothing is looked up). */
  readonly env: AwsEnvironment;
  /** The role's name: 1-64 of letters, digits and `+=,.@_-`. @default "AWSBackupServiceRole" */
  readonly roleName?: string;
  /** The role's path. @default "/service-role/" */
  readonly path?: string;
  /** Attach the restore policy, needed for restores and restore testing. @default true */
  readonly restores?: boolean;
  /** Attach the S3 backup and restore policies, needed for S3 buckets. @default false */
  readonly s3?: boolean;
  /** Tags on the role. @default none */
  readonly tags?: Tags;
  /** The provider; IAM is global, any region's provider of the account will do. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The AWS managed policies for AWS Backup service roles, at their real paths: the backup and restore policies live
 * under `service-role/`, the S3 ones at the top level.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Backup.html
 */
export function backupManagedPolicyArns(partition: string): {
  readonly backup: string;
  readonly restores: string;
  readonly s3Backup: string;
  readonly s3Restore: string;
} {
  return {
    backup: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
    restores: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
    s3Backup: `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup`,
    s3Restore: `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore`,
  };
}

export const BACKUP_SERVICE_PRINCIPAL = "backup.amazonaws.com";

/**
 * The IAM role backup selections and restore testing selections run as: trusted by backup.amazonaws.com only, with
 * the AWS managed backup (and restore, and optionally S3) policies attached.
 */
export class BackupServiceRole extends Construct implements IBackupServiceRole {
  /** Refers to an existing role by ARN. */
  static fromRoleArn(roleArn: string, where = "BackupServiceRole.fromRoleArn"): IBackupServiceRole {
    const v = new Validator(where);
    v.required("roleArn", roleArn);
    checkRoleArn(v, "roleArn", roleArn).throwIfAny();
    return { roleArn };
  }

  public readonly resource: IamRole;
  /** The role's ARN (a token, so users of the role wait for it). */
  public readonly roleArn: string;
  public readonly roleName: string;
  /** The ARNs of the attached managed policies. */
  public readonly managedPolicyArns: readonly string[];

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    const { partition } = resolveEnvironment(this.node.path, props.env);
    const roleName = props.roleName ?? "AWSBackupServiceRole";
    const path = props.path ?? "/service-role/";
    const v = new Validator(this.node.path);
    v.matches("roleName", roleName, /^[\w+=,.@-]{1,64}$/, awsRejects("role names other than 1-64 letters, digits and + = , . @ _ -"));
    // AWS Backup's managed policies let it pass only roles whose names say they are for AWS Backup.
    v.matches(
      "roleName",
      roleName,
      /AWSBackup|AwsBackup/,
      awsRejects("backup jobs with roles whose names lack AWSBackup or AwsBackup: its managed policies pass only such roles"),
      `e.g. "AWSBackup-${roleName}"`,
    );
    v.matches("path", path, /^\/([\x21-\x7E]{0,510}\/)?$/, awsRejects('role paths that do not start and end with "/", e.g. "/service-role/"'));
    checkTags(v, "tags", props.tags);
    v.throwIfAny();

    this.roleName = roleName;
    this.resource = new IamRole(this, "Resource", {
      name: roleName,
      path,
      description: "Role AWS Backup assumes to back up and restore resources",
      assumeRolePolicy: renderPolicy(serviceTrustPolicy(BACKUP_SERVICE_PRINCIPAL)),
      tags: props.tags,
      provider: props.provider,
    });
    this.roleArn = this.resource.arn;

    const arns = backupManagedPolicyArns(partition);
    const attach: Array<[string, string]> = [["Backup", arns.backup]];
    if (props.restores !== false) attach.push(["Restores", arns.restores]);
    if (props.s3) attach.push(["S3Backup", arns.s3Backup], ["S3Restore", arns.s3Restore]);
    for (const [name, policyArn] of attach) {
      new IamRolePolicyAttachment(this, name, { role: this.resource.name, policyArn, provider: props.provider });
    }
    this.managedPolicyArns = attach.map(([, a]) => a);
  }
}
