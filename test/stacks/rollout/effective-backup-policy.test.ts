import { effectivePolicy, PolicyLevel } from "../../effective-policy";
import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

/** The backup policy documents of a management stack attached to a target, in the order they appear. */
function attachedTo(management: any, target: string): PolicyLevel {
  const policies = management.resource.aws_organizations_policy ?? {};
  const attachments = Object.values(management.resource.aws_organizations_policy_attachment ?? {}) as any[];
  const documents = attachments
    .filter((a) => a.target_id === target)
    .map((a) => {
      const id = /^\$\{aws_organizations_policy\.(.+)\.id\}$/.exec(a.policy_id)![1];
      return JSON.parse(policies[id].content);
    });
  return { target, documents };
}

/** Every plan of an effective policy with its regions and the copy destinations of each rule. */
function planSummary(effective: any): Record<string, { regions: string[]; copies: string[] }> {
  return Object.fromEntries(
    Object.entries(effective.plans ?? {}).map(([key, plan]: [string, any]) => [
      key,
      {
        regions: plan.regions,
        copies: Object.values(plan.rules).flatMap((r: any) => Object.values(r.copy_actions ?? {}).map((c: any) => c.target_backup_vault_arn)),
      },
    ]),
  );
}

describe("effective backup policy of an account with several attached policies", () => {
  const stacks = readStacks(synthRollout(rollout(rawRollout())));
  const management = stacks.management;

  test("each plan keeps its own region and copy action after the per-region policies merge", () => {
    // given: payments receives the compliance policy of us-east-1 and that of us-west-2
    const account = attachedTo(management, "333333333333");
    expect(account.documents).toHaveLength(2);
    // when
    const effective = effectivePolicy([{ target: "r-ab12", documents: [] }, account]);
    // then
    expect(planSummary(effective)).toEqual({
      "example-org-compliance-us-east-1": {
        regions: ["us-east-1"],
        copies: ["arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup"],
      },
      "example-org-compliance-us-west-2": {
        regions: ["us-west-2"],
        copies: ["arn:aws:backup:us-west-2:222222222222:backup-vault:org-central-backup"],
      },
    });
  });

  test("the merge keeps rules, selections and the role of each plan", () => {
    // given
    const account = attachedTo(management, "444444444444");
    // when
    const effective: any = effectivePolicy([account]);
    // then
    for (const region of ["us-east-1", "us-west-2"]) {
      const plan = effective.plans[`example-org-compliance-${region}`];
      expect(Object.keys(plan.rules)).toEqual(["scheduled"]);
      expect(plan.rules.scheduled.target_backup_vault_name).toBe("example-org-local");
      const selection: any = Object.values(plan.selections.tags)[0];
      expect(selection.iam_role_arn).toMatch(/^arn:aws:iam::\$account:role\//);
    }
  });

  test("the computation sees the overwrite that plans sharing a key would cause", () => {
    // given: the two documents with their plans under one key, as before keys were made per region
    const account = attachedTo(management, "333333333333");
    const sameKey = account.documents.map((d: any) => ({ plans: { shared: Object.values(d.plans)[0] as any } }));
    // when
    const effective = effectivePolicy([{ target: account.target, documents: sameKey }]);
    // then: one plan, in the last policy's region only, copying to both regions' central vaults (copy actions are keyed
    // by ARN, so they merge): us-east-1 is not backed up and us-west-2 gets a cross-region copy nobody asked for
    expect(planSummary(effective)).toEqual({
      shared: {
        regions: ["us-west-2"],
        copies: [
          "arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup",
          "arn:aws:backup:us-west-2:222222222222:backup-vault:org-central-backup",
        ],
      },
    });
  });

  test("@@append and @@remove at the same level add to and take from an inherited list", () => {
    // given
    const root = { target: "r-ab12", documents: [{ plans: { p: { regions: { "@@assign": ["us-east-1"] } } } }] };
    const ou = { target: "ou-ab12-11111111", documents: [{ plans: { p: { regions: { "@@append": ["us-west-2", "eu-west-1"] } } } }] };
    const account = { target: "333333333333", documents: [{ plans: { p: { regions: { "@@remove": ["eu-west-1"] } } } }] };
    // when
    const effective: any = effectivePolicy([root, ou, account]);
    // then
    expect(effective.plans.p.regions).toEqual(["us-east-1", "us-west-2"]);
  });
});
