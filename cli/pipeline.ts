/**
 * CI pipelines generated from a synth output's deploy order: one job per wave, the wave's stacks as a matrix, every
 * stack planned on merge/pull requests and applied on the default branch, and never two runs of one stack at once.
 * A stack with S3 state runs in the job with AWS credentials for its account from the CI platform's OIDC identity; a
 * stack on HCP Terraform or Terraform Enterprise (a `cloud` backend) runs in its workspace, which has the AWS
 * credentials, and the job needs only an API token for the host.
 */
import { stringify } from "yaml";
import { HCP_TERRAFORM_HOSTNAME } from "../modules/core/rules/hcp-terraform";
import { DeployOrder, DeployOrderStack, readDeployOrder } from "../stacks/synth/deploy-order";
import { CommandIo, HelpRequest, UsageError, consoleIo, isHelp, optionValue } from "./args";

export interface PipelineOptions {
  /**
   * The IAM role the pipeline assumes through OIDC in each account; `{account}` and `{partition}` are replaced. The
   * role needs to assume the stack's deploy role (the providers' assume_role) and to read and write the state bucket.
   * @default "arn:{partition}:iam::{account}:role/backup-dr-pipeline"
   */
  readonly roleArnPattern?: string;
  /** The command that synthesizes the app. @default "npx cdktf synth" */
  readonly synthCommand?: string;
  /** The synth output folder. @default "cdktf.out" */
  readonly outdir?: string;
  /** Terraform version the jobs install. @default "1.11.4" */
  readonly terraformVersion?: string;
  /** Node.js major version for the synth job. @default "20" */
  readonly nodeVersion?: string;
  /** The branch whose pushes apply. @default "main" */
  readonly defaultBranch?: string;
  /** Stacks of one wave run at most this many at a time. @default 20 */
  readonly maxParallel?: number;
  /**
   * For stacks on HCP Terraform or Terraform Enterprise: the GitHub secret, or the GitLab CI/CD variable, that holds
   * the API token (a team token of the workspaces' organization). The jobs give it to Terraform as `TF_TOKEN_<host>`.
   * @default "TF_API_TOKEN"
   */
  readonly hcpTokenSecret?: string;
}

/** GitHub Actions allows at most 256 jobs per matrix; GitLab at most 200 per parallel:matrix. */
export const GITHUB_MATRIX_LIMIT = 256;
export const GITLAB_MATRIX_LIMIT = 200;

const DEFAULTS = {
  roleArnPattern: "arn:{partition}:iam::{account}:role/backup-dr-pipeline",
  synthCommand: "npx cdktf synth",
  outdir: "cdktf.out",
  terraformVersion: "1.11.4",
  nodeVersion: "20",
  defaultBranch: "main",
  maxParallel: 20,
  hcpTokenSecret: "TF_API_TOKEN",
} as const;

type Resolved = { -readonly [K in keyof PipelineOptions]-?: NonNullable<PipelineOptions[K]> };

/** GitHub secret and GitLab CI/CD variable names: letters, digits and _, not starting with a digit. */
function secretNameProblem(name: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? undefined
    : `must be a secret or variable name (letters, digits and _, not starting with a digit), got ${JSON.stringify(name)}`;
}

function resolve(opts: PipelineOptions): Resolved {
  const r = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Resolved;
  const secret = secretNameProblem(r.hcpTokenSecret);
  if (secret) throw new Error(`hcpTokenSecret ${secret}`);
  return r;
}

