/**
 * aws_backup_plan: the configurations of terraform-provider-aws internal/service/backup/plan_test.go, through
 * BackupPlan. See conformance.ts for how they are transcribed.
 */
import { TerraformProvider } from "../../modules/core/cdktf";
import { BackupVault as RawBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupLogicallyAirGappedVault as RawAirGappedVault } from "@cdktf/provider-aws/lib/backup-logically-air-gapped-vault";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { Retention } from "../../modules/core";
import { BackupPlan, BackupPlanProps, BackupRuleProps, IBackupVault, Schedule } from "../../modules/backup";
import { ACCOUNT, ALTERNATE_REGION, REGION, compared, conformanceStack } from "./conformance";

const NAME = "tf-testacc-backup-conformance";

/** A vault of the configuration (`aws_backup_vault.<id>`), as the rules see it: its name and ARN are references. */
function vault(scope: Construct, id: string, name: string, provider?: TerraformProvider, region = REGION): IBackupVault {
  const raw = new RawBackupVault(scope, id, { name, provider });
  return { vaultName: raw.name, vaultArn: raw.arn, env: { accountId: ACCOUNT, region, partition: "aws" } };
}

/** The plan of a configuration whose vault is `aws_backup_vault.test` named NAME, with the given rules. */
function planOf(build: (test: IBackupVault, scope: Construct) => Omit<BackupPlanProps, "planName">) {
  const { stack } = conformanceStack();
  const test = vault(stack, "test", NAME);
  new BackupPlan(stack, "Plan", { planName: NAME, ...build(test, stack) });
  return stack;
}

function rule(test: IBackupVault, overrides: Partial<BackupRuleProps> = {}): BackupRuleProps {
  return { ruleName: NAME, targetVault: test, schedule: Schedule.cron("cron(0 12 * * ? *)"), ...overrides };
}

const TARGET = "${aws_backup_vault.test.name}";
const basicRule = { rule_name: NAME, target_vault_name: TARGET, schedule: "cron(0 12 * * ? *)" };

function expectPlan(stack: Construct, expected: Record<string, unknown>): void {
  const { actual, expected: want } = compared(stack, "aws_backup_plan", expected);
  expect(actual).toEqual(want);
}

const basic = () => planOf((test) => ({ rules: [rule(test)] }));

