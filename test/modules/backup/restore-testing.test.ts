import { Duration } from "../../../modules/core";
import { RestoreTestingPlan, RestoreTestingPlanProps, RestoreTestingSelection, RestoreTestingSelectionProps, Schedule } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";
import { ROLE_ARN, primary } from "./fixtures";

const base: RestoreTestingPlanProps = {
  planName: "weekly_restore_test",
  schedule: Schedule.weekly("SAT", 6),
  recoveryPointSelection: { includeVaults: [primary] },
};

function planError(props: Partial<RestoreTestingPlanProps>): string {
  return errorOf(() => new RestoreTestingPlan(testStack(), "Test", { ...base, ...props }));
}

function selectionError(props: Partial<RestoreTestingSelectionProps>): string {
  const stack = testStack();
  const plan = new RestoreTestingPlan(stack, "Test", base);
  return errorOf(
    () =>
      new RestoreTestingSelection(stack, "Ebs", {
        selectionName: "ebs",
        plan,
        protectedResourceType: "EBS",
        role: ROLE_ARN,
        protectedResourceArns: ["*"],
        ...props,
      }),
  );
}

describe("RestoreTestingPlan", () => {
  test("writes schedule, start window and recovery point selection", () => {
    // given
    const stack = testStack();
    // when
    new RestoreTestingPlan(stack, "Test", {
      ...base,
      schedule: Schedule.weekly("SAT", 6, 0, { timezone: "Europe/Berlin" }),
      startWindow: Duration.hours(12),
      recoveryPointSelection: {
        algorithm: "RANDOM_WITHIN_WINDOW",
        includeVaults: [primary, "arn:aws:backup:us-east-1:111111111111:backup-vault:other"],
        recoveryPointTypes: ["SNAPSHOT", "CONTINUOUS"],
        selectionWindow: Duration.days(14),
      },
    });
    // then
    const p = resources(stack, "aws_backup_restore_testing_plan").Test;
    expect(p.name).toBe("weekly_restore_test");
    expect(p.schedule_expression).toBe("cron(0 6 ? * SAT *)");
    expect(p.schedule_expression_timezone).toBe("Europe/Berlin");
    expect(p.start_window_hours).toBe(12);
    expect(p.recovery_point_selection).toEqual([
      {
        algorithm: "RANDOM_WITHIN_WINDOW",
        include_vaults: [primary.vaultArn, "arn:aws:backup:us-east-1:111111111111:backup-vault:other"],
        recovery_point_types: ["SNAPSHOT", "CONTINUOUS"],
        selection_window_days: 14,
      },
    ]);
  });

  test("defaults to the latest snapshot", () => {
    const stack = testStack();
    new RestoreTestingPlan(stack, "Test", base);
    expect(resources(stack, "aws_backup_restore_testing_plan").Test.recovery_point_selection[0]).toMatchObject({
      algorithm: "LATEST_WITHIN_WINDOW",
      recovery_point_types: ["SNAPSHOT"],
    });
  });

  test("weeklyLatest tests the last week's latest snapshot every Sunday", () => {
    const stack = testStack();
    RestoreTestingPlan.weeklyLatest(stack, "Test", { planName: "weekly", vaults: ["*"] });
    const p = resources(stack, "aws_backup_restore_testing_plan").Test;
    expect(p.schedule_expression).toBe("cron(0 6 ? * SUN *)");
    expect(p.recovery_point_selection[0]).toMatchObject({ include_vaults: ["*"], selection_window_days: 7 });
  });

  test("refuses a name with a hyphen", () => {
    const msg = planError({ planName: "weekly-test" });
    expect(msg).toContain('planName = "weekly-test"');
    expect(msg).toContain("AWS rejects restore testing plan names other than 1-50 letters, digits and underscores");
  });

  test("refuses a selection window of 366 days", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: [primary], selectionWindow: Duration.days(366) } });
    expect(msg).toContain('recoveryPointSelection.selectionWindow = "366 days"');
    expect(msg).toContain("AWS rejects selection windows outside 1 to 365 days");
  });

  test("refuses a selection window of 0 days", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: [primary], selectionWindow: Duration.days(0) } });
    expect(msg).toContain('recoveryPointSelection.selectionWindow = "0 days"');
  });

  test("refuses a start window over a week", () => {
    const msg = planError({ startWindow: Duration.hours(169) });
    expect(msg).toContain('startWindow = "169 hours"');
    expect(msg).toContain("AWS rejects start windows outside 1 to 168 hours");
  });

  test("refuses an unknown algorithm", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: [primary], algorithm: "OLDEST" as never } });
    expect(msg).toContain('recoveryPointSelection.algorithm = "OLDEST"');
    expect(msg).toContain("AWS rejects algorithms other than LATEST_WITHIN_WINDOW, RANDOM_WITHIN_WINDOW");
  });

  test("refuses an unknown recovery point type", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: [primary], recoveryPointTypes: ["AMI" as never] } });
    expect(msg).toContain('recoveryPointSelection.recoveryPointTypes[0] = "AMI"');
    expect(msg).toContain("AWS rejects recovery point types other than CONTINUOUS, SNAPSHOT");
  });

  test("refuses a selection without vaults", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: [] } });
    expect(msg).toContain("recoveryPointSelection.includeVaults = []");
    expect(msg).toContain('AWS rejects a recovery point selection without vaults: name at least one, or ["*"] for every vault');
  });

  test("refuses an include vault that is not a vault ARN", () => {
    const msg = planError({ recoveryPointSelection: { includeVaults: ["primary"] } });
    expect(msg).toContain('recoveryPointSelection.includeVaults[0] = "primary"');
    expect(msg).toContain("AWS rejects anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account>:backup-vault:<name> here");
  });
});

