import { Construct } from "constructs";
import { BackupGlobalSettings as BackupGlobalSettingsResource } from "@cdktf/provider-aws/lib/backup-global-settings";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";

export interface BackupGlobalSettingsProps {
  /** Let member accounts copy recovery points to other accounts of the organization. @default true */
  readonly crossAccountBackup?: boolean;
  /** The provider of the organization's management account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The account-wide AWS Backup settings. Only the management account of an AWS Organization can set them; cross-account
 * backup must be on there before any copy action reaches another account.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export class BackupGlobalSettings extends Construct {
  public readonly resource: BackupGlobalSettingsResource;
  public readonly crossAccountBackup: boolean;

  constructor(scope: Construct, id: string, props: BackupGlobalSettingsProps = {}) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.check(
      props.crossAccountBackup === undefined || typeof props.crossAccountBackup === "boolean",
      "crossAccountBackup",
      props.crossAccountBackup,
      "must be true or false",
    );
    v.throwIfAny();
    this.crossAccountBackup = props.crossAccountBackup ?? true;
    this.resource = new BackupGlobalSettingsResource(this, "Resource", {
      globalSettings: { isCrossAccountBackupEnabled: String(this.crossAccountBackup) },
      provider: props.provider,
    });
  }
}