describe("aws_backup_plan conformance (plan_test.go)", () => {
  test("TestAccBackupPlan_basic", () => {
    expectPlan(basic(), { name: NAME, rule: [basicRule] });
  });

  test("TestAccBackupPlan_disappears", () => {
    // the configuration of _basic
    expectPlan(basic(), { name: NAME, rule: [basicRule] });
  });

  test("TestAccBackupPlan_upgradeScheduleExpressionTimezone", () => {
    // the configuration of _basic, applied with provider 5.70.0 and then the current one
    expectPlan(basic(), { name: NAME, rule: [basicRule] });
  });

  test("TestAccBackupPlan_tags", () => {
    expectPlan(
      planOf((test) => ({ rules: [rule(test)], tags: { key1: "value1" } })),
      { name: NAME, rule: [basicRule], tags: { key1: "value1" } },
    );
    expectPlan(
      planOf((test) => ({ rules: [rule(test)], tags: { key1: "value1updated", key2: "value2" } })),
      {
        name: NAME,
        rule: [basicRule],
        tags: { key1: "value1updated", key2: "value2" },
      },
    );
  });

  test("TestAccBackupPlan_withRules", () => {
    const cron = (c: string) => Schedule.cron(c);
    expectPlan(
      planOf((test) => ({
        rules: [rule(test, { ruleName: `${NAME}_1` }), rule(test, { ruleName: `${NAME}_2`, schedule: cron("cron(0 6 * * ? *)") })],
      })),
      {
        name: NAME,
        rule: [
          { ...basicRule, rule_name: `${NAME}_1` },
          { ...basicRule, rule_name: `${NAME}_2`, schedule: "cron(0 6 * * ? *)" },
        ],
      },
    );
    expectPlan(
      planOf((test) => ({
        rules: [
          rule(test, { ruleName: `${NAME}_1`, schedule: cron("cron(0 6 * * ? *)") }),
          rule(test, { ruleName: `${NAME}_2` }),
          rule(test, { ruleName: `${NAME}_3`, schedule: cron("cron(0 18 * * ? *)") }),
        ],
      })),
      {
        name: NAME,
        rule: [
          { ...basicRule, rule_name: `${NAME}_1`, schedule: "cron(0 6 * * ? *)" },
          { ...basicRule, rule_name: `${NAME}_2` },
          { ...basicRule, rule_name: `${NAME}_3`, schedule: "cron(0 18 * * ? *)" },
        ],
      },
    );
  });

  test("TestAccBackupPlan_withLifecycle", () => {
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { lifecycle: { coldStorageAfter: Retention.days(7) } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, lifecycle: { cold_storage_after: 7 } }],
      },
    );
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { lifecycle: { deleteAfter: Retention.days(120) } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, lifecycle: { delete_after: 120 } }],
      },
    );
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, lifecycle: { cold_storage_after: 30, delete_after: 180 } }],
      },
    );
    expectPlan(
      planOf((test) => ({
        rules: [
          rule(test, {
            schedule: Schedule.cron("cron(0 10 ? * 6L *)"),
            lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180), optInToArchiveForSupportedResources: true },
          }),
        ],
      })),
      {
        name: NAME,
        rule: [
          {
            ...basicRule,
            schedule: "cron(0 10 ? * 6L *)",
            lifecycle: { cold_storage_after: 30, delete_after: 180, opt_in_to_archive_for_supported_resources: true },
          },
        ],
      },
    );
  });

  test("TestAccBackupPlan_withRecoveryPointTags", () => {
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { recoveryPointTags: { Name: NAME, Key1: "Value1", Key2: "Value2a" } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, recovery_point_tags: { Name: NAME, Key1: "Value1", Key2: "Value2a" } }],
      },
    );
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { recoveryPointTags: { Name: NAME, Key2: "Value2b", Key3: "Value3" } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, recovery_point_tags: { Name: NAME, Key2: "Value2b", Key3: "Value3" } }],
      },
    );
  });

  /** testAccPlanConfig_ruleCopyAction: vaults `<name>-1` and `<name>-2`, a copy into the second kept coldStorage/delete days. */
  function copyActionPlan(cold: number, del: number) {
    const { stack } = conformanceStack();
    const test = vault(stack, "test", `${NAME}-1`);
    const test2 = vault(stack, "test2", `${NAME}-2`);
    new BackupPlan(stack, "Plan", {
      planName: NAME,
      rules: [
        rule(test, {
          lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) },
          copyActions: [{ destination: test2.vaultArn, lifecycle: { coldStorageAfter: Retention.days(cold), deleteAfter: Retention.days(del) } }],
        }),
      ],
    });
    return stack;
  }

  const copyRule = (cold: number, del: number, arn = "${aws_backup_vault.test2.arn}") => ({
    ...basicRule,
    lifecycle: { cold_storage_after: 30, delete_after: 180 },
    copy_action: [{ lifecycle: { cold_storage_after: cold, delete_after: del }, destination_vault_arn: arn }],
  });

  test("TestAccBackupPlan_RuleCopyAction_sameRegion", () => {
    expectPlan(copyActionPlan(30, 180), { name: NAME, rule: [copyRule(30, 180)] });
    expectPlan(copyActionPlan(60, 365), { name: NAME, rule: [copyRule(60, 365)] });
  });

  test("TestAccBackupPlan_RuleCopyAction_noLifecycle", () => {
    const { stack } = conformanceStack();
    const test = vault(stack, "test", `${NAME}-1`);
    const test2 = vault(stack, "test2", `${NAME}-2`);
    new BackupPlan(stack, "Plan", { planName: NAME, rules: [rule(test, { copyActions: [{ destination: test2.vaultArn }] })] });
    expectPlan(stack, { name: NAME, rule: [{ ...basicRule, copy_action: [{ destination_vault_arn: "${aws_backup_vault.test2.arn}" }] }] });
  });

  test("TestAccBackupPlan_RuleCopyAction_multiple", () => {
    const { stack } = conformanceStack();
    const test = vault(stack, "test", `${NAME}-1`);
    const test2 = vault(stack, "test2", `${NAME}-2`);
    const test3 = vault(stack, "test3", `${NAME}-3`);
    new BackupPlan(stack, "Plan", {
      planName: NAME,
      rules: [
        rule(test, {
          lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) },
          copyActions: [
            { destination: test2, lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) } },
            { destination: test3, lifecycle: { coldStorageAfter: Retention.days(60), deleteAfter: Retention.days(365) } },
          ],
        }),
      ],
    });
    expectPlan(stack, {
      name: NAME,
      rule: [
        {
          ...basicRule,
          lifecycle: { cold_storage_after: 30, delete_after: 180 },
          copy_action: [
            { lifecycle: { cold_storage_after: 30, delete_after: 180 }, destination_vault_arn: "${aws_backup_vault.test2.arn}" },
            { lifecycle: { cold_storage_after: 60, delete_after: 365 }, destination_vault_arn: "${aws_backup_vault.test3.arn}" },
          ],
        },
      ],
    });
  });

  test("TestAccBackupPlan_RuleCopyAction_crossRegion", () => {
    const { stack, alternate } = conformanceStack();
    const test = vault(stack, "test", `${NAME}-1`);
    const test2 = vault(stack, "test2", `${NAME}-2`, alternate, ALTERNATE_REGION);
    new BackupPlan(stack, "Plan", {
      planName: NAME,
      rules: [
        rule(test, {
          lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) },
          copyActions: [{ destination: test2, lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) } }],
        }),
      ],
    });
    expectPlan(stack, { name: NAME, rule: [copyRule(30, 180)] });
  });

  test("TestAccBackupPlan_advancedBackupSetting", () => {
    for (const WindowsVSS of ["enabled", "disabled"]) {
      const stack = planOf((test) => ({
        rules: [rule(test, { lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(180) } })],
        advancedBackupSettings: [{ resourceType: "EC2", backupOptions: { WindowsVSS } }],
      }));
      expectPlan(stack, {
        name: NAME,
        rule: [{ ...basicRule, lifecycle: { cold_storage_after: 30, delete_after: 180 } }],
        advanced_backup_setting: [{ backup_options: { WindowsVSS }, resource_type: "EC2" }],
      });
    }
  });

  test("TestAccBackupPlan_enableContinuousBackup", () => {
    expectPlan(
      planOf((test) => ({ rules: [rule(test, { continuousBackup: true, lifecycle: { deleteAfter: Retention.days(35) } })] })),
      {
        name: NAME,
        rule: [{ ...basicRule, enable_continuous_backup: true, lifecycle: { delete_after: 35 } }],
      },
    );
  });

  test("TestAccBackupPlan_scheduleExpressionTimezone", () => {
    for (const timezone of ["Pacific/Tahiti", "Africa/Abidjan"]) {
      expectPlan(
        planOf((test) => ({ rules: [rule(test, { schedule: Schedule.cron("cron(0 12 * * ? *)", { timezone }) })] })),
        {
          name: NAME,
          rule: [{ ...basicRule, schedule_expression_timezone: timezone }],
        },
      );
    }
  });

  test("TestAccBackupPlan_targetLogicallyAirGappedVaultARN", () => {
    const { stack } = conformanceStack();
    const test = vault(stack, "test", NAME);
    const lav = new RawAirGappedVault(stack, "lav", { name: `${NAME}-lav`, maxRetentionDays: 10, minRetentionDays: 7 });
    new BackupPlan(stack, "Plan", {
      planName: NAME,
      rules: [rule(test, { targetLogicallyAirGappedVault: lav.arn, lifecycle: { deleteAfter: Retention.days(10) } })],
    });
    expectPlan(stack, {
      name: NAME,
      rule: [
        { ...basicRule, target_logically_air_gapped_backup_vault_arn: "${aws_backup_logically_air_gapped_vault.lav.arn}", lifecycle: { delete_after: 10 } },
      ],
    });
  });

  test("TestAccBackupPlan_malwareScan", () => {
    for (const [scanMode, resourceTypes] of [
      ["FULL_SCAN", ["EBS", "EC2", "S3"]],
      ["INCREMENTAL_SCAN", ["ALL"]],
    ] as const) {
      const stack = planOf((test, scope) => {
        const role = new IamRole(scope, "role", { name: NAME, assumeRolePolicy: "{}" });
        return {
          rules: [rule(test, { scanActions: [{ malwareScanner: "GUARDDUTY", scanMode }] })],
          scanSettings: [{ malwareScanner: "GUARDDUTY", resourceTypes, scannerRole: role.arn }],
        };
      });
      expectPlan(stack, {
        name: NAME,
        rule: [{ ...basicRule, scan_action: [{ malware_scanner: "GUARDDUTY", scan_mode: scanMode }] }],
        scan_setting: [{ malware_scanner: "GUARDDUTY", resource_types: [...resourceTypes], scanner_role_arn: "${aws_iam_role.role.arn}" }],
      });
    }
  });
});
