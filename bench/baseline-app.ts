/**
 * The benchmark's baseline: the resources of a generated rollout written directly with the provider classes, the
 * way a hand-written CDKTF app would: no modules, no validation, no config schema, no rollout model. Per stack it
 * creates the same resource types, as many of each, with the same attributes as the rollout stacks
 * (baseline.test.ts keeps the two from drifting apart), so the difference in synth time is the cost of our layers.
 */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackupGlobalSettings } from "@cdktf/provider-aws/lib/backup-global-settings";
import { BackupRegionSettings } from "@cdktf/provider-aws/lib/backup-region-settings";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { EbsDefaultKmsKey } from "@cdktf/provider-aws/lib/ebs-default-kms-key";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { DlmLifecyclePolicy } from "@cdktf/provider-aws/lib/dlm-lifecycle-policy";
import { DataTerraformRemoteStateS3, Fn, S3Backend, TerraformOutput, TerraformStack } from "../modules/core/cdktf";
import type { RolloutInput } from "../stacks/config/schema";

type Lock = { minRetentionDays: number; maxRetentionDays?: number } | undefined;

const KEY_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const KEY_GRANTS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];
const VAULT_PROTECTED_ACTIONS = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:PutBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultAccessPolicy",
  "backup:DeleteBackupVault",
];

const underscored = (s: string) => s.replace(/-/g, "_");

/** The rollout's S3 backend: the baseline is the hand-written S3 layout and has no HCP Terraform variant. */
function s3Backend(config: RolloutInput) {
  const b = config.stateBackend;
  if (b.type === "cloud") throw new Error("the baseline app writes S3 backends only: benchmark a rollout whose stateBackend is S3");
  return b;
}

/** A stack with one provider per region (the first unaliased) and the S3 backend. */
class BaselineStack extends TerraformStack {
  readonly providers = new Map<string, AwsProvider>();

  constructor(scope: Construct, id: string, config: RolloutInput, accountId: string, regions: readonly string[]) {
    super(scope, id);
    const roleArn = `arn:aws:iam::${accountId}:role/${config.deployRoleName}`;
    regions.forEach((region, i) => {
      this.providers.set(
        region,
        new AwsProvider(this, i === 0 ? "aws" : `aws_${underscored(region)}`, {
          region,
          alias: i === 0 ? undefined : underscored(region),
          allowedAccountIds: [accountId],
          assumeRole: [{ roleArn, sessionName: `backup-dr-${id}` }],
          defaultTags: [{ tags: { ...config.tags, BackupDrRollout: config.name, BackupDrStack: id } }],
        }),
      );
    });
    const state = s3Backend(config);
    new S3Backend(this, {
      bucket: state.bucket,
      region: state.region,
      key: `${state.keyPrefix}/${id}.tfstate`,
      encrypt: true,
      kmsKeyId: state.kmsKeyArn,
    });
    this.addOverride("terraform.backend.s3.use_lockfile", true);
  }

