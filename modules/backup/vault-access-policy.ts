import { Construct } from "constructs";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import { TerraformProvider } from "../core/cdktf";
import { PolicyDocument, PolicyStatement, Validator } from "../core";
import { accountRootArn, checkAccountId, checkRoleArn, parseArn } from "../core/private/aws";
import { isUnresolved } from "../core/private/errors";
import { actionsOf, checkNoUnconditionedWildcardAllow, hasOrgCondition, isWildcardPrincipal, renderPolicy } from "../core/private/policy";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/**
 * The actions denied to every principal but the break-glass roles. Together they are what the Backup Audit Manager
 * control BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED looks for, plus protection of the policy and vault themselves.
 */
export const PROTECTED_VAULT_ACTIONS: readonly string[] = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:PutBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultAccessPolicy",
  "backup:DeleteBackupVault",
];

export const COPY_INTO_VAULT_ACTION = "backup:CopyIntoBackupVault";

/** Who may copy recovery points into the vault from other accounts. Give exactly one. */
export interface CopyIntoVaultGrant {
  /** Every account of this organization (condition `aws:PrincipalOrgID`). */
  readonly organizationId?: string;
  /** Accounts under these organization paths, e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/` (condition `aws:PrincipalOrgPaths`). */
  readonly organizationPaths?: readonly string[];
  /** These accounts. */
  readonly accountIds?: readonly string[];
}

export interface VaultAccessPolicyOptions {
  /**
   * Roles exempt from the deletion deny: the break-glass role, and the role Terraform deploys with if it must
   * later change or remove this policy. Everyone else, the account root included, is denied. Required unless
   * `denyDeletion` is false.
   */
  readonly breakGlassRoleArns?: readonly string[];
  /**
   * Deny deleting recovery points (and changing the policy or vault) to all but the break-glass roles. False opts out of
   * the secure default "deny-recovery-point-deletion"; a vault whose policy would then be empty gets none. @default true
   */
  readonly denyDeletion?: boolean;
  /** The policy's `Id` element. @default none */
  readonly policyId?: string;
  /** Lets other accounts copy recovery points into this vault. @default no cross-account copies */
  readonly allowCopyInto?: CopyIntoVaultGrant;
  /**
   * Extra statements. Refused: `*` in an action, a cross-account Allow of anything but backup:CopyIntoBackupVault,
   * an Allow to `*` without an aws:PrincipalOrgID or aws:PrincipalOrgPaths condition. @default none
   */
  readonly additionalStatements?: readonly PolicyStatement[];
}

export interface VaultAccessPolicyProps extends VaultAccessPolicyOptions {
  /** The vault's name (may be a token, so the policy depends on the vault). */
  readonly vaultName: string;
  /** The vault's account: principals of other accounts count as cross-account. */
  readonly accountId: string;
  /** @default "aws" */
  readonly partition?: string;
  readonly provider?: TerraformProvider;
}

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})*\/(\*)?$/;

/**
 * A backup vault access policy that denies deletion of recovery points, lifecycle changes and changes to the
 * policy or vault to everyone but named break-glass roles, and optionally lets the organization, some of its
 * OUs or named accounts copy recovery points in.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html
 */
