import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";
import { App } from "../../modules/core/cdktf";
import { parseRollout } from "../../stacks/config/load";
import { synthesizeRollout } from "../../stacks/synth/synthesize";
import { GITHUB_MATRIX_LIMIT, GITLAB_MATRIX_LIMIT, githubWorkflow, gitlabPipeline } from "../../cli/pipeline";
import { DeployOrder } from "../../stacks/synth/deploy-order";
import { rawRollout } from "../rollout-helpers";

const ROOT = path.join(__dirname, "../..");

/** The default rollout's order with its member wave grown to `members` stacks (enough to test splitting, no synth). */
function withMembers(order: DeployOrder, members: number): DeployOrder {
  const template = order.stacks.find((s) => s.wave === 3)!;
  const added = Array.from({ length: members }, (_, i) => ({
    ...template,
    name: `member-${i}`,
    folder: `stacks/member-${i}`,
    accountId: String(200000000000 + i),
  }));
  return { ...order, waves: [...order.waves.slice(0, 2), added.map((s) => s.name)], stacks: [...order.stacks.filter((s) => s.wave < 3), ...added] };
}

function orderOf(raw: unknown): DeployOrder {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-"));
  return synthesizeRollout(new App({ outdir }), parseRollout(raw, "test rollout")).order;
}

/** Errors GitHub's own workflow parser (with its published workflow schema) finds in a workflow file. */
async function githubErrors(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: "backup-dr.yml", content }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

/** Runs gitlab-ci-local, which checks a .gitlab-ci.yml against GitLab's published CI schema, and lists the jobs. */
function gitlabCheck(content: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitlab-ci-"));
  fs.writeFileSync(path.join(dir, ".gitlab-ci.yml"), content);
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "pipeline");
  const pkg = path.join(ROOT, "node_modules/gitlab-ci-local");
  const bin = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).bin as string;
  const r = spawnSync(process.execPath, [path.join(pkg, bin), "--list"], { cwd: dir, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe("GitHub Actions workflow", () => {
  const order = orderOf(rawRollout("default"));
  const text = githubWorkflow(order);
  const workflow = parse(text);

  test("GitHub's workflow parser finds no error in it", async () => {
    expect(await githubErrors(text)).toEqual([]);
  });

  test("the parser does find errors in a broken workflow (the check can fail)", async () => {
    const broken = text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    not-a-job-key: 1");
    expect((await githubErrors(broken)).length).toBeGreaterThan(0);
  });

  test("one job per wave, each after the one before; OIDC, plan on pull requests, apply on main, one run per stack", () => {
    expect(Object.keys(workflow.jobs)).toEqual(["synth", "wave-1", "wave-2", "wave-3"]);
    expect(workflow.jobs["wave-1"].needs).toEqual(["synth"]);
    expect(workflow.jobs["wave-3"].needs).toEqual(["wave-2"]);
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.jobs["wave-3"].concurrency).toEqual({ group: "backup-dr-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(workflow.jobs["wave-3"].strategy.matrix.include).toEqual([
      { stack: "member-analytics", folder: "stacks/member-analytics", role: "arn:aws:iam::444444444444:role/backup-dr-pipeline", region: "us-east-1" },
      { stack: "member-payments", folder: "stacks/member-payments", role: "arn:aws:iam::333333333333:role/backup-dr-pipeline", region: "us-east-1" },
    ]);
    const apply = workflow.jobs["wave-3"].steps.find((s: { name?: string }) => s.name === "apply");
    expect(apply.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
  });

  test("a wave larger than a matrix allows is split into parts, and the next wave waits for all of them", () => {
    const big = withMembers(order, GITHUB_MATRIX_LIMIT + 4);
    const jobs = parse(githubWorkflow(big)).jobs;
    expect(jobs["wave-3-part-1"].strategy.matrix.include).toHaveLength(GITHUB_MATRIX_LIMIT);
    expect(jobs["wave-3-part-2"].strategy.matrix.include).toHaveLength(4);
    expect(jobs["wave-3-part-2"].needs).toEqual(["wave-2"]);
  });
});

describe("GitLab CI pipeline", () => {
  const order = orderOf(rawRollout("default"));
  const text = gitlabPipeline(order);

  test("GitLab's CI schema accepts it and every stack becomes a job", () => {
    const r = gitlabCheck(text);
    expect(r.output).not.toMatch(/Invalid .gitlab-ci.yml/);
    expect(r.status).toBe(0);
    for (const stack of order.stacks.map((s) => s.name)) expect(r.output).toContain(stack);
  });

  test("the schema check rejects a broken pipeline (the check can fail)", () => {
    const r = gitlabCheck(text.replace("stage: wave-3", "stage: wave-3\n  not-a-job-key: 1"));
    expect(r.output).toMatch(/Invalid .gitlab-ci.yml/);
  });

  test("stages follow the waves; one resource group per stack; web-identity credentials", () => {
    const pipeline = parse(text);
    expect(pipeline.stages).toEqual(["synth", "wave-1", "wave-2", "wave-3"]);
    expect(pipeline[".terraform-stack"].resource_group).toBe("backup-dr-$STACK");
    expect(pipeline[".terraform-stack"].id_tokens.AWS_WEB_IDENTITY_TOKEN.aud).toBe("sts.amazonaws.com");
    expect(pipeline["wave-3"].parallel.matrix.map((m: { STACK: string }) => m.STACK)).toEqual(["member-analytics", "member-payments"]);
  });

  test("waves larger than GitLab's matrix limit are split", () => {
    const big = parse(gitlabPipeline(withMembers(order, GITLAB_MATRIX_LIMIT + 1)));
    expect(big["wave-3-part-1"].parallel.matrix).toHaveLength(GITLAB_MATRIX_LIMIT);
    expect(big["wave-3-part-2"].parallel.matrix).toHaveLength(1);
  });
});
