import { BackupServiceRole, BackupVault } from "../../../modules/backup";
import { DlmServiceRoles } from "../../../modules/dlm";
import { ProtectionProfile, intentForObjectives } from "../../../modules/profiles";
import { objectiveMinutes, recoveryMechanismsFor, RECOVERY_TIMES_AS_OF, RECOVERY_TIME_SOURCES } from "../../../modules/core/rules/recovery-times";
import { resources, testStack } from "../../helpers";

const env = { accountId: "111111111111", region: "us-east-1" };

describe("mechanisms picked from objectives", () => {
  test("a daily RPO and no RTO gets daily AWS Backup kept 35 days, and no AMIs", () => {
    expect(intentForObjectives({ rpo: "1d" })).toEqual({
      backup: { schedule: "cron(0 5 ? * * *)", startWindowMinutes: 60, completionWindowMinutes: 1440, retentionDays: 35 },
    });
  });

  test("EC2 with an RTO in minutes also gets AMIs, copied with the backups to the DR region for region loss", () => {
    const intent = intentForObjectives({ rpo: "12h", rto: "15m", resourceTypes: ["EC2"], survives: ["region-loss"], minRetentionDays: 14 }, "us-west-2");
    expect(intent.backup).toMatchObject({ schedule: "cron(0 */12 ? * * *)", retentionDays: 14, copyToRegion: { region: "us-west-2", retentionDays: 14 } });
    expect(intent.amis).toEqual({
      create: { everyHours: 12, at: "03:00" },
      retainCount: 28,
      noReboot: true,
      crossRegionCopy: { region: "us-west-2", retainDays: 14 },
    });
  });

  test("an RPO under an hour adds continuous backup; account compromise and ransomware add the central copy", () => {
    const intent = intentForObjectives({ rpo: "15m", survives: ["ransomware"] });
    expect(intent.backup).toMatchObject({ schedule: "cron(0 * ? * * *)", continuousBackup: { retentionDays: 35 }, copyToCentral: { retentionDays: 35 } });
  });

  test("ProtectionProfile.fromObjectives builds the picked plan and AMI policy, and keeps the objectives", () => {
    // given a stack with a vault, roles and a central vault
    const stack = testStack();
    const vault = new BackupVault(stack, "East", { vaultName: "local", env, accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/bg"] } });
    const central = BackupVault.fromVaultArn("arn:aws:backup:us-east-1:222222222222:backup-vault:central", {
      minDays: 7,
      maxDays: 100,
      source: "central lock",
    });
    const objectives = { rpo: "4h", rto: "15m", resourceTypes: ["EC2"] as const, survives: ["account-compromise"] as const, minRetentionDays: 30 };
    // when a profile is given only objectives
    const profile = ProtectionProfile.fromObjectives(stack, "Web", {
      name: "web",
      tag: { key: "tier", value: "web" },
      region: "us-east-1",
      objectives,
      backupVault: vault,
      backupRole: new BackupServiceRole(stack, "BackupRole", { env }),
      centralVault: central,
      dlmRoles: new DlmServiceRoles(stack, "DlmRoles", { env }),
    });
    // then it backs up every 4 hours with a central copy, takes AMIs as often, and records its objectives
    const rule = resources(stack, "aws_backup_plan").Web_Plan.rule[0];
    expect(rule.schedule).toBe("cron(0 */4 ? * * *)");
    expect(rule.copy_action.map((c: any) => c.destination_vault_arn)).toEqual(["arn:aws:backup:us-east-1:222222222222:backup-vault:central"]);
    expect(resources(stack, "aws_dlm_lifecycle_policy").Web_Amis.policy_details.schedule[0].create_rule).toMatchObject({ interval: 4, times: ["03:00"] });
    expect(profile.objectives).toBe(objectives);
  });
});

describe("recovery-time table", () => {
  test("is dated and names its sources", () => {
    expect(RECOVERY_TIMES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(RECOVERY_TIME_SOURCES.every((s) => s.url.startsWith("https://docs.aws.amazon.com/"))).toBe(true);
  });

  test("EC2 comes back fastest by launching from an AMI; RDS only by a restore job", () => {
    expect(recoveryMechanismsFor("EC2")[0]).toEqual({ mechanism: "ami-launch", minutes: 15 });
    expect(recoveryMechanismsFor("RDS")).toEqual([{ mechanism: "restore-job", minutes: 240 }]);
  });

  test("objective durations read minutes, hours and days, and refuse anything else", () => {
    expect([objectiveMinutes("30m"), objectiveMinutes("4h"), objectiveMinutes("2d")]).toEqual([30, 240, 2880]);
    expect(objectiveMinutes("4 hours")).toBeUndefined();
  });
});
