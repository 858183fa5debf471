import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pkg from "../../index";

const ROOT = path.join(__dirname, "../..");
const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws"];

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; throws when it cannot start. */
function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Ran {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) did not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must succeed; returns its stdout. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = exec(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function git(cwd: string, ...args: string[]): string {
  return run("git", ["-c", "user.name=pack-test", "-c", "user.email=pack-test@example.com", "-c", "commit.gpgsign=false", ...args], cwd);
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

/**
 * A tiny cdktf app as its users keep it: JavaScript that `cdktf.json` runs, one account stack with one vault. The
 * vault's construct ID is a parameter, so a commit and a working tree can differ by a rename.
 */
function tinyApp(vaultId: string): string {
  return `const { App } = require("cdktf");
const { AccountStack, BackupVault } = require("cdktf-aws-backup-dr");

const app = new App();
const stack = new AccountStack(app, "tiny", {
  accountId: "123456789012",
  primaryRegion: "eu-west-1",
  backend: { bucket: "tiny-state", region: "eu-west-1" },
});
new BackupVault(stack, ${JSON.stringify(vaultId)}, {
  vaultName: "tiny",
  env: { accountId: "123456789012", region: "eu-west-1" },
  accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::123456789012:role/break-glass"] },
});
app.synth();
`;
}

describe("npm pack", () => {
  // The tarball, packed once (prepack builds dist/), and an app outside the repository that installed it.
  let dir: string;
  let packed: { filename: string; files: Array<{ path: string }> };
  let app: string;
  let bin: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-pack-"));
    packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], ROOT))[0];
    // its own dependencies from the npm cache (or the registry), the peers linked from this repository
    app = path.join(dir, "app");
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "pack-consumer", version: "0.0.0", private: true }));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", path.join(dir, packed.filename)], app);
    for (const peer of PEERS) {
      fs.mkdirSync(path.dirname(path.join(app, "node_modules", peer)), { recursive: true });
      fs.symlinkSync(path.join(ROOT, "node_modules", peer), path.join(app, "node_modules", peer), "dir");
    }
    bin = path.join(app, "node_modules", ".bin", "backup-dr");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
      "checkSynthOutput",
      "compareSynthOutputs",
    ]) {
      expect({ name, exported: typeof (pkg as Record<string, unknown>)[name] }).toEqual({ name, exported: expect.stringMatching(/^(function|object)$/) });
    }
  });

  test("the tarball holds the library and the CLI, and nothing of the examples, the benchmark, the tests or the synth entry", () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "rollout.schema.json",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/stacks/config/rollouts/default.json",
        "dist/cli/backup-dr.js",
      ]),
    );
    expect(files.filter((f) => /^(dist\/)?(examples|bench|test)\//.test(f) || /(^|\/)main\.(js|d\.ts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  test("a fresh app type-checks against the package's types and synthesizes stacks with it", () => {
    // given
    fs.writeFileSync(path.join(app, "main.ts"), CONSUMER);
    fs.writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, skipLibCheck: true, types: [], outDir: "out" },
        files: ["main.ts"],
      }),
    );
    // when
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
  });

  test("installs backup-dr as an executable bin that prints its usage", () => {
    // given: the installed bin, a link to the package's dist/cli/backup-dr.js
    expect(fs.realpathSync(bin)).toBe(fs.realpathSync(path.join(app, "node_modules", "cdktf-aws-backup-dr", "dist", "cli", "backup-dr.js")));
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    // when: run as a program (its shebang), not through node
    const r = exec(bin, ["--help"], app);
    // then
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: backup-dr <command> [options]");
  });

  test("backup-dr report writes the DR report of a rollout file", () => {
    // when
    const out = path.join(dir, "report");
    const r = exec(bin, ["report", "--config", path.join(ROOT, "examples/rollouts/reference.json"), "--out", out], app);
    // then
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(out, "dr-report.md"), "utf8").split("\n")).toContain("# DR readiness: reference");
    expect(JSON.parse(fs.readFileSync(path.join(out, "dr-report.json"), "utf8")).rollout).toBe("reference");
  });

  test("backup-dr validate --no-plan validates the synth output of a consumer app", () => {
    // given: the tiny app's synth output (TF_PROVIDER_MIRROR, if set, comes from the environment)
    const tiny = path.join(dir, "tiny-validate");
    fs.mkdirSync(tiny);
    fs.writeFileSync(path.join(tiny, "main.js"), tinyApp("Vault"));
    fs.symlinkSync(path.join(app, "node_modules"), path.join(tiny, "node_modules"), "dir");
    run(process.execPath, ["main.js"], tiny, { ...process.env, CDKTF_OUTDIR: path.join(tiny, "cdktf.out") });
    // when
    const r = exec(bin, ["validate", "cdktf.out", "--no-plan"], tiny);
    // then
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(r.stdout).toMatch(/^tiny: ok \(validate\)/m);
    expect(r.stdout).toMatch(/^1 stacks: 1 passed, 0 failed; 0 planned, 1 validated only/m);
  });

  test("the package does not depend on the AGPL-licensed flow evaluator, and loads it nowhere at import", () => {
    // given
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "node_modules", "cdktf-aws-backup-dr", "package.json"), "utf8"));
    const dist = path.join(app, "node_modules", "cdktf-aws-backup-dr", "dist");
    const js = (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith(".js"));
    // when
    const declared = ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"].flatMap((k) => Object.keys(manifest[k] ?? {}));
    const importing = js.filter((f) => /(require\(|from |import\()\s*["']@cloud-copilot\/iam-simulate/.test(fs.readFileSync(path.join(dist, f), "utf8")));
    // then
    expect(declared).not.toContain("@cloud-copilot/iam-simulate");
    expect(importing).toEqual([]);
    expect(fs.existsSync(path.join(app, "node_modules", "@cloud-copilot", "iam-simulate"))).toBe(false);
  });

  test("without the evaluator, backup-dr validate of a rollout's synth output says the flow proofs were not run and prints no flows line", () => {
    // given: the tiny app's output with the flows a rollout synth writes beside the stacks
    const tiny = path.join(dir, "tiny-flows");
    fs.mkdirSync(tiny);
    fs.writeFileSync(path.join(tiny, "main.js"), tinyApp("Vault"));
    fs.symlinkSync(path.join(app, "node_modules"), path.join(tiny, "node_modules"), "dir");
    run(process.execPath, ["main.js"], tiny, { ...process.env, CDKTF_OUTDIR: path.join(tiny, "cdktf.out") });
    const flow = { name: "copy-back: x", kind: "copy-back", expect: "allow", requests: [] };
    fs.writeFileSync(path.join(tiny, "cdktf.out", "flows.json"), JSON.stringify({ rollout: "tiny", partition: "aws", flows: [flow], external: {} }));
    // when
    const r = exec(bin, ["validate", "cdktf.out", "--no-plan"], tiny);
    // then
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^WARNING: flow proofs were NOT run: @cloud-copilot\/iam-simulate is not installed/m);
    expect(r.stderr).toContain("AGPL-3.0");
    expect(r.stdout).toMatch(/^flows: NOT RUN \(1 flows unproven\)$/m);
    expect(r.stdout).not.toMatch(/^flows: proven=/m);
  });

  test("backup-dr upgrade-check compares a consumer app's commit with its working tree, as the app is", () => {
    // given: a git repository with the tiny app committed, and a working tree that renames the vault's construct
    const repo = path.join(dir, "tiny-repo");
    fs.mkdirSync(path.join(repo, "out"), { recursive: true });
    fs.writeFileSync(path.join(repo, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node out/main.js", output: "cdktf.out" }));
    fs.copyFileSync(path.join(app, "package.json"), path.join(repo, "package.json"));
    fs.copyFileSync(path.join(app, "package-lock.json"), path.join(repo, "package-lock.json"));
    fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\ncdktf.out\n");
    fs.writeFileSync(path.join(repo, "out", "main.js"), tinyApp("Vault"));
    fs.symlinkSync(path.join(app, "node_modules"), path.join(repo, "node_modules"), "dir");
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "tiny app");
    fs.writeFileSync(path.join(repo, "out", "main.js"), tinyApp("PrimaryVault"));

    // when
    const r = exec(bin, ["upgrade-check", "HEAD", "--stacks", "tiny"], repo);

    // then: the app is synthesized as it is, at HEAD and in the working tree, and the rename is caught
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("comparing the app as it is");
    expect(r.stdout).toContain("tiny: checked (new version planned against the state of the old)");
    expect(r.stdout).toContain("tiny: aws_backup_vault.Vault would be DESTROYED");
    expect(r.stdout).toContain("to   = aws_backup_vault.PrimaryVault");
    expect(r.stdout).toContain("result: FAILED");
    expect(r.status).toBe(1);
    expect(git(repo, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });
});
