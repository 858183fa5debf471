import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "../../../modules/core/cdktf";
import { AccountStack } from "../../../stacks/account-stack";
import { BackupKey } from "../../../modules/kms";
import { stackDocument } from "../../../modules/core/private/stack-document";
import { generateRollout } from "../../../bench/rollout-generator";
import { parseRollout } from "../../../stacks/config/load";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { MIN_STACKS_PER_WORKER, shardsOf, synthesizeRolloutSharded, synthWorkers } from "../../../stacks/synth/shards";
import { synthesizeRollout } from "../../../stacks/synth/synthesize";
import { rawRollout } from "../../rollout-helpers";

function tempOut(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "shards-"));
}

/** Every file under `dir`, relative path -> content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return files;
}

function expectSameTree(single: string, sharded: string): void {
  const a = tree(single);
  const b = tree(sharded);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [file, content] of a) expect({ file, content: b.get(file) }).toEqual({ file, content });
}

// The real fork, counted: the tests see how many worker processes a synth starts.
jest.mock("node:child_process", () => {
  const real = jest.requireActual<typeof import("node:child_process")>("node:child_process");
  return { ...real, fork: jest.fn(real.fork) };
});

const twelveMembers = () => parseRollout(generateRollout(12), "generated rollout");

describe("sharded synth", () => {
  test("given a 12-member rollout, when synthesized by 3 worker processes, then every file is byte-identical to a single-process synth", async () => {
    const single = tempOut();
    const sharded = tempOut();
    synthesizeRollout(new App({ outdir: single }), twelveMembers(), "generated rollout");
    const result = await synthesizeRolloutSharded(new App({ outdir: sharded }), twelveMembers(), 3, "generated rollout");
    expectSameTree(single, sharded);
    expect(result.order.waves.flat()).toHaveLength(14);
  });

  test("given 3 synth processes, when synthesized, then this process takes one shard and two workers are started", async () => {
    const forked = childProcess.fork as unknown as jest.Mock;
    forked.mockClear();
    await synthesizeRolloutSharded(new App({ outdir: tempOut() }), twelveMembers(), 3, "generated rollout");
    expect(forked).toHaveBeenCalledTimes(2);
  });

  test("given a rollout on HCP Terraform, when synthesized by 2 worker processes, then every file, the workspaces file included, is byte-identical", async () => {
    const raw = generateRollout(5) as { stateBackend: unknown };
    raw.stateBackend = { type: "cloud", organization: "example-org" };
    const single = tempOut();
    const sharded = tempOut();
    synthesizeRollout(new App({ outdir: single }), parseRollout(raw, "cloud rollout"));
    const result = await synthesizeRolloutSharded(new App({ outdir: sharded }), parseRollout(raw, "cloud rollout"), 2);
    expectSameTree(single, sharded);
    expect(result.files.hcpWorkspaces).toBe(path.join(sharded, "hcp-workspaces.json"));
  });

  test("given the default rollout written as HCL, when synthesized by 2 worker processes, then the formatted HCL is byte-identical", async () => {
    const single = tempOut();
    const sharded = tempOut();
    const config = () => parseRollout(rawRollout(), "default rollout");
    // As `cdktf synth --hcl` does: cdktf's stacks read the format from the environment.
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      synthesizeRollout(new App({ outdir: single, hclOutput: true }), config());
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    const result = await synthesizeRolloutSharded(new App({ outdir: sharded, hclOutput: true }), config(), 2);
    expectSameTree(single, sharded);
    expect(result.finished.warning).toBeUndefined();
    expect(result.finished.formatted).toHaveLength(4);
    expect(tree(sharded).get(path.join("stacks", "central-backup", "cdk.tf"))).toMatch(/^terraform \{/m);
  });

  test("given a member that a construct refuses in the last shard, when synthesized by workers, then the error names its config path and nothing is written", async () => {
    // A value the schema would refuse, set after parsing, so that the stack's own check (in a worker) finds it.
    const config = parseRollout(generateRollout(6), "generated rollout");
    (config.members[5] as { accountId: string }).accountId = "1234";
    const outdir = tempOut();
    const app = new App({ outdir });
    let error: unknown;
    try {
      await synthesizeRolloutSharded(app, config, 3, "generated rollout");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RolloutConfigError);
    expect((error as RolloutConfigError).problems.map((p) => p.path)).toContain("members[5].accountId");
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual([]);
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith(".synth-"))).toEqual([]);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
  });

  test("given a member removed from the rollout, when re-synthesized by workers, then its folder is removed and reported", async () => {
    const outdir = tempOut();
    await synthesizeRolloutSharded(new App({ outdir }), twelveMembers(), 2);
    const raw = generateRollout(12) as { members: { name: string }[] };
    const removed = raw.members.splice(11, 1)[0];
    const result = await synthesizeRolloutSharded(new App({ outdir }), parseRollout(raw, "generated rollout"), 2);
    expect(result.finished.staleStacks).toHaveLength(1);
    expect(result.finished.staleStacks[0]).toContain(removed.name);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toHaveLength(13);
  });
});

describe("synthWorkers", () => {
  test("given BACKUP_DR_SYNTH_WORKERS, when asked for workers, then that number is used, capped at one per stack", () => {
    expect(synthWorkers(1000, { BACKUP_DR_SYNTH_WORKERS: "3" })).toBe(3);
    expect(synthWorkers(2, { BACKUP_DR_SYNTH_WORKERS: "8" })).toBe(2);
  });

  test("given a bad BACKUP_DR_SYNTH_WORKERS, when asked for workers, then the error names the variable and the value", () => {
    expect(() => synthWorkers(1000, { BACKUP_DR_SYNTH_WORKERS: "0" })).toThrow(/BACKUP_DR_SYNTH_WORKERS must be a whole number of at least 1 \(got "0"\)/);
  });

  test("given a small rollout, when asked for workers, then it is synthesized in this process", () => {
    expect(synthWorkers(MIN_STACKS_PER_WORKER - 1, {})).toBe(1);
  });

  test("given a large rollout, when asked for workers, then there are no more than the cores", () => {
    expect(synthWorkers(100_000, {})).toBe(os.availableParallelism());
  });
});

describe("shardsOf", () => {
  test("given 7 stacks and 3 shards, when split, then the shards are contiguous, in order and differ in size by at most one", () => {
    const shards = shardsOf([1, 2, 3, 4, 5, 6, 7], 3);
    expect(shards.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...shards.map((s) => s.length)) - Math.min(...shards.map((s) => s.length))).toBeLessThanOrEqual(1);
  });

  test("given a first share of 0.7, when 1002 stacks are split in two, then the first shard is the smaller one and nothing is lost", () => {
    const items = Array.from({ length: 1002 }, (_, i) => i);
    const [first, second] = shardsOf(items, 2, 0.7);
    expect(first).toHaveLength(Math.floor((0.7 * 1002) / 1.7));
    expect([...first, ...second]).toEqual(items);
  });
});

describe("rollout stacks skip cdktf's preparing resolve run and its second resolve of the whole document", () => {
  test.each(["default", "reference", "govcloud"] as const)(
    "given the %s rollout, when synthesized with and without the core's preparing run and second resolve, then every file is byte-identical",
    (name) => {
      const fast = tempOut();
      const core = tempOut();
      synthesizeRollout(new App({ outdir: fast }), parseRollout(rawRollout(name), name));
      // What cdktf does for stacks that may make cross-stack references: resolve everything once before synth, and
      // resolve each stack's merged document once more after resolving its elements.
      const prepare = jest.spyOn(AccountStack.prototype, "prepareStack").mockImplementation(function (this: AccountStack) {
        TerraformStack.prototype.prepareStack.call(this);
      });
      const document = jest.spyOn(AccountStack.prototype, "toTerraform").mockImplementation(function (this: AccountStack) {
        return TerraformStack.prototype.toTerraform.call(this) as Record<string, unknown>;
      });
      try {
        synthesizeRollout(new App({ outdir: core }), parseRollout(rawRollout(name), name));
        expect(prepare).toHaveBeenCalled();
        expect(document).toHaveBeenCalled();
      } finally {
        prepare.mockRestore();
        document.mockRestore();
      }
      expectSameTree(core, fast);
    },
  );

  test("given a stack whose own overrides hold tokens, when its document is made by resolving each element once, then it equals the core's", () => {
    // given: an account stack without cross-stack references, with a stack-level override that is a reference
    const app = new App({ outdir: tempOut() });
    const stack = new AccountStack(app, "doc", {
      accountId: "123456789012",
      primaryRegion: "eu-west-1",
      backend: { bucket: "b-state", region: "eu-west-1" },
      crossStackReferences: false,
    });
    const key = new BackupKey(stack, "Key", { env: { accountId: "123456789012", region: "eu-west-1" }, alias: "backup/doc" });
    stack.addOverride("output.key_arn", { value: key.keyArn });
    // when
    const once = stackDocument(stack);
    const twice = TerraformStack.prototype.toTerraform.call(stack);
    // then: the override's token is resolved as the core resolves it, and nothing else differs
    expect(once).toBeDefined();
    expect(JSON.stringify(once)).toBe(JSON.stringify(twice));
    expect((once as { output: { key_arn: { value: string } } }).output.key_arn.value).toMatch(/^\$\{aws_kms_key\./);
  });
});