  /** A vault with its KMS key, alias, access policy and lock, as the rollout stacks make it. */
  vault(
    id: string,
    region: string,
    name: string,
    accountId: string,
    exempt: string[],
    keyStatements: object[],
    copyFrom: string | undefined,
    lock: Lock,
  ): { vault: BackupVault; key: KmsKey } {
    const provider = this.providers.get(region);
    const key = new KmsKey(this, `${id}_Key`, {
      description: `Recovery points in backup vault ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      multiRegion: false,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
          ...keyStatements,
        ],
      }),
      lifecycle: { preventDestroy: true },
      provider,
    });
    new KmsAlias(this, `${id}_Key_Alias`, { name: `alias/backup/${name}`, targetKeyId: key.keyId, provider });
    const vault = new BackupVault(this, id, { name, kmsKeyArn: key.arn, forceDestroy: false, lifecycle: { preventDestroy: true }, provider });
    const statements: object[] = [
      {
        Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: VAULT_PROTECTED_ACTIONS,
        Resource: "*",
        Condition: { ArnNotLike: { "aws:PrincipalArn": exempt } },
      },
    ];
    if (copyFrom) {
      statements.push({
        Sid: "AllowCopyIntoFromOrganization",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": copyFrom } },
      });
    }
    new BackupVaultPolicy(this, `${id}_AccessPolicy`, {
      backupVaultName: vault.name,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      provider,
    });
    if (lock) {
      new BackupVaultLockConfiguration(this, `${id}_Lock`, {
        backupVaultName: vault.name,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        lifecycle: { preventDestroy: true },
        provider,
      });
    }
    return { vault, key };
  }
}

function exemptRoles(config: RolloutInput, accountId: string): string[] {
  return [`arn:aws:iam::${accountId}:role/${config.breakGlassRoleName}`, `arn:aws:iam::${accountId}:role/${config.deployRoleName}`];
}

function assumedBy(service: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

function managementStack(scope: Construct, config: RolloutInput): void {
  const stack = new BaselineStack(scope, "management", config, config.organization.managementAccountId, [config.management.region]);
  new DataAwsOrganizationsOrganization(stack, "Prerequisites_Organization", {
    lifecycle: {
      postcondition: [
        {
          condition: `\${contains(flatten([for r in self.roots : [for t in r.policy_types : t.type if t.status == "ENABLED"] if r.id == "${config.organization.rootId}"]), "BACKUP_POLICY")}`,
          errorMessage: "The policy type BACKUP_POLICY is not enabled on the organization root.",
        },
        { condition: '${contains(self.aws_service_access_principals, "backup.amazonaws.com")}', errorMessage: "Trusted access for AWS Backup is not enabled." },
      ],
    },
  });
  new BackupGlobalSettings(stack, "BackupGlobalSettings", {
    globalSettings: { isCrossAccountBackupEnabled: "true", isMpaEnabled: "false", isDelegatedAdministratorEnabled: "true" },
  });
  new OrganizationsDelegatedAdministrator(stack, "BackupDelegatedAdministrator", {
    accountId: config.centralBackup.accountId,
    servicePrincipal: "backup.amazonaws.com",
  });
}

function centralStack(scope: Construct, config: RolloutInput): void {
  const central = config.centralBackup;
  const id = central.name ?? "central-backup";
  const vaultName = central.vaultName ?? "org-central-backup";
  const stack = new BaselineStack(scope, id, config, central.accountId, central.regions);
  const org = { StringEquals: { "aws:PrincipalOrgID": config.organization.id } };
  for (const region of central.regions) {
    const { key } = stack.vault(
      `CentralVault_${underscored(region)}`,
      region,
      vaultName,
      central.accountId,
      exemptRoles(config, central.accountId),
      [
        { Sid: "OrganizationUsesKeyForCopies", Effect: "Allow", Principal: "*", Action: KEY_USE, Resource: "*", Condition: org },
        {
          Sid: "OrganizationGrantsForAwsServices",
          Effect: "Allow",
          Principal: "*",
          Action: KEY_GRANTS,
          Resource: "*",
          Condition: { ...org, Bool: { "kms:GrantIsForAWSResource": true } },
        },
      ],
      config.organization.id,
      central.vaultLock,
    );
    new TerraformOutput(stack, `central_vault_arn_${underscored(region)}`, {
      value: `arn:aws:backup:${region}:${central.accountId}:backup-vault:${vaultName}`,
      description: `ARN of the central backup vault in ${region}`,
    });
    new TerraformOutput(stack, `central_key_arn_${underscored(region)}`, {
      value: key.arn,
      description: `ARN of the KMS key of the central backup vault in ${region}`,
    });
  }
  new TerraformOutput(stack, "central_account_id", { value: central.accountId, description: "The central backup account" });
}

function memberStack(scope: Construct, config: RolloutInput, member: RolloutInput["members"][number]): void {
  const id = `member-${member.name}`;
  const central = config.centralBackup;
  const stack = new BaselineStack(scope, id, config, member.accountId, member.regions);
  const state = s3Backend(config);
  const centralState = new DataTerraformRemoteStateS3(stack, "central_backup_state", {
    bucket: state.bucket,
    region: state.region,
    key: `${state.keyPrefix}/${central.name}.tfstate`,
    encrypt: true,
    kmsKeyId: state.kmsKeyArn,
  });
  const centralRoot = [`arn:aws:iam::${central.accountId}:root`];
  const vaultName = `${config.name}-local`;
  const vaults = new Map<string, { vault: BackupVault; key: KmsKey }>();
  for (const region of member.regions) {
    new BackupRegionSettings(stack, `RegionSettings_${underscored(region)}`, {
      provider: stack.providers.get(region),
      resourceTypeOptInPreference: Object.fromEntries(
        ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"].map((t) => [t, true]),
      ),
    });
    const v = stack.vault(
      `Vault_${underscored(region)}`,
      region,
      vaultName,
      member.accountId,
      exemptRoles(config, member.accountId),
      [
        { Sid: "AccountsUseKeyForCopies", Effect: "Allow", Principal: { AWS: centralRoot }, Action: KEY_USE, Resource: "*" },
        {
          Sid: "AccountsGrantsForAwsServices",
          Effect: "Allow",
          Principal: { AWS: centralRoot },
          Action: KEY_GRANTS,
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
      ],
      undefined,
      member.vaultLock,
    );
    vaults.set(region, v);
    new TerraformOutput(stack, `vault_arn_${underscored(region)}`, {
      value: `arn:aws:backup:${region}:${member.accountId}:backup-vault:${vaultName}`,
      description: `ARN of this account's backup vault in ${region}`,
    });
  }

