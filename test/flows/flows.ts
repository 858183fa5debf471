/**
 * Flow proofs: for every data path of a rollout, the requests AWS makes (principal, action, resource, context keys),
 * evaluated by a real IAM policy evaluator against the policies the stacks emit. A flow is proven when every one of
 * its requests is allowed; a deny proof holds when its request is denied.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { RolloutModel } from "../../stacks/model/model";
import { NamedPolicy, StackPolicies, managedPolicy, stackPolicies } from "./policies";

/** One request AWS makes on a data path. */
export interface FlowRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** A data path, or a deny proof, and the requests it makes. */
export interface Flow {
  readonly name: string;
  /** "allow": every request must be allowed (a flow); "deny": every request must be denied (a deny proof). */
  readonly expect: "allow" | "deny";
  readonly requests: readonly FlowRequest[];
}

export interface FlowOutcome {
  readonly flow: Flow;
  readonly ok: boolean;
  /** For a failed flow: the request and why (the policies whose statements decided it). */
  readonly failure?: string;
}

/** A principal that AWS or an operator uses, which the stacks do not create, with its identity policies. */
const ADMIN_POLICY: NamedPolicy = {
  name: "an administrator (Allow *)",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

export class RolloutPolicies {
  readonly byAccount = new Map<string, StackPolicies>();
  /** Identity policies of principals outside the stacks: service-linked and default roles, administrators. */
  readonly external = new Map<string, NamedPolicy[]>();

  constructor(stacks: Record<string, any>) {
    for (const [name, json] of Object.entries(stacks)) {
      const p = stackPolicies(name, json);
      this.byAccount.set(p.accountId, p);
    }
  }

  identityPolicies(principal: string): NamedPolicy[] {
    const account = principal.split(":")[4];
    return this.byAccount.get(account)?.roles.get(principal) ?? this.external.get(principal) ?? [];
  }

  resourcePolicy(resource: string): NamedPolicy | undefined {
    const account = resource.split(":")[4];
    const p = this.byAccount.get(account);
    if (!p) return undefined;
    if (resource.includes(":kms:")) return p.keys.get(resource);
    const vault = /^(arn:[^:]+:backup:[^:]+:\d{12}):(?:backup-vault:([^:]+)|recovery-point:.+)$/.exec(resource);
    if (vault) return p.vaults.get(vault[2] ? resource : [...p.vaults.keys()].find((k) => k.startsWith(vault[1]))!);
    return undefined;
  }

  /** Removes one statement (by Sid) from every policy whose name contains `policy`; returns how many it removed. */
  removeStatement(policy: string, sid: string): number {
    let removed = 0;
    const all = [...this.byAccount.values()].flatMap((p) => [...p.keys.values(), ...p.vaults.values(), ...[...p.roles.values()].flat()]);
    for (const np of [...all, ...[...this.external.values()].flat()]) {
      if (!np.name.includes(policy)) continue;
      const i = np.policy.Statement.findIndex((st) => st.Sid === sid);
      if (i >= 0) {
        np.policy.Statement.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }

  /** A key's ARN in an account by the logical ID of its aws_kms_key. */
  keyArn(accountId: string, logicalId: string): string {
    const p = this.byAccount.get(accountId)!;
    const found = [...p.keys].find(([, k]) => k.name.endsWith(`aws_kms_key.${logicalId}`));
    if (!found) throw new Error(`no key ${logicalId} in account ${accountId}`);
    return found[0];
  }
}

const suffix = (region: string) => region.replace(/-/g, "_");

/** Every data path of the rollout, and the deny proofs. */
export function rolloutFlows(model: RolloutModel, policies: RolloutPolicies): Flow[] {
  const org = model.organizationId;
  const central = model.central;
  const C = central.accountId;
  const P = model.partition;
  const centralSlr = `arn:${P}:iam::${C}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;
  policies.external.set(centralSlr, [managedPolicy(`arn:${P}:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup`)]);
  const centralBackupRole = `arn:${P}:iam::${C}:role/service-role/AWSBackupDefaultServiceRole`;
  policies.external.set(centralBackupRole, [managedPolicy(`arn:${P}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`)]);
  const flows: Flow[] = [];
  const ctx = (account: string, region: string, service: string, extra: Record<string, string | string[]> = {}) => ({
    "aws:PrincipalOrgID": org,
    "aws:PrincipalAccount": account,
    "kms:CallerAccount": account,
    "kms:ViaService": `${service}.${region}.amazonaws.com`,
    ...extra,
  });
  const grant = { "kms:GrantIsForAWSResource": "true" };
  const ebs = { "kms:EncryptionContextKeys": ["aws:ebs:id"] };

  for (const m of model.members) {
    const M = m.accountId;
    const role = m.backupServiceRole.arn;
    const vaultKey = (r: string) => policies.keyArn(M, `Vault_${suffix(r)}_Key`);
    const workloadKey = (r: string) => policies.keyArn(M, `WorkloadKey_${suffix(r)}`);
    const centralKey = (r: string) => policies.keyArn(C, `CentralVault_${suffix(r)}_Key`);
    const dlmSnapshots = `arn:${P}:iam::${M}:role/${m.dlmRoleNamePrefix}-snapshots`;
    const dlmAmis = `arn:${P}:iam::${M}:role/${m.dlmRoleNamePrefix}-amis`;
    const centralDlm = `arn:${P}:iam::${C}:role/${central.dlmRoleNamePrefix}-snapshots`;

    for (const p of m.placements) {
      const R = p.region;
      const at = `${m.name} ${p.policy} ${R}`;
      if (p.plan) {
        flows.push({
          name: `backup job: ${at}`,
          expect: "allow",
          requests: [
            // EBS/EC2 snapshots keep the volume's key: the job needs a grant on it, through EC2.
            { principal: role, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(M, R, "ec2", grant) },
            { principal: role, action: "kms:ReEncryptFrom", resource: workloadKey(R), context: ctx(M, R, "ec2", ebs) },
            // Fully managed types are encrypted with the vault key.
            { principal: role, action: "kms:CreateGrant", resource: vaultKey(R), context: ctx(M, R, "backup", grant) },
          ],
        });
      }
      for (const c of p.copies) {
        if (c.kind === "central-account") {
          flows.push({
            name: `copy to central: ${at}`,
            expect: "allow",
            requests: [
              { principal: role, action: "backup:CopyIntoBackupVault", resource: c.vault.arn, context: ctx(M, R, "backup") },
              // The destination account uses the source's keys: the workload key (EBS, EC2, RDS, ...) and the vault key.
              // EBS re-encrypts the snapshot into the destination: ReEncryptFrom on the source key, a data key of the destination key.
              { principal: centralSlr, action: "kms:DescribeKey", resource: workloadKey(R), context: ctx(C, R, "ec2") },
              { principal: centralSlr, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(C, R, "ec2", grant) },
              { principal: centralSlr, action: "kms:ReEncryptFrom", resource: workloadKey(R), context: ctx(C, R, "ec2") },
              { principal: centralSlr, action: "kms:DescribeKey", resource: vaultKey(R), context: ctx(C, R, "backup") },
              { principal: centralSlr, action: "kms:GenerateDataKeyWithoutPlaintext", resource: centralKey(R), context: ctx(C, R, "ec2") },
              { principal: centralSlr, action: "kms:CreateGrant", resource: centralKey(R), context: ctx(C, R, "ec2", grant) },
            ],
          });
        } else {
          const D = c.vault.region;
          flows.push({
            name: `copy to DR region: ${at} -> ${D}`,
            expect: "allow",
            requests: [
              { principal: role, action: "backup:CopyIntoBackupVault", resource: c.vault.arn, context: ctx(M, R, "backup") },
              { principal: role, action: "kms:CreateGrant", resource: vaultKey(D), context: ctx(M, D, "backup", grant) },
              { principal: role, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(M, R, "ec2", grant) },
            ],
          });
        }
      }
      const amiCopy = p.intent.amis?.crossRegionCopy;
      if (amiCopy && amiCopy.region !== R) {
        const D = amiCopy.region;
        flows.push({
          name: `DLM AMI cross-region copy: ${at} -> ${D}`,
          expect: "allow",
          requests: [
            { principal: dlmAmis, action: "ec2:CopyImage", resource: `arn:${P}:ec2:${D}::image/ami-0123456789abcdef0`, context: {} },
            { principal: dlmAmis, action: "kms:Decrypt", resource: workloadKey(R), context: ctx(M, R, "ec2") },
            { principal: dlmAmis, action: "kms:CreateGrant", resource: vaultKey(D), context: ctx(M, D, "ec2", grant) },
            { principal: dlmAmis, action: "kms:GenerateDataKeyWithoutPlaintext", resource: vaultKey(D), context: ctx(M, D, "ec2") },
          ],
        });
      }
      if (p.intent.snapshots?.shareWithCentral && model.central.regions.includes(R)) {
        flows.push({
          name: `DLM share then central copy: ${at}`,
          expect: "allow",
          requests: [
            { principal: dlmSnapshots, action: "ec2:ModifySnapshotAttribute", resource: `arn:${P}:ec2:${R}::snapshot/snap-0123456789abcdef0`, context: {} },
            { principal: centralDlm, action: "ec2:CopySnapshot", resource: `arn:${P}:ec2:${R}::snapshot/snap-0123456789abcdef0`, context: {} },
            ...["kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom"].map((action) => ({
              principal: centralDlm,
              action,
              resource: workloadKey(R),
              context: ctx(C, R, "ec2"),
            })),
            { principal: centralDlm, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(C, R, "ec2", grant) },
            { principal: centralDlm, action: "kms:GenerateDataKeyWithoutPlaintext", resource: centralKey(R), context: ctx(C, R, "ec2") },
            { principal: centralDlm, action: "kms:ReEncryptTo", resource: centralKey(R), context: ctx(C, R, "ec2") },
            { principal: centralDlm, action: "kms:CreateGrant", resource: centralKey(R), context: ctx(C, R, "ec2", grant) },
          ],
        });
      }
    }
    for (const [R, vault] of m.vaults) {
      if (central.vaults.has(R)) {
        flows.push({
          name: `copy-back: central ${R} -> ${m.name}`,
          expect: "allow",
          requests: [{ principal: centralBackupRole, action: "backup:CopyIntoBackupVault", resource: vault.arn, context: ctx(C, R, "backup") }],
        });
      }
      const admin = `arn:${P}:iam::${M}:role/Administrator`;
      policies.external.set(admin, [ADMIN_POLICY]);
      flows.push({
        name: `deny: recovery point deletion by a non-break-glass administrator: ${m.name} ${R}`,
        expect: "deny",
        requests: [
          {
            principal: admin,
            action: "backup:DeleteRecoveryPoint",
            resource: `arn:${P}:backup:${R}:${M}:recovery-point:0123abcd-0123-4567-89ab-0123456789ab`,
            context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": M },
          },
        ],
      });
      const other = model.members.find((o) => o.accountId !== M);
      if (other) {
        flows.push({
          name: `deny: copy-in to ${m.name} ${R} from another member`,
          expect: "deny",
          requests: [
            { principal: other.backupServiceRole.arn, action: "backup:CopyIntoBackupVault", resource: vault.arn, context: ctx(other.accountId, R, "backup") },
          ],
        });
      }
    }
  }
  const outsider = `arn:${P}:iam::999999999999:role/Attacker`;
  const centralAdmin = `arn:${P}:iam::${C}:role/Administrator`;
  policies.external.set(outsider, [ADMIN_POLICY]);
  policies.external.set(centralAdmin, [ADMIN_POLICY]);
  for (const [R, vault] of central.vaults) {
    flows.push({
      name: `deny: copy-in from outside the organization: central ${R}`,
      expect: "deny",
      requests: [
        {
          principal: outsider,
          action: "backup:CopyIntoBackupVault",
          resource: vault.arn,
          context: { "aws:PrincipalOrgID": "o-zzzzzzzzzzzz", "aws:PrincipalAccount": "999999999999" },
        },
      ],
    });
    flows.push({
      name: `deny: recovery point deletion by a central administrator: central ${R}`,
      expect: "deny",
      requests: [
        {
          principal: centralAdmin,
          action: "backup:DeleteRecoveryPoint",
          resource: `arn:${P}:backup:${R}:${C}:recovery-point:0123abcd-0123-4567-89ab-0123456789ab`,
          context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": C },
        },
      ],
    });
    const key = policies.keyArn(C, `CentralVault_${suffix(R)}_Key`);
    flows.push({
      name: `deny: central key deletion by a central administrator: central ${R}`,
      expect: "deny",
      requests: ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"].map((action) => ({
        principal: centralAdmin,
        action,
        resource: key,
        context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": C, "kms:CallerAccount": C },
      })),
    });
  }
  return flows;
}

/** Evaluates one request; undefined when it came out as expected, else why not. */
export async function evaluate(policies: RolloutPolicies, request: FlowRequest, expect: "allow" | "deny"): Promise<string | undefined> {
  const account = request.resource.split(":")[4] || request.principal.split(":")[4];
  const identity = policies.identityPolicies(request.principal);
  const resourcePolicy = policies.resourcePolicy(request.resource);
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: account },
        contextVariables: { "aws:PrincipalArn": request.principal, ...request.context },
      },
      identityPolicies: identity.map((p) => ({ name: p.name, policy: p.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicy?.policy,
    },
    { simulationMode: "Strict" },
  );
  const describe = `${request.principal} ${request.action} on ${request.resource} with ${JSON.stringify(request.context)}`;
  if (result.resultType === "error") return `${describe}: the simulation refused its input: ${JSON.stringify(result.errors)}`;
  if (result.resultType !== "single") return `${describe}: unexpected ${result.resultType} result`;
  const allowed = result.overallResult === "Allowed";
  if (allowed === (expect === "allow")) return undefined;
  const a = result.result.analysis as any;
  const deniers = [
    ...(a.identityAnalysis?.denyStatements ?? []).map((s: any) => `identity ${s.policyId} ${s.statement.Sid ?? ""}`),
    ...(a.resourceAnalysis?.denyStatements ?? []).map((s: any) => `${resourcePolicy?.name} ${s.statement.Sid ?? ""}`),
  ];
  const why = allowed
    ? `allowed (identity ${a.identityAnalysis?.result}, resource policy ${resourcePolicy?.name ?? "none"} ${a.resourceAnalysis?.result})`
    : `${result.overallResult}: ${deniers.length > 0 ? `explicitly by ${deniers.join(", ")}` : `no statement allows it (identity policies: ${identity.map((p) => p.name).join(", ") || "none"} -> ${a.identityAnalysis?.result}; resource policy: ${resourcePolicy?.name ?? "none"} -> ${a.resourceAnalysis?.result ?? "n/a"})`}`;
  return `${describe}: ${why}`;
}

/** Evaluates every flow. */
export async function proveFlows(policies: RolloutPolicies, flows: readonly Flow[]): Promise<FlowOutcome[]> {
  const out: FlowOutcome[] = [];
  for (const flow of flows) {
    let failure: string | undefined;
    for (const r of flow.requests) {
      failure = await evaluate(policies, r, flow.expect);
      if (failure) break;
    }
    out.push({ flow, ok: failure === undefined, failure: failure && `${flow.name}: ${failure}` });
  }
  return out;
}
