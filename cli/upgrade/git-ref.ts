/**
 * The git side of upgrade-check: the version at a git ref, checked out into a temporary worktree, synthesized
 * through its own app entry (cdktf.json `app`, as `cdktf synth` runs it), next to the working tree synthesized the
 * same way; then `compareSynthOutputs` on each rollout. Any cdktf app's repository works: without this project's
 * reference rollouts and without --rollout, the app is synthesized once as it is.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UpgradeReport, compareSynthOutputs, formatReport } from "./upgrade-check";

export interface GitUpgradeCheckOptions {
  /** The git ref of the old version (tag, branch, commit). */
  readonly ref: string;
  /** The app's folder (holding cdktf.json, or below it) inside the repository. @default the current directory */
  readonly repoDir?: string;
  /**
   * Rollouts to synthesize: names of the reference rollouts (`default`, `reference`: see NAMED_ROLLOUTS) or paths
   * of rollout files. @default the reference rollouts the app has; none: the app as it is, once
   */
  readonly rollouts?: readonly string[];
  /** Only these stacks. @default every stack */
  readonly stacks?: readonly string[];
  /** Fail when a stack could be checked by address only. @default false */
  readonly strict?: boolean;
  /** Plan unchanged stacks too (see UpgradeCheckOptions.planUnchanged). @default false */
  readonly planUnchanged?: boolean;
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

/** The files that pin an app's installed dependencies. */
const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Whether two app folders need the same node_modules: the same lock files, or, with none, the same declared dependencies. */
function sameDependencies(appDir: string, other: string): boolean {
  const locks = LOCK_FILES.map((f) => [readIfExists(path.join(appDir, f)), readIfExists(path.join(other, f))]);
  if (locks.some(([a]) => a !== undefined)) return locks.every(([a, b]) => a === b);
  const declared = (dir: string) => {
    const pkg = JSON.parse(readIfExists(path.join(dir, "package.json")) ?? "{}");
    return JSON.stringify([pkg.dependencies, pkg.devDependencies, pkg.peerDependencies, pkg.optionalDependencies]);
  };
  return declared(appDir) === declared(other);
}

/** Gives the worktree's app node_modules: a link to the working tree's when the dependencies are the same, else `npm ci`. */
function installDependencies(appDir: string, worktreeApp: string, ref: string, log: (line: string) => void): void {
  if (fs.existsSync(path.join(appDir, "node_modules")) && sameDependencies(appDir, worktreeApp)) {
    fs.symlinkSync(path.join(appDir, "node_modules"), path.join(worktreeApp, "node_modules"), "dir");
    return;
  }
  if (!fs.existsSync(path.join(worktreeApp, "package-lock.json"))) {
    throw new UpgradeCheckSetupError(
      `the app's dependencies at ${ref} differ from the working tree's (or the working tree has no node_modules), and ${ref} has no package-lock.json to install them from: ` +
        `install the working tree's dependencies, or check out a ref with a package-lock.json`,
    );
  }
  log(`the dependencies differ at ${ref}: npm ci in the worktree (this takes a while)`);
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: worktreeApp,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (r.status !== 0) throw new UpgradeCheckSetupError(`npm ci at ${ref} failed:\n${r.stderr || r.stdout}`);
}