describe("RestoreTestingSelection", () => {
  test("tests EBS volumes with matching tags as the backup service role", () => {
    // given
    const stack = testStack();
    const plan = new RestoreTestingPlan(stack, "Test", base);
    // when
    new RestoreTestingSelection(stack, "Ebs", {
      selectionName: "ebs_volumes",
      plan,
      protectedResourceType: "EBS",
      role: ROLE_ARN,
      protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "daily" }] },
      validationWindow: Duration.hours(4),
      restoreMetadataOverrides: { availabilityZone: "us-east-1a" },
    });
    // then
    const s = resources(stack, "aws_backup_restore_testing_selection").Ebs;
    expect(s).toEqual({
      name: "ebs_volumes",
      restore_testing_plan_name: "${aws_backup_restore_testing_plan.Test.name}",
      protected_resource_type: "EBS",
      iam_role_arn: ROLE_ARN,
      protected_resource_conditions: [{ string_equals: [{ key: "aws:ResourceTag/Backup", value: "daily" }] }],
      validation_window_hours: 4,
      restore_metadata_overrides: { availabilityZone: "us-east-1a" },
    });
  });

  test("tests specific resources by ARN", () => {
    const stack = testStack();
    const plan = new RestoreTestingPlan(stack, "Test", base);
    const arn = "arn:aws:rds:us-east-1:111111111111:db:orders";
    new RestoreTestingSelection(stack, "Rds", { selectionName: "orders", plan, protectedResourceType: "RDS", role: ROLE_ARN, protectedResourceArns: [arn] });
    expect(resources(stack, "aws_backup_restore_testing_selection").Rds.protected_resource_arns).toEqual([arn]);
  });

  test("refuses a resource type restore testing does not support", () => {
    const msg = selectionError({ protectedResourceType: "Redshift" as never });
    expect(msg).toContain('protectedResourceType = "Redshift"');
    expect(msg).toContain("AWS rejects resource types other than Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3");
  });

  test("refuses a validation window over 168 hours", () => {
    const msg = selectionError({ validationWindow: Duration.hours(169) });
    expect(msg).toContain('validationWindow = "169 hours"');
    expect(msg).toContain("AWS rejects validation windows outside 1 to 168 hours");
  });

  test("refuses a validation window of 0 hours, which AWS rejects", () => {
    const msg = selectionError({ validationWindow: Duration.hours(0) });
    expect(msg).toContain('validationWindow = "0 hours"');
    expect(msg).toContain("AWS rejects validation windows outside 1 to 168 hours");
  });

  test("takes an empty conditions block as a selection of every protected resource of the type", () => {
    // given a selection without ARNs whose conditions are empty
    const stack = testStack();
    const plan = new RestoreTestingPlan(stack, "Plan", {
      planName: "weekly",
      schedule: Schedule.weekly("SUN", 6),
      recoveryPointSelection: { includeVaults: ["*"] },
    });
    // when it is created
    new RestoreTestingSelection(stack, "Ec2", { selectionName: "ec2", plan, protectedResourceType: "EC2", role: ROLE_ARN, protectedResourceConditions: {} });
    // then it emits the empty conditions block
    expect(resources(stack, "aws_backup_restore_testing_selection").Ec2.protected_resource_conditions).toEqual([{}]);
  });

  test("refuses ARNs together with conditions, which the provider rejects", () => {
    const msg = selectionError({ protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "daily" }] } });
    expect(msg).toContain('protectedResourceArns = ["*"]');
    expect(msg).toContain("the AWS provider rejects protectedResourceArns together with protectedResourceConditions: it accepts exactly one");
  });

  test("refuses a selection with neither ARNs nor conditions", () => {
    const msg = selectionError({ protectedResourceArns: undefined });
    expect(msg).toContain("protectedResourceArns = (not set)");
    expect(msg).toContain("the AWS provider rejects a selection with neither protectedResourceArns nor protectedResourceConditions");
  });

  test("refuses more than 30 ARNs", () => {
    const arns = Array.from({ length: 31 }, (_, i) => `arn:aws:rds:us-east-1:111111111111:db:db${i}`);
    const msg = selectionError({ protectedResourceArns: arns });
    expect(msg).toContain("protectedResourceArns = 31");
    expect(msg).toContain("AWS rejects more than 30 specific resource ARNs per selection");
  });

  test("refuses a name with a hyphen", () => {
    const msg = selectionError({ selectionName: "ebs-volumes" });
    expect(msg).toContain('selectionName = "ebs-volumes"');
    expect(msg).toContain("AWS rejects selection names other than 1-50 letters, digits and underscores");
  });

  test("refuses a condition key without aws:ResourceTag/", () => {
    const msg = selectionError({ protectedResourceArns: undefined, protectedResourceConditions: { stringNotEquals: [{ key: "Env", value: "dev" }] } });
    expect(msg).toContain('protectedResourceConditions.stringNotEquals[0].key = "Env"');
    expect(msg).toContain("AWS rejects condition keys other than aws:ResourceTag/<tag key>");
  });
});
