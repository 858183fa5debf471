/**
 * The git side of upgrade-check: the version at a git ref, checked out into a temporary worktree, synthesized
 * through its own app entry (cdktf.json `app`, as `cdktf synth` runs it), next to the working tree synthesized the
 * same way; then `compareSynthOutputs` on each rollout.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UpgradeReport, compareSynthOutputs, formatReport } from "./upgrade-check";

export interface GitUpgradeCheckOptions {
  /** The git ref of the old version (tag, branch, commit). */
  readonly ref: string;
  /** The repository (any folder inside it). @default the current directory */
  readonly repoDir?: string;
  /**
   * Rollouts to synthesize: names of the reference rollouts (`default`, `reference`: see NAMED_ROLLOUTS) or paths
   * of rollout files. @default ["default", "reference"]
   */
  readonly rollouts?: readonly string[];
  /** Only these stacks. @default every stack */
  readonly stacks?: readonly string[];
  /** Fail when a stack could be checked by address only. @default false */
  readonly strict?: boolean;
  /** Keep the worktree and working folders. @default false */
  readonly keep?: boolean;
  /** Progress and report lines. @default console.log */
  readonly log?: (line: string) => void;
}

export interface GitUpgradeCheckResult {
  /** 0: safe as far as checked; 1: breaking changes (or, with strict, stacks not fully checked). */
  readonly exitCode: number;
  readonly reports: Readonly<Record<string, UpgradeReport>>;
}

export class UpgradeCheckSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UpgradeCheckSetupError";
  }
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new UpgradeCheckSetupError(`git ${args.join(" ")} failed: ${(r.stderr || r.error?.message || "").trim()}`);
  return r.stdout;
}

/** Gives the worktree node_modules: a link to the working tree's when package-lock.json is the same, else `npm ci`. */
function installDependencies(root: string, worktree: string, log: (line: string) => void): void {
  const lock = (dir: string) => (fs.existsSync(path.join(dir, "package-lock.json")) ? fs.readFileSync(path.join(dir, "package-lock.json"), "utf8") : undefined);
  const current = lock(root);
  if (current !== undefined && current === lock(worktree) && fs.existsSync(path.join(root, "node_modules"))) {
    fs.symlinkSync(path.join(root, "node_modules"), path.join(worktree, "node_modules"), "dir");
    return;
  }
  log("package-lock.json differs at the ref: npm ci in the worktree (this takes a while)");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: worktree,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (r.status !== 0) throw new UpgradeCheckSetupError(`npm ci at the ref failed:\n${r.stderr || r.stdout}`);
}

/**
 * The reference rollouts by name, at their place in this version and the places earlier versions kept them, newest
 * first: the version at the ref is given its own copy when it rejects the current one.
 */
export const NAMED_ROLLOUTS: Readonly<Record<string, readonly string[]>> = {
  default: ["stacks/config/rollouts/default.json", "stacks/rollouts/default.json"],
  reference: ["examples/rollouts/reference.json", "stacks/rollouts/reference.json"],
};

/** Runs the app entry of a source tree (its cdktf.json `app` command) for one rollout file; JSON output. */
function synth(sourceDir: string, rolloutFile: string, outdir: string): { ok: boolean; output: string } {
  const app = JSON.parse(fs.readFileSync(path.join(sourceDir, "cdktf.json"), "utf8")).app as string;
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, ROLLOUT_CONFIG: rolloutFile, CHECKPOINT_DISABLE: "1", SYNTH_HCL_OUTPUT: "false" };
  delete env.SYNTH_EXAMPLES;
  delete env.CDKTF_TARGET_STACK_ID;
  const r = spawnSync(app, { cwd: sourceDir, env, shell: true, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0 && fs.existsSync(path.join(outdir, "stacks")), output: `${r.stdout}\n${r.stderr}`.trim() };
}

/** Checks out `ref`, synthesizes each rollout at the ref and in the working tree, and compares them. */
export async function runGitUpgradeCheck(opts: GitUpgradeCheckOptions): Promise<GitUpgradeCheckResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const root = git(opts.repoDir ?? process.cwd(), ["rev-parse", "--show-toplevel"]).trim();
  const resolved = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${opts.ref}^{commit}`], { cwd: root, encoding: "utf8" });
  if (resolved.status !== 0) throw new UpgradeCheckSetupError(`${opts.ref} is not a commit of this repository (git rev-parse --verify failed)`);
  const sha = resolved.stdout.trim();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-"));
  const worktree = path.join(work, "old");
  const reports: Record<string, UpgradeReport> = {};
  let exitCode = 0;
  git(root, ["worktree", "add", "--detach", worktree, sha]);
  try {
    installDependencies(root, worktree, log);
    for (const rollout of opts.rollouts ?? ["default", "reference"]) {
      const places = !fs.existsSync(rollout) ? NAMED_ROLLOUTS[rollout] : undefined;
      const file = places ? path.join(root, places[0]) : path.resolve(rollout);
      const relative = places?.find((p) => fs.existsSync(path.join(worktree, p)));
      if (!fs.existsSync(file)) throw new UpgradeCheckSetupError(`rollout ${rollout}: ${file} does not exist`);
      const label = `${opts.ref} (${sha.slice(0, 12)}) -> working tree, rollout ${rollout}`;
      log(`synthesizing rollout ${rollout} at ${opts.ref} and in the working tree`);

      const oldOut = path.join(work, `${path.basename(file, ".json")}-old.out`);
      let old = synth(worktree, file, oldOut);
      if (!old.ok && relative) {
        log(`the version at ${opts.ref} rejects the current rollout ${rollout}; using its own copy (${relative}), so config changes count as changes too`);
        fs.rmSync(oldOut, { recursive: true, force: true });
        old = synth(worktree, path.join(worktree, relative), oldOut);
      }
      if (!old.ok) throw new UpgradeCheckSetupError(`synth of rollout ${rollout} at ${opts.ref} failed:\n${old.output}`);
      const newOut = path.join(work, `${path.basename(file, ".json")}-new.out`);
      const current = synth(root, file, newOut);
      if (!current.ok) throw new UpgradeCheckSetupError(`synth of rollout ${rollout} in the working tree failed:\n${current.output}`);

      const report = await compareSynthOutputs(oldOut, newOut, {
        stacks: opts.stacks,
        onProgress: (l) => log(`  ${l}`),
        workDir: opts.keep ? path.join(work, `${rollout}-terraform`) : undefined,
      });
      reports[rollout] = report;
      log(formatReport(report, label));
      const partial = report.stacks.some((s) => s.status === "addresses-only" || s.unsettled.length > 0);
      if (!report.ok || (opts.strict && partial)) exitCode = 1;
    }
  } finally {
    spawnSync("git", ["worktree", "remove", "--force", worktree], { cwd: root });
    spawnSync("git", ["worktree", "prune"], { cwd: root });
    if (opts.keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  return { exitCode, reports };
}
