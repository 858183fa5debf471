import { checkSynthOutput, explain } from "../../cli/harness/terraform-harness";
import { BackupPlanExampleStack, PLAN_EXAMPLE } from "../../examples/backup-plans";
import { synthToTemp } from "../helpers";

describe("backup plan example with real terraform", () => {
  test("validate passes and an offline plan creates the plans, copies, selections, audit and restore testing", async () => {
    // given
    const out = synthToTemp((app) => {
      new BackupPlanExampleStack(app, "example-backup-plans");
    });
    // when
    const [result] = await checkSynthOutput(out, { stacks: ["example-backup-plans"] });
    // then
    expect(result.ok ? "" : explain(result)).toBe("");
    expect(result.sixOnly).toEqual([]);
    expect(result.planned).toBe(true);
    const planned = result.plan!.planned_values.root_module.resources!;
    const byAddress = Object.fromEntries(planned.map((r) => [r.address, r.values]));

    const plan = byAddress["aws_backup_plan.Plan"];
    const daily = (plan.rule as any[]).find((r) => r.rule_name === "daily");
    const central = (daily.copy_action as any[]).find((c) => c.destination_vault_arn === PLAN_EXAMPLE.centralVaultArn);
    expect(central.lifecycle).toEqual([{ cold_storage_after: 30, delete_after: 120 }]);
    const dr = (daily.copy_action as any[]).find((c) => c.destination_vault_arn === "arn:aws:backup:us-west-2:333333333333:backup-vault:member-backup-dr");
    expect(dr.lifecycle[0].delete_after).toBe(35);
    expect(daily.schedule_expression_timezone).toBe("America/New_York");
    const continuous = (plan.rule as any[]).find((r) => r.rule_name === "continuous");
    expect(continuous.enable_continuous_backup).toBe(true);

    expect(byAddress["aws_backup_plan.Ec2Plan"].advanced_backup_setting).toEqual([{ resource_type: "EC2", backup_options: { WindowsVSS: "enabled" } }]);
    expect(byAddress["aws_iam_role_policy_attachment.ServiceRole_Backup"].policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    );
    const controls = (byAddress["aws_backup_framework.AuditFramework"].control as any[]).map((c) => c.name).sort();
    expect(controls).toContain("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT");
    expect(byAddress["aws_backup_restore_testing_selection.RestoreTestingEbs"].protected_resource_type).toBe("EBS");
    expect(byAddress["aws_backup_global_settings.GlobalSettings"].global_settings).toEqual({
      isCrossAccountBackupEnabled: "true",
      isMpaEnabled: "false",
      isDelegatedAdministratorEnabled: "false",
    });
  });
});
