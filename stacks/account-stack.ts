import { Construct, Node } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformElement, TerraformStack } from "../modules/core/cdktf";
import { Addressing, Tags, Validator } from "../modules/core";
import { awsRejects, libraryRejects } from "../modules/core/rules/authority";
import { stackDocument } from "../modules/core/private/stack-document";
import { checkAccountId, checkKmsKeyArn, checkRegion, checkRoleArn } from "../modules/core/private/aws";
import { HCP_TERRAFORM_HOSTNAME, hostnameRule, organizationNameRule, projectNameRule, workspaceNameRule } from "../modules/core/rules/hcp-terraform";
import { regionSuffix, workspaceName } from "./model/contracts";

/** Where Terraform keeps the stack's state: an S3 bucket, encrypted and locked. */
export interface StateBackendConfig {
  /** The backend type. @default "s3" */
  readonly type?: "s3";
  /** The state bucket. */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /** Prefix of every state key; each stack's key is `<prefix>/<stack name>.tfstate`. @default "backup-dr" */
  readonly keyPrefix?: string;
  /** KMS key that encrypts state objects. @default the bucket's default encryption (SSE-S3) */
  readonly kmsKeyArn?: string;
  /** Role to assume for state access. @default the caller's credentials */
  readonly roleArn?: string;
}

/**
 * Where Terraform keeps the stack's state on HCP Terraform or Terraform Enterprise: one workspace per stack, named
 * `<workspacePrefix>-<stack name>` in the `cloud` block (HCP Terraform encrypts and locks state itself).
 */
export interface CloudStateBackendConfig {
  /** Selects HCP Terraform / Terraform Enterprise. */
  readonly type: "cloud";
  /** The organization that owns the workspaces. */
  readonly organization: string;
  /** The HCP Terraform or Terraform Enterprise host. @default "app.terraform.io" */
  readonly hostname?: string;
  /** The project the workspace belongs to. @default the organization's default project */
  readonly project?: string;
  /** Prefix of every workspace name; each stack's workspace is `<prefix>-<stack name>`. @default "backup-dr" */
  readonly workspacePrefix?: string;
}

export interface AccountStackProps {
  /** The account the stack deploys into; every provider pins it in allowed_account_ids. */
  readonly accountId: string;
  /** The region of the default provider. */
  readonly primaryRegion: string;
  /** Further regions, each reached through its own provider alias. @default none */
  readonly additionalRegions?: readonly string[];
  /** The role Terraform assumes in the account. @default the caller's credentials */
  readonly deployRoleArn?: string;
  /** The state backend: an S3 bucket, or HCP Terraform / Terraform Enterprise. */
  readonly backend: StateBackendConfig | CloudStateBackendConfig;
  /** Tags every resource gets through the providers' default_tags. */
  readonly defaultTags?: Tags;
  /**
   * False when the stack neither makes nor receives implicit cross-stack references (it reads other stacks through
   * remote state only): synth then skips cdktf's preparing resolve run, which only looks for such references and
   * resolves every token of the stack a second time. A reference to another stack's construct would then be written
   * as a reference to a resource the stack does not declare, which `terraform validate` refuses. @default true
   */
  readonly crossStackReferences?: boolean;
}

const S3_BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * A named workspace whose project is written in HCL output too: cdktf 0.21's NamedCloudWorkspace writes `project` into
 * JSON but leaves it out of HCL (`cdktf synth --hcl`), which would create the workspace in the default project.
 */
class ProjectNamedCloudWorkspace extends NamedCloudWorkspace {
  toHclTerraform(): Record<string, unknown> {
    const hcl = super.toHclTerraform() as Record<string, unknown>;
    if (this.project === undefined || "project" in hcl) return hcl;
    return { ...hcl, project: { value: this.project, type: "simple", storageClassType: "string" } };
  }
}

