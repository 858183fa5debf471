import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_SECURE_DEFAULT_NAMES, SECURE_DEFAULT_NAMES, SECURE_DEFAULTS } from "../../../modules/core/rules/secure-defaults";
import { VaultAccessPolicy } from "../../../modules/backup";
import { App, TerraformStack } from "../../../modules/core/cdktf";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { buildRolloutModel } from "../../../stacks/model/model";
import { buildDrReport } from "../../../stacks/report/dr-report";
import { renderMarkdown } from "../../../stacks/report/render";
import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

function refusal(raw: unknown): RolloutConfigError {
  try {
    rollout(raw);
  } catch (e) {
    if (e instanceof RolloutConfigError) return e;
    throw e;
  }
  throw new Error("the rollout was accepted");
}

function withOptOut(...names: string[]): any {
  const raw = rawRollout();
  raw.secureDefaults = { optOut: names };
  return raw;
}

/** Every statement of every vault access policy of a stack. */
function vaultPolicyStatements(stack: any): any[] {
  return Object.values<any>(stack.resource?.aws_backup_vault_policy ?? {}).flatMap((p) => JSON.parse(p.policy).Statement);
}

function keyPolicyStatements(stack: any): any[] {
  return Object.values<any>(stack.resource?.aws_kms_key ?? {}).flatMap((k) => JSON.parse(k.policy).Statement);
}

describe("secure defaults in the rollout config", () => {
  test("given no central vault lock, when parsed, then it is refused at centralBackup.vaultLock as this project's secure default, naming the opt-out", () => {
    const raw = rawRollout();
    delete raw.centralBackup.vaultLock;
    const problem = refusal(raw).problems.find((p) => p.path === "centralBackup.vaultLock");
    expect(problem?.message).toMatch(/this project's secure default "central-vault-lock", not an AWS rule/);
    expect(problem?.message).toMatch(/secureDefaults\.optOut/);
  });

  test("given no central vault lock and the opt-out, when the report is built, then it is accepted and the report flags it", () => {
    const raw = withOptOut("central-vault-lock");
    delete raw.centralBackup.vaultLock;
    const report = buildDrReport(buildRolloutModel(rollout(raw)));
    expect(report.secureDefaultsOptedOut).toEqual([{ name: "central-vault-lock", flag: SECURE_DEFAULTS["central-vault-lock"].reportFlag }]);
    expect(renderMarkdown(report)).toContain(`**central-vault-lock** is off: ${SECURE_DEFAULTS["central-vault-lock"].reportFlag}`);
  });

  test("given the central-vault-lock opt-out while a lock is given, when parsed, then the opt-out is refused as applying nowhere", () => {
    const problem = refusal(withOptOut("central-vault-lock")).problems.find((p) => p.path === "secureDefaults.optOut[0]");
    expect(problem?.message).toMatch(/would apply nowhere/);
  });

  test("given an opt-out listed twice, when parsed, then the second is refused at its path", () => {
    const problem = refusal(withOptOut("central-key-protection", "central-key-protection")).problems.find((p) => p.path === "secureDefaults.optOut[1]");
    expect(problem?.message).toMatch(/listed twice/);
  });

  test("given an opt-out only code can make, when parsed, then it is refused at its path", () => {
    const paths = refusal(withOptOut("encrypted-copies")).problems.map((p) => p.path);
    expect(paths).toContain("secureDefaults.optOut[0]");
  });

  test("given no opt-out, when synthesized, then every vault policy denies deletion and the central key denies its deletion", () => {
    const stacks = readStacks(synthRollout(rollout()));
    for (const [name, stack] of Object.entries(stacks)) {
      if (name === "management") continue;
      expect(vaultPolicyStatements(stack).map((s) => s.Sid)).toContain("DenyRecoveryPointDeletionExceptBreakGlass");
    }
    expect(keyPolicyStatements(stacks["central-backup"]).map((s) => s.Sid)).toContain("DenyKeyDeletionExceptBreakGlass");
    expect(buildDrReport(buildRolloutModel(rollout())).secureDefaultsOptedOut).toEqual([]);
  });

  test("given the deny-recovery-point-deletion opt-out, when synthesized, then no vault policy denies deletion, copy-in stays, and the report flags it", () => {
    const config = rollout(withOptOut("deny-recovery-point-deletion"));
    const stacks = readStacks(synthRollout(config));
    const statements = Object.entries(stacks)
      .filter(([name]) => name !== "management")
      .flatMap(([, s]) => vaultPolicyStatements(s));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((s) => s.Effect === "Deny")).toEqual([]);
    expect(statements.every((s) => s.Action === "backup:CopyIntoBackupVault")).toBe(true);
    expect(buildDrReport(buildRolloutModel(config)).secureDefaultsOptedOut.map((d) => d.name)).toEqual(["deny-recovery-point-deletion"]);
  });

  test("given the central-key-protection opt-out, when synthesized, then the central key policy has no deletion deny", () => {
    const stacks = readStacks(synthRollout(rollout(withOptOut("central-key-protection"))));
    expect(keyPolicyStatements(stacks["central-backup"]).filter((s) => s.Effect === "Deny")).toEqual([]);
  });
});

describe("VaultAccessPolicy opt-out", () => {
  test("given denyDeletion false and nothing else, when the policy resource is created, then it is refused: a policy needs a statement", () => {
    const stack = new TerraformStack(new App(), "test");
    expect(() => new VaultAccessPolicy(stack, "Policy", { vaultName: "v", accountId: "111111111111", denyDeletion: false })).toThrow(
      /denyDeletion.*AWS rejects a vault access policy without statements/,
    );
  });

  test("given denyDeletion false and a copy-in grant, when the document is built, then no break-glass role is needed and there is no deny", () => {
    const doc = VaultAccessPolicy.buildDocument("vault", { accountId: "111111111111", denyDeletion: false, allowCopyInto: { accountIds: ["222222222222"] } });
    expect(doc.Statement.map((s) => s.Effect)).toEqual(["Allow"]);
  });
});

describe("the README's table of secure defaults", () => {
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## Secure defaults and their opt-outs"));

  test.each(SECURE_DEFAULT_NAMES)(
    "given the secure default %s, when the README is read, then its row names it, its construct opt-out and whether the config can opt out",
    (name) => {
      const d = SECURE_DEFAULTS[name];
      const row = table.split("\n").find((l) => l.startsWith(`| \`${name}\``));
      expect(row).toBeDefined();
      expect(row).toContain(d.constructOptOut);
      expect(row).toContain(CONFIG_SECURE_DEFAULT_NAMES.includes(name) ? "yes" : "no (code only)");
    },
  );
});
