import { WorkloadKey, WorkloadKeyProps } from "../../../modules/kms";
import { errorOf, resources, testStack } from "../../helpers";

const base: WorkloadKeyProps = { env: { accountId: "111111111111", region: "us-east-1" }, copyAccountId: "222222222222" };

function synth(props: Partial<WorkloadKeyProps> = {}) {
  const stack = testStack();
  const key = new WorkloadKey(stack, "Key", { ...base, ...props });
  return { key, stack, resource: resources(stack, "aws_kms_key").Key };
}

describe("WorkloadKey", () => {
  test("is customer-managed with rotation on and protected from destroy", () => {
    // given / when
    const { resource } = synth();
    // then
    expect(resource).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  test("lets the copy account use the key only through AWS Backup, EC2 and RDS", () => {
    // given / when
    const policy = JSON.parse(synth().resource.policy);
    // then
    const use = policy.Statement.find((s: any) => s.Sid === "CopyAccountUsesKeyForCopies");
    expect(use.Principal).toEqual({ AWS: "arn:aws:iam::222222222222:root" });
    expect(use.Action).toEqual(["kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*"]);
    expect(use.Condition.StringEquals["kms:ViaService"]).toEqual([
      "backup.us-east-1.amazonaws.com",
      "ec2.us-east-1.amazonaws.com",
      "rds.us-east-1.amazonaws.com",
    ]);
  });

  test("lets the copy account create grants for AWS resources only", () => {
    // given / when
    const policy = JSON.parse(synth().resource.policy);
    // then
    const grants = policy.Statement.find((s: any) => s.Sid === "CopyAccountGrantsForAwsResources");
    expect(grants).toMatchObject({ Action: "kms:CreateGrant", Condition: { Bool: { "kms:GrantIsForAWSResource": true } } });
  });

  test("becomes the EBS default key only when asked", () => {
    // given / when
    const off = synth();
    const on = synth({ ebsDefault: true });
    // then
    expect(resources(off.stack, "aws_ebs_default_kms_key")).toEqual({});
    expect(Object.values(resources(on.stack, "aws_ebs_encryption_by_default"))[0]).toMatchObject({
      enabled: true,
    });
    expect(Object.values(resources(on.stack, "aws_ebs_default_kms_key"))[0]).toMatchObject({ key_arn: "${aws_kms_key.Key.arn}" });
  });

  test("refuses its own account as the copy account", () => {
    expect(errorOf(() => synth({ copyAccountId: "111111111111" }))).toContain(
      'copyAccountId = "111111111111": this library rejects the key\'s own account as the copy account: the grant is for another account',
    );
  });
});