export class VaultAccessPolicy extends Construct {
  /** Builds and checks the policy document without creating a resource. */
  static buildDocument(where: string, props: Omit<VaultAccessPolicyProps, "vaultName" | "provider">): PolicyDocument {
    const partition = props.partition ?? "aws";
    const v = new Validator(where);
    const roles = props.breakGlassRoleArns ?? [];
    const deny = props.denyDeletion !== false;
    v.check(
      !deny || roles.length > 0,
      "breakGlassRoleArns",
      roles,
      libraryNeeds("at least one role exempt from the deletion deny"),
      "without one, nobody (Terraform included) can ever change this policy or delete an expired vault",
    );
    v.check(
      deny || roles.length === 0,
      "breakGlassRoleArns",
      roles,
      libraryRejects("roles exempt from a deletion deny when denyDeletion is false"),
      "drop breakGlassRoleArns, or keep denyDeletion",
    );
    roles.forEach((r, i) => checkRoleArn(v, `breakGlassRoleArns[${i}]`, r));
    const grant = props.allowCopyInto;
    if (grant) {
      const kinds = [grant.organizationId, grant.organizationPaths, grant.accountIds].filter((x) => x !== undefined);
      v.check(kinds.length === 1, "allowCopyInto", grant, libraryNeeds("exactly one of organizationId, organizationPaths, accountIds"));
      v.matches(
        "allowCopyInto.organizationId",
        grant.organizationId,
        ORG_ID,
        awsRejects("organization IDs other than o- and 10-32 lowercase letters or digits (e.g. o-a1b2c3d4e5)"),
      );
      if (grant.organizationPaths) {
        v.check(grant.organizationPaths.length > 0, "allowCopyInto.organizationPaths", grant.organizationPaths, libraryNeeds("at least one path"));
        grant.organizationPaths.forEach((p, i) =>
          v.matches(
            `allowCopyInto.organizationPaths[${i}]`,
            p,
            ORG_PATH,
            awsRejects("organization paths other than o-<org>/r-<root>/[ou-<...>/...] ending in /"),
          ),
        );
      }
      if (grant.accountIds) {
        v.check(grant.accountIds.length > 0, "allowCopyInto.accountIds", grant.accountIds, libraryNeeds("at least one account"));
        grant.accountIds.forEach((a, i) => checkAccountId(v, `allowCopyInto.accountIds[${i}]`, a));
      }
    }
    v.throwIfAny();

    const statements: PolicyStatement[] = deny
      ? [
          {
            Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: PROTECTED_VAULT_ACTIONS,
            Resource: "*",
            Condition: { ArnNotLike: { "aws:PrincipalArn": [...roles] } },
          },
        ]
      : [];
    if (grant?.organizationId) {
      statements.push({
        Sid: "AllowCopyIntoFromOrganization",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: COPY_INTO_VAULT_ACTION,
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": grant.organizationId } },
      });
    } else if (grant?.organizationPaths) {
      statements.push({
        Sid: "AllowCopyIntoFromOrganizationPaths",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: COPY_INTO_VAULT_ACTION,
        Resource: "*",
        Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [...grant.organizationPaths] } },
      });
    } else if (grant?.accountIds) {
      statements.push({
        Sid: "AllowCopyIntoFromAccounts",
        Effect: "Allow",
        Principal: { AWS: [...new Set(grant.accountIds)].sort().map((a) => accountRootArn(partition, a)) },
        Action: COPY_INTO_VAULT_ACTION,
        Resource: "*",
      });
    }
    const extra = props.additionalStatements ?? [];
    extra.forEach((s, i) => checkStatement(v, `additionalStatements[${i}]`, s, props.accountId));
    v.throwIfAny();
    const doc: PolicyDocument = { Version: "2012-10-17", Id: props.policyId, Statement: [...statements, ...extra] };
    checkNoUnconditionedWildcardAllow(where, "policy", doc);
    return doc;
  }

  /** True when the options make an empty policy (no deletion deny, no grants, no statements): such a vault needs none. */
  static isEmpty(options: VaultAccessPolicyOptions): boolean {
    return options.denyDeletion === false && !options.allowCopyInto && (options.additionalStatements ?? []).length === 0;
  }

  public readonly document: PolicyDocument;
  public readonly resource: BackupVaultPolicy;

  constructor(scope: Construct, id: string, props: VaultAccessPolicyProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.check(
      !VaultAccessPolicy.isEmpty(props),
      "denyDeletion",
      props.denyDeletion,
      awsRejects("a vault access policy without statements: with denyDeletion false, give allowCopyInto or additionalStatements"),
      "or leave the access policy out (a vault then creates none)",
    );
    v.throwIfAny();
    this.document = VaultAccessPolicy.buildDocument(this.node.path, props);
    this.resource = new BackupVaultPolicy(this, "Resource", {
      backupVaultName: props.vaultName,
      policy: renderPolicy(this.document),
      provider: props.provider,
    });
  }
}

/** The account IDs a statement's AWS principals belong to; "*" for everyone. */
function principalAccounts(s: PolicyStatement): string[] {
  if (isWildcardPrincipal(s)) return ["*"];
  const aws = s.Principal && s.Principal !== "*" ? s.Principal.AWS : undefined;
  const list = aws === undefined ? [] : typeof aws === "string" ? [aws] : [...aws];
  // A principal that is a token (e.g. the caller identity's account root, a role created elsewhere) has an account
  // nobody knows at synth time: it is left out rather than taken for a foreign account.
  return list.filter((p) => !isUnresolved(p)).map((p) => (/^\d{12}$/.test(p) ? p : (parseArn(p)?.account ?? p)));
}

function checkStatement(v: Validator, field: string, s: PolicyStatement, accountId: string): void {
  const actions = actionsOf(s);
  v.check(
    s.NotAction === undefined,
    `${field}.NotAction`,
    s.NotAction,
    libraryRejects("NotAction in a vault policy: list the actions (AWS Backup takes no wildcard actions, and NotAction grants every other action)"),
  );
  for (const a of actions) {
    v.check(!a.includes("*"), `${field}.Action`, a, awsRejects('"*" in the actions of a vault access policy: name each backup action'));
  }
  if (s.Effect !== "Allow") return;
  const accounts = principalAccounts(s);
  const crossAccount = !isUnresolved(accountId) && accounts.some((a) => a !== accountId);
  if (crossAccount) {
    v.check(
      actions.every((a) => a === COPY_INTO_VAULT_ACTION),
      `${field}.Action`,
      actions,
      awsRejects(`every action but ${COPY_INTO_VAULT_ACTION} for principals outside account ${accountId}`),
    );
  }
  if (accounts.includes("*")) {
    v.check(
      hasOrgCondition(s),
      `${field}.Condition`,
      s.Condition,
      libraryRejects('an Allow to principal "*" without an aws:PrincipalOrgID or aws:PrincipalOrgPaths condition: it opens the vault to every AWS account'),
    );
  }
}
