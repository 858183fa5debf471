/**
 * npm run bench: synth time and memory of the rollout at organization scale, against a hand-written baseline app
 * with the same resources, and the time to validate 100 stacks with the terraform harness against a naive loop.
 *
 * 1. Compiles main.ts and the baseline app (bench/baseline-main.ts) to JavaScript under .bench/dist, so both
 *    are measured the same way: `node <file>.js`, a fresh process per synth, no transpiler in the measurement.
 * 2. Generates rollouts of 10, 100 and 1000 members (two regions each) and synthesizes each with ours and with the
 *    baseline, BENCH_REPS times (default 3) each, alternating; reports the median wall time and the peak RSS (each
 *    child reports process.resourceUsage().maxRSS on exit).
 *    Then times the app command of cdktf.json (what `cdktf synth` runs) once on the largest rollout, to show what
 *    the transpiler adds.
 * 3. Validates the 100 member stacks of the 100-member rollout with checkSynthOutput (plan: false), then with a naive
 *    loop (per stack: fresh folder, `terraform init` without a plugin cache, `terraform validate`, one at a time).
 *    When the naive loop would take longer than BENCH_NAIVE_LIMIT_MINUTES (default 15), it runs over a sample of
 *    stacks and the total is extrapolated linearly, and the output says so.
 *
 * 4. At the largest size, in this process: the deploy waves of the app (deployOrderOf), changed-stack detection after a
 *    one-member change (changedStacks over two synth outputs), pipeline generation (GitHub and GitLab), and the flow
 *    proofs of `backup-dr validate` (IAM evaluation of every data path and deny proof of the rollout).
 *
 * The last line reads `ratio=<ours/baseline at 1000> scale=<t(1000)/t(100)> rss1000=<peak RSS in MB at 1000>`.
 * Environment: BENCH_SIZES (e.g. "10,100"), BENCH_REPS, BENCH_SKIP_VALIDATION=1, BENCH_NAIVE_LIMIT_MINUTES.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import {
  checkSynthOutput,
  describe as describeCheck,
  describeProviderMode,
  listStacks,
  selectProviderMode,
  terraformBinary,
} from "../cli/harness/terraform-harness";
import { runFlowProofs } from "../cli/flow-proofs";
import { githubWorkflow, gitlabPipeline } from "../cli/pipeline";
import { App } from "../modules/core/cdktf";
import { parseRollout } from "../stacks/config/load";
import { changedStacks } from "../stacks/synth/changed";
import { deployOrderOf } from "../stacks/synth/deploy-order";
import { synthesizeRollout } from "../stacks/synth/synthesize";
import { benchMemberAccountId, generateRollout } from "./rollout-generator";
import { resourceTypesByStack, sameResourceTypes } from "./resource-types";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".bench");
const DIST = path.join(WORK, "dist");
const SIZES = (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map((s) => Number(s.trim()));
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const VALIDATION_SIZE = 100;
const NAIVE_LIMIT_SECONDS = 60 * Number(process.env.BENCH_NAIVE_LIMIT_MINUTES ?? 15);
const NAIVE_MIN_SAMPLE = 10;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Compiles the synth entry points (ours and the baseline) with the project's TypeScript. */
async function compile(): Promise<void> {
  fs.rmSync(DIST, { recursive: true, force: true });
  const tsconfig = path.join(WORK, "tsconfig.bench.json");
  fs.writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: "../tsconfig.json",
        compilerOptions: { noEmit: false, declaration: false, sourceMap: false, outDir: "dist", rootDir: "..", types: ["node"] },
        files: ["../main.ts", "../stacks/synth/shard-worker.ts", "../bench/baseline-main.ts", "../bench/usage-probe.ts"],
        include: [],
      },
      null,
      2,
    ),
  );
  const tsc = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", tsconfig]);
  if (tsc.code !== 0) throw new Error(`compiling the synth entry points failed:\n${tsc.stdout}${tsc.stderr}`);
}

interface Synth {
  readonly seconds: number;
  readonly rssMb: number;
  /** How many processes reported their peak RSS: the synth and its workers. */
  readonly processes: number;
  readonly outdir: string;
}

