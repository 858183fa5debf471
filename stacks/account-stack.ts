import { Construct, Node } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformElement, TerraformStack } from "../modules/core/cdktf";
import { Addressing, Tags, Validator } from "../modules/core";
import { checkAccountId, checkKmsKeyArn, checkRegion, checkRoleArn } from "../modules/core/private/aws";
import { regionSuffix } from "./model/contracts";

/** Where Terraform keeps the stack's state: an S3 bucket, encrypted and locked. */
export interface StateBackendConfig {
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

export interface AccountStackProps {
  /** The account the stack deploys into; every provider pins it in allowed_account_ids. */
  readonly accountId: string;
  /** The region of the default provider. */
  readonly primaryRegion: string;
  /** Further regions, each reached through its own provider alias. @default none */
  readonly additionalRegions?: readonly string[];
  /** The role Terraform assumes in the account. @default the caller's credentials */
  readonly deployRoleArn?: string;
  /** The state backend. */
  readonly backend: StateBackendConfig;
  /** Tags every resource gets through the providers' default_tags. */
  readonly defaultTags?: Tags;
}

const S3_BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The provider alias used for a region, e.g. `eu_west_1`.
 * @deprecated the same function as `regionSuffix`, which names output names and provider aliases alike; use that.
 */
export const regionAlias: (region: string) => string = regionSuffix;

/**
 * A stack that deploys into one AWS account: one provider per region (the primary one unaliased), each assuming the
 * deploy role with allowed_account_ids pinned to the account; an S3 backend with encryption and a lock file; and
 * readable logical IDs built from construct IDs, without hashes, so resource addresses read like the code.
 */
export class AccountStack extends TerraformStack {
  public readonly accountId: string;
  public readonly primaryRegion: string;
  public readonly regions: readonly string[];
  private readonly providers = new Map<string, AwsProvider>();
  private readonly logicalIds = new Map<string, string>();

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const v = new Validator(id);
    checkAccountId(v, "accountId", props.accountId).required("accountId", props.accountId);
    checkRegion(v, "primaryRegion", props.primaryRegion).required("primaryRegion", props.primaryRegion);
    (props.additionalRegions ?? []).forEach((r, i) => checkRegion(v, `additionalRegions[${i}]`, r));
    checkRoleArn(v, "deployRoleArn", props.deployRoleArn);
    v.matches("backend.bucket", props.backend?.bucket, S3_BUCKET, "must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)");
    v.required("backend.bucket", props.backend?.bucket);
    checkRegion(v, "backend.region", props.backend?.region).required("backend.region", props.backend?.region);
    checkKmsKeyArn(v, "backend.kmsKeyArn", props.backend?.kmsKeyArn);
    checkRoleArn(v, "backend.roleArn", props.backend?.roleArn);
    v.matches(
      "backend.keyPrefix",
      props.backend?.keyPrefix,
      /^[a-zA-Z0-9!_.*'()/-]{1,200}$/,
      "must be an S3 key prefix without leading or trailing slash",
      "e.g. backup-dr/prod",
    );
    const regions = [props.primaryRegion, ...(props.additionalRegions ?? [])];
    v.check(new Set(regions).size === regions.length, "additionalRegions", props.additionalRegions, "lists a region twice (or repeats primaryRegion)");
    v.throwIfAny();

    this.accountId = props.accountId;
    this.primaryRegion = props.primaryRegion;
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

  /** The provider for a region of this stack; the primary region's is the default (unaliased) provider. */
  providerFor(region: string): AwsProvider {
    const p = this.providers.get(region);
    if (!p) {
      new Validator(this.node.id)
        .check(false, "region", region, `is not a region of this stack (${this.regions.join(", ")})`, "add it to the stack's regions")
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
