import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformResource } from "../../modules/core/cdktf";
import { BackupVault, BackupVaultProps } from "../../modules/backup";
import { BackupKey } from "../../modules/kms";
import { AccountStack } from "../../stacks/account-stack";
import { synthToTemp } from "../helpers";
import { main } from "../../cli/upgrade-check";
import { Baseline, UpgradeReport, buildBaseline, checkAgainstBaseline, compareSynthOutputs, formatReport } from "../../cli/upgrade/upgrade-check";
import { rawRollout, rollout, synthRollout } from "../rollout-helpers";

const ROOT = path.join(__dirname, "../..");
const env = { accountId: "123456789012", region: "eu-west-1" };
const vaultProps: BackupVaultProps = {
  vaultName: "fixture",
  env,
  accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] },
  lock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 35 },
};

type Variant = "base" | "renamed" | "renamed-with-moved" | "other-key";

/** One account stack with a locked vault and its key, in a few versions of the code. */
function fixture(variant: Variant): string {
  return synthToTemp((app) => {
    const stack = new AccountStack(app, "upgrade-fixture", {
      accountId: env.accountId,
      primaryRegion: env.region,
      backend: { bucket: "fixture-state", region: env.region },
    });
    if (variant === "base") new BackupVault(stack, "Vault", vaultProps);
    if (variant === "renamed" || variant === "renamed-with-moved") {
      const vault = new BackupVault(stack, "PrimaryVault", vaultProps);
      if (variant === "renamed-with-moved") {
        for (const r of vault.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource)) {
          r.moveFromId(`${r.terraformResourceType}.${r.friendlyUniqueId.replace(/^PrimaryVault/, "Vault")}`);
        }
      }
    }
    if (variant === "other-key") {
      const key = new BackupKey(stack, "OtherKey", { env, alias: "backup/fixture-other" });
      new BackupVault(stack, "Vault", { ...vaultProps, encryptionKey: key });
    }
  }, "upgrade-fixture-");
}

function findings(report: UpgradeReport): string[] {
  return report.breaking.map((f) => `${f.change} ${f.address}`).sort();
}

describe("upgrade-check: comparing two synth outputs", () => {
  let work: string;
  let baseline: Baseline;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-test-"));
    baseline = await buildBaseline(fixture("base"), { workDir: path.join(work, "baseline") });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("renaming the vault construct destroys vault, lock and key, and suggests moved blocks", async () => {
    // given: a state under which the old version plans no change
    expect(baseline.stacks["upgrade-fixture"]).toMatchObject({ planned: true, unsettled: [] });
    // when
    const report = await checkAgainstBaseline(baseline, fixture("renamed"), { workDir: path.join(work, "renamed") });
    // then
    expect(report.ok).toBe(false);
    expect(findings(report)).toEqual([
      "destroy aws_backup_vault.Vault",
      "destroy aws_backup_vault_lock_configuration.Vault_Lock",
      "destroy aws_kms_key.Vault_Key",
    ]);
    const vault = report.breaking.find((f) => f.address === "aws_backup_vault.Vault")!;
    expect(vault.moved).toEqual([{ from: "aws_backup_vault.Vault", to: "aws_backup_vault.PrimaryVault" }]);
    const text = formatReport(report, "renamed");
    expect(text).toContain("aws_backup_vault.Vault would be DESTROYED");
    expect(text).toContain("moved {\n        from = aws_backup_vault.Vault\n        to   = aws_backup_vault.PrimaryVault\n      }");
    expect(text).toContain("(not a protected type) upgrade-fixture: aws_kms_alias.Vault_Key_Alias would be DESTROYED");
    expect(text).toContain("result: FAILED");
  });

  test("the rename with the suggested moves passes", async () => {
    const report = await checkAgainstBaseline(baseline, fixture("renamed-with-moved"), { workDir: path.join(work, "moved") });
    expect(formatReport(report, "renamed with moved")).toContain("result: OK");
    expect(report.stacks[0].status).toBe("checked");
  });

  test("changing the vault's KMS key replaces the vault, naming the attribute that forces it", async () => {
    const report = await checkAgainstBaseline(baseline, fixture("other-key"), { workDir: path.join(work, "other-key") });
    expect(report.ok).toBe(false);
    const vault = report.breaking.find((f) => f.address === "aws_backup_vault.Vault");
    expect(vault).toMatchObject({ change: "replace", forcedBy: ["kms_key_arn"] });
    expect(findings(report)).toContain("destroy aws_kms_key.Vault_Key");
    expect(formatReport(report, "other key")).toContain(
      "aws_backup_vault.Vault would be REPLACED (destroyed and created again): kms_key_arn forces replacement",
    );
  });
});

