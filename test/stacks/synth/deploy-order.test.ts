import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "../../../modules/core/cdktf";
import { generateRollout } from "../../../bench/rollout-generator";
import { parseRollout } from "../../../stacks/config/load";
import { changedStacks } from "../../../stacks/synth/changed";
import { readDeployOrder } from "../../../stacks/synth/deploy-order";
import { synthesizeRollout } from "../../../stacks/synth/synthesize";
import { rawRollout, readStacks } from "../../rollout-helpers";

function tempOut(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "deploy-order-"));
}

function synthInto(outdir: string, raw: unknown) {
  return synthesizeRollout(new App({ outdir }), parseRollout(raw, "test rollout"));
}

/** Which stack writes which state, and which states each stack reads, from the synthesized JSON alone. */
function stateEdges(outdir: string): { writers: Map<string, string>; reads: Map<string, string[]> } {
  const stacks = readStacks(outdir);
  const id = (c: { bucket: string; key: string }) => `${c.bucket}/${c.key}`;
  const writers = new Map(Object.entries(stacks).map(([name, cfg]) => [id(cfg.terraform.backend.s3), name]));
  const reads = new Map(
    Object.entries(stacks).map(([name, cfg]) => [name, Object.values<any>(cfg.data?.terraform_remote_state ?? {}).map((r) => writers.get(id(r.config))!)]),
  );
  return { writers, reads };
}

/** Applies the waves with a stubbed Terraform: the stacks of a wave in parallel, each taking a random time. */
async function applyWaves(waves: readonly (readonly string[])[]): Promise<Map<string, { start: number; end: number }>> {
  const runs = new Map<string, { start: number; end: number }>();
  let clock = 0;
  for (const wave of waves) {
    await Promise.all(
      wave.map(async (stack) => {
        const start = ++clock;
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
        runs.set(stack, { start, end: ++clock });
      }),
    );
  }
  return runs;
}

describe("deploy order", () => {
  test("a 50-member rollout applied wave by wave runs every stack after every stack whose state it reads", async () => {
    // given a synthesized 50-member rollout
    const outdir = tempOut();
    const { order } = synthInto(outdir, generateRollout(50));
    // when a stubbed runner applies its waves
    const runs = await applyWaves(readDeployOrder(outdir).waves);
    // then every stack ran, and after every stack it reads (edges taken from the synthesized JSON, not from the order)
    const { reads } = stateEdges(outdir);
    expect([...runs.keys()].sort()).toEqual([...reads.keys()].sort());
    const readCount = [...reads.values()].reduce((n, r) => n + r.length, 0);
    expect(readCount).toBe(50);
    for (const [stack, upstream] of reads) {
      for (const u of upstream) expect(runs.get(u)!.end).toBeLessThan(runs.get(stack)!.start);
    }
    expect(order.waves.map((w) => w.length)).toEqual([1, 1, 50]);
  });

  test("each stack lists its folder, backend key and the remote-state reads it makes", () => {
    const outdir = tempOut();
    const { order } = synthInto(outdir, rawRollout("default"));
    const member = order.stacks.find((s) => s.name === "member-payments")!;
    expect(member).toMatchObject({
      folder: "stacks/member-payments",
      wave: 3,
      backend: { type: "s3", key: "backup-dr/member-payments.tfstate" },
      reads: [{ stack: "central-backup", dataSource: "central_backup_state" }],
    });
    expect(fs.existsSync(path.join(outdir, member.folder, "cdk.tf.json"))).toBe(true);
  });
});

describe("stale stack folders", () => {
  test("removing a member and synthesizing again into the same folder leaves no folder of it behind", () => {
    // given a synth of the default rollout
    const outdir = tempOut();
    const raw = rawRollout("default");
    synthInto(outdir, raw);
    expect(fs.existsSync(path.join(outdir, "stacks", "member-analytics"))).toBe(true);
    // when the member is removed and the rollout synthesized again
    raw.members = raw.members.filter((m: { name: string }) => m.name !== "analytics");
    const { finished, order } = synthInto(outdir, raw);
    // then its folder is gone, said so, and not in the deploy order
    expect(finished.staleStacks).toEqual(["member-analytics"]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["central-backup", "management", "member-payments"]);
    expect(order.stacks.map((s) => s.name)).not.toContain("member-analytics");
  });
});

describe("changed stacks", () => {
  const previous = tempOut();
  const raw = rawRollout("default");
  synthInto(previous, raw);

  test("an identical synth changes nothing", () => {
    const current = tempOut();
    synthInto(current, rawRollout("default"));
    expect(changedStacks(previous, current)).toEqual([]);
  });

  test("editing one member lists exactly that member's stack, with its wave", () => {
    const edited = rawRollout("default");
    edited.members[1].deployRoleArn = "arn:aws:iam::444444444444:role/OtherDeployRole";
    const current = tempOut();
    synthInto(current, edited);
    expect(changedStacks(previous, current)).toEqual([{ stack: "member-analytics", change: "modified", wave: 3 }]);
  });

  test("a member taken out is listed as removed, one added as added, with the stacks that name the accounts", () => {
    const edited = rawRollout("default");
    const [payments] = edited.members;
    edited.members = [edited.members[1], { ...payments, name: "payments-eu", accountId: "555555555555" }];
    const current = tempOut();
    synthInto(current, edited);
    // the management stack attaches organization policies to member accounts, the central stack copies their shared snapshots
    expect(changedStacks(previous, current)).toEqual([
      { stack: "management", change: "modified", wave: 1 },
      { stack: "central-backup", change: "modified", wave: 2 },
      { stack: "member-payments", change: "removed", wave: 3 },
      { stack: "member-payments-eu", change: "added", wave: 3 },
    ]);
  });
});
