/**
 * Synth split across processes. The stacks of a rollout share nothing but the model (they read each other through
 * remote state, never through cross-stack references), so disjoint shards of them can be built, validated and
 * synthesized in separate processes, one per core: this one takes the first (smaller) shard and worker processes the
 * others. This process builds the model once for its shard, the DR report and the flows, and writes only when every
 * shard succeeded: each shard is synthesized into a staging folder inside the output folder, and this process moves
 * the files into place and writes the manifest, the deploy order and the DR report. The output is byte-identical to a
 * single-process synth (a test compares them).
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "../../modules/core/cdktf";
import { configErrorOf } from "../config/build-problems";
import { ConfigProblem, dedupeProblems, RolloutConfigError } from "../config/problems";
import type { RolloutConfig } from "../config/schema";
import { buildRolloutModel, RolloutModel } from "../model/model";
import { buildRolloutShard, rolloutStackNames } from "../rollout/build";
import { deployOrderFrom, StackOrderFacts, stackOrderFacts, writeDeployOrder } from "./deploy-order";
import { finishSynthOutput, formatHclStacks } from "./synth-output";
import { stageBesideStacks, StagedBesideStacks, SynthesizedRolloutFiles, writeBesideStacks } from "./synthesize";
import { validateTree } from "./validate-tree";

/** The environment variable that sets the number of synth processes (1: synthesize in this process). */
export const SYNTH_WORKERS_ENV = "BACKUP_DR_SYNTH_WORKERS";
/**
 * Below this many stacks per worker a worker costs more than it saves: each one loads the provider bindings and
 * builds the model again (about a second), while a stack synthesizes in about 5 ms.
 */
export const MIN_STACKS_PER_WORKER = 150;

/**
 * The share of an equal shard that this process synthesizes itself, beside the workers' shards: it also writes the
 * DR report and the flows while they run, and moves their files into place after, while each worker first loads the
 * modules and builds the model. Measured on 2 cores at 1000 members (bench/README.md), and again once the report and
 * flows were written piece by piece: at 0.7 both processes spend about the same CPU time.
 */
export const PARENT_SHARD_SHARE = 0.7;

/** What one worker builds. */
export interface ShardTask {
  readonly config: RolloutConfig;
  readonly source: string;
  /** The names of the stacks to build and write. */
  readonly names: readonly string[];
  /** The folder the worker's App synthesizes into. */
  readonly outdir: string;
  readonly hclOutput: boolean;
}

type StackManifestEntry = { readonly workingDirectory: string } & Record<string, unknown>;

/** What a worker answers. */
export type ShardReply =
  | {
      readonly ok: true;
      readonly manifest: Readonly<Record<string, StackManifestEntry>>;
      readonly facts: readonly StackOrderFacts[];
      readonly formatted: readonly string[];
      readonly warning?: string;
    }
  | { readonly ok: false; readonly problems?: readonly ConfigProblem[]; readonly message: string };

/**
 * The number of synth processes for a rollout of `stackCount` stacks: BACKUP_DR_SYNTH_WORKERS when set, else one per
 * core, but no more than one per MIN_STACKS_PER_WORKER stacks.
 */
