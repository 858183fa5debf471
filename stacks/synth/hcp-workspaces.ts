/**
 * The HCP Terraform / Terraform Enterprise workspaces a rollout on `stateBackend.type: "cloud"` needs, as data:
 * `hcp-workspaces.json` beside the stacks. One workspace per stack with its tags (rollout, wave), the environment
 * variables of dynamic provider credentials, the run role with the subject its trust policy matches, and which
 * workspaces must be allowed to read its state. Teams create the workspaces with their own tooling (the tfe provider,
 * the API, a script) from this file; the stacks' `cloud` blocks name the same workspaces.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HCP_TERRAFORM_DEFAULT_PROJECT, workspaceRunSubject } from "../../modules/core/rules/hcp-terraform";
import { iamRoleArn } from "../../modules/core/private/aws";
import type { RolloutConfig } from "../config/schema";
import type { AccountModel } from "../model/accounts";
import type { DeployOrder } from "./deploy-order";

/** The name of the file written into the synth output folder. */
export const HCP_WORKSPACES_FILE = "hcp-workspaces.json";

/** Tag keys of every workspace (HCP Terraform key-value tags). */
export const WORKSPACE_TAG_KEYS = { rollout: "backup-dr-rollout", wave: "backup-dr-wave" } as const;

/** One workspace variable. */
export interface WorkspaceVariable {
  readonly key: string;
  readonly value: string;
  /** `env`: an environment variable of the run. */
  readonly category: "env";
}

/** One workspace: a stack's state, its tags, its variables and its run role. */
export interface HcpWorkspace {
  /** The workspace name, as the stack's `cloud` block names it. */
  readonly name: string;
  /** The stack whose state the workspace holds. */
  readonly stack: string;
  /** The stack's folder, relative to the synth output folder (the configuration a run uploads). */
  readonly folder: string;
  /** The deploy wave of the stack: apply every workspace of a wave before the next wave. */
  readonly wave: number;
  /** Key-value tags: the rollout and the wave. */
  readonly tags: Readonly<Record<string, string>>;
  /** The AWS account the stack deploys into. */
  readonly accountId?: string;
  /** Dynamic provider credentials: TFC_AWS_PROVIDER_AUTH and TFC_AWS_RUN_ROLE_ARN. */
  readonly variables: readonly WorkspaceVariable[];
  /** The role runs assume through OIDC; its trust policy matches `oidcSubject` on `<hostname>:sub`. */
  readonly runRole?: { readonly arn: string; readonly oidcSubject: string; readonly mayAssume: string };
  /** Workspaces whose outputs this workspace's runs read (terraform_remote_state). */
  readonly readsStateOf: readonly string[];
  /** Workspaces that must be allowed to read this workspace's state (remote state sharing). */
  readonly stateConsumers: readonly string[];
}

/** The content of hcp-workspaces.json. */
export interface HcpWorkspaces {
  /** The format version of this file. */
  readonly version: 1;
  /** The organization that owns every workspace. */
  readonly organization: string;
  /** app.terraform.io, or the Terraform Enterprise host. */
  readonly hostname: string;
  /** The project of every workspace. */
  readonly project: string;
  /** The identity provider every account's IAM OIDC provider points at, and the audience runs present. */
  readonly oidc: { readonly providerUrl: string; readonly audience: string };
  /** In apply order. */
  readonly workspaces: readonly HcpWorkspace[];
}

/** The audience HCP Terraform puts in AWS workload identity tokens unless a workspace sets TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE. */
export const AWS_WORKLOAD_IDENTITY_AUDIENCE = "aws.workload.identity";

/**
 * The workspaces of a rollout on HCP Terraform, from its deploy order (waves, folders, reads) and its accounts (deploy
 * roles, partitions). Undefined when the rollout keeps its state in S3.
 */
export function hcpWorkspacesOf(config: RolloutConfig, order: DeployOrder, accounts: readonly AccountModel[]): HcpWorkspaces | undefined {
  const backend = config.stateBackend;
  if (backend.type !== "cloud") return undefined;
  const project = backend.project ?? HCP_TERRAFORM_DEFAULT_PROJECT;
  const byStack = new Map(accounts.map((a) => [a.stack, a]));
  const workspaceOf = new Map(order.stacks.map((s) => [s.name, String(s.backend.workspace)]));
  const consumers = new Map<string, string[]>();
  for (const s of order.stacks) for (const r of s.reads) consumers.set(r.stack, [...(consumers.get(r.stack) ?? []), workspaceOf.get(s.name)!]);
  const workspaces = order.stacks.map((s): HcpWorkspace => {
    const name = workspaceOf.get(s.name)!;
    const account = byStack.get(s.name);
    const runRoleArn = account ? iamRoleArn(account.partition, account.accountId, backend.runRoleName) : undefined;
    return {
      name,
      stack: s.name,
      folder: s.folder,
      wave: s.wave,
      tags: { [WORKSPACE_TAG_KEYS.rollout]: config.name, [WORKSPACE_TAG_KEYS.wave]: String(s.wave) },
      accountId: s.accountId,
      variables: runRoleArn
        ? [
            { key: "TFC_AWS_PROVIDER_AUTH", value: "true", category: "env" },
            { key: "TFC_AWS_RUN_ROLE_ARN", value: runRoleArn, category: "env" },
          ]
        : [],
      runRole:
        runRoleArn && account
          ? { arn: runRoleArn, oidcSubject: workspaceRunSubject(backend.organization, project, name), mayAssume: account.deployRoleArn }
          : undefined,
      readsStateOf: s.reads.map((r) => workspaceOf.get(r.stack)!),
      stateConsumers: (consumers.get(s.name) ?? []).sort(),
    };
  });
  return {
    version: 1,
    organization: backend.organization,
    hostname: backend.hostname,
    project,
    oidc: { providerUrl: `https://${backend.hostname}`, audience: AWS_WORKLOAD_IDENTITY_AUDIENCE },
    workspaces,
  };
}

/**
 * Writes hcp-workspaces.json into the synth output folder, or removes one left by an earlier synth when the rollout
 * no longer uses HCP Terraform (so no pipeline creates workspaces for stacks that now keep their state in S3).
 * Returns the path written, or undefined.
 */
export function writeHcpWorkspaces(outdir: string, workspaces: HcpWorkspaces | undefined): string | undefined {
  const file = path.join(outdir, HCP_WORKSPACES_FILE);
  if (!workspaces) {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  fs.writeFileSync(file, `${JSON.stringify(workspaces, null, 2)}\n`);
  return file;
}
