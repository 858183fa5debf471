import { Validator } from "../../core";
import { checkKmsKeyArn, parseArn } from "../../core/private/aws";
import { isUnresolved } from "../../core/private/errors";
import { secureDefaultRule } from "../../core/rules/secure-defaults";
import { IEncryptionKey } from "../../kms";
import { awsRejects } from "../../core/rules/authority";

/** What a schedule is rendered for. */
export interface DlmScheduleContext {
  /** Snapshot policy or AMI policy. */
  readonly policyType: "EBS_SNAPSHOT_MANAGEMENT" | "IMAGE_MANAGEMENT";
  /** What the policy targets. */
  readonly resourceType: "VOLUME" | "INSTANCE";
  /** The policy's Region, when known. */
  readonly region?: string;
}

/** The key ARN of a copy target; checks that it is a customer-managed key ARN in the target Region. */
export function checkCopyKey(v: Validator, field: string, key: IEncryptionKey | string | undefined, region: string | undefined): string {
  v.required(field, key, secureDefaultRule("encrypted-copies", "copies into other Regions and accounts need a customer-managed key of the target Region"));
  if (key === undefined || key === null) return "";
  const arn = typeof key === "string" ? key : key.keyArn;
  v.required(field, arn);
  checkKmsKeyArn(v, field, arn);
  v.check(
    typeof key === "string" || key.customerManaged !== false,
    field,
    arn,
    secureDefaultRule("encrypted-copies", "must be a customer-managed key: AWS-managed keys cannot be shared, so copies under them cannot leave the account"),
  );
  const parts = arn && !isUnresolved(arn) ? parseArn(arn) : undefined;
  if (parts && region && !isUnresolved(region)) {
    v.check(
      parts.region === region,
      field,
      arn,
      awsRejects(`a copy key outside the target Region: this is a key of ${parts.region}, but the copy goes to ${region}`),
      `use a key created in ${region}`,
    );
  }
  return arn;
}

/** What a copy says about its encryption. */
export interface CopyEncryptionOptions {
  readonly encryptionKey?: IEncryptionKey | string;
  readonly encrypted?: boolean;
  readonly allowUnencryptedCopies?: boolean;
}

/**
 * Resolves a copy's encryption: encrypted with a customer-managed key of the target Region unless the caller opts out of
 * the secure default "encrypted-copies" with `allowUnencryptedCopies: true` and `encrypted: false` (AWS accepts
 * unencrypted copies; copies of encrypted snapshots stay encrypted anyway). Returns the rendered `encrypted` and key ARN.
 */
export function resolveCopyEncryption(
  v: Validator,
  field: string,
  c: CopyEncryptionOptions | undefined,
  region: string | undefined,
): { encrypted: boolean; cmkArn?: string } {
  if (c?.encrypted === false) {
    v.check(
      c.allowUnencryptedCopies === true,
      `${field}.encrypted`,
      c.encrypted,
      secureDefaultRule("encrypted-copies", "copies into other Regions and accounts must be encrypted with a customer-managed key of the target"),
      "set encrypted: true with an encryptionKey, or allowUnencryptedCopies: true",
    );
    if (c.encryptionKey === undefined) return { encrypted: false };
    return { encrypted: false, cmkArn: checkCopyKey(v, `${field}.encryptionKey`, c.encryptionKey, region) };
  }
  return { encrypted: true, cmkArn: checkCopyKey(v, `${field}.encryptionKey`, c?.encryptionKey, region) };
}
