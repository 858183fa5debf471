/**
 * HCP Terraform and Terraform Enterprise names: what the service refuses when a workspace, organization or project is
 * created, and what the `cloud` block takes as a hostname.
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create
 */
import { terraformRejects } from "./authority";

/** The HCP Terraform hostname; Terraform Enterprise runs on the customer's own. */
export const HCP_TERRAFORM_HOSTNAME = "app.terraform.io";

/** The project HCP Terraform puts a workspace in when none is named. */
export const HCP_TERRAFORM_DEFAULT_PROJECT = "Default Project";

/** Longest workspace name HCP Terraform accepts. */
export const WORKSPACE_NAME_MAX_LENGTH = 90;

/** Workspace and organization names: letters, numbers, `-` and `_`. */
export const HCP_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Project names: up to 40 letters, numbers, inner spaces, `-` and `_`. */
export const HCP_PROJECT_NAME_PATTERN = /^[A-Za-z0-9_-](?:[A-Za-z0-9 _-]{0,38}[A-Za-z0-9_-])?$/;

/** A host name with an optional port, no scheme and no path: what the `cloud` block's `hostname` takes. */
export const HCP_HOSTNAME_PATTERN =
  /^(?=[^:]{1,253}(?::\d{1,5})?$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::\d{1,5})?$/;

/** The rule a workspace name breaks, or undefined when HCP Terraform accepts it. */
export function workspaceNameRule(name: string): string | undefined {
  if (!HCP_NAME_PATTERN.test(name)) return terraformRejects("workspace names other than letters, numbers, - and _ (HCP Terraform and Terraform Enterprise)");
  if (name.length > WORKSPACE_NAME_MAX_LENGTH)
    return terraformRejects(`workspace names longer than ${WORKSPACE_NAME_MAX_LENGTH} characters (HCP Terraform; this one has ${name.length})`);
  return undefined;
}

/** The rule an organization name breaks, or undefined. */
export function organizationNameRule(name: string): string | undefined {
  if (!HCP_NAME_PATTERN.test(name)) return terraformRejects("organization names other than letters, numbers, - and _ (HCP Terraform and Terraform Enterprise)");
  return undefined;
}

/** The rule a project name breaks, or undefined. */
export function projectNameRule(name: string): string | undefined {
  if (!HCP_PROJECT_NAME_PATTERN.test(name))
    return terraformRejects("project names other than 1-40 letters, numbers, inner spaces, - and _ (HCP Terraform and Terraform Enterprise)");
  return undefined;
}

/** The rule a hostname breaks, or undefined. */
export function hostnameRule(hostname: string): string | undefined {
  if (/^[a-z]+:\/\//i.test(hostname) || hostname.includes("/"))
    return terraformRejects("a cloud block hostname with https:// or a path: give the host name only (e.g. app.terraform.io or tfe.example.com)");
  if (!HCP_HOSTNAME_PATTERN.test(hostname))
    return terraformRejects("a cloud block hostname that is not a host name such as app.terraform.io or tfe.example.com, optionally with :port");
  return undefined;
}

/**
 * The subject claim of the identity token HCP Terraform presents to AWS for a run of a workspace: what the run role's
 * trust policy matches (`<hostname>:sub`), for plan and apply alike.
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
export function workspaceRunSubject(organization: string, project: string, workspace: string): string {
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:*`;
}