function partitionOfRegion(region: string | undefined): string {
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  if (region?.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/** The HCP Terraform or Terraform Enterprise host of a stack whose state is on a `cloud` backend, else undefined. */
function cloudHost(s: DeployOrderStack): string | undefined {
  if (s.backend.type !== "cloud") return undefined;
  return typeof s.backend.hostname === "string" ? s.backend.hostname : HCP_TERRAFORM_HOSTNAME;
}

/**
 * The environment variable Terraform reads an API token for `hostname` from: `TF_TOKEN_` and the host name with its
 * dots as `_` and its hyphens as `__` (Terraform's own encoding). A host with a port has no such name.
 */
export function tokenVariable(hostname: string, stack: string): string {
  if (!/^[A-Za-z0-9.-]+$/.test(hostname))
    throw new Error(
      `stack ${stack}: its HCP Terraform host ${hostname} cannot be named in a TF_TOKEN_ environment variable (only letters, digits, dots and hyphens can; ` +
        `a port cannot): give the jobs the token in a Terraform CLI configuration file (a credentials block) instead`,
    );
  return `TF_TOKEN_${hostname.replace(/-/g, "__").replace(/\./g, "_")}`;
}

/** The token variables the jobs of these stacks need, one per HCP Terraform or Terraform Enterprise host. */
function tokenVariables(stacks: readonly DeployOrderStack[]): string[] {
  return [...new Set(stacks.flatMap((s) => (cloudHost(s) ? [tokenVariable(cloudHost(s)!, s.name)] : [])))].sort();
}

function roleArn(o: Resolved, s: DeployOrderStack): string {
  if (!s.accountId) throw new Error(`stack ${s.name} pins no AWS account: the pipeline cannot tell which role to assume for it`);
  return o.roleArnPattern.replace(/\{account\}/g, s.accountId).replace(/\{partition\}/g, partitionOfRegion(s.region));
}

/** A wave's stacks in parts of at most `limit`, each part one job. */
function parts(order: DeployOrder, limit: number): Array<{ wave: number; job: string; stacks: DeployOrderStack[] }> {
  return order.waves.flatMap((names, i) => {
    const stacks = names.map((n) => order.stacks.find((s) => s.name === n)!);
    const count = Math.ceil(stacks.length / limit);
    return Array.from({ length: count }, (_, p) => ({
      wave: i + 1,
      job: count === 1 ? `wave-${i + 1}` : `wave-${i + 1}-part-${p + 1}`,
      stacks: stacks.slice(p * limit, (p + 1) * limit),
    }));
  });
}

const HEADER = "# Generated by `backup-dr pipeline` from the deploy order of a synth output. Regenerate it when stacks change.\n";

/** A GitHub Actions workflow for the stacks of a deploy order. */
export function githubWorkflow(order: DeployOrder, options: PipelineOptions = {}): string {
  const o = resolve(options);
  const jobs: Record<string, unknown> = {
    synth: {
      "runs-on": "ubuntu-latest",
      steps: [
        { uses: "actions/checkout@v4" },
        { uses: "actions/setup-node@v4", with: { "node-version": o.nodeVersion, cache: "npm" } },
        { run: "npm ci" },
        { run: o.synthCommand },
        { uses: "actions/upload-artifact@v4", with: { name: "synth-output", path: o.outdir, "include-hidden-files": true } },
      ],
    },
  };
  const all = parts(order, GITHUB_MATRIX_LIMIT);
  for (const part of all) {
    const before = all.filter((p) => p.wave === part.wave - 1).map((p) => p.job);
    const dir = `${o.outdir}/\${{ matrix.folder }}`;
    const inAws = part.stacks.filter((s) => !cloudHost(s));
    const tokens = tokenVariables(part.stacks);
    // Stacks on HCP Terraform take their AWS credentials in the workspace: they get no role (and no credentials step).
    const awsCredentials = {
      uses: "aws-actions/configure-aws-credentials@v4",
      with: { "role-to-assume": "${{ matrix.role }}", "aws-region": "${{ matrix.region }}" },
    };
    jobs[part.job] = {
      name: `wave ${part.wave}: \${{ matrix.stack }}`,
      needs: before.length > 0 ? before : ["synth"],
      "runs-on": "ubuntu-latest",
      concurrency: { group: "backup-dr-${{ matrix.stack }}", "cancel-in-progress": false },
      ...(tokens.length > 0 ? { env: Object.fromEntries(tokens.map((t) => [t, `\${{ secrets.${o.hcpTokenSecret} }}`])) } : {}),
      strategy: {
        "fail-fast": false,
        "max-parallel": o.maxParallel,
        matrix: {
          include: part.stacks.map((s) =>
            cloudHost(s)
              ? { stack: s.name, folder: s.folder, region: s.region ?? "us-east-1" }
              : { stack: s.name, folder: s.folder, role: roleArn(o, s), region: s.region ?? "us-east-1" },
          ),
        },
      },
      steps: [
        { uses: "actions/download-artifact@v4", with: { name: "synth-output", path: o.outdir } },
        { uses: "hashicorp/setup-terraform@v3", with: { terraform_version: o.terraformVersion, terraform_wrapper: false } },
        ...(inAws.length === 0 ? [] : inAws.length === part.stacks.length ? [awsCredentials] : [{ if: "matrix.role != ''", ...awsCredentials }]),
        { name: "init", run: `terraform -chdir="${dir}" init -input=false` },
        { name: "plan", run: `terraform -chdir="${dir}" plan -input=false -lock-timeout=5m -out=tfplan` },
        {
          name: "apply",
          if: `github.event_name == 'push' && github.ref == 'refs/heads/${o.defaultBranch}'`,
          run: `terraform -chdir="${dir}" apply -input=false -lock-timeout=5m tfplan`,
        },
      ],
    };
  }
  const workflow = {
    name: "backup-dr",
    on: { pull_request: {}, push: { branches: [o.defaultBranch] }, workflow_dispatch: {} },
    // The OIDC token is for AWS credentials in the job: stacks on HCP Terraform need none.
    permissions: order.stacks.some((s) => !cloudHost(s)) ? { "id-token": "write", contents: "read" } : { contents: "read" },
    env: { CHECKPOINT_DISABLE: "1" },
    jobs,
  };
  return HEADER + stringify(workflow, { lineWidth: 0 });
}

/** A GitLab CI pipeline for the stacks of a deploy order. */
export function gitlabPipeline(order: DeployOrder, options: PipelineOptions = {}): string {
  const o = resolve(options);
  const dir = `${o.outdir}/$FOLDER`;
  const all = parts(order, GITLAB_MATRIX_LIMIT);
  const inAws = order.stacks.some((s) => !cloudHost(s));
  const inCloud = order.stacks.some((s) => cloudHost(s));
  const tokens = tokenVariables(order.stacks);
  // The AWS provider and the S3 backend take web-identity credentials from these two variables; stacks on HCP Terraform
  // take theirs in the workspace and have no ROLE_ARN.
  const webIdentity = [
    'printf "%s" "$AWS_WEB_IDENTITY_TOKEN" > "$CI_PROJECT_DIR/.aws-web-identity-token"',
    'export AWS_WEB_IDENTITY_TOKEN_FILE="$CI_PROJECT_DIR/.aws-web-identity-token" AWS_ROLE_ARN="$ROLE_ARN" AWS_ROLE_SESSION_NAME="backup-dr-$STACK"',
  ];
  const pipeline: Record<string, unknown> = {
    stages: ["synth", ...order.waves.map((_, i) => `wave-${i + 1}`)],
    variables: { CHECKPOINT_DISABLE: "1" },
    workflow: {
      rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }],
    },
    synth: {
      stage: "synth",
      image: `node:${o.nodeVersion}`,
      script: ["npm ci", o.synthCommand],
      artifacts: { paths: [`${o.outdir}/`], expire_in: "1 week" },
    },
    ".terraform-stack": {
      image: { name: `hashicorp/terraform:${o.terraformVersion}`, entrypoint: [""] },
      dependencies: ["synth"],
      // One job per stack at a time: GitLab queues the others of the same resource group.
      resource_group: "backup-dr-$STACK",
      ...(inCloud ? { variables: Object.fromEntries(tokens.map((t) => [t, `$${o.hcpTokenSecret}`])) } : {}),
      ...(inAws
        ? {
            id_tokens: { AWS_WEB_IDENTITY_TOKEN: { aud: "sts.amazonaws.com" } },
            before_script: inCloud ? [`if [ -n "$ROLE_ARN" ]; then ${webIdentity.join("; ")}; fi`] : webIdentity,
          }
        : {}),
      script: [
        `terraform -chdir="${dir}" init -input=false`,
        `terraform -chdir="${dir}" plan -input=false -lock-timeout=5m -out=tfplan`,
        `if [ "$CI_COMMIT_BRANCH" = "$CI_DEFAULT_BRANCH" ]; then terraform -chdir="${dir}" apply -input=false -lock-timeout=5m tfplan; fi`,
      ],
    },
  };
  for (const part of all) {
    pipeline[part.job] = {
      extends: ".terraform-stack",
      stage: `wave-${part.wave}`,
      parallel: {
        matrix: part.stacks.map((s) =>
          cloudHost(s)
            ? { STACK: s.name, FOLDER: s.folder, AWS_REGION: s.region ?? "us-east-1" }
            : { STACK: s.name, FOLDER: s.folder, ROLE_ARN: roleArn(o, s), AWS_REGION: s.region ?? "us-east-1" },
        ),
      },
    };
  }
  return HEADER + stringify(pipeline, { lineWidth: 0 });
}

