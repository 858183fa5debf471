import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { rawRollout } from "./rollout-helpers";

const ROOT = path.join(__dirname, "..");

/** True when the output folder holds no synthesized stack. */
function noStackWritten(outdir: string): boolean {
  const dir = path.join(outdir, "stacks");
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

function synth(config: unknown): { status: number | null; stderr: string; outdir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "main-cli-"));
  const file = path.join(dir, "rollout.json");
  fs.writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  const outdir = path.join(dir, "out");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/ts-node/dist/bin.js"), "--swc", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, ROLLOUT_CONFIG: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr, outdir };
}

describe("ROLLOUT_CONFIG synth", () => {
  test("synthesizes the given file into one stack per account", () => {
    const raw = rawRollout("reference");
    const { status, stderr, outdir } = synth(raw);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["backup-vault-account", "management", "member-batch", "member-data", "member-web"]);
  });

  test("a partly wrong file exits non-zero, prints every problem with its path, and writes no stack", () => {
    const raw = rawRollout("default");
    raw.members[0].accountId = "12345";
    raw.centralBackup.vaultLock.maxRetentionDays = 3;
    raw.protectionPolicies.standard.tag = { key: "backup" };
    const { status, stderr, outdir } = synth(raw);
    expect(status).toBe(1);
    expect(stderr).toContain("members[0].accountId: AWS rejects account IDs other than 12 digits");
    expect(stderr).toContain("protectionPolicies.standard.tag.value: is required");
    expect(noStackWritten(outdir)).toBe(true);
  });

  test("a file that passes shape checks but breaks a cross-account rule writes no stack either", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies.standard.backup.copyToCentral.retentionDays = 401;
    const { status, stderr, outdir } = synth(raw);
    expect(status).toBe(1);
    expect(stderr).toContain(
      "protectionPolicies.standard.backup.copyToCentral.retentionDays: 401 days: AWS rejects retentions longer than the 400-day maximum",
    );
    expect(noStackWritten(outdir)).toBe(true);
  });

  test("a value only a construct can judge stops the synth before any stack is written", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["fast-ec2-dr"].overrides.amis = { deprecateAfterCount: 9 };
    const { status, stderr, outdir } = synth(raw);
    expect(status).toBe(1);
    expect(stderr).toContain("deprecate");
    expect(noStackWritten(outdir)).toBe(true);
  });

  test("a value only a construct can judge is reported at its config path, without a stack trace", () => {
    const raw = rawRollout("default");
    raw.centralBackup.vaultName = "Default";
    const { status, stderr, outdir } = synth(raw);
    expect(status).toBe(1);
    expect(stderr).toMatch(/rollout\.json: 1 problem in the rollout config:\n {2}- centralBackup\.vaultName: "Default": /);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(noStackWritten(outdir)).toBe(true);
  });

  test("a file that is not JSON is refused with its parse error", () => {
    const { status, stderr } = synth("{ not json");
    expect(status).toBe(1);
    expect(stderr).toContain("is not valid JSON: line 1, column 3");
  });
});
