import { Construct } from "constructs";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";
import { awsRejects } from "../core/rules/authority";

export interface OrganizationPrerequisitesProps {
  /** The organization's root ID (`r-...`), where policy types are enabled. */
  readonly rootId: string;
  /** Policy types that must be enabled on the root, e.g. `BACKUP_POLICY`. @default none */
  readonly policyTypes?: readonly string[];
  /** Service principals that must have trusted access, e.g. `backup.amazonaws.com`. @default none */
  readonly servicePrincipals?: readonly string[];
  /** The management account's provider. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const POLICY_TYPE = /^[A-Z_]{3,64}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/** The command that enables a policy type on a root, as the plan error prints it. */
export function enablePolicyTypeCommand(rootId: string, policyType: string): string {
  return `aws organizations enable-policy-type --root-id ${rootId} --policy-type ${policyType}`;
}

/** The command that enables trusted access for a service, as the plan error prints it. */
export function enableServiceAccessCommand(servicePrincipal: string): string {
  return `aws organizations enable-aws-service-access --service-principal ${servicePrincipal}`;
}

/**
 * Checks, when Terraform plans, that the organization is ready for what the stack attaches: the policy types enabled
 * on the root and trusted access for the service principals. Reads the organization (a data source in the management
 * account) and fails the plan with the command that fixes what is missing, instead of failing half-way through
 * `apply`. It never changes the organization: enabling a policy type or trusted access is left to its owners.
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html
 */
export class OrganizationPrerequisites extends Construct {
  public readonly organization: DataAwsOrganizationsOrganization;

  constructor(scope: Construct, id: string, props: OrganizationPrerequisitesProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.matches("rootId", props.rootId, ROOT_ID, awsRejects("root IDs other than r- and 4-32 lowercase letters or digits (e.g. r-ab12)"));
    (props.policyTypes ?? []).forEach((t, i) =>
      v.matches(`policyTypes[${i}]`, t, POLICY_TYPE, awsRejects("policy types other than names such as BACKUP_POLICY")),
    );
    (props.servicePrincipals ?? []).forEach((p, i) =>
      v.matches(`servicePrincipals[${i}]`, p, SERVICE_PRINCIPAL, awsRejects("service principals other than names such as backup.amazonaws.com")),
    );
    v.throwIfAny();
    const enabledOnRoot = `flatten([for r in self.roots : [for t in r.policy_types : t.type if t.status == "ENABLED"] if r.id == "${props.rootId}"])`;
    const postcondition = [
      ...(props.policyTypes ?? []).map((type) => ({
        condition: `\${contains(${enabledOnRoot}, "${type}")}`,
        errorMessage:
          `The policy type ${type} is not enabled on the organization root ${props.rootId}, so policies of that type cannot be attached. ` +
          `Enable it from the management account: ${enablePolicyTypeCommand(props.rootId, type)}`,
      })),
      ...(props.servicePrincipals ?? []).map((principal) => ({
        condition: `\${contains(self.aws_service_access_principals, "${principal}")}`,
        errorMessage:
          `Trusted access for ${principal} is not enabled in the organization, so it cannot register a delegated administrator or act across accounts. ` +
          `Enable it from the management account: ${enableServiceAccessCommand(principal)}`,
      })),
    ];
    this.organization = new DataAwsOrganizationsOrganization(this, "Organization", {
      provider: props.provider,
      lifecycle: postcondition.length > 0 ? { postcondition } : undefined,
    });
  }
}
