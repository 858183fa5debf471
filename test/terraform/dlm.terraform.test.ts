import { checkSynthOutput, explain, StackCheck } from "../../cli/harness/terraform-harness";
import { DlmAmiExampleStack, DlmCrossAccountExampleStack, DlmDefaultExampleStack, DlmSnapshotsExampleStack } from "../../examples/dlm";
import { synthToTemp } from "../helpers";

const STACKS = ["example-dlm-snapshots", "example-dlm-ami", "example-dlm-cross-account", "example-dlm-default"];

describe("DLM examples with real terraform", () => {
  let byStack: Record<string, StackCheck>;

  beforeAll(async () => {
    const out = synthToTemp((app) => {
      new DlmSnapshotsExampleStack(app, "example-dlm-snapshots");
      new DlmAmiExampleStack(app, "example-dlm-ami");
      new DlmCrossAccountExampleStack(app, "example-dlm-cross-account");
      new DlmDefaultExampleStack(app, "example-dlm-default");
    });
    const results = await checkSynthOutput(out, { stacks: STACKS });
    byStack = Object.fromEntries(results.map((r) => [r.stack, r]));
  });

  test("every stack passes terraform validate, tolerating only 6.x-only attributes", () => {
    for (const s of STACKS) expect(byStack[s].ok ? "" : explain(byStack[s])).toBe("");
  });

  function planned(stack: string, type: string): Array<{ address: string; values: Record<string, any> }> {
    return (byStack[stack].plan?.planned_values.root_module.resources ?? []).filter((r) => r.type === type);
  }

  test("the snapshot stack plans offline with target copies, a share rule and fast restore", () => {
    const r = byStack["example-dlm-snapshots"];
    expect(r.sixOnly).toEqual([]);
    expect(r.planned ? "" : `${explain(r)}\n${r.planSkipped ?? ""}`).toBe("");
    const daily = planned("example-dlm-snapshots", "aws_dlm_lifecycle_policy").find((p) => p.address === "aws_dlm_lifecycle_policy.DailyVolumes")!;
    const schedule = daily.values.policy_details[0].schedule[0];
    expect(schedule.cross_region_copy_rule[0]).toMatchObject({ target: "us-west-2", encrypted: true });
    expect(schedule.share_rule[0].target_accounts).toEqual(["222222222222"]);
    expect(schedule.fast_restore_rule[0].availability_zones.sort()).toEqual(["us-east-1a", "us-east-1b"]);
  });

  test("the cross-account stack plans offline with an encrypted copy action per Region", () => {
    const r = byStack["example-dlm-cross-account"];
    expect(r.sixOnly).toEqual([]);
    expect(r.planned ? "" : `${explain(r)}\n${r.planSkipped ?? ""}`).toBe("");
    const [policy] = planned("example-dlm-cross-account", "aws_dlm_lifecycle_policy");
    const details = policy.values.policy_details[0];
    expect(details.policy_type).toBe("EVENT_BASED_POLICY");
    expect(details.event_source[0].parameters[0].snapshot_owner.sort()).toEqual(["333333333333", "444444444444"]);
    const copies = details.action[0].cross_region_copy;
    expect(copies.map((c: any) => c.target).sort()).toEqual(["us-east-1", "us-west-2"]);
    for (const c of copies) expect(c.encryption_configuration[0].encrypted).toBe(true);
  });

  test("the AMI stack validates but is not planned: it uses target_region", () => {
    const r = byStack["example-dlm-ami"];
    expect(r.planned).toBe(false);
    expect(r.sixOnly).toEqual(["target_region"]);
  });

  test("the default-policy stack validates but is not planned: default policies, archive rules and scripts are 6.x-only", () => {
    const r = byStack["example-dlm-default"];
    expect(r.planned).toBe(false);
    // copy_tags is no longer written: default policies take the provider's false unless asked.
    expect(r.sixOnly).toEqual([
      "archive_rule",
      "create_interval",
      "default_policy",
      "exclusions",
      "extend_deletion",
      "resource_type",
      "retain_interval",
      "scripts",
    ]);
  });
});
