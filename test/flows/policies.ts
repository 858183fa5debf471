/**
 * The policies a rollout emits, read back from the synthesized Terraform JSON: key policies, vault access policies and
 * the identity policies of every role (inline, and the AWS managed policies it attaches, from the data files here).
 * References to resources of the same stack are resolved to placeholder ARNs in the stack's account and the region of
 * the resource's provider, so the policies can be evaluated as AWS would see them after apply.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface Policy {
  readonly Version?: string;
  readonly Statement: any[];
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
  /** Every policy document of the stack (trust policies included), for the action-name check. */
  readonly all: NamedPolicy[];
}

const MANAGED_DIR = path.join(__dirname, "managed-policies");

/** An AWS managed policy kept as a data file (with its AWS version), by ARN. */
export function managedPolicy(arn: string): NamedPolicy {
  const name = arn.split("/").pop()!;
  const file = path.join(MANAGED_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`no data file for the managed policy ${arn}: add ${name}.json under test/flows/managed-policies`);
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  return { name: `${arn} (${data.versionId})`, policy: data.document };
}

/** A placeholder key ID that looks like a KMS UUID and is stable per logical ID. */
function keyId(stack: string, logicalId: string): string {
  const h = crypto.createHash("sha256").update(`${stack}/${logicalId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
export function stackPolicies(stack: string, json: any): StackPolicies {
  const providers: any[] = json.provider.aws;
  const accountId: string = providers[0].allowed_account_ids[0];
  const defaultRegion: string = providers.find((p) => !p.alias).region;
  const regionOf = (r: any): string => (!r.provider || r.provider === "aws" ? defaultRegion : providers.find((p) => `aws.${p.alias}` === r.provider).region);
  const partition = defaultRegion.startsWith("us-gov-") ? "aws-us-gov" : defaultRegion.startsWith("cn-") ? "aws-cn" : "aws";
  const res = json.resource ?? {};
  const of = (type: string): [string, any][] => Object.entries(res[type] ?? {});

  const refs = new Map<string, string>();
  for (const [id, k] of of("aws_kms_key")) {
    const arn = `arn:${partition}:kms:${regionOf(k)}:${accountId}:key/${keyId(stack, id)}`;
    refs.set(`aws_kms_key.${id}.arn`, arn);
    refs.set(`aws_kms_key.${id}.key_id`, arn.split("/")[1]);
  }
  for (const [id, r] of of("aws_iam_role")) {
    refs.set(`aws_iam_role.${id}.name`, r.name);
    refs.set(`aws_iam_role.${id}.arn`, `arn:${partition}:iam::${accountId}:role${r.path ?? "/"}${r.name}`);
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
  return { stack, accountId, partition, keys, vaults, roles, all };
}