function checkS3Backend(v: Validator, backend: StateBackendConfig | undefined): void {
  v.matches("backend.bucket", backend?.bucket, S3_BUCKET, awsRejects("bucket names other than 3-63 lowercase letters, digits, dots, hyphens"));
  v.required("backend.bucket", backend?.bucket);
  checkRegion(v, "backend.region", backend?.region).required("backend.region", backend?.region);
  checkKmsKeyArn(v, "backend.kmsKeyArn", backend?.kmsKeyArn);
  checkRoleArn(v, "backend.roleArn", backend?.roleArn);
  v.matches(
    "backend.keyPrefix",
    backend?.keyPrefix,
    /^[a-zA-Z0-9!_.*'()/-]{1,200}$/,
    libraryRejects("key prefixes other than 1-200 of the characters S3 keys take safely: letters, digits and ! _ . * ' ( ) / -"),
    "e.g. backup-dr/prod",
  );
}

function checkCloudBackend(v: Validator, backend: CloudStateBackendConfig, stack: string): void {
  v.required("backend.organization", backend.organization);
  // Each rule helper is called only for a given value; an empty one is left to `required` above.
  const given = (value: string | undefined): value is string => value !== undefined && value !== "";
  const organization = given(backend.organization) ? organizationNameRule(backend.organization) : undefined;
  v.check(
    organization === undefined,
    "backend.organization",
    backend.organization,
    organization ?? "",
    "use the organization's name as HCP Terraform shows it",
  );
  const hostname = given(backend.hostname) ? hostnameRule(backend.hostname) : undefined;
  v.check(hostname === undefined, "backend.hostname", backend.hostname, hostname ?? "", `give the host alone, e.g. ${HCP_TERRAFORM_HOSTNAME}`);
  const project = given(backend.project) ? projectNameRule(backend.project) : undefined;
  v.check(project === undefined, "backend.project", backend.project, project ?? "", "use the project's name as HCP Terraform shows it");
  const workspace = workspaceName(backend.workspacePrefix ?? "backup-dr", stack);
  const workspaceRule = workspaceNameRule(workspace);
  v.check(workspaceRule === undefined, "backend.workspacePrefix", workspace, workspaceRule ?? "", "shorten workspacePrefix or the stack name");
}

/**
 * The provider alias used for a region, e.g. `eu_west_1`.
 * @deprecated the same function as `regionSuffix`, which names output names and provider aliases alike; use that.
 */
export const regionAlias: (region: string) => string = regionSuffix;

/**
 * A stack that deploys into one AWS account: one provider per region (the primary one unaliased), each assuming the
 * deploy role with allowed_account_ids pinned to the account; an S3 backend with encryption and a lock file (or one
 * named HCP Terraform / Terraform Enterprise workspace); and
 * readable logical IDs built from construct IDs, without hashes, so resource addresses read like the code.
 */
export class AccountStack extends TerraformStack {
  public readonly accountId: string;
  public readonly primaryRegion: string;
  public readonly regions: readonly string[];
  private readonly providers = new Map<string, AwsProvider>();
  private readonly logicalIds = new Map<string, string>();

  private readonly crossStackReferences: boolean;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const v = new Validator(id);
    checkAccountId(v, "accountId", props.accountId).required("accountId", props.accountId);
    checkRegion(v, "primaryRegion", props.primaryRegion).required("primaryRegion", props.primaryRegion);
    (props.additionalRegions ?? []).forEach((r, i) => checkRegion(v, `additionalRegions[${i}]`, r));
    checkRoleArn(v, "deployRoleArn", props.deployRoleArn);
    if (props.backend?.type === "cloud") checkCloudBackend(v, props.backend, id);
    else checkS3Backend(v, props.backend);
    const regions = [props.primaryRegion, ...(props.additionalRegions ?? [])];
    v.check(
      new Set(regions).size === regions.length,
      "additionalRegions",
      props.additionalRegions,
      libraryRejects("a region listed twice (or primaryRegion repeated)"),
    );
    v.throwIfAny();

    this.accountId = props.accountId;
    this.primaryRegion = props.primaryRegion;
    this.crossStackReferences = props.crossStackReferences !== false;
    this.regions = regions;

    for (const region of regions) {
      const primary = region === props.primaryRegion;
      this.providers.set(
        region,
        new AwsProvider(this, primary ? "aws" : `aws_${regionSuffix(region)}`, {
          region,
          alias: primary ? undefined : regionSuffix(region),
          allowedAccountIds: [props.accountId],
          assumeRole: props.deployRoleArn ? [{ roleArn: props.deployRoleArn, sessionName: `backup-dr-${id}`.slice(0, 64) }] : undefined,
          defaultTags: props.defaultTags ? [{ tags: { ...props.defaultTags } }] : undefined,
        }),
      );
    }

    if (props.backend.type === "cloud") {
      const b = props.backend;
      // A named workspace, never tags: `name` pins this folder to exactly one workspace, so a run cannot write this
      // stack's state into another stack's workspace; the tags (rollout, wave) are set on the workspace itself.
      new CloudBackend(this, {
        organization: b.organization,
        hostname: b.hostname ?? HCP_TERRAFORM_HOSTNAME,
        workspaces: new ProjectNamedCloudWorkspace(workspaceName(b.workspacePrefix ?? "backup-dr", id), b.project),
      });
    } else {
      const prefix = (props.backend.keyPrefix ?? "backup-dr").replace(/\/+$/, "");
      new S3Backend(this, {
        bucket: props.backend.bucket,
        region: props.backend.region,
        key: `${prefix}/${id}.tfstate`,
        encrypt: true,
        kmsKeyId: props.backend.kmsKeyArn,
        assumeRole: props.backend.roleArn ? { roleArn: props.backend.roleArn } : undefined,
      });
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    }
  }

  /** The provider for a region of this stack; the primary region's is the default (unaliased) provider. */
  /** cdktf's step before synth: its preparing resolve run only when the stack may take part in cross-stack references. */
  public prepareStack(): void {
    if (this.crossStackReferences) super.prepareStack();
    else this.ensureBackendExists();
  }

  /**
   * The stack's Terraform JSON. Without cross-stack references every element is resolved once (stackDocument): the
   * core's own path resolves the merged document a second time, which changes nothing here (tested byte for byte).
   */
  public toTerraform(): Record<string, unknown> {
    return (!this.crossStackReferences && stackDocument(this)) || (super.toTerraform() as Record<string, unknown>);
  }

  providerFor(region: string): AwsProvider {
    const p = this.providers.get(region);
    if (!p) {
      new Validator(this.node.id)
        .check(
          false,
          "region",
          region,
          libraryRejects(`regions this stack has no provider for (it has ${this.regions.join(", ")})`),
          "add it to the stack's regions",
        )
        .throwIfAny();
    }
    return p!;
  }

  /**
   * Logical IDs from the construct path below the stack, without the `Resource`/`Default` leaf, without scopes marked
   * `Addressing.transparent`, and without a hash: `CentralVault/Key/Resource` becomes `CentralVault_Key`. Two
   * constructs mapping to one ID is an error, never a silent overwrite.
   */
  protected allocateLogicalId(tfElement: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(tfElement) ? tfElement.node : (tfElement as Node);
    const scopes = node.scopes.slice(node.scopes.indexOf(this) + 1);
    const components = scopes.map((c) => c.node.id);
    const addressed = scopes.filter((c, i) => i === scopes.length - 1 || !Addressing.isTransparent(c)).map((c) => c.node.id);
    const kept = addressed.length > 1 ? addressed.filter((c, i) => !(i === addressed.length - 1 && (c === "Resource" || c === "Default"))) : addressed;
    const id = kept.map((c) => c.replace(/[^A-Za-z0-9_-]/g, "_")).join("_");
    const path = components.join("/");
    const taken = this.logicalIds.get(id);
    if (taken !== undefined && taken !== path) {
      throw new Error(`${this.node.id}: constructs "${taken}" and "${path}" would both get the Terraform address "${id}"; rename one of them`);
    }
    this.logicalIds.set(id, path);
    return id;
  }
}
