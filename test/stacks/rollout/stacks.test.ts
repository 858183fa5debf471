import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

describe("rollout stacks", () => {
  const out = synthRollout(rollout());
  const stacks = readStacks(out);

  test("one stack per account", () => {
    expect(Object.keys(stacks)).toEqual(["central-backup", "management", "member-analytics", "member-payments"]);
  });

  test("every provider pins its stack's account and assumes its deploy role", () => {
    const expected: Record<string, string> = {
      management: "111111111111",
      "central-backup": "222222222222",
      "member-payments": "333333333333",
      "member-analytics": "444444444444",
    };
    for (const [name, json] of Object.entries(stacks)) {
      for (const p of json.provider.aws) {
        expect(p.allowed_account_ids).toEqual([expected[name]]);
        expect(p.assume_role[0].role_arn).toBe(`arn:aws:iam::${expected[name]}:role/BackupDrDeploy`);
      }
    }
  });

  test("every backend is encrypted, locked and keyed by stack", () => {
    const keys = Object.entries(stacks).map(([name, json]) => {
      expect(json.terraform.backend.s3).toMatchObject({ encrypt: true, use_lockfile: true, bucket: "example-org-terraform-state" });
      expect(json.terraform.backend.s3.key).toBe(`backup-dr/${name}.tfstate`);
      return json.terraform.backend.s3.key;
    });
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("members read the central stack through a named remote-state data source, never implicit cross-stack outputs", () => {
    const member = stacks["member-payments"];
    expect(member.data.terraform_remote_state.central_backup_state.config).toMatchObject({
      key: "backup-dr/central-backup.tfstate",
      bucket: "example-org-terraform-state",
    });
    const text = JSON.stringify(stacks);
    expect(text).not.toContain("cross-stack-output");
    expect(text).not.toContain("cross-stack-reference");
    const plan = member.resource.aws_backup_plan.standard_us_east_1_Plan;
    const copies = plan.rule.find((r: any) => r.rule_name === "scheduled").copy_action;
    expect(copies[0].destination_vault_arn).toBe("${data.terraform_remote_state.central_backup_state.outputs.central_vault_arn_us_east_1}");
  });

  test("the central stack publishes the contract outputs", () => {
    expect(Object.keys(stacks["central-backup"].output).sort()).toEqual([
      "central_account_id",
      "central_key_arn_us_east_1",
      "central_key_arn_us_west_2",
      "central_vault_arn_us_east_1",
      "central_vault_arn_us_west_2",
    ]);
    expect(stacks["central-backup"].output.central_vault_arn_us_west_2.value).toBe("arn:aws:backup:us-west-2:222222222222:backup-vault:org-central-backup");
  });

  test("member keys are shared with the central account so its copies can be decrypted", () => {
    const key = stacks["member-payments"].resource.aws_kms_key.Vault_us_east_1_Key;
    const policy = JSON.parse(key.policy);
    expect(policy.Statement.find((s: any) => s.Sid === "AccountsUseKeyForCopies").Principal).toEqual({ AWS: ["arn:aws:iam::222222222222:root"] });
  });

  test("the management stack turns on cross-account backup, delegates administration and attaches the org backup policies", () => {
    const m = stacks.management.resource;
    expect(Object.values(m.aws_backup_global_settings)[0]).toMatchObject({ global_settings: { isCrossAccountBackupEnabled: "true" } });
    expect(Object.values(m.aws_organizations_delegated_administrator)[0]).toMatchObject({
      account_id: "222222222222",
      service_principal: "backup.amazonaws.com",
    });
    const policies = Object.values(m.aws_organizations_policy) as any[];
    expect(policies.map((p) => p.name).sort()).toEqual(["example-org-compliance-us-east-1", "example-org-compliance-us-west-2"]);
    const doc = JSON.parse(policies[0].content);
    const region = policies[0].name.endsWith("us-east-1") ? "us-east-1" : "us-west-2";
    // the plan key is per region: policies attached to one account merge by plan key
    expect(Object.keys(doc.plans)).toEqual([`example-org-compliance-${region}`]);
    const plan = doc.plans[`example-org-compliance-${region}`];
    expect(plan.regions).toEqual({ "@@assign": [region] });
    expect(plan.selections.tags.backup.iam_role_arn).toEqual({ "@@assign": "arn:aws:iam::$account:role/service-role/AWSBackup-example-org" });
    expect(Object.keys(m.aws_organizations_policy_attachment)).toHaveLength(4);
  });

  test("stacks deploy in order: management, central, members", () => {
    const manifest = require(`${out}/manifest.json`);
    expect(manifest.stacks["central-backup"].dependencies).toEqual(["management"]);
    expect(manifest.stacks["member-payments"].dependencies).toEqual(["central-backup"]);
  });

  test("a different config yields different stack names and keys", () => {
    const raw = rawRollout("reference");
    const names = Object.keys(readStacks(synthRollout(rollout(raw))));
    expect(names).toEqual(["backup-vault-account", "management", "member-batch", "member-data", "member-web"]);
  });
});

describe("a GovCloud rollout", () => {
  const stacks = readStacks(synthRollout(rollout(rawRollout("govcloud"))));

  test("every ARN in every stack is in partition aws-us-gov", () => {
    // given
    const text = JSON.stringify(stacks);
    // when
    const arns = text.match(/arn:[a-z0-9-]*:[^"\\\s]*/g) ?? [];
    // then
    expect(arns.length).toBeGreaterThan(20);
    expect(arns.filter((a) => !a.startsWith("arn:aws-us-gov:"))).toEqual([]);
  });

  test("member plans and the Organizations policy write the continuous rule with one schedule", () => {
    // given
    const memberPlan = stacks["member-mission"].resource.aws_backup_plan.mission_us_gov_west_1_Plan;
    const policy = (Object.values(stacks.management.resource.aws_organizations_policy) as any[]).find((p) => p.name === "gov-org-records-us-gov-west-1");
    // when
    const inMember = memberPlan.rule.find((r: any) => r.rule_name === "continuous").schedule;
    const inPolicy = JSON.parse(policy.content).plans["gov-org-records-us-gov-west-1"].rules.continuous.schedule_expression["@@assign"];
    // then
    expect(inMember).toBe("cron(0 * * * ? *)");
    expect(inPolicy).toBe(inMember);
  });
});
