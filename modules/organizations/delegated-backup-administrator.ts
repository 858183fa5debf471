import { Construct } from "constructs";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";
import { checkAccountId } from "../core/private/aws";
import { awsRejects } from "../core/rules/authority";

export interface DelegatedBackupAdministratorProps {
  /** The account that administers AWS Backup for the organization (the central backup account). */
  readonly accountId: string;
  /** The management account: it cannot be its own delegated administrator. */
  readonly managementAccountId: string;
  readonly provider?: TerraformProvider;
}

/**
 * Registers an account as delegated administrator for AWS Backup (service principal backup.amazonaws.com), so
 * cross-account monitoring and backup policies can be managed from there. Created in the management account.
 */
export class DelegatedBackupAdministrator extends Construct {
  public readonly resource: OrganizationsDelegatedAdministrator;

  constructor(scope: Construct, id: string, props: DelegatedBackupAdministratorProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    checkAccountId(v, "accountId", props.accountId);
    v.check(
      props.accountId !== props.managementAccountId,
      "accountId",
      props.accountId,
      awsRejects("the management account as a delegated administrator"),
      "delegate to the central backup account",
    );
    v.throwIfAny();
    this.resource = new OrganizationsDelegatedAdministrator(this, "Resource", {
      accountId: props.accountId,
      servicePrincipal: "backup.amazonaws.com",
      provider: props.provider,
    });
  }
}