describe("upgrade-check of a rollout where one member changed", () => {
  test("plans that member against the old state and the central stack it reads for the old version only; the rest is unchanged", async () => {
    // given: the reference rollout, and a new version in which member-data's vault has another name (AWS replaces it)
    const oldOut = synthRollout(rollout(rawRollout("reference")));
    const newOut = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-new-"));
    fs.cpSync(oldOut, newOut, { recursive: true });
    const file = path.join(newOut, "stacks", "member-data", "cdk.tf.json");
    const cfg = JSON.parse(fs.readFileSync(file, "utf8"));
    cfg.resource.aws_backup_vault.Vault_eu_west_1.name = "reference-local-renamed";
    fs.writeFileSync(file, JSON.stringify(cfg, null, 2));

    // when
    const progress: string[] = [];
    const report = await compareSynthOutputs(oldOut, newOut, { onProgress: (l) => progress.push(l) });

    // then: the old version's state of member-data settled with real stacks, and the replace is found
    expect(report.stacks.map((s) => `${s.stack} ${s.status}`)).toEqual([
      "backup-vault-account unchanged",
      "management unchanged",
      "member-batch unchanged",
      "member-data checked",
      "member-web unchanged",
    ]);
    expect(progress).toContain("baseline: planned 2 of 2 stacks of the old version");
    expect(report.stacks.find((s) => s.stack === "member-data")!.unsettled).toEqual([]);
    expect(report.breaking).toEqual([expect.objectContaining({ address: "aws_backup_vault.Vault_eu_west_1", change: "replace", forcedBy: ["name"] })]);
    expect(formatReport(report, "one member")).toContain(
      "management: unchanged (the same configuration as the old version, as are the stacks it reads: nothing to plan)",
    );
  });
});

describe("npm run upgrade-check -- <git-ref>", () => {
  test("HEAD against the working tree, reference rollout: exit 0 when nothing that matters changed", async () => {
    // given the committed version and the working tree (the same, in a clean checkout); when
    const lines: string[] = [];
    const code = await main(["HEAD", "--rollout", "reference", "--stacks", "backup-vault-account,member-data"], (l) => lines.push(l));
    // then: each stack is checked by plan where the working tree changed it, and reported unchanged where it did not
    const output = lines.join("\n");
    expect(output).toMatch(/backup-vault-account: (checked|unchanged)/);
    expect(output).toMatch(/member-data: (checked|unchanged)/);
    expect(output).toContain("result: OK");
    expect(code).toBe(0);
    // and its worktree is gone (other checkouts of the repository may run upgrade-checks of their own HEADs meanwhile)
    const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
    const worktrees = spawnSync("git", ["worktree", "list", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).stdout;
    expect(worktrees).not.toMatch(new RegExp(`upgrade-check-[^\\n]*/old\\nHEAD ${head}\\n`));
  });

  test("an unknown ref is a setup error (exit 2) that names the ref", async () => {
    const errors: string[] = [];
    expect(await main(["no-such-ref-anywhere"], { out: () => undefined, err: (l) => errors.push(l) })).toBe(2);
    expect(errors.join("\n")).toContain("no-such-ref-anywhere is not a commit of this repository");
  });
});
