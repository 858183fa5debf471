import { Testing } from "../../modules/core/cdktf";
import { checkSynthOutput, explain } from "../../cli/harness/terraform-harness";
import { AirGappedVaultExampleStack, VaultFamilyExampleStack } from "../../examples/vaults";
import { synthToTemp } from "../helpers";

describe("vault family examples with real terraform", () => {
  test("example stacks synthesize to the reviewed snapshot", () => {
    const app = Testing.app();
    expect(Testing.synth(new VaultFamilyExampleStack(app, "example-vaults"))).toMatchSnapshot();
    expect(Testing.synth(new AirGappedVaultExampleStack(app, "example-air-gapped-vault"))).toMatchSnapshot();
  });

  test("validate passes for both and an offline plan creates the protected vaults", async () => {
    // given
    const out = synthToTemp((app) => {
      new VaultFamilyExampleStack(app, "example-vaults");
      new AirGappedVaultExampleStack(app, "example-air-gapped-vault");
      // a deliberately broken stack proves the harness fails on real errors
      const broken = new VaultFamilyExampleStack(app, "broken-vaults");
      broken.central.resource.addOverride("vault_name_typo", "x");
    });
    // when
    const results = await checkSynthOutput(out);
    const byStack = Object.fromEntries(results.map((r) => [r.stack, r]));
    // then
    expect(byStack["example-vaults"].ok ? "" : explain(byStack["example-vaults"])).toBe("");
    expect(byStack["example-vaults"].planned).toBe(true);
    const planned = byStack["example-vaults"].plan!.planned_values.root_module.resources!;
    const vaults = planned.filter((r) => r.type === "aws_backup_vault");
    expect(vaults.map((v) => v.values.name).sort()).toEqual(["central-backup", "central-backup-dr"]);
    for (const v of vaults) expect(v.values.force_destroy).toBe(false);
    const keys = planned.filter((r) => r.type === "aws_kms_key");
    for (const k of keys) expect(k.values.enable_key_rotation).toBe(true);
    const locks = planned.filter((r) => r.type === "aws_backup_vault_lock_configuration");
    expect(locks.map((l) => l.values.changeable_for_days ?? null).sort()).toEqual([3, null]);

    expect(byStack["example-air-gapped-vault"].ok).toBe(true);
    expect(byStack["example-air-gapped-vault"].planned).toBe(false);
    expect(byStack["example-air-gapped-vault"].sixOnly).toEqual(["encryption_key_arn"]);
    expect(byStack["example-air-gapped-vault"].planSkipped).toContain("AWS provider 6.x only");

    expect(byStack["broken-vaults"].ok).toBe(false);
    expect(byStack["broken-vaults"].diagnostics.map((d) => d.detail).join("\n")).toContain('"vault_name_typo"');
  });
});