export const PIPELINE_USAGE = `usage: backup-dr pipeline --format github|gitlab [--out <dir>] [--role-arn <pattern>] [--synth-command <cmd>]
                         [--terraform-version <v>] [--node-version <v>] [--branch <name>] [--max-parallel <n>]
                         [--hcp-token-secret <name>]

Writes a CI pipeline for the stacks of a synth output to standard output, from its deploy-order.json: one job per
wave (stacks of a wave in parallel, after the wave before), plan on pull/merge requests, apply on the default branch,
one run per stack at a time, AWS credentials per account through the platform's OIDC identity (stacks on HCP
Terraform or Terraform Enterprise run in their workspaces, which hold the AWS credentials; their jobs get an API token).
  --format              github (GitHub Actions workflow) or gitlab (.gitlab-ci.yml)
  --out <dir>           the synth output; default: cdktf.out
  --role-arn <pattern>  the role the pipeline assumes in each account; {account} and {partition} are replaced;
                        default: ${DEFAULTS.roleArnPattern}
  --synth-command       default: ${DEFAULTS.synthCommand}
  --terraform-version   default: ${DEFAULTS.terraformVersion}
  --node-version        default: ${DEFAULTS.nodeVersion}
  --branch              the branch whose pushes apply (GitHub); default: ${DEFAULTS.defaultBranch}
  --max-parallel <n>    stacks of one wave at a time (GitHub); default: ${DEFAULTS.maxParallel}
  --hcp-token-secret    the secret (GitHub) or CI/CD variable (GitLab) with the HCP Terraform API token, for stacks
                        on a cloud backend; default: ${DEFAULTS.hcpTokenSecret}
Exit codes: 0 written, 2 usage error, no deploy order, or a stack the pipeline cannot serve.`;