  // Workload keys: what the rollout's member stacks add so the central account can copy EBS/RDS recovery points.
  for (const region of member.regions) {
    const provider = stack.providers.get(region);
    const key = new KmsKey(stack, `WorkloadKey_${underscored(region)}`, {
      description: "Workload encryption, copyable to the backup account",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${member.accountId}:root` }, Action: "kms:*", Resource: "*" },
          {
            Sid: "CopyAccountUsesKeyForCopies",
            Effect: "Allow",
            Principal: { AWS: centralRoot[0] },
            Action: ["kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": ["backup", "ec2", "rds"].map((svc) => `${svc}.${region}.amazonaws.com`) } },
          },
        ],
      }),
      provider,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(stack, `WorkloadKey_${underscored(region)}_Alias`, { name: `alias/${config.name}-workloads`, targetKeyId: key.keyId, provider });
    new EbsEncryptionByDefault(stack, `WorkloadKey_${underscored(region)}_EbsEncryptionByDefault`, { enabled: true, provider });
    new EbsDefaultKmsKey(stack, `WorkloadKey_${underscored(region)}_EbsDefaultKey`, { keyArn: key.arn, provider });
  }

  const backupRole = new IamRole(stack, "BackupServiceRole", {
    name: `${config.name}-backup-service`,
    path: "/service-role/",
    description: "Role AWS Backup assumes to back up and restore resources",
    assumeRolePolicy: assumedBy("backup.amazonaws.com"),
  });
  for (const kind of ["Backup", "Restores"]) {
    new IamRolePolicyAttachment(stack, `BackupServiceRole_${kind}`, {
      role: backupRole.name,
      policyArn: `arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyFor${kind}`,
    });
  }
  new TerraformOutput(stack, "backup_service_role_arn", { value: backupRole.arn, description: "The AWS Backup service role" });

  const policies = Object.entries(config.protectionPolicies).filter(([name]) => !member.protection || member.protection.includes(name));
  let dlmRoles: { role: IamRole; ready: Array<IamRolePolicy | IamRolePolicyAttachment> }[] = [];
  if (policies.some(([, p]) => p.snapshots || p.amis)) {
    const keyArns = [...vaults.values()].map((v) => v.key.arn);
    dlmRoles = [
      ["Ami", "amis", "AMI policies", "AWSDataLifecycleManagerServiceRoleForAMIManagement"],
      ["Snapshot", "snapshots", "snapshot, cross-account copy and default policies", "AWSDataLifecycleManagerServiceRole"],
    ].map(([idPart, namePart, what, managed]) => {
      const role = new IamRole(stack, `DlmServiceRoles_${idPart}Role`, {
        name: `${config.name}-dlm-${namePart}`,
        path: "/",
        description: `Data Lifecycle Manager: ${what}`,
        assumeRolePolicy: assumedBy("dlm.amazonaws.com"),
      });
      const attachment = new IamRolePolicyAttachment(stack, `DlmServiceRoles_${idPart}RoleManagedPolicy`, {
        role: role.name,
        policyArn: `arn:aws:iam::aws:policy/service-role/${managed}`,
      });
      const keyUse = new IamRolePolicy(stack, `DlmServiceRoles_${idPart}RoleKeyUse`, {
        role: role.name,
        name: "use-snapshot-keys",
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            { Sid: "UseSnapshotKeys", Effect: "Allow", Action: KEY_USE, Resource: keyArns },
            { Sid: "GrantsForEbs", Effect: "Allow", Action: KEY_GRANTS, Resource: keyArns, Condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
          ],
        }),
      });
      return { role, ready: [attachment, keyUse] };
    });
  }

  for (const [name, policy] of policies) {
    for (const region of member.regions) {
      const provider = stack.providers.get(region);
      const id = `${underscored(name)}_${underscored(region)}`;
      const profile = `${config.name}-${name}`;
      const b = policy.backup;
      if (b) {
        const vault = vaults.get(region)!.vault;
        const plan = new BackupPlan(stack, `${id}_Plan`, {
          name: profile,
          rule: [
            {
              ruleName: "scheduled",
              targetVaultName: vaultName,
              schedule: b.schedule,
              startWindow: b.startWindowMinutes,
              completionWindow: b.completionWindowMinutes,
              lifecycle: { deleteAfter: b.retentionDays },
              recoveryPointTags: { ProtectionProfile: profile },
              copyAction: b.copyToCentral
                ? [
                    {
                      destinationVaultArn: centralState.getString(`central_vault_arn_${underscored(region)}`),
                      lifecycle: { deleteAfter: b.copyToCentral.retentionDays },
                    },
                  ]
                : undefined,
            },
          ],
          dependsOn: [vault],
          provider,
        });
        new BackupSelection(stack, `${id}_Selection`, {
          name: `${profile}-by-tag`,
          planId: plan.id,
          iamRoleArn: backupRole.arn,
          selectionTag: [{ type: "STRINGEQUALS", key: policy.tag.key, value: policy.tag.value }],
          provider,
        });
      }
      const s = policy.snapshots;
      if (s) {
        const copy = s.crossRegionCopy && s.crossRegionCopy.region !== region ? s.crossRegionCopy : undefined;
        const { role, ready } = dlmRoles[1];
        new DlmLifecyclePolicy(stack, `${id}_Snapshots`, {
          description: `Snapshots for protection profile ${profile}`,
          executionRoleArn: role.arn,
          state: "ENABLED",
          policyDetails: {
            policyType: "EBS_SNAPSHOT_MANAGEMENT",
            resourceTypes: [s.resourceType ?? "VOLUME"],
            targetTags: { [policy.tag.key]: policy.tag.value },
            schedule: [
              {
                name: "snapshots",
                copyTags: true,
                createRule: "cron" in s.create ? { cronExpression: s.create.cron } : { interval: s.create.everyHours, intervalUnit: "HOURS" },
                retainRule: { count: s.retainCount },
                crossRegionCopyRule: copy
                  ? [
                      {
                        target: copy.region,
                        encrypted: true,
                        cmkArn: vaults.get(copy.region)!.key.arn,
                        copyTags: true,
                        retainRule: { interval: "retentionDays" in copy ? copy.retentionDays : copy.retainDays, intervalUnit: "DAYS" },
                      },
                    ]
                  : undefined,
              },
            ],
          },
          dependsOn: ready,
          provider,
        });
      }
    }
  }
}

/** The whole rollout, hand-written: management, central backup and one stack per member. */
export function buildBaselineApp(scope: Construct, config: RolloutInput): void {
  managementStack(scope, config);
  centralStack(scope, config);
  for (const member of config.members) memberStack(scope, config, member);
}
