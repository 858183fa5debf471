import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unchangedStacks } from "../../cli/upgrade/upgrade-check";
import { rawRollout, rollout, synthRollout } from "../rollout-helpers";

/** The reference rollout's synth output, made once for the file. */
let synthesized: string | undefined;
const referenceOut = (): string => (synthesized ??= synthRollout(rollout(rawRollout("reference"))));

/** A copy of the reference output with `edit` applied to one stack's configuration. */
function edited(stack: string, edit: (cfg: any) => void): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-unchanged-"));
  fs.cpSync(referenceOut(), out, { recursive: true });
  const file = path.join(out, "stacks", stack, "cdk.tf.json");
  const cfg = JSON.parse(fs.readFileSync(file, "utf8"));
  edit(cfg);
  fs.writeFileSync(file, JSON.stringify(cfg, null, 2));
  return out;
}

describe("upgrade-check: which stacks need no plan", () => {
  test("given identical outputs, when compared, then every stack is unchanged", () => {
    expect(unchangedStacks(referenceOut(), referenceOut())).toEqual(["backup-vault-account", "management", "member-batch", "member-data", "member-web"]);
  });

  test("given only cdktf metadata changed (construct paths), when compared, then every stack is still unchanged", () => {
    const out = edited("member-web", (cfg) => {
      cfg["//"] = { ...cfg["//"], metadata: { ...cfg["//"].metadata, stackName: "renamed-construct" } };
    });
    expect(unchangedStacks(referenceOut(), out)).toHaveLength(5);
  });

  test("given one member changed, when compared, then only that member needs a plan", () => {
    const out = edited("member-data", (cfg) => {
      cfg.resource.aws_backup_vault.Vault_eu_west_1.name = "renamed";
    });
    expect(unchangedStacks(referenceOut(), out)).toEqual(["backup-vault-account", "management", "member-batch", "member-web"]);
  });

  test("given the central stack changed, when compared, then the members that read its outputs need a plan too", () => {
    const out = edited("backup-vault-account", (cfg) => {
      cfg.output = { ...cfg.output, extra: { value: "x" } };
    });
    expect(unchangedStacks(referenceOut(), out)).toEqual(["management"]);
  });

  test("given a stack only in one output, when compared, then it is not unchanged", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-unchanged-"));
    fs.cpSync(referenceOut(), out, { recursive: true });
    fs.rmSync(path.join(out, "stacks", "member-batch"), { recursive: true });
    expect(unchangedStacks(referenceOut(), out)).not.toContain("member-batch");
    expect(unchangedStacks(out, referenceOut())).not.toContain("member-batch");
  });
});