export interface PipelineArgs extends PipelineOptions {
  readonly format: "github" | "gitlab";
}

export function parsePipelineArgs(argv: readonly string[]): (PipelineArgs & { readonly out: string }) | HelpRequest {
  let format: string | undefined;
  let out = DEFAULTS.outdir as string;
  const o: { -readonly [K in keyof PipelineOptions]: PipelineOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    else if (a === "--format") format = optionValue(argv, i++);
    else if (a === "--out") out = optionValue(argv, i++);
    else if (a === "--role-arn") o.roleArnPattern = optionValue(argv, i++);
    else if (a === "--synth-command") o.synthCommand = optionValue(argv, i++);
    else if (a === "--terraform-version") o.terraformVersion = optionValue(argv, i++);
    else if (a === "--node-version") o.nodeVersion = optionValue(argv, i++);
    else if (a === "--branch") o.defaultBranch = optionValue(argv, i++);
    else if (a === "--hcp-token-secret") {
      o.hcpTokenSecret = optionValue(argv, i++);
      const problem = secretNameProblem(o.hcpTokenSecret);
      if (problem) throw new UsageError(`--hcp-token-secret ${problem}`);
    } else if (a === "--max-parallel") {
      const n = Number(optionValue(argv, i++));
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-parallel must be a whole number of at least 1, got ${argv[i]}`);
      o.maxParallel = n;
    } else throw new UsageError(a.startsWith("-") ? `unknown option ${a}` : `unexpected argument ${a}`);
  }
  if (format !== "github" && format !== "gitlab") throw new UsageError(`--format must be github or gitlab${format ? `, got ${format}` : ""}`);
  return { ...o, format, out };
}

export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  try {
    const args = parsePipelineArgs(argv);
    if (isHelp(args)) {
      io.out(PIPELINE_USAGE);
      return 0;
    }
    let order: DeployOrder;
    try {
      order = readDeployOrder(args.out);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const options: PipelineOptions = { ...args, outdir: args.out };
    let text: string;
    try {
      text = args.format === "github" ? githubWorkflow(order, options) : gitlabPipeline(order, options);
    } catch (e) {
      // A stack the pipeline cannot serve (no account to assume a role in, a token host without a variable name).
      throw new UsageError((e as Error).message);
    }
    io.out(text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`pipeline: ${e.message}\n\n${PIPELINE_USAGE}`);
      return 2;
    }
    throw e;
  }
}
