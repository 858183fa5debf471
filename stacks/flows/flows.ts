/**
 * The data paths of a rollout as the requests AWS makes on them (principal, action, resource, context keys), built
 * from the rollout model, and the deny proofs: what must stay refused. The requests name resources as the policies
 * read back from the synthesized stacks name them (keys by the placeholder ARN of their logical ID), so an IAM policy
 * evaluator can decide each one against what the stacks emit (see prove.ts).
 */
import type { RolloutModel } from "../model/model";
import { ADMINISTRATOR, REPORT_DELIVERY, placeholderKeyArn } from "./policies";

/** One request AWS makes on a data path. */
export interface FlowRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** A data path, or a deny proof, and the requests it makes. */
export interface Flow {
  /** `<kind>: <where>`, e.g. `copy to central: app-1 standard us-east-1`. */
  readonly name: string;
  /** The kind of data path (`backup job`, `copy-back`, ...) or of deny proof (`deny: ...`). */
  readonly kind: string;
  /** "allow": every request must be allowed (a flow); "deny": every request must be denied (a deny proof). */
  readonly expect: "allow" | "deny";
  readonly requests: readonly FlowRequest[];
}

/** The flows of a rollout and the identities of the principals they use that the stacks do not create. */
export interface FlowSet {
  readonly rollout: string;
  readonly partition: string;
  readonly flows: readonly Flow[];
  /** Principal ARN -> its identity policies: AWS managed policy ARNs, or ADMINISTRATOR / REPORT_DELIVERY. */
  readonly external: Readonly<Record<string, readonly string[]>>;
}

/** The kinds of data path a rollout can have. */
export const FLOW_KINDS = [
  "backup job",
  "copy to central",
  "copy to DR region",
  "DLM AMI cross-region copy",
  "DLM share then central copy",
  "copy-back",
  "report delivery",
  "restore test of central copies",
  "restore test of DR-region copies",
] as const;

/** The kinds of deny proof. */
export const DENY_KINDS = [
  "deny: recovery point deletion by a non-break-glass administrator",
  "deny: copy-in from another member",
  "deny: copy-in from outside the organization",
  "deny: recovery point deletion by a central administrator",
  "deny: central key deletion by a central administrator",
] as const;

const suffix = (region: string) => region.replace(/-/g, "_");

