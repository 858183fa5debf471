/**
 * The policies a rollout emits, read back from the synthesized Terraform JSON: key policies, vault access policies,
 * bucket policies and the identity policies of every role (inline, and the AWS managed policies it attaches, from the
 * data files in managed-policies/).
 * References to resources of the same stack are resolved to placeholder ARNs in the stack's account and the region of
 * the resource's provider, so the policies can be evaluated as AWS would see them after apply.
 */
import * as crypto from "node:crypto";
import { managedPolicy } from "./managed-policies";

/** One statement of a policy document, as emitted. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly [field: string]: unknown;
}

export interface Policy {
  readonly Version?: string;
  readonly Statement: PolicyStatement[];
}

/** A resource block of synthesized Terraform JSON; the proofs read only its string arguments. */
type TfBlock = Readonly<Record<string, string>>;

/** The synthesized Terraform JSON of a stack, as far as the proofs read it. */
export interface SynthesizedStack {
  readonly provider: { readonly aws: readonly TfBlock[] & readonly { readonly allowed_account_ids: readonly string[] }[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TfBlock>>>>;
}

/** A policy with where it came from, for messages. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: Policy;
}

export interface StackPolicies {
  readonly stack: string;
  readonly accountId: string;
  readonly partition: string;
  /** Key ARN -> key policy, with the logical ID. */
  readonly keys: Map<string, NamedPolicy>;
  /** Vault ARN -> vault access policy. */
  readonly vaults: Map<string, NamedPolicy>;
  /** Role ARN -> identity policies. */
  readonly roles: Map<string, NamedPolicy[]>;
  /** Bucket name -> bucket policy. */
  readonly buckets: Map<string, NamedPolicy>;
  /** Every policy document of the stack (trust policies included), for the action-name check. */
  readonly all: NamedPolicy[];
}

/** A placeholder key ID that looks like a KMS UUID and is stable per stack and logical ID. */
function keyId(stack: string, logicalId: string): string {
  const h = crypto.createHash("sha256").update(`${stack}/${logicalId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The placeholder ARN the policies of a stack give the key with this logical ID (the flows name keys by it). */
export function placeholderKeyArn(partition: string, region: string, accountId: string, stack: string, logicalId: string): string {
  return `arn:${partition}:kms:${region}:${accountId}:key/${keyId(stack, logicalId)}`;
}

/** Terraform's `jsonencode({...})` HCL object syntax to JSON, with bare references as `${ref}` strings. */
function hclToJson(hcl: string): string {
  let out = "";
  for (let i = 0; i < hcl.length;) {
    const c = hcl[i];
    if (c === '"') {
      let j = i + 1;
      while (hcl[j] !== '"') j += hcl[j] === "\\" ? 2 : 1;
      out += hcl.slice(i, j + 1);
      i = j + 1;
    } else if (c === "=") {
      out += ":";
      i++;
    } else if (/[a-z_]/.test(c)) {
      const m = /^[a-zA-Z0-9_.-]+/.exec(hcl.slice(i))![0];
      out += m === "true" || m === "false" || m === "null" ? m : JSON.stringify("${" + m + "}");
      i += m.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Reads the policy documents of one synthesized stack. */
export function stackPolicies(stack: string, json: SynthesizedStack): StackPolicies {
  const providers = json.provider.aws;
  const accountId = providers[0].allowed_account_ids[0];
  const defaultRegion = providers.find((p) => !p.alias)!.region;
  const regionOf = (r: TfBlock): string =>
    !r.provider || r.provider === "aws" ? defaultRegion : providers.find((p) => `aws.${p.alias}` === r.provider)!.region;
  const partition = defaultRegion.startsWith("us-gov-") ? "aws-us-gov" : defaultRegion.startsWith("cn-") ? "aws-cn" : "aws";
  const res = json.resource ?? {};
  const of = (type: string): [string, TfBlock][] => Object.entries(res[type] ?? {});

  const refs = new Map<string, string>();
  for (const [id, k] of of("aws_kms_key")) {
    const arn = placeholderKeyArn(partition, regionOf(k), accountId, stack, id);
    refs.set(`aws_kms_key.${id}.arn`, arn);
    refs.set(`aws_kms_key.${id}.key_id`, arn.split("/")[1]);
  }
  for (const [id, r] of of("aws_iam_role")) {
    refs.set(`aws_iam_role.${id}.name`, r.name);
    refs.set(`aws_iam_role.${id}.arn`, `arn:${partition}:iam::${accountId}:role${r.path ?? "/"}${r.name}`);
  }
  for (const [id, b] of of("aws_s3_bucket")) {
    for (const attr of ["id", "bucket"]) refs.set(`aws_s3_bucket.${id}.${attr}`, b.bucket);
    refs.set(`aws_s3_bucket.${id}.arn`, `arn:${partition}:s3:::${b.bucket}`);
  }
  for (const [id, v] of of("aws_backup_vault")) refs.set(`aws_backup_vault.${id}.name`, v.name);
  for (const [id, v] of of("aws_backup_logically_air_gapped_vault")) refs.set(`aws_backup_logically_air_gapped_vault.${id}.name`, v.name);

  const resolve = (value: string): string => value.replace(/\$\{([^}]+)\}/g, (whole, ref) => refs.get(ref) ?? whole);
  const parse = (text: string): Policy => {
    const m = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(text);
    const raw = JSON.parse(m ? hclToJson(m[1]) : text);
    return JSON.parse(JSON.stringify(raw), (_k, v) => (typeof v === "string" ? resolve(v) : v));
  };

  const all: NamedPolicy[] = [];
  const keys = new Map<string, NamedPolicy>();
  for (const [id, k] of of("aws_kms_key")) {
    const p = { name: `${stack} aws_kms_key.${id}`, policy: parse(k.policy) };
    keys.set(refs.get(`aws_kms_key.${id}.arn`)!, p);
    all.push(p);
  }
  const vaults = new Map<string, NamedPolicy>();
  for (const [id, vp] of of("aws_backup_vault_policy")) {
    const name = resolve(vp.backup_vault_name);
    const p = { name: `${stack} aws_backup_vault_policy.${id}`, policy: parse(vp.policy) };
    vaults.set(`arn:${partition}:backup:${regionOf(vp)}:${accountId}:backup-vault:${name}`, p);
    all.push(p);
  }
  const roles = new Map<string, NamedPolicy[]>();
  const roleArnByName = new Map<string, string>();
  for (const [id, r] of of("aws_iam_role")) {
    const arn = refs.get(`aws_iam_role.${id}.arn`)!;
    roles.set(arn, []);
    roleArnByName.set(r.name, arn);
    all.push({ name: `${stack} aws_iam_role.${id} trust`, policy: parse(r.assume_role_policy) });
  }
  for (const [id, rp] of of("aws_iam_role_policy")) {
    const p = { name: `${stack} aws_iam_role_policy.${id}`, policy: parse(rp.policy) };
    roles.get(roleArnByName.get(resolve(rp.role))!)!.push(p);
    all.push(p);
  }
  for (const [, a] of of("aws_iam_role_policy_attachment")) {
    roles.get(roleArnByName.get(resolve(a.role))!)!.push(managedPolicy(a.policy_arn));
  }
  const buckets = new Map<string, NamedPolicy>();
  for (const [id, bp] of of("aws_s3_bucket_policy")) {
    const p = { name: `${stack} aws_s3_bucket_policy.${id}`, policy: parse(bp.policy) };
    buckets.set(resolve(bp.bucket), p);
    all.push(p);
  }
  return { stack, accountId, partition, keys, vaults, roles, buckets, all };
}

/** An identity that AWS or an operator uses and the stacks do not create: allowed everything (deny proofs test resource policies). */
export const ADMINISTRATOR = "administrator";

/**
 * An identity the flows assume for AWS Backup Audit Manager's report delivery: the service writes reports through its
 * service-linked role, whose managed policy has no S3 write; AWS documents the bucket policy as the grant.
 */
export const REPORT_DELIVERY = "report-delivery";

const PSEUDO_POLICIES: Record<string, NamedPolicy> = {
  [ADMINISTRATOR]: {
    name: "an administrator (Allow *)",
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  },
  [REPORT_DELIVERY]: {
    name: "AWS Backup Audit Manager report delivery (assumed: the bucket policy decides)",
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] },
  },
};

/** The policies of every stack of a rollout, by account, and the identities of principals the stacks do not create. */
export class RolloutPolicies {
  readonly byAccount = new Map<string, StackPolicies>();
  /** Identity policies of principals outside the stacks: service-linked and default roles, administrators. */
  readonly external = new Map<string, NamedPolicy[]>();
  private readonly bucketAccounts = new Map<string, string>();

  /**
   * @param stacks the synthesized JSON of every stack, by stack name
   * @param external principals outside the stacks: ARN -> managed policy ARNs or ADMINISTRATOR / REPORT_DELIVERY
   */
  constructor(stacks: Readonly<Record<string, SynthesizedStack>>, external: Readonly<Record<string, readonly string[]>> = {}) {
    for (const [name, json] of Object.entries(stacks)) {
      const p = stackPolicies(name, json);
      this.byAccount.set(p.accountId, p);
      for (const b of p.buckets.keys()) this.bucketAccounts.set(b, p.accountId);
    }
    for (const [arn, policies] of Object.entries(external)) {
      // Copies: a test may remove a statement from one rollout's policies without touching another's.
      this.external.set(
        arn,
        policies.map((p) => {
          const np = PSEUDO_POLICIES[p] ?? managedPolicy(p);
          return { name: np.name, policy: JSON.parse(JSON.stringify(np.policy)) };
        }),
      );
    }
  }

  identityPolicies(principal: string): NamedPolicy[] {
    const account = principal.split(":")[4];
    return this.byAccount.get(account)?.roles.get(principal) ?? this.external.get(principal) ?? [];
  }

  /** The account that owns a resource: the ARN's, or for an S3 object the bucket's. */
  resourceAccount(resource: string): string | undefined {
    const s3 = /^arn:[^:]+:s3:::([^/]+)/.exec(resource);
    return s3 ? this.bucketAccounts.get(s3[1]) : resource.split(":")[4] || undefined;
  }

  resourcePolicy(resource: string): NamedPolicy | undefined {
    const s3 = /^arn:[^:]+:s3:::([^/]+)/.exec(resource);
    if (s3) return this.byAccount.get(this.bucketAccounts.get(s3[1]) ?? "")?.buckets.get(s3[1]);
    const account = resource.split(":")[4];
    const p = this.byAccount.get(account);
    if (!p) return undefined;
    if (resource.includes(":kms:")) return p.keys.get(resource);
    const vault = /^(arn:[^:]+:backup:[^:]+:\d{12}):(?:backup-vault:([^:]+)|recovery-point:.+)$/.exec(resource);
    if (vault) return p.vaults.get(vault[2] ? resource : [...p.vaults.keys()].find((k) => k.startsWith(vault[1]))!);
    return undefined;
  }

  /** Every policy of the stacks and of the external principals. */
  allPolicies(): NamedPolicy[] {
    const stacks = [...this.byAccount.values()].flatMap((p) => [
      ...p.keys.values(),
      ...p.vaults.values(),
      ...p.buckets.values(),
      ...[...p.roles.values()].flat(),
    ]);
    return [...stacks, ...[...this.external.values()].flat()];
  }

  /** Removes one statement (by Sid) from every policy whose name contains `policy`; returns how many it removed. */
  removeStatement(policy: string, sid: string): number {
    let removed = 0;
    for (const np of this.allPolicies()) {
      if (!np.name.includes(policy)) continue;
      const i = np.policy.Statement.findIndex((st) => st.Sid === sid);
      if (i >= 0) {
        np.policy.Statement.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }
}
