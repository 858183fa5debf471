import { checkSynthOutput, explain, plannedOutputs } from "../../cli/harness/terraform-harness";
import { rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";

describe("reference rollouts with real terraform", () => {
  test("reference rollout: every stack validates and plans offline; member copies go to the central stack's outputs", async () => {
    // given
    const out = synthRollout(rollout(rawRollout("reference")));
    // when: central is planned first; its planned outputs become the members' remote state
    const results = await checkSynthOutput(out);
    // then
    for (const r of results) expect(r.ok ? "" : explain(r)).toBe("");
    for (const r of results) expect({ stack: r.stack, planned: r.planned, sixOnly: r.sixOnly }).toEqual({ stack: r.stack, planned: true, sixOnly: [] });
    const central = results.find((r) => r.stack === "backup-vault-account")!;
    const outputs = plannedOutputs(central.plan!);
    expect(outputs.central_vault_arn_eu_west_1).toBe("arn:aws:backup:eu-west-1:100000000002:backup-vault:reference-central");

    for (const member of ["member-web", "member-data"]) {
      const plan = results.find((r) => r.stack === member)!.plan!;
      const plans = plan.planned_values.root_module.resources!.filter((r) => r.type === "aws_backup_plan");
      expect(plans.length).toBeGreaterThan(0);
      for (const p of plans) {
        const region = p.name
          .replace(/^databases_/, "")
          .replace(/_Plan$/, "")
          .replace(/_/g, "-");
        const destinations = (p.values.rule as any[]).flatMap((rule) => (rule.copy_action ?? []).map((c: any) => c.destination_vault_arn));
        expect(destinations).toEqual([outputs[`central_vault_arn_${region.replace(/-/g, "_")}`]]);
      }
    }
  });

  test("default rollout: every stack validates, tolerating only the named 6.x-only attributes", async () => {
    const out = synthRollout(rollout(rawRollout("default")));
    const names = Object.keys(readStacks(out));
    const results = await checkSynthOutput(out);
    expect(results.map((r) => r.stack)).toEqual(names);
    for (const r of results) expect(r.ok ? "" : explain(r)).toBe("");
    const byStack = Object.fromEntries(results.map((r) => [r.stack, r]));
    expect(byStack.management.planned).toBe(true);
    expect(byStack["central-backup"].planned).toBe(true);
  });

  test("GovCloud rollout: every stack validates; planned ARNs are in partition aws-us-gov", async () => {
    // given
    const out = synthRollout(rollout(rawRollout("govcloud")));
    // when
    const results = await checkSynthOutput(out);
    // then
    for (const r of results) expect(r.ok ? "" : explain(r)).toBe("");
    const byStack = Object.fromEntries(results.map((r) => [r.stack, r]));
    for (const stack of ["management", "central-backup", "member-mission"])
      expect({ stack, planned: byStack[stack].planned }).toEqual({ stack, planned: true });
    const outputs = plannedOutputs(byStack["central-backup"].plan!);
    expect(outputs.central_vault_arn_us_gov_west_1).toBe("arn:aws-us-gov:backup:us-gov-west-1:700000000002:backup-vault:gov-central-backup");
    const planned = results.filter((r) => r.planned).map((r) => JSON.stringify(r.plan!.planned_values));
    const arns = planned.flatMap((text) => text.match(/arn:[a-z0-9-]*:[^"\\\s]*/g) ?? []);
    expect(arns.length).toBeGreaterThan(10);
    expect(arns.filter((a) => !a.startsWith("arn:aws-us-gov:"))).toEqual([]);
  });
});