/** Every data path of the rollout, and the deny proofs. */
export function rolloutFlows(model: RolloutModel): FlowSet {
  const org = model.organizationId;
  const central = model.central;
  const C = central.accountId;
  const P = model.partition;
  const external: Record<string, readonly string[]> = {};
  const slr = (account: string) => `arn:${P}:iam::${account}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;
  const slrPolicy = `arn:${P}:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup`;
  const centralSlr = slr(C);
  external[centralSlr] = [slrPolicy];
  // Copy-back is started in the central account with its default service role (the restore path of the DR report).
  const centralBackupRole = `arn:${P}:iam::${C}:role/service-role/AWSBackupDefaultServiceRole`;
  external[centralBackupRole] = [`arn:${P}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`];
  const flows: Flow[] = [];
  const add = (kind: string, where: string, expect: "allow" | "deny", requests: FlowRequest[]) =>
    flows.push({ name: `${kind}: ${where}`, kind, expect, requests });
  const ctx = (account: string, region: string, service: string, extra: Record<string, string | string[]> = {}) => ({
    "aws:PrincipalOrgID": org,
    "aws:PrincipalAccount": account,
    "kms:CallerAccount": account,
    "kms:ViaService": `${service}.${region}.amazonaws.com`,
    ...extra,
  });
  const grant = { "kms:GrantIsForAWSResource": "true" };
  const ebs = { "kms:EncryptionContextKeys": ["aws:ebs:id"] };
  // Key ARNs are hashes of their logical IDs: computed once per key, not once per request.
  const keyArns = new Map<string, string>();
  const keyArn = (r: string, account: string, stack: string, logicalId: string) => {
    const k = `${account}/${logicalId}`;
    let arn = keyArns.get(k);
    if (arn === undefined) keyArns.set(k, (arn = placeholderKeyArn(P, r, account, stack, logicalId)));
    return arn;
  };
  const centralKey = (r: string) => keyArn(r, C, central.stack, `CentralVault_${suffix(r)}_Key`);
  const recoveryPoint = (r: string, account: string) => `arn:${P}:backup:${r}:${account}:recovery-point:0123abcd-0123-4567-89ab-0123456789ab`;

  for (const m of model.members) {
    const M = m.accountId;
    const role = m.backupServiceRole.arn;
    const vaultKey = (r: string) => keyArn(r, M, m.stack, `Vault_${suffix(r)}_Key`);
    const workloadKey = (r: string) => keyArn(r, M, m.stack, `WorkloadKey_${suffix(r)}`);
    const dlmSnapshots = `arn:${P}:iam::${M}:role/${m.dlmRoleNamePrefix}-snapshots`;
    const dlmAmis = `arn:${P}:iam::${M}:role/${m.dlmRoleNamePrefix}-amis`;
    const centralDlm = `arn:${P}:iam::${C}:role/${central.dlmRoleNamePrefix}-snapshots`;
    const memberSlr = slr(M);
    external[memberSlr] = [slrPolicy];

    for (const p of m.placements) {
      const R = p.region;
      const at = `${m.name} ${p.policy} ${R}`;
      if (p.plan) {
        add("backup job", at, "allow", [
          // EBS/EC2 snapshots keep the volume's key: the job needs a grant on it, through EC2.
          { principal: role, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(M, R, "ec2", grant) },
          { principal: role, action: "kms:ReEncryptFrom", resource: workloadKey(R), context: ctx(M, R, "ec2", ebs) },
          // Fully managed types are encrypted with the vault key.
          { principal: role, action: "kms:CreateGrant", resource: vaultKey(R), context: ctx(M, R, "backup", grant) },
        ]);
      }
      for (const c of p.copies) {
        if (c.kind === "central-account") {
          add("copy to central", at, "allow", [
            { principal: role, action: "backup:CopyIntoBackupVault", resource: c.vault.arn, context: ctx(M, R, "backup") },
            // The destination account uses the source's keys: the workload key (EBS, EC2, RDS, ...) and the vault key.
            // EBS re-encrypts the snapshot into the destination: ReEncryptFrom on the source key, a data key of the destination key.
            { principal: centralSlr, action: "kms:DescribeKey", resource: workloadKey(R), context: ctx(C, R, "ec2") },
            { principal: centralSlr, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(C, R, "ec2", grant) },
            { principal: centralSlr, action: "kms:ReEncryptFrom", resource: workloadKey(R), context: ctx(C, R, "ec2") },
            { principal: centralSlr, action: "kms:DescribeKey", resource: vaultKey(R), context: ctx(C, R, "backup") },
            { principal: centralSlr, action: "kms:GenerateDataKeyWithoutPlaintext", resource: centralKey(R), context: ctx(C, R, "ec2") },
            { principal: centralSlr, action: "kms:CreateGrant", resource: centralKey(R), context: ctx(C, R, "ec2", grant) },
          ]);
        } else {
          const D = c.vault.region;
          add("copy to DR region", `${at} -> ${D}`, "allow", [
            { principal: role, action: "backup:CopyIntoBackupVault", resource: c.vault.arn, context: ctx(M, R, "backup") },
            { principal: role, action: "kms:CreateGrant", resource: vaultKey(D), context: ctx(M, D, "backup", grant) },
            { principal: role, action: "kms:CreateGrant", resource: workloadKey(R), context: ctx(M, R, "ec2", grant) },
          ]);
        }
      }
      const amiCopy = p.intent.amis?.crossRegionCopy;
      if (amiCopy && amiCopy.region !== R) {
        const D = amiCopy.region;
        add("DLM AMI cross-region copy", `${at} -> ${D}`, "allow", [
          { principal: dlmAmis, action: "ec2:CopyImage", resource: `arn:${P}:ec2:${D}::image/ami-0123456789abcdef0`, context: {} },
          { principal: dlmAmis, action: "kms:Decrypt", resource: workloadKey(R), context: ctx(M, R, "ec2") },
          { principal: dlmAmis, action: "kms:CreateGrant", resource: vaultKey(D), context: ctx(M, D, "ec2", grant) },
          { principal: dlmAmis, action: "kms:GenerateDataKeyWithoutPlaintext", resource: vaultKey(D), context: ctx(M, D, "ec2") },
        ]);
      }
      if (p.intent.snapshots?.shareWithCentral && model.central.regions.includes(R)) {
        add("DLM share then central copy", at, "allow", [
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
        ]);
      }
    }
    for (const [R, vault] of m.vaults) {
      if (central.vaults.has(R)) {
        add("copy-back", `central ${R} -> ${m.name}`, "allow", [
          { principal: centralBackupRole, action: "backup:CopyIntoBackupVault", resource: vault.arn, context: ctx(C, R, "backup") },
          // The member's AWS Backup uses the source's key (the central vault key: copies are re-encrypted with it)
          // and encrypts the copy with its own vault key.
          { principal: memberSlr, action: "kms:DescribeKey", resource: centralKey(R), context: ctx(M, R, "backup") },
          { principal: memberSlr, action: "kms:CreateGrant", resource: centralKey(R), context: ctx(M, R, "ec2", grant) },
          { principal: memberSlr, action: "kms:ReEncryptFrom", resource: centralKey(R), context: ctx(M, R, "ec2") },
          { principal: memberSlr, action: "kms:GenerateDataKeyWithoutPlaintext", resource: vaultKey(R), context: ctx(M, R, "ec2") },
          { principal: memberSlr, action: "kms:CreateGrant", resource: vaultKey(R), context: ctx(M, R, "ec2", grant) },
        ]);
      }
      const admin = `arn:${P}:iam::${M}:role/Administrator`;
      external[admin] = [ADMINISTRATOR];
      add("deny: recovery point deletion by a non-break-glass administrator", `${m.name} ${R}`, "deny", [
        {
          principal: admin,
          action: "backup:DeleteRecoveryPoint",
          resource: recoveryPoint(R, M),
          context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": M },
        },
      ]);
      const other = model.members.find((o) => o.accountId !== M);
      if (other) {
        add("deny: copy-in from another member", `${m.name} ${R}`, "deny", [
          { principal: other.backupServiceRole.arn, action: "backup:CopyIntoBackupVault", resource: vault.arn, context: ctx(other.accountId, R, "backup") },
        ]);
      }
    }
    for (const c of m.restoreTesting?.copyRegions ?? []) {
      add("restore test of DR-region copies", `${m.name} ${c.region}`, "allow", restoreTest(P, role, M, c.region, vaultKey(c.region), ctx));
    }
    if (m.audit) {
      const reports = `arn:${P}:iam::${M}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
      external[reports] = [REPORT_DELIVERY, `arn:${P}:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports`];
      add("report delivery", `${m.name} -> ${m.audit.reportBucket}`, "allow", [
        reportPut(reports, P, m.audit.reportBucket, `${m.audit.reportKeyPrefix}/Backup/${M}/report.csv`, org, M),
      ]);
    }
  }
  if (central.audit) {
    const reports = `arn:${P}:iam::${C}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
    external[reports] = [REPORT_DELIVERY, `arn:${P}:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports`];
    for (const plan of central.audit.reportPlans) {
      add("report delivery", `central ${plan.name} -> ${central.audit.reportBucket}`, "allow", [
        reportPut(reports, P, central.audit.reportBucket, `${plan.keyPrefix}/Backup/${C}/report.csv`, org, C),
      ]);
    }
  }
  for (const p of central.restoreTesting?.plans ?? []) {
    add(
      "restore test of central copies",
      `central ${p.region}`,
      "allow",
      restoreTest(P, central.restoreTesting!.role.arn, C, p.region, centralKey(p.region), ctx),
    );
  }
  const outsider = `arn:${P}:iam::999999999999:role/Attacker`;
  const centralAdmin = `arn:${P}:iam::${C}:role/Administrator`;
  external[outsider] = [ADMINISTRATOR];
  external[centralAdmin] = [ADMINISTRATOR];
  for (const [R, vault] of central.vaults) {
    add("deny: copy-in from outside the organization", `central ${R}`, "deny", [
      {
        principal: outsider,
        action: "backup:CopyIntoBackupVault",
        resource: vault.arn,
        context: { "aws:PrincipalOrgID": "o-zzzzzzzzzzzz", "aws:PrincipalAccount": "999999999999" },
      },
    ]);
    add("deny: recovery point deletion by a central administrator", `central ${R}`, "deny", [
      {
        principal: centralAdmin,
        action: "backup:DeleteRecoveryPoint",
        resource: recoveryPoint(R, C),
        context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": C },
      },
    ]);
    add(
      "deny: central key deletion by a central administrator",
      `central ${R}`,
      "deny",
      ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"].map((action) => ({
        principal: centralAdmin,
        action,
        resource: centralKey(R),
        context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": C, "kms:CallerAccount": C },
      })),
    );
  }
  return { rollout: model.name, partition: P, flows, external };
}

/**
 * A restore test of an EBS recovery point in a vault: the restore role starts the restore of the recovery point and
 * creates a volume from its snapshot, which EC2 decrypts with the vault's key under a grant.
 */
function restoreTest(
  partition: string,
  role: string,
  account: string,
  region: string,
  key: string,
  ctx: (account: string, region: string, service: string, extra?: Record<string, string | string[]>) => Record<string, string | string[]>,
): FlowRequest[] {
  const snapshot = `arn:${partition}:ec2:${region}::snapshot/snap-0123456789abcdef0`;
  return [
    {
      principal: role,
      action: "backup:StartRestoreJob",
      resource: `arn:${partition}:backup:${region}:${account}:recovery-point:0123abcd-0123-4567-89ab-0123456789ab`,
      context: ctx(account, region, "backup"),
    },
    { principal: role, action: "ec2:CreateVolume", resource: snapshot, context: {} },
    { principal: role, action: "ec2:CreateVolume", resource: `arn:${partition}:ec2:${region}:${account}:volume/vol-0123456789abcdef0`, context: {} },
    { principal: role, action: "kms:DescribeKey", resource: key, context: ctx(account, region, "backup") },
    { principal: role, action: "kms:CreateGrant", resource: key, context: ctx(account, region, "ec2", { "kms:GrantIsForAWSResource": "true" }) },
    { principal: role, action: "kms:Decrypt", resource: key, context: ctx(account, region, "ec2") },
  ];
}

/** A report plan's delivery: its service-linked role puts an object, owned by the bucket owner, over TLS. */
function reportPut(principal: string, partition: string, bucket: string, key: string, org: string, account: string): FlowRequest {
  return {
    principal,
    action: "s3:PutObject",
    resource: `arn:${partition}:s3:::${bucket}/${key}`,
    context: { "aws:PrincipalOrgID": org, "aws:PrincipalAccount": account, "s3:x-amz-acl": "bucket-owner-full-control", "aws:SecureTransport": "true" },
  };
}
