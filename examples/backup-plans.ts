import { Construct } from "constructs";
import {
  BackupAuditFramework,
  BackupGlobalSettings,
  BackupPlan,
  BackupRegionSettings,
  BackupReportPlan,
  BackupSelection,
  BackupServiceRole,
  BackupVault,
  IBackupVault,
  REPORT_TEMPLATES,
  RestoreTestingPlan,
  RestoreTestingSelection,
  Schedule,
} from "../modules/backup";
import { Duration, Retention } from "../modules/core";
import { AccountStack } from "../stacks/account-stack";
import { EXAMPLE, exampleStackProps } from "./vaults";

/** The member account the example plans run in, and the roles it uses. */
export const PLAN_EXAMPLE = {
  accountId: EXAMPLE.memberAccountIds[0],
  deployRoleArn: `arn:aws:iam::${EXAMPLE.memberAccountIds[0]}:role/backup-dr-deploy`,
  breakGlassRoleArn: `arn:aws:iam::${EXAMPLE.memberAccountIds[0]}:role/backup-break-glass`,
  /** The central vault of VaultFamilyExampleStack, in the central account, and its lock bounds. */
  centralVaultArn: `arn:aws:backup:${EXAMPLE.primaryRegion}:${EXAMPLE.centralAccountId}:backup-vault:central-backup`,
  centralVaultLock: { minDays: 7, maxDays: 400, source: "example-vaults/CentralVault/Lock" },
  reportBucket: `example-backup-reports-${EXAMPLE.memberAccountIds[0]}`,
} as const;

/**
 * Backup plans in a member account, using every feature: a governance-locked vault and a DR-region vault of the stack,
 * a plan with a daily rule and a continuous-backup rule copying to the DR vault and to the central vault of another
 * account, a monthly EC2 plan with Windows VSS, selections by tag, condition and ARN, a created service role, region and
 * global settings, an audit framework with report plans, and a restore testing plan. Every argument exists in AWS
 * provider 5.x, so the stack is planned offline.
 */
export class BackupPlanExampleStack extends AccountStack {
  public readonly vault: BackupVault;
  public readonly drVault: BackupVault;
  public readonly centralVault: IBackupVault;
  public readonly plan: BackupPlan;
  public readonly ec2Plan: BackupPlan;
  public readonly framework: BackupAuditFramework;

  constructor(scope: Construct, id: string) {
    super(scope, id, exampleStackProps(PLAN_EXAMPLE.accountId, id));
    const env = { accountId: PLAN_EXAMPLE.accountId, region: EXAMPLE.primaryRegion };
    const drEnv = { accountId: PLAN_EXAMPLE.accountId, region: EXAMPLE.drRegion };
    const dr = this.providerFor(EXAMPLE.drRegion);
    const accessPolicy = { breakGlassRoleArns: [PLAN_EXAMPLE.breakGlassRoleArn, PLAN_EXAMPLE.deployRoleArn] };

    this.vault = new BackupVault(this, "Vault", {
      vaultName: "member-backup",
      env,
      keySharing: { organizationId: EXAMPLE.organizationId },
      accessPolicy,
      lock: { mode: "governance", minRetention: Retention.days(7), maxRetention: Retention.days(400) },
    });
    this.drVault = new BackupVault(this, "DrVault", {
      vaultName: "member-backup-dr",
      env: drEnv,
      keySharing: { organizationId: EXAMPLE.organizationId },
      accessPolicy,
      provider: dr,
    });
    this.centralVault = BackupVault.fromVaultArn(PLAN_EXAMPLE.centralVaultArn, PLAN_EXAMPLE.centralVaultLock);

    this.plan = new BackupPlan(this, "Plan", {
      planName: "member-daily",
      tags: { Purpose: "disaster-recovery" },
      rules: [
        {
          ruleName: "daily",
          targetVault: this.vault,
          schedule: Schedule.daily(3, 0, { timezone: "America/New_York" }),
          startWindow: Duration.minutes(60),
          completionWindow: Duration.hours(8),
          lifecycle: { deleteAfter: Retention.days(35) },
          recoveryPointTags: { Rule: "daily" },
          copyActions: [
            { destination: this.drVault, lifecycle: { deleteAfter: Retention.days(35) } },
            { destination: this.centralVault, lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(120) } },
          ],
        },
      ],
    });
    this.plan.addRule({
      ruleName: "continuous",
      targetVault: this.vault,
      schedule: Schedule.hourly(1),
      continuousBackup: true,
      lifecycle: { deleteAfter: Retention.weeks(2) },
      copyActions: [{ destination: this.drVault, lifecycle: { deleteAfter: Retention.days(7) } }],
    });

