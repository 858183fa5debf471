import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pkg from "../../index";

const ROOT = path.join(__dirname, "../..");
const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws"];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}: ${r.error?.message ?? ""}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const CONSUMER = `
import { App } from "cdktf";
import { AccountStack, BackupVault, buildRollout, defaultRolloutConfig, validateTree } from "cdktf-aws-backup-dr";

const app = new App();
const stack = new AccountStack(app, "packaged", {
  accountId: "123456789012",
  primaryRegion: "eu-west-1",
  backend: { bucket: "packaged-state", region: "eu-west-1" },
});
const vault = new BackupVault(stack, "Vault", {
  vaultName: "packaged",
  env: { accountId: "123456789012", region: "eu-west-1" },
  accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] },
});
const arn: string = vault.vaultArn;
const stacks = buildRollout(app, defaultRolloutConfig());
const central: AccountStack = stacks.central;
validateTree(app);
app.synth();
console.log(JSON.stringify({ arn, central: central.node.id }));
`;

describe("npm pack", () => {
  test("the index exports the modules, the stacks and the rollout API", () => {
    for (const name of [
      "AccountStack",
      "BackupVault",
      "BackupKey",
      "SnapshotPolicy",
      "OrganizationBackupPolicy",
      "Addressing",
      "buildRollout",
      "parseRollout",
      "loadRolloutFile",
      "rolloutJsonSchema",
      "CentralOutputs",
      "finishSynthOutput",
    ]) {
      expect({ name, exported: typeof (pkg as Record<string, unknown>)[name] }).toEqual({ name, exported: expect.stringMatching(/^(function|object)$/) });
    }
  });

  test("a fresh app installs the tarball, type-checks against its types, and synthesizes stacks with it", () => {
    // given: the package, packed (prepack builds dist/)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-pack-"));
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], ROOT))[0] as { filename: string; files: Array<{ path: string }> };
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "rollout.schema.json",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/stacks/config/rollouts/default.json",
      ]),
    );
    expect(files.filter((f) => f.startsWith("test/") || (f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);

    // when: an app outside the repository installs it (its own dependencies from the npm cache) and links the peers
    const app = path.join(dir, "app");
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "pack-consumer", version: "0.0.0", private: true }));
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", path.join(dir, packed.filename)], app);
    for (const peer of PEERS) {
      fs.mkdirSync(path.dirname(path.join(app, "node_modules", peer)), { recursive: true });
      fs.symlinkSync(path.join(ROOT, "node_modules", peer), path.join(app, "node_modules", peer), "dir");
    }
    fs.writeFileSync(path.join(app, "main.ts"), CONSUMER);
    fs.writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, skipLibCheck: true, types: [], outDir: "out" },
        files: ["main.ts"],
      }),
    );
    run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], app);
    const outdir = path.join(app, "cdktf.out");
    const printed = JSON.parse(
      run(process.execPath, ["out/main.js"], app, { ...process.env, CDKTF_OUTDIR: outdir })
        .trim()
        .split("\n")
        .pop()!,
    );

    // then
    expect(printed).toEqual({ arn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:packaged", central: "central-backup" });
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "packaged", "cdk.tf.json"), "utf8"));
    expect(Object.keys(synthesized.resource.aws_backup_vault)).toEqual(["Vault"]);
    expect(fs.existsSync(path.join(outdir, "stacks", "central-backup", "cdk.tf.json"))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
