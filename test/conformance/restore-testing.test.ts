/**
 * aws_backup_restore_testing_plan and aws_backup_restore_testing_selection: the configurations of
 * terraform-provider-aws internal/service/backup/restore_testing_plan_test.go and restore_testing_selection_test.go,
 * through RestoreTestingPlan and RestoreTestingSelection. See conformance.ts.
 */
import { Construct } from "constructs";
import { BackupVault as RawBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Duration } from "../../modules/core";
import {
  RecoveryPointSelection,
  RestoreTestingPlan,
  RestoreTestingPlanProps,
  RestoreTestingSelection,
  RestoreTestingSelectionProps,
  Schedule,
} from "../../modules/backup";
import { compared, conformanceStack } from "./conformance";

const NAME = "tf_acc_test_conformance";
const DAILY = "cron(0 12 ? * * *)";

function expectResource(stack: Construct, type: string, expected: Record<string, unknown>): void {
  const { actual, expected: want } = compared(stack, type, expected);
  expect(actual).toEqual(want);
}

function plan(selection: (scope: Construct) => RecoveryPointSelection, overrides: Partial<RestoreTestingPlanProps> = {}) {
  const { stack } = conformanceStack();
  new RestoreTestingPlan(stack, "test", {
    planName: NAME,
    schedule: Schedule.cron(DAILY),
    recoveryPointSelection: selection(stack),
    ...overrides,
  });
  return stack;
}

const continuousFromAll: RecoveryPointSelection = { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["CONTINUOUS"] };
const continuousFromAllJson = { algorithm: "LATEST_WITHIN_WINDOW", include_vaults: ["*"], recovery_point_types: ["CONTINUOUS"] };

/** testAccRestoreTestingPlanConfig_baseVaults: `aws_backup_vault.test`, as an ARN reference. */
function vaultArn(scope: Construct): string {
  const vault = new RawBackupVault(scope, "vault", { name: NAME });
  vault.overrideLogicalId("test");
  return vault.arn;
}

describe("aws_backup_restore_testing_plan conformance (restore_testing_plan_test.go)", () => {
  const basicExpected = { name: NAME, recovery_point_selection: continuousFromAllJson, schedule_expression: DAILY };

  test("TestAccBackupRestoreTestingPlan_basic", () => {
    expectResource(
      plan(() => continuousFromAll),
      "aws_backup_restore_testing_plan",
      basicExpected,
    );
  });

  test("TestAccBackupRestoreTestingPlan_disappears", () => {
    expectResource(
      plan(() => continuousFromAll),
      "aws_backup_restore_testing_plan",
      basicExpected,
    );
  });

  test("TestAccBackupRestoreTestingPlan_tags", () => {
    const steps: Record<string, string>[] = [{ key1: "value1" }, { key1: "value1updated", key2: "value2" }, { key2: "value2" }];
    for (const tags of steps) {
      expectResource(
        plan(() => continuousFromAll, { tags }),
        "aws_backup_restore_testing_plan",
        { ...basicExpected, tags },
      );
    }
  });

  test("TestAccBackupRestoreTestingPlan_includeVaults", () => {
    expectResource(
      plan((scope) => ({ ...continuousFromAll, includeVaults: [vaultArn(scope)] })),
      "aws_backup_restore_testing_plan",
      { ...basicExpected, recovery_point_selection: { ...continuousFromAllJson, include_vaults: ["${aws_backup_vault.test.arn}"] } },
    );
  });

  test("TestAccBackupRestoreTestingPlan_excludeVaults", () => {
    expectResource(
      plan((scope) => ({ ...continuousFromAll, excludeVaults: [vaultArn(scope)] })),
      "aws_backup_restore_testing_plan",
      { ...basicExpected, recovery_point_selection: { ...continuousFromAllJson, exclude_vaults: ["${aws_backup_vault.test.arn}"] } },
    );
  });

  /** testAccRestoreTestingPlanConfig_additionals(selectionWindowDays, scheduleExpression). */
  function additionals(days: number, cron: string): void {
    const stack = plan(() => ({ ...continuousFromAll, recoveryPointTypes: ["CONTINUOUS", "SNAPSHOT"], selectionWindow: Duration.days(days) }), {
      schedule: Schedule.cron(cron),
      startWindow: Duration.hours(168),
    });
    expectResource(stack, "aws_backup_restore_testing_plan", {
      name: NAME,
      recovery_point_selection: { ...continuousFromAllJson, recovery_point_types: ["CONTINUOUS", "SNAPSHOT"], selection_window_days: days },
      schedule_expression: cron,
      start_window_hours: 168,
    });
  }

  test("TestAccBackupRestoreTestingPlan_additionals", () => {
    additionals(365, DAILY);
  });

  test("TestAccBackupRestoreTestingPlan_additionalsWithUpdate", () => {
    additionals(365, "cron(0 1 ? * * *)");
    additionals(1, DAILY);
  });
});

describe("aws_backup_restore_testing_selection conformance (restore_testing_selection_test.go)", () => {
  /** testAccRestoreTestingSelectionConfig_base: the role, the plan `<name>_plan`; the selection is built on them. */
  function selection(props: Partial<RestoreTestingSelectionProps>) {
    const { stack } = conformanceStack();
    const role = new IamRole(stack, "role", { name: NAME, assumeRolePolicy: "{}" });
    role.overrideLogicalId("test");
    const testPlan = new RestoreTestingPlan(stack, "test", {
      planName: `${NAME}_plan`,
      schedule: Schedule.cron(DAILY),
      recoveryPointSelection: continuousFromAll,
    });
    new RestoreTestingSelection(stack, "Selection", { selectionName: NAME, plan: testPlan, protectedResourceType: "EC2", role: role.arn, ...props });
    // The plan is this project's construct too; its logical ID is the harness's business, the reference is what counts.
    planName = `\${aws_backup_restore_testing_plan.${testPlan.resource.friendlyUniqueId}.name}`;
    return stack;
  }
  let planName = "";
  const base = () => ({ name: NAME, restore_testing_plan_name: planName, protected_resource_type: "EC2", iam_role_arn: "${aws_iam_role.test.arn}" });

  test("TestAccBackupRestoreTestingSelection_basic", () => {
    // protected_resource_arns = ["*"] in one version of the test file, an empty protected_resource_conditions block in another
    expectResource(selection({ protectedResourceArns: ["*"] }), "aws_backup_restore_testing_selection", { ...base(), protected_resource_arns: ["*"] });
    expectResource(selection({ protectedResourceConditions: {} }), "aws_backup_restore_testing_selection", { ...base(), protected_resource_conditions: {} });
  });

  test("TestAccBackupRestoreTestingSelection_disappears", () => {
    expectResource(selection({ protectedResourceArns: ["*"] }), "aws_backup_restore_testing_selection", { ...base(), protected_resource_arns: ["*"] });
  });

  test("TestAccBackupRestoreTestingSelection_updates", () => {
    const stack = selection({
      protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/backup", value: "true" }] },
      validationWindow: Duration.hours(10),
      restoreMetadataOverrides: { instanceType: "t2.micro" },
    });
    expectResource(stack, "aws_backup_restore_testing_selection", {
      ...base(),
      protected_resource_conditions: { string_equals: { key: "aws:ResourceTag/backup", value: "true" } },
      validation_window_hours: 10,
      restore_metadata_overrides: { instanceType: "t2.micro" },
    });
  });
});