export function synthWorkers(stackCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env[SYNTH_WORKERS_ENV];
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${SYNTH_WORKERS_ENV} must be a whole number of at least 1 (got ${JSON.stringify(asked)})`);
    return Math.min(n, Math.max(1, stackCount));
  }
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(stackCount / MIN_STACKS_PER_WORKER)));
}

/**
 * Splits items into `count` contiguous shards, in order. Shards are of nearly equal size, except that the first one
 * gets `firstShare` of an equal share (the process that synthesizes it has other work too).
 */
export function shardsOf<T>(items: readonly T[], count: number, firstShare = 1): T[][] {
  const n = Math.max(1, Math.min(count, items.length));
  const total = firstShare + (n - 1);
  // Cut i lies at the items before it: the first shard's weight, then one per shard after it.
  const cut = (i: number) => (i === 0 ? 0 : Math.floor(((firstShare + (i - 1)) * items.length) / total));
  return Array.from({ length: n }, (_, i) => items.slice(cut(i), i === n - 1 ? items.length : cut(i + 1)));
}

/** Builds, validates and synthesizes one shard in this process (what a worker does); `model` saves building it again. */
export function runShard(task: ShardTask, model?: RolloutModel): ShardReply {
  // cdktf's stacks choose HCL or JSON from this variable alone, read when each stack is made (the App's hclOutput only
  // names the file); it is the task's while the shard is built and synthesized.
  const format = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(task.hclOutput);
  try {
    return synthesizeShard(task, model);
  } finally {
    if (format === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = format;
  }
}

function synthesizeShard(task: ShardTask, model: RolloutModel | undefined): ShardReply {
  const app = new App({ outdir: task.outdir, hclOutput: task.hclOutput });
  let built;
  try {
    built = buildRolloutShard(app, model ?? buildRolloutModel(task.config), new Set(task.names));
    validateTree(app);
  } catch (e) {
    const err = configErrorOf(task.config, e, task.source);
    if (err instanceof RolloutConfigError) return { ok: false, problems: err.problems, message: err.message };
    return { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  app.synth();
  const manifest: Record<string, StackManifestEntry> = {};
  const facts: StackOrderFacts[] = [];
  for (const stack of built) {
    const entry = app.manifest.stacks[stack.node.id] as unknown as StackManifestEntry;
    manifest[stack.node.id] = entry;
    facts.push(stackOrderFacts(stack, entry.workingDirectory));
  }
  const fmt = task.hclOutput ? formatHclStacks(app, Object.keys(manifest)) : { formatted: [] };
  return { ok: true, manifest, facts, ...fmt };
}

/** A shard running in a worker process: `sent` settles once the task left this process, `reply` with the answer. */
interface RunningShard {
  readonly sent: Promise<void>;
  readonly reply: Promise<ShardReply>;
}

/** Runs one shard in a worker process. */
function runInWorker(task: ShardTask): RunningShard {
  const typescript = __filename.endsWith(".ts");
  const worker = path.join(__dirname, `shard-worker${typescript ? ".ts" : ".js"}`);
  const child = fork(worker, [], {
    serialization: "advanced",
    // Run from sources (ts-node, tests) the worker transpiles as the parent does; the published package runs compiled code.
    execArgv: typescript ? ["-r", path.join(__dirname, "ts-worker-hook.cjs")] : process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const reply = new Promise<ShardReply>((resolve, reject) => {
    let answered = false;
    // The answer is taken when it arrives; the worker then exits on its own, and its exit is not waited for.
    child.on("message", (m) => {
      answered = true;
      // Nothing more is expected from the worker: it must not keep this process (or a test runner) waiting.
      child.channel?.unref();
      child.unref();
      resolve(m as ShardReply);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!answered)
        reject(new Error(`synth worker for ${task.names.length} stacks (${task.names[0]}...) exited with ${signal ?? `code ${code}`} and no answer`));
    });
  });
  // A large task leaves through the event loop: this process must let it go before it starts synchronous work.
  const sent = new Promise<void>((resolve) => child.send(task, () => resolve()));
  return { sent, reply };
}

/** Moves every file of `from` into `to` (created if missing), replacing files of the same name. */
function moveFiles(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const target = path.join(to, e.name);
    if (e.isDirectory()) moveFiles(path.join(from, e.name), target);
    else fs.renameSync(path.join(from, e.name), target);
  }
}

/**
 * Synthesizes a rollout into `app`'s output folder with `workers` processes. Throws, writing nothing, when any shard
 * is refused: the problems of every shard, at their config paths.
 */
export async function synthesizeRolloutSharded(app: App, config: RolloutConfig, workers: number, source = "rollout config"): Promise<SynthesizedRolloutFiles> {
  // The shard plan needs only the stack names; the model is built here once the workers have their tasks.
  const names = rolloutStackNames(config);
  const shards = shardsOf(names, workers, PARENT_SHARD_SHARE);
  const staging = fs.mkdtempSync(path.join(app.outdir, ".synth-"));
  const formatted: string[] = [];
  const facts: StackOrderFacts[] = [];
  let warning: string | undefined;
  let model: RolloutModel | undefined;
  let staged: StagedBesideStacks | undefined;
  try {
    const tasks = shards.map((names, i) => ({ config, source, names, outdir: path.join(staging, String(i)), hclOutput: app.hclOutput }));
    // This process takes the first shard itself: one process fewer loads the modules and builds the model. The workers
    // get their tasks first; then this process builds the model, stages the report and flows, synthesizes its shard
    // and waits for the workers.
    const workers = tasks.slice(1).map(runInWorker);
    const running = Promise.all(workers.map((w) => w.reply));
    // A worker that fails while this process still hands out tasks is reported where the replies are awaited, below.
    running.catch(() => undefined);
    await Promise.all(workers.map((w) => w.sent));
    let modelError: unknown;
    try {
      model = buildRolloutModel(config);
    } catch (e) {
      modelError = e;
    }
    // The report and flows first, written into the staging folder while the workers synthesize, piece by piece and
    // in a function of their own: nothing of them but the report stays in this frame while this process's own shard
    // is built (a large temporary held here stayed reachable until the next await).
    const beside = path.join(staging, "beside");
    if (model) {
      try {
        fs.mkdirSync(beside);
        staged = stageBesideStacks(beside, model);
      } catch (e) {
        modelError = e;
      }
    }
    // Without a model, the shard builds it again and answers with the problem at its config path.
    const own = runShard(tasks[0], model);
    const replies = [own, ...(await running)];
    const problems: ConfigProblem[] = [];
    for (const r of replies) {
      if (r.ok) continue;
      if (!r.problems) throw new Error(r.message);
      problems.push(...r.problems);
    }
    if (problems.length > 0) throw new RolloutConfigError(source, dedupeProblems(problems));
    if (!model || !staged) throw configErrorOf(config, modelError, source);
    replies.forEach((r, i) => {
      if (!r.ok) return;
      for (const [name, entry] of Object.entries(r.manifest)) {
        moveFiles(path.join(tasks[i].outdir, entry.workingDirectory), path.join(app.outdir, entry.workingDirectory));
        (app.manifest.stacks as Record<string, unknown>)[name] = entry;
      }
      const staged = path.resolve(tasks[i].outdir);
      formatted.push(...r.formatted.map((f) => path.join(app.outdir, path.relative(staged, path.resolve(f)))));
      facts.push(...r.facts);
      warning ??= r.warning;
    });
    app.manifest.writeToFile();
    // Files of the other output format and folders of removed stacks go as in a single-process synth; HCL was formatted by the workers.
    const finished = { ...finishSynthOutput(app, { format: false }), formatted, ...(warning ? { warning } : {}) };
    const order = deployOrderFrom(facts);
    const deployOrder = writeDeployOrder(app.outdir, order);
    const { report, files } = writeBesideStacks(app.outdir, model, order, deployOrder, staged);
    return { model, finished, order, report, files };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