/** One synth in a fresh process: wall time from spawn to exit, and the peak RSS the process reported. */
async function synth(kind: "ours" | "baseline", configFile: string, outdir: string): Promise<Synth> {
  const usage = path.join(WORK, `usage-${process.pid}.jsonl`);
  fs.rmSync(usage, { force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  const entry = kind === "ours" ? path.join(DIST, "main.js") : path.join(DIST, "bench", "baseline-main.js");
  const r = await run(process.execPath, ["--require", path.join(DIST, "bench", "usage-probe.js"), entry, configFile], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ROLLOUT_CONFIG: configFile, BENCH_USAGE_FILE: usage },
  });
  if (r.code !== 0) throw new Error(`${kind} synth of ${configFile} exited with ${r.code}:\n${r.stderr.slice(-4000)}`);
  const rss = fs
    .readFileSync(usage, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { maxRssKb: number }).maxRssKb);
  fs.rmSync(usage, { force: true });
  return { seconds: r.seconds, rssMb: Math.max(...rss) / 1024, processes: rss.length, outdir };
}

/** The app command of cdktf.json, run through a shell as `cdktf synth` runs it. */
async function synthWithAppCommand(configFile: string, outdir: string): Promise<Synth & { command: string }> {
  const command = (JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const usage = path.join(WORK, `usage-app-${process.pid}.jsonl`);
  fs.rmSync(usage, { force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  const probe = path.join(DIST, "bench", "usage-probe.js");
  const r = await run("sh", ["-c", command], {
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      CDKTF_OUTDIR: outdir,
      ROLLOUT_CONFIG: configFile,
      BENCH_USAGE_FILE: usage,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${probe}`.trim(),
    },
  });
  if (r.code !== 0) throw new Error(`the app command (${command}) exited with ${r.code}:\n${r.stderr.slice(-4000)}`);
  const rss = fs
    .readFileSync(usage, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { maxRssKb: number }).maxRssKb);
  fs.rmSync(usage, { force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  return { seconds: r.seconds, rssMb: Math.max(...rss) / 1024, processes: rss.length, outdir, command };
}

interface SizeResult {
  readonly members: number;
  readonly stacks: number;
  readonly ours: number;
  readonly baseline: number;
  readonly oursRss: number;
  readonly baselineRss: number;
}

async function benchSynth(tmp: string): Promise<{ results: SizeResult[]; keep?: string }> {
  const results: SizeResult[] = [];
  let keep: string | undefined;
  console.log(`\nSynth: median of ${REPS} runs each, ours and baseline alternating, each in a fresh node process`);
  console.log("members  stacks   ours s  baseline s  ratio   ours RSS MB  baseline RSS MB  ours processes");
  console.log("(RSS: the peak of the largest process; ours runs one synth worker per core for large rollouts, see BACKUP_DR_SYNTH_WORKERS)");
  for (const members of SIZES) {
    const configFile = path.join(WORK, `rollout-${members}.json`);
    fs.writeFileSync(configFile, JSON.stringify(generateRollout(members), null, 1));
    const ours: Synth[] = [];
    const baseline: Synth[] = [];
    for (let i = 0; i < REPS; i++) {
      ours.push(await synth("ours", configFile, path.join(tmp, `ours-${members}`)));
      baseline.push(await synth("baseline", configFile, path.join(tmp, `baseline-${members}`)));
    }
    const mine = resourceTypesByStack(path.join(tmp, `ours-${members}`));
    const theirs = resourceTypesByStack(path.join(tmp, `baseline-${members}`));
    const same = sameResourceTypes(mine, theirs);
    if (!same.equal) throw new Error(`the baseline does not create the same resources as the rollout at ${members} members: ${same.difference}`);
    const r: SizeResult = {
      members,
      stacks: Object.keys(mine).length,
      ours: median(ours.map((s) => s.seconds)),
      baseline: median(baseline.map((s) => s.seconds)),
      oursRss: Math.max(...ours.map((s) => s.rssMb)),
      baselineRss: Math.max(...baseline.map((s) => s.rssMb)),
    };
    results.push(r);
    console.log(
      `${String(members).padStart(7)}  ${String(r.stacks).padStart(6)}  ${r.ours.toFixed(2).padStart(7)}  ${r.baseline.toFixed(2).padStart(10)}  ${(r.ours / r.baseline).toFixed(2).padStart(5)}  ${Math.round(r.oursRss).toString().padStart(12)}  ${Math.round(r.baselineRss).toString().padStart(15)}  ${String(ours[0].processes).padStart(14)}`,
    );
    if (members === VALIDATION_SIZE) keep = path.join(tmp, `ours-${members}`);
    else fs.rmSync(path.join(tmp, `ours-${members}`), { recursive: true, force: true });
    fs.rmSync(path.join(tmp, `baseline-${members}`), { recursive: true, force: true });
  }
  const largest = SIZES[SIZES.length - 1];
  const app = await synthWithAppCommand(path.join(WORK, `rollout-${largest}.json`), path.join(tmp, "app-command"));
  console.log(`App command of cdktf.json (\`${app.command}\`), ${largest} members, one run: ${app.seconds.toFixed(2)}s, peak RSS ${Math.round(app.rssMb)} MB`);
  return { results, keep };
}

/** The naive way: every stack on its own, a fresh folder, `terraform init` with no plugin cache, `terraform validate`. */
async function naiveValidate(
  outDir: string,
  stacks: readonly string[],
  tmp: string,
): Promise<{ seconds: number; measured: number; valid: number; extrapolated: boolean }> {
  // The same provider as the harness uses (selectProviderMode), installed the naive way: no cache, every stack anew.
  const mode = selectProviderMode();
  const { TF_PLUGIN_CACHE_DIR: _cache, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  if (mode.kind === "offline") {
    env.TF_CLI_CONFIG_FILE = path.join(tmp, "naive.tfrc");
    fs.writeFileSync(
      env.TF_CLI_CONFIG_FILE,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mode.mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`,
    );
  }
  let total = 0;
  let valid = 0;
  let measured = 0;
  for (const stack of stacks) {
    const started = performance.now();
    const dir = fs.mkdtempSync(path.join(tmp, "naive-"));
    fs.copyFileSync(path.join(outDir, "stacks", stack, "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
    if (mode.overridesVersion) {
      fs.writeFileSync(
        path.join(dir, "zz_provider_override.tf.json"),
        JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: mode.version } } } }),
      );
    }
    const init = await run(terraformBinary(), ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env });
    if (init.code !== 0) throw new Error(`naive terraform init of ${stack} failed:\n${init.stderr || init.stdout}`);
    const validate = await run(terraformBinary(), ["validate", "-json", "-no-color"], { cwd: dir, env });
    if ((JSON.parse(validate.stdout) as { valid: boolean }).valid) valid++;
    fs.rmSync(dir, { recursive: true, force: true });
    total += (performance.now() - started) / 1000;
    measured++;
    if (measured % 10 === 0 || measured === stacks.length) console.log(`  naive: ${measured}/${stacks.length} stacks [${total.toFixed(1)}s]`);
    if (measured >= NAIVE_MIN_SAMPLE && measured < stacks.length && (total / measured) * stacks.length > NAIVE_LIMIT_SECONDS) {
      return { seconds: (total / measured) * stacks.length, measured, valid, extrapolated: true };
    }
  }
  return { seconds: total, measured, valid, extrapolated: false };
}

async function benchValidation(outDir: string, tmp: string): Promise<number> {
  const stacks = listStacks(outDir)
    .filter((s) => s.startsWith("member-"))
    .slice(0, 100);
  console.log(
    `\nValidation of ${stacks.length} stacks (the member stacks of the ${VALIDATION_SIZE}-member rollout); terraform binary ${terraformBinary()}, ${describeProviderMode(selectProviderMode())}`,
  );
  console.log(`Harness: checkSynthOutput(plan: false), ${os.cpus().length} at a time`);
  const started = performance.now();
  const checks = await checkSynthOutput(outDir, { plan: false, stacks, onProgress: (line) => console.log(`  ${line}`) });
  const harness = (performance.now() - started) / 1000;
  const passed = checks.filter((c) => c.ok).length;
  console.log(`  ${checks.length} stacks: ${passed} passed, ${checks.length - passed} failed [${harness.toFixed(1)}s]`);
  for (const c of checks.filter((x) => !x.ok)) console.log(`  ${describeCheck(c)}`);

  console.log("Naive loop: per stack a fresh folder, terraform init (no plugin cache), terraform validate; one stack at a time");
  const naive = await naiveValidate(outDir, stacks, tmp);
  console.log(
    naive.extrapolated
      ? `  ${naive.valid}/${naive.measured} valid; measured over a sample of ${naive.measured} stacks, extrapolated linearly to ${stacks.length}: ${naive.seconds.toFixed(1)}s`
      : `  ${naive.valid}/${naive.measured} valid [${naive.seconds.toFixed(1)}s]`,
  );
  const speedup = naive.seconds / harness;
  console.log(
    `Validation of ${stacks.length} stacks: harness ${harness.toFixed(1)}s, naive ${naive.seconds.toFixed(1)}s${naive.extrapolated ? " (extrapolated)" : ""}, speedup ${speedup.toFixed(2)}x`,
  );
  return speedup;
}

/** Seconds a function takes, with its result. */
function timed<T>(fn: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function benchPipelineTools(members: number, tmp: string): Promise<void> {
  console.log(`\nPipeline tools at ${members} members (in this process)`);
  const raw = generateRollout(members);
  const before = path.join(tmp, "tools-before");
  const app = new App({ outdir: before });
  synthesizeRollout(app, parseRollout(raw, "bench rollout"));
  const waves = timed(() => deployOrderOf(app));
  console.log(`  deploy waves of ${waves.value.stacks.length} stacks (${waves.value.waves.map((w) => w.length).join(" + ")}): ${waves.seconds.toFixed(2)}s`);
  const edited = JSON.parse(JSON.stringify(raw));
  const one = edited.members[Math.floor(members / 2)];
  one.deployRoleArn = `arn:aws:iam::${benchMemberAccountId(Math.floor(members / 2) + 1)}:role/OtherDeployRole`;
  const after = path.join(tmp, "tools-after");
  synthesizeRollout(new App({ outdir: after }), parseRollout(edited, "bench rollout, one member edited"));
  const changed = timed(() => changedStacks(before, after));
  const names = changed.value.map((c) => c.stack).join(", ");
  if (changed.value.length !== 1) throw new Error(`one member was edited, but changedStacks lists ${changed.value.length}: ${names}`);
  console.log(`  changed stacks after a one-member change (${names}): ${changed.seconds.toFixed(2)}s`);
  const github = timed(() => githubWorkflow(waves.value));
  const gitlab = timed(() => gitlabPipeline(waves.value));
  console.log(
    `  pipeline generation: GitHub ${github.seconds.toFixed(2)}s (${Math.round(github.value.length / 1024)} KB), GitLab ${gitlab.seconds.toFixed(2)}s (${Math.round(gitlab.value.length / 1024)} KB)`,
  );
  const proofLines: string[] = [];
  const proofIo = { out: (l: string) => proofLines.push(l), err: (l: string) => proofLines.push(l) };
  const proofStarted = performance.now();
  const status = await runFlowProofs(before, proofIo);
  const proofSeconds = (performance.now() - proofStarted) / 1000;
  const flowsLine = proofLines.find((l) => l.startsWith("flows: ")) ?? proofLines.join("; ");
  console.log(`  flow proofs (IAM evaluation of every data path and deny proof): ${flowsLine} (${status}): ${proofSeconds.toFixed(2)}s`);
  fs.rmSync(before, { recursive: true, force: true });
  fs.rmSync(after, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const started = performance.now();
  fs.mkdirSync(WORK, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-bench-"));
  try {
    console.log(`Benchmark on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}`);
    console.log("Compiling main.ts and the baseline app to .bench/dist ...");
    await compile();
    const { results, keep } = await benchSynth(tmp);
    if (keep && process.env.BENCH_SKIP_VALIDATION !== "1") await benchValidation(keep, tmp);
    await benchPipelineTools(SIZES[SIZES.length - 1], tmp);

    const at = (n: number) => results.find((r) => r.members === n);
    const big = at(1000);
    const mid = at(100);
    console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)}s`);
    if (!big || !mid) {
      console.log("(ratio, scale and rss1000 need the sizes 100 and 1000)");
      return;
    }
    console.log(`ours/baseline synth time at 1000 members: ${(big.ours / big.baseline).toFixed(2)}`);
    console.log(`scaling t(1000)/t(100) (ours): ${(big.ours / mid.ours).toFixed(2)}`);
    console.log(`ratio=${(big.ours / big.baseline).toFixed(2)} scale=${(big.ours / mid.ours).toFixed(2)} rss1000=${Math.round(big.oursRss)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
