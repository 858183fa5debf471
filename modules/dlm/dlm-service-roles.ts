import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ITerraformDependable, TerraformProvider } from "../core/cdktf";
import { AwsEnvironment, PolicyDocument, Tags, Validator } from "../core";
import { checkAccountId, checkKmsKeyArn, checkRegion, checkRoleArn, resolveEnvironment } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { renderPolicy, serviceTrustPolicy } from "../core/private/policy";
import { IEncryptionKey } from "../kms";
import { awsRejects, libraryRejects } from "../core/rules/authority";

/** What an execution role is for: snapshot, cross-account copy and default policies, or AMI policies. */
export type DlmRolePurpose = "SNAPSHOT" | "AMI";

/** The IAM role a DLM policy runs as. */
export interface IDlmExecutionRole {
  /** The role's ARN. */
  readonly roleArn: string;
  /** What the role may do, when known; policies refuse a role made for the other purpose. */
  readonly purpose?: DlmRolePurpose;
  /** Resources a policy must wait for before it can run as the role (its policy attachments). @default none */
  readonly dependables?: readonly ITerraformDependable[];
}

/** What a policy may be given as its execution role: the account's `DlmServiceRoles` (the right one is picked), a role, or a role ARN. */
export type DlmRoleSource = DlmServiceRoles | IDlmExecutionRole | string;

export interface DlmServiceRolesProps {
  /** The account the roles live in; its partition names the managed policies. */
  readonly env: AwsEnvironment;
  /** Prefix of the role names: `<prefix>-snapshots` and `<prefix>-amis`. @default "dlm" */
  readonly namePrefix?: string;
  /** IAM path of both roles. @default "/" */
  readonly path?: string;
  /**
   * Customer-managed KMS keys the roles must use: keys of cross-Region copies, and keys of snapshots shared by other
   * accounts that a cross-account copy policy re-encrypts. The key policies must allow this account as well.
   * @default none (copies into keys the roles cannot use fail at run time)
   */
  readonly encryptionKeys?: ReadonlyArray<IEncryptionKey | string>;
  /**
   * Accounts that share encrypted snapshots with this one for a cross-account copy policy: the snapshot role may use
   * their keys in these regions (`arn:<partition>:kms:<region>:<account>:key/*`); each source key's policy must also
   * allow this account. Key ARNs of other stacks are not known here, so the grant names accounts, not keys.
   * @default none
   */
  readonly sharedSnapshotSources?: { readonly accountIds: readonly string[]; readonly regions: readonly string[] };
  readonly tags?: Tags;
  /** The provider to create the roles with (IAM is global: any region of the account). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** The service principal DLM assumes roles with. */
export const DLM_SERVICE_PRINCIPAL = "dlm.amazonaws.com";
/** The managed policy for snapshot, event-based and default policies. */
export const DLM_SNAPSHOT_MANAGED_POLICY = "service-role/AWSDataLifecycleManagerServiceRole";
/** The managed policy for AMI policies. */
export const DLM_AMI_MANAGED_POLICY = "service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement";

const ROLE_PREFIX = /^[\w+=,.@-]{1,50}$/;
const ROLE_PATH = /^\/([\x21-\x7e]{0,510}\/)?$/;
const KEY_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const KEY_GRANTS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/**
 * The two DLM execution roles of an account, created once and shared by every policy: one with the AWS-managed
 * snapshot policy (snapshot, cross-account copy and default policies), one with the AWS-managed AMI-management policy
 * (AMI policies). Both are trusted by `dlm.amazonaws.com` only. Pass the construct itself as a policy's
 * `executionRole` and the policy takes the role it needs.
 */
export class DlmServiceRoles extends Construct {
  /** A role created elsewhere for snapshot, cross-account copy and default policies. */
  static snapshotRoleFromArn(roleArn: string): IDlmExecutionRole {
    return DlmServiceRoles.fromRoleArn(roleArn, "SNAPSHOT");
  }

  /** A role created elsewhere for AMI policies. */
  static amiRoleFromArn(roleArn: string): IDlmExecutionRole {
    return DlmServiceRoles.fromRoleArn(roleArn, "AMI");
  }

  private static fromRoleArn(roleArn: string, purpose: DlmRolePurpose): IDlmExecutionRole {
    const v = new Validator("DlmServiceRoles.fromRoleArn").required("roleArn", roleArn);
    checkRoleArn(v, "roleArn", roleArn).throwIfAny();
    return { roleArn, purpose };
  }

  /** The role for snapshot, cross-account copy and default policies. */
  public readonly snapshotRole: IDlmExecutionRole;
  /** The role for AMI policies. */
  public readonly amiRole: IDlmExecutionRole;
  public readonly snapshotRoleResource: IamRole;
  public readonly amiRoleResource: IamRole;
  /** The account and partition of the roles. */
  public readonly env: Required<AwsEnvironment>;