/** The app folder: the nearest folder holding cdktf.json, from `start` up to the repository's top. */
function findAppDir(start: string, top: string): string {
  for (let dir = fs.realpathSync(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (dir === top || path.dirname(dir) === dir) break;
  }
  throw new UpgradeCheckSetupError(`no cdktf.json in ${start} or above it in the repository: run upgrade-check in a cdktf app`);
}

/**
 * The reference rollouts by name, at their place in this version and the places earlier versions kept them, newest
 * first: the version at the ref is given its own copy when it rejects the current one.
 */
export const NAMED_ROLLOUTS: Readonly<Record<string, readonly string[]>> = {
  default: ["stacks/config/rollouts/default.json", "stacks/rollouts/default.json"],
  reference: ["examples/rollouts/reference.json", "stacks/rollouts/reference.json"],
};

/** Runs the app entry of an app folder (its cdktf.json `app` command), for one rollout file or as it is; JSON output. */
function synth(appDir: string, rolloutFile: string | undefined, outdir: string): { ok: boolean; output: string } {
  const app = JSON.parse(fs.readFileSync(path.join(appDir, "cdktf.json"), "utf8")).app as string | undefined;
  if (!app) return { ok: false, output: `${path.join(appDir, "cdktf.json")} has no "app" command` };
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", SYNTH_HCL_OUTPUT: "false" };
  if (rolloutFile) env.ROLLOUT_CONFIG = rolloutFile;
  else delete env.ROLLOUT_CONFIG;
  delete env.SYNTH_EXAMPLES;
  delete env.CDKTF_TARGET_STACK_ID;
  const r = spawnSync(app, { cwd: appDir, env, shell: true, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0 && fs.existsSync(path.join(outdir, "stacks")), output: `${r.stdout}\n${r.stderr}`.trim() };
}

/** One comparison: a rollout file (with the ref's own copy to fall back on), or the app as it is. */
interface Comparison {
  /** The key of the report and of the working folders. */
  readonly key: string;
  /** How the log and report name it. */
  readonly label: string;
  /** The rollout file of the working tree; undefined: the app as it is (no ROLLOUT_CONFIG). */
  readonly file?: string;
  /** The same rollout's place at the ref, relative to the app, when it is one of NAMED_ROLLOUTS. */
  readonly atRef?: string;
}

function comparisons(appDir: string, worktreeApp: string, rollouts: readonly string[] | undefined, log: (line: string) => void): Comparison[] {
  const names = rollouts ?? Object.keys(NAMED_ROLLOUTS).filter((n) => fs.existsSync(path.join(appDir, NAMED_ROLLOUTS[n][0])));
  if (names.length === 0) {
    log("no rollout given and none of the reference rollouts here: comparing the app as it is (its cdktf.json app, without ROLLOUT_CONFIG)");
    return [{ key: "app", label: "the app as it is" }];
  }
  return names.map((rollout) => {
    const places = !fs.existsSync(rollout) ? NAMED_ROLLOUTS[rollout] : undefined;
    const file = places ? path.join(appDir, places[0]) : path.resolve(rollout);
    if (!fs.existsSync(file)) throw new UpgradeCheckSetupError(`rollout ${rollout}: ${file} does not exist`);
    return {
      key: places ? rollout : path.basename(file, ".json"),
      label: `rollout ${rollout}`,
      file,
      atRef: places?.find((p) => fs.existsSync(path.join(worktreeApp, p))),
    };
  });
}

/** A repository's app folder and the same app checked out at a ref, with its dependencies, for the time of `use`. */
async function atRef<T>(
  ref: string,
  repoDir: string | undefined,
  keep: boolean,
  log: (line: string) => void,
  use: (at: { appDir: string; worktreeApp: string; sha: string; work: string }) => Promise<T>,
): Promise<T> {
  const start = repoDir ?? process.cwd();
  const root = git(start, ["rev-parse", "--show-toplevel"]).trim();
  const appDir = findAppDir(start, fs.realpathSync(root));
  const resolved = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, encoding: "utf8" });
  if (resolved.status !== 0) throw new UpgradeCheckSetupError(`${ref} is not a commit of this repository (git rev-parse --verify failed)`);
  const sha = resolved.stdout.trim();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-"));
  const worktree = path.join(work, "old");
  const worktreeApp = path.join(worktree, path.relative(fs.realpathSync(root), appDir));
  git(root, ["worktree", "add", "--detach", worktree, sha]);
  try {
    if (!fs.existsSync(path.join(worktreeApp, "cdktf.json"))) {
      throw new UpgradeCheckSetupError(`the app has no cdktf.json at ${ref} (${path.relative(worktree, worktreeApp) || "."}): nothing to compare with`);
    }
    installDependencies(appDir, worktreeApp, ref, log);
    return await use({ appDir, worktreeApp, sha, work });
  } finally {
    spawnSync("git", ["worktree", "remove", "--force", worktree], { cwd: root });
    spawnSync("git", ["worktree", "prune"], { cwd: root });
    if (keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Synthesizes the app as it is at `ref` (its own cdktf.json app command, JSON output) into `outdir`, with the rollout
 * file given (else without ROLLOUT_CONFIG). Throws UpgradeCheckSetupError when the synth fails.
 */
export async function synthAtRef(opts: {
  readonly ref: string;
  readonly outdir: string;
  readonly rolloutFile?: string;
  readonly repoDir?: string;
  readonly log?: (line: string) => void;
}): Promise<void> {
  const log = opts.log ?? ((l: string) => console.log(l));
  await atRef(opts.ref, opts.repoDir, false, log, async ({ worktreeApp }) => {
    const r = synth(worktreeApp, opts.rolloutFile, opts.outdir);
    if (!r.ok) throw new UpgradeCheckSetupError(`synth at ${opts.ref} failed:\n${r.output}`);
  });
}

/** Checks out `ref`, synthesizes each rollout (or the app as it is) at the ref and in the working tree, and compares them. */
export async function runGitUpgradeCheck(opts: GitUpgradeCheckOptions): Promise<GitUpgradeCheckResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const reports: Record<string, UpgradeReport> = {};
  let exitCode = 0;
  await atRef(opts.ref, opts.repoDir, opts.keep === true, log, async ({ appDir, worktreeApp, sha, work }) => {
    for (const c of comparisons(appDir, worktreeApp, opts.rollouts, log)) {
      const label = `${opts.ref} (${sha.slice(0, 12)}) -> working tree, ${c.label}`;
      log(`synthesizing ${c.label} at ${opts.ref} and in the working tree`);

      const oldOut = path.join(work, `${c.key}-old.out`);
      let old = synth(worktreeApp, c.file, oldOut);
      if (!old.ok && c.atRef) {
        log(`the version at ${opts.ref} rejects the current ${c.label}; using its own copy (${c.atRef}), so config changes count as changes too`);
        fs.rmSync(oldOut, { recursive: true, force: true });
        old = synth(worktreeApp, path.join(worktreeApp, c.atRef), oldOut);
      }
      if (!old.ok) throw new UpgradeCheckSetupError(`synth of ${c.label} at ${opts.ref} failed:\n${old.output}`);
      const newOut = path.join(work, `${c.key}-new.out`);
      const current = synth(appDir, c.file, newOut);
      if (!current.ok) throw new UpgradeCheckSetupError(`synth of ${c.label} in the working tree failed:\n${current.output}`);

      const report = await compareSynthOutputs(oldOut, newOut, {
        stacks: opts.stacks,
        planUnchanged: opts.planUnchanged,
        onProgress: (l) => log(`  ${l}`),
        workDir: opts.keep ? path.join(work, `${c.key}-terraform`) : undefined,
      });
      reports[c.key] = report;
      log(formatReport(report, label));
      const partial = report.stacks.some((s) => s.status === "addresses-only" || s.unsettled.length > 0);
      if (!report.ok || (opts.strict && partial)) exitCode = 1;
    }
  });
  return { exitCode, reports };
}
