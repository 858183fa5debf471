import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

describe("restore testing of the copies", () => {
  const stacks = readStacks(synthRollout(rollout()));

  test("the central account restore-tests the copies in each central vault, with its own restore role", () => {
    // given
    const central = stacks["central-backup"].resource;
    // then
    const plans = Object.values(central.aws_backup_restore_testing_plan) as any[];
    expect(plans.map((p) => [p.provider, p.recovery_point_selection[0].include_vaults])).toEqual([
      ["aws", ["arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup"]],
      ["aws.us_west_2", ["arn:aws:backup:us-west-2:222222222222:backup-vault:org-central-backup"]],
    ]);
    const selections = Object.values(central.aws_backup_restore_testing_selection) as any[];
    expect(new Set(selections.map((s) => s.iam_role_arn))).toEqual(new Set(["${aws_iam_role.RestoreTestingRole.arn}"]));
    expect(central.aws_iam_role_policy_attachment.RestoreTestingRole_Restores.policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    );
  });

  test("a member restore-tests the copies in the vault of the region its plans copy to, through that region's provider", () => {
    // given
    const member = stacks["member-payments"].resource;
    // then
    const plan = member.aws_backup_restore_testing_plan.RestoreTesting_copies_us_west_2;
    expect(plan.provider).toBe("aws.us_west_2");
    expect(plan.recovery_point_selection[0].include_vaults).toEqual(["arn:aws:backup:us-west-2:333333333333:backup-vault:example-org-local"]);
    expect(member.aws_backup_restore_testing_selection.RestoreTesting_copies_us_west_2_EBS).toMatchObject({
      iam_role_arn: "${aws_iam_role.BackupServiceRole.arn}",
      provider: "aws.us_west_2",
      restore_testing_plan_name: "${aws_backup_restore_testing_plan.RestoreTesting_copies_us_west_2.name}",
    });
  });

  test("without restore testing in the config, the central account gets no restore role or plans", () => {
    // given
    const raw = rawRollout();
    delete raw.restoreTesting;
    // when
    const central = readStacks(synthRollout(rollout(raw)))["central-backup"].resource;
    // then
    expect(central.aws_backup_restore_testing_plan).toBeUndefined();
    expect(central.aws_iam_role?.RestoreTestingRole).toBeUndefined();
  });
});