  constructor(scope: Construct, id: string, props: DlmServiceRolesProps) {
    super(scope, id);
    this.env = resolveEnvironment(this.node.path, props.env);
    const prefix = props.namePrefix ?? "dlm";
    const path = props.path ?? "/";
    const v = new Validator(this.node.path);
    v.matches(
      "namePrefix",
      prefix,
      ROLE_PREFIX,
      awsRejects("role name prefixes other than 1-50 letters, digits and + = , . @ _ - (role names are at most 64 characters)"),
    );
    v.matches("path", path, ROLE_PATH, awsRejects("role paths that do not start and end with / (e.g. / or /service-role/)"));
    const keyArns = (props.encryptionKeys ?? []).map((k, i) => {
      const arn = typeof k === "string" ? k : k?.keyArn;
      checkKmsKeyArn(v, `encryptionKeys[${i}]`, arn);
      v.check(
        typeof k === "string" || k?.customerManaged !== false,
        `encryptionKeys[${i}]`,
        arn,
        libraryRejects("AWS-managed keys here: they need no grant and cannot be shared"),
      );
      return arn;
    });
    const sources = props.sharedSnapshotSources;
    (sources?.accountIds ?? []).forEach((a, i) => checkAccountId(v, `sharedSnapshotSources.accountIds[${i}]`, a));
    (sources?.regions ?? []).forEach((r, i) => checkRegion(v, `sharedSnapshotSources.regions[${i}]`, r));
    checkTags(v, "tags", props.tags);
    v.throwIfAny();
    const sourceKeyArns = (sources?.regions ?? []).flatMap((r) =>
      [...new Set(sources!.accountIds)].sort().map((a) => `arn:${this.env.partition}:kms:${r}:${a}:key/*`),
    );

    const trust = renderPolicy(serviceTrustPolicy(DLM_SERVICE_PRINCIPAL));
    const managed = (name: string) => `arn:${this.env.partition}:iam::aws:policy/${name}`;
    const make = (roleId: string, roleName: string, description: string, managedPolicy: string): [IamRole, ITerraformDependable[]] => {
      const role = new IamRole(this, roleId, {
        name: roleName,
        path,
        description,
        assumeRolePolicy: trust,
        tags: props.tags,
        provider: props.provider,
      });
      const grants: ITerraformDependable[] = [
        new IamRolePolicyAttachment(this, `${roleId}ManagedPolicy`, { role: role.name, policyArn: managed(managedPolicy), provider: props.provider }),
      ];
      if (keyArns.length > 0) {
        grants.push(
          new IamRolePolicy(this, `${roleId}KeyUse`, {
            role: role.name,
            name: "use-snapshot-keys",
            policy: renderPolicy(DlmServiceRoles.keyPolicy(keyArns)),
            provider: props.provider,
          }),
        );
      }
      // Only the snapshot role runs event-based (cross-account copy) policies.
      if (sourceKeyArns.length > 0 && managedPolicy === DLM_SNAPSHOT_MANAGED_POLICY) {
        grants.push(
          new IamRolePolicy(this, `${roleId}SourceKeyUse`, {
            role: role.name,
            name: "use-shared-snapshot-source-keys",
            policy: renderPolicy(DlmServiceRoles.keyPolicy(sourceKeyArns)),
            provider: props.provider,
          }),
        );
      }
      return [role, grants];
    };
    const [snapshotRole, snapshotGrants] = make(
      "SnapshotRole",
      `${prefix}-snapshots`,
      "Data Lifecycle Manager: snapshot, cross-account copy and default policies",
      DLM_SNAPSHOT_MANAGED_POLICY,
    );
    const [amiRole, amiGrants] = make("AmiRole", `${prefix}-amis`, "Data Lifecycle Manager: AMI policies", DLM_AMI_MANAGED_POLICY);
    this.snapshotRoleResource = snapshotRole;
    this.amiRoleResource = amiRole;
    this.snapshotRole = { roleArn: snapshotRole.arn, purpose: "SNAPSHOT", dependables: snapshotGrants };
    this.amiRole = { roleArn: amiRole.arn, purpose: "AMI", dependables: amiGrants };
  }

  /** The role for a purpose. */
  roleFor(purpose: DlmRolePurpose): IDlmExecutionRole {
    return purpose === "AMI" ? this.amiRole : this.snapshotRole;
  }

  private static keyPolicy(keyArns: readonly string[]): PolicyDocument {
    const resources = [...new Set(keyArns)];
    return {
      Version: "2012-10-17",
      Statement: [
        { Sid: "UseSnapshotKeys", Effect: "Allow", Action: KEY_USE, Resource: resources },
        { Sid: "GrantsForEbs", Effect: "Allow", Action: KEY_GRANTS, Resource: resources, Condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
      ],
    };
  }
}
