import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import Ajv from "ajv";
// GitLab's published CI schema (ci.json), as the gitlab-ci-local package ships it.
import { schema as gitlabCiSchema } from "gitlab-ci-local/src/schema/schema.js";
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";
import { App } from "../../modules/core/cdktf";
import { parseRollout } from "../../stacks/config/load";
import { synthesizeRollout } from "../../stacks/synth/synthesize";
import { GITHUB_MATRIX_LIMIT, GITLAB_MATRIX_LIMIT, githubWorkflow, gitlabPipeline, tokenVariable } from "../../cli/pipeline";
import { DeployOrder } from "../../stacks/synth/deploy-order";
import { rawRollout } from "../rollout-helpers";
import { rawCloudRollout } from "../cloud-rollout";

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

/**
 * Errors GitLab's published CI schema finds in a .gitlab-ci.yml: the schema as gitlab-ci-local ships it (its copy of
 * GitLab's `ci.json`), compiled with the Ajv options gitlab-ci-local uses for it. Only the schema is taken from that
 * package: its command line needs a native regular-expression module whose build is skipped at install (see
 * `allowScripts` in package.json).
 */
function gitlabSchemaErrors(content: string): string[] {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, validateFormats: false, strictTypes: false, keywords: ["markdownDescription"] });
  const validate = ajv.compile(gitlabCiSchema);
  if (validate(parse(content))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} (${e.schemaPath})`);
}

interface GitlabJob {
  readonly stage?: string;
  readonly extends?: string | string[];
  readonly script?: string[];
  readonly dependencies?: string[];
  readonly parallel?: { readonly matrix: Record<string, string>[] };
}

/**
 * The jobs GitLab creates from a pipeline, with the rules it applies when it does: hidden jobs (".name") are templates,
 * `extends` must name a job of the file, every job needs a script and a declared stage, `dependencies` must name jobs
 * of earlier stages, and `parallel: matrix` makes one job per entry, named "<job>: [<values>]".
 */
function gitlabJobs(content: string): { jobs: { name: string; stage: string; variables: Record<string, string> }[]; errors: string[] } {
  const pipeline = parse(content) as Record<string, unknown>;
  const stages = pipeline.stages as string[];
  const keywords = new Set(["stages", "variables", "workflow", "default", "include", "image", "services", "cache", "before_script", "after_script"]);
  const defined = Object.entries(pipeline).filter(([name]) => !keywords.has(name)) as [string, GitlabJob][];
  const byName = new Map(defined);
  const errors: string[] = [];
  const resolve = (name: string, job: GitlabJob, seen: string[] = []): GitlabJob => {
    const parents = job.extends === undefined ? [] : Array.isArray(job.extends) ? job.extends : [job.extends];
    let merged: GitlabJob = {};
    for (const parent of parents) {
      const base = byName.get(parent);
      if (base === undefined || seen.includes(parent)) errors.push(`${name}: extends ${parent}, which is ${base === undefined ? "not a job" : "a cycle"}`);
      else merged = { ...merged, ...resolve(parent, base, [...seen, name]) };
    }
    return { ...merged, ...job };
  };
  const jobs: { name: string; stage: string; variables: Record<string, string> }[] = [];
  for (const [name, raw] of defined) {
    if (name.startsWith(".")) continue;
    const job = resolve(name, raw);
    const stage = job.stage ?? "test";
    if (!stages.includes(stage)) errors.push(`${name}: stage ${stage} is not in stages`);
    if (!job.script || job.script.length === 0) errors.push(`${name}: no script`);
    for (const dependency of job.dependencies ?? []) {
      const other = byName.get(dependency);
      if (other === undefined || dependency.startsWith(".")) errors.push(`${name}: depends on ${dependency}, which is not a job`);
      else if (stages.indexOf(resolve(dependency, other).stage ?? "test") >= stages.indexOf(stage))
        errors.push(`${name}: depends on ${dependency} of a later stage`);
    }
    for (const variables of job.parallel?.matrix ?? [{}]) {
      const values = Object.values(variables);
      jobs.push({ name: values.length === 0 ? name : `${name}: [${values.join(", ")}]`, stage, variables });
    }
  }
  return { jobs, errors };
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

  test("GitLab's published CI schema accepts it", () => {
    expect(gitlabSchemaErrors(text)).toEqual([]);
  });

  test("the schema check rejects a broken pipeline (the check can fail)", () => {
    expect(gitlabSchemaErrors(text.replace("stage: wave-3", "stage: wave-3\n  not-a-job-key: 1"))).toEqual([
      expect.stringContaining("must NOT have additional properties"),
    ]);
  });

  test("every stack becomes one job, in the stage of its wave, after the synth job", () => {
    const { jobs, errors } = gitlabJobs(text);
    expect(errors).toEqual([]);
    for (const stack of order.stacks) {
      const its = jobs.filter((j) => j.variables.STACK === stack.name);
      expect(its).toEqual([expect.objectContaining({ stage: `wave-${stack.wave}`, variables: expect.objectContaining({ FOLDER: stack.folder }) })]);
    }
    expect(jobs.map((j) => j.name)).toEqual(["synth", ...order.stacks.map((s) => expect.stringMatching(new RegExp(`^wave-${s.wave}: \\[${s.name}, `)))]);
  });

  test("the job check finds a job whose template or stage is missing (the check can fail)", () => {
    const broken = text.replace("extends: .terraform-stack\n  stage: wave-2", "extends: .no-such-template\n  stage: wave-9");
    expect(gitlabJobs(broken).errors).toEqual([
      "wave-2: extends .no-such-template, which is not a job",
      "wave-2: stage wave-9 is not in stages",
      "wave-2: no script",
    ]);
  });

  test("stages follow the waves; one resource group per stack; web-identity credentials", () => {
    const pipeline = parse(text);
    expect(pipeline.stages).toEqual(["synth", "wave-1", "wave-2", "wave-3"]);
    expect(pipeline[".terraform-stack"].resource_group).toBe("backup-dr-$STACK");
    expect(pipeline[".terraform-stack"].id_tokens.AWS_WEB_IDENTITY_TOKEN.aud).toBe("sts.amazonaws.com");
    expect(pipeline["wave-3"].parallel.matrix.map((m: { STACK: string }) => m.STACK)).toEqual(["member-analytics", "member-payments"]);
  });

  test("waves larger than GitLab's matrix limit are split", () => {
    const grown = withMembers(order, GITLAB_MATRIX_LIMIT + 1);
    const text = gitlabPipeline(grown);
    const big = parse(text);
    expect(big["wave-3-part-1"].parallel.matrix).toHaveLength(GITLAB_MATRIX_LIMIT);
    expect(big["wave-3-part-2"].parallel.matrix).toHaveLength(1);
    expect(gitlabSchemaErrors(text)).toEqual([]);
    const { jobs, errors } = gitlabJobs(text);
    expect(errors).toEqual([]);
    expect(jobs.filter((j) => j.stage === "wave-3").map((j) => j.variables.STACK)).toEqual(grown.waves[2]);
  });
});

describe("pipelines for stacks on HCP Terraform (cloud backend)", () => {
  const order = orderOf(rawCloudRollout("default"));
  const github = githubWorkflow(order);
  const gitlab = gitlabPipeline(order);
  /** The default rollout's order with its member stacks back on S3: a wave with both kinds of stacks. */
  const mixed: DeployOrder = {
    ...order,
    stacks: order.stacks.map((s) => (s.wave === 3 ? { ...s, backend: { type: "s3", bucket: "state", key: `${s.name}.tfstate`, region: "us-east-1" } } : s)),
  };

  test("GitHub: every job gets the API token as TF_TOKEN_<host> from a secret, and no AWS role or OIDC token", async () => {
    expect(await githubErrors(github)).toEqual([]);
    const workflow = parse(github);
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const job of ["wave-1", "wave-2", "wave-3"]) {
      expect(workflow.jobs[job].env).toEqual({ TF_TOKEN_app_terraform_io: "${{ secrets.TF_API_TOKEN }}" });
      expect(workflow.jobs[job].steps.map((s: { uses?: string; name?: string }) => s.uses ?? s.name)).toEqual([
        "actions/download-artifact@v4",
        "hashicorp/setup-terraform@v3",
        "init",
        "plan",
        "apply",
      ]);
      for (const entry of workflow.jobs[job].strategy.matrix.include) expect(entry).not.toHaveProperty("role");
    }
  });

  test("GitLab: the template gives the token as TF_TOKEN_<host> from a CI/CD variable, and no web identity", () => {
    expect(gitlabSchemaErrors(gitlab)).toEqual([]);
    const { jobs, errors } = gitlabJobs(gitlab);
    expect(errors).toEqual([]);
    expect(jobs.map((j) => j.variables.STACK).filter(Boolean)).toEqual(order.stacks.map((s) => s.name));
    for (const job of jobs.filter((j) => j.name !== "synth")) expect(job.variables).not.toHaveProperty("ROLE_ARN");
    const template = parse(gitlab)[".terraform-stack"];
    expect(template.variables).toEqual({ TF_TOKEN_app_terraform_io: "$TF_API_TOKEN" });
    expect(template).not.toHaveProperty("id_tokens");
    expect(template).not.toHaveProperty("before_script");
  });

  test("a Terraform Enterprise host and another secret name: the variable is named after the host", async () => {
    const tfe: DeployOrder = { ...order, stacks: order.stacks.map((s) => ({ ...s, backend: { ...s.backend, hostname: "tfe.example-corp.com" } })) };
    const workflow = parse(githubWorkflow(tfe, { hcpTokenSecret: "TFE_TOKEN" }));
    expect(workflow.jobs["wave-1"].env).toEqual({ TF_TOKEN_tfe_example__corp_com: "${{ secrets.TFE_TOKEN }}" });
    expect(parse(gitlabPipeline(tfe, { hcpTokenSecret: "TFE_TOKEN" }))[".terraform-stack"].variables).toEqual({ TF_TOKEN_tfe_example__corp_com: "$TFE_TOKEN" });
  });

  test("a wave with stacks of both kinds: only the S3 stacks get a role, and the credentials step and web identity run only for them", async () => {
    const text = githubWorkflow(mixed);
    expect(await githubErrors(text)).toEqual([]);
    const workflow = parse(text);
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(workflow.jobs["wave-1"].steps.some((s: { uses?: string }) => s.uses?.startsWith("aws-actions/"))).toBe(false);
    const step = workflow.jobs["wave-3"].steps.find((s: { uses?: string }) => s.uses?.startsWith("aws-actions/"));
    expect(step.if).toBeUndefined();
    expect(workflow.jobs["wave-3"]).not.toHaveProperty("env");
    for (const entry of workflow.jobs["wave-3"].strategy.matrix.include) expect(entry.role).toMatch(/^arn:aws:iam::\d{12}:role\/backup-dr-pipeline$/);

    const oneWave: DeployOrder = { ...mixed, waves: [mixed.stacks.map((s) => s.name)], stacks: mixed.stacks.map((s) => ({ ...s, wave: 1 })) };
    const together = parse(githubWorkflow(oneWave)).jobs["wave-1"];
    expect(together.steps.find((s: { uses?: string }) => s.uses?.startsWith("aws-actions/")).if).toBe("matrix.role != ''");
    expect(together.env).toEqual({ TF_TOKEN_app_terraform_io: "${{ secrets.TF_API_TOKEN }}" });

    const lab = gitlabPipeline(mixed);
    expect(gitlabSchemaErrors(lab)).toEqual([]);
    expect(gitlabJobs(lab).errors).toEqual([]);
    expect(parse(lab)[".terraform-stack"].before_script).toEqual([
      expect.stringMatching(/^if \[ -n "\$ROLE_ARN" \]; then printf .*; export AWS_WEB_IDENTITY_TOKEN_FILE=.*; fi$/),
    ]);
  });

  test("the token variable: Terraform's encoding of the host name, and a refusal naming the stack for a host with a port", () => {
    expect(tokenVariable("app.terraform.io", "s")).toBe("TF_TOKEN_app_terraform_io");
    expect(tokenVariable("tfe.example-corp.com", "s")).toBe("TF_TOKEN_tfe_example__corp_com");
    expect(() => tokenVariable("tfe.example.com:8443", "member-web")).toThrow(
      "stack member-web: its HCP Terraform host tfe.example.com:8443 cannot be named in a TF_TOKEN_ environment variable",
    );
  });

  test("a secret name that is not one is refused, naming the option", () => {
    expect(() => githubWorkflow(order, { hcpTokenSecret: "my-token" })).toThrow(
      'hcpTokenSecret must be a secret or variable name (letters, digits and _, not starting with a digit), got "my-token"',
    );
  });
});
