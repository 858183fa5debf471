import { Validator } from "../../core";
import { checkKmsKeyArn, parseArn } from "../../core/private/aws";
import { isUnresolved } from "../../core/private/errors";
import { IEncryptionKey } from "../../kms";

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
  v.required(field, key, "is required: copies are always encrypted with a customer-managed key of the target Region");
  if (key === undefined || key === null) return "";
  const arn = typeof key === "string" ? key : key.keyArn;
  v.required(field, arn);
  checkKmsKeyArn(v, field, arn);
  v.check(
    typeof key === "string" || key.customerManaged !== false,
    field,
    arn,
    "must be a customer-managed key (AWS-managed keys cannot be used for cross-Region or cross-account copies)",
  );
  const parts = arn && !isUnresolved(arn) ? parseArn(arn) : undefined;
  if (parts && region && !isUnresolved(region)) {
    v.check(
      parts.region === region,
      field,
      arn,
      `is a key of ${parts.region}, but the copy goes to ${region}: the key must be in the target Region`,
      `use a key created in ${region}`,
    );
  }
  return arn;
}
