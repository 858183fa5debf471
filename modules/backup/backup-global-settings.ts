import { Construct } from "constructs";
import { BackupGlobalSettings as BackupGlobalSettingsResource } from "@cdktf/provider-aws/lib/backup-global-settings";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";
import { libraryNeeds } from "../core/rules/authority";

export interface BackupGlobalSettingsProps {
  /** Let member accounts copy recovery points to other accounts of the organization. @default true */
  readonly crossAccountBackup?: boolean;
  /** Multi-party approval for logically air-gapped vaults (`isMpaEnabled`). @default false */
  readonly multiPartyApproval?: boolean;
  /** Let a delegated administrator account manage AWS Backup across the organization (`isDelegatedAdministratorEnabled`). @default false */
  readonly delegatedAdministrator?: boolean;
  /** The provider of the organization's management account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The account-wide AWS Backup settings. Only the management account of an AWS Organization can set them; cross-account
 * backup must be on there before any copy action reaches another account. Every flag is written out: the provider reads
 * all of them back, and a flag left out shows as a change in every plan (terraform-provider-aws #43514).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateGlobalSettings.html
 */
export class BackupGlobalSettings extends Construct {
  public readonly resource: BackupGlobalSettingsResource;
  public readonly crossAccountBackup: boolean;
  /** Whether multi-party approval is on. */
  public readonly multiPartyApproval: boolean;
  /** Whether a delegated administrator may manage AWS Backup for the organization. */
  public readonly delegatedAdministrator: boolean;

  constructor(scope: Construct, id: string, props: BackupGlobalSettingsProps = {}) {
    super(scope, id);
    const v = new Validator(this.node.path);
    for (const field of ["crossAccountBackup", "multiPartyApproval", "delegatedAdministrator"] as const) {
      v.check(props[field] === undefined || typeof props[field] === "boolean", field, props[field], libraryNeeds("true or false"));
    }
    v.throwIfAny();
    this.crossAccountBackup = props.crossAccountBackup ?? true;
    this.multiPartyApproval = props.multiPartyApproval ?? false;
    this.delegatedAdministrator = props.delegatedAdministrator ?? false;
    this.resource = new BackupGlobalSettingsResource(this, "Resource", {
      globalSettings: {
        isCrossAccountBackupEnabled: String(this.crossAccountBackup),
        isMpaEnabled: String(this.multiPartyApproval),
        isDelegatedAdministratorEnabled: String(this.delegatedAdministrator),
      },
      provider: props.provider,
    });
  }
}