    this.ec2Plan = BackupPlan.monthly1YearRetention(this, "Ec2Plan", {
      vault: this.vault,
      planName: "member-ec2-monthly",
      windowsVss: true,
      copyActions: [{ destination: this.centralVault, lifecycle: { coldStorageAfter: Retention.days(90), deleteAfter: Retention.days(365) } }],
    });

    const role = new BackupServiceRole(this, "ServiceRole", { env, roleName: "AWSBackup-member", s3: true });

    new BackupSelection(this, "TaggedResources", {
      selectionName: "tagged",
      plan: this.plan,
      role,
      tags: [
        { key: "Backup", value: "daily" },
        { key: "Backup", value: "critical" },
      ],
    });
    new BackupSelection(this, "ProductionDatabases", {
      selectionName: "production-databases",
      plan: this.plan,
      role,
      resources: ["arn:aws:rds:us-east-1:333333333333:db:*", "arn:aws:dynamodb:us-east-1:333333333333:table/*"],
      notResources: ["arn:aws:rds:us-east-1:333333333333:db:scratch"],
      conditions: {
        stringEquals: [{ key: "aws:ResourceTag/Environment", value: "production" }],
        stringNotLike: [{ key: "aws:ResourceTag/Backup", value: "skip*" }],
      },
    });
    new BackupSelection(this, "WindowsServers", {
      selectionName: "windows-servers",
      plan: this.ec2Plan,
      role,
      resources: ["arn:aws:ec2:us-east-1:333333333333:instance/i-0123456789abcdef0"],
    });

    BackupRegionSettings.allResourceTypes(this, "RegionSettings");
    new BackupRegionSettings(this, "DrRegionSettings", {
      resourceTypeOptIn: { EBS: true, EC2: true, RDS: true, DynamoDB: true, S3: true },
      provider: dr,
    });
    new BackupGlobalSettings(this, "GlobalSettings", { crossAccountBackup: true });

    this.framework = new BackupAuditFramework(this, "AuditFramework", {
      frameworkName: "member_backup_controls",
      description: "Controls derived from the member account's backup plans",
      plans: [this.plan],
      complianceResourceTypes: ["EBS", "EC2", "RDS", "DynamoDB"],
      deletionAllowedRoleArns: [PLAN_EXAMPLE.breakGlassRoleArn],
    });
    for (const template of REPORT_TEMPLATES) {
      const compliance = template.endsWith("COMPLIANCE_REPORT");
      const id = template.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      new BackupReportPlan(this, id, {
        reportPlanName: `member_${template.toLowerCase()}`,
        reportTemplate: template,
        s3BucketName: PLAN_EXAMPLE.reportBucket,
        s3KeyPrefix: "backup-reports",
        frameworks: compliance ? [this.framework] : undefined,
      });
    }

    const restoreTesting = new RestoreTestingPlan(this, "RestoreTesting", {
      planName: "member_weekly_restore_test",
      schedule: Schedule.weekly("SAT", 6, 0, { timezone: "UTC" }),
      startWindow: Duration.hours(24),
      recoveryPointSelection: {
        algorithm: "RANDOM_WITHIN_WINDOW",
        includeVaults: [this.vault],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindow: Duration.days(7),
      },
    });
    new RestoreTestingSelection(this, "RestoreTestingEbs", {
      selectionName: "ebs_volumes",
      plan: restoreTesting,
      protectedResourceType: "EBS",
      role,
      protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "daily" }] },
      validationWindow: Duration.hours(2),
    });
  }
}
