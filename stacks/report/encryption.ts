/**
 * What the report says about encryption on the run-time paths: which resource types of a tag can be copied to the
 * central account and what blocks the rest (with the fix), and who could still make locked copies unreadable.
 */
import type { CentralModel, MemberModel, Placement } from "../model/model";

/** Cross-account copyability of one tag in one region. */
export interface CrossAccountCopyReport {
  /** Resource types whose copies to the central account work, and why. */
  readonly copyable: readonly string[];
  /** What still fails, and the fix. */
  readonly blocked: readonly { readonly what: string; readonly fix: string }[];
}

/** Who could make the central vault's locked copies unreadable by deleting, disabling or re-policying its key. */
export interface KeyCustodyReport {
  readonly region: string;
  /** May schedule the key's deletion or disable it. */
  readonly canDeleteOrDisable: readonly string[];
  /** May change the key policy, and so could grant themselves deletion afterwards. */
  readonly canChangePolicy: readonly string[];
  readonly note: string;
}

/** Types AWS Backup fully manages: their recovery points are encrypted with the vault key, shared with the central account. */
const FULLY_MANAGED = "EFS, DynamoDB (advanced features), S3, Timestream, SAP HANA on EC2, virtual machines";
/** Types whose recovery points keep the resource's own key. */
const OWN_KEY = "EBS, EC2, RDS, Aurora, FSx, DocumentDB, Neptune";

export function crossAccountCopyOf(member: MemberModel, p: Placement): CrossAccountCopyReport | undefined {
  const toCentral = p.copies.some((c) => c.kind === "central-account") || !!p.effective.snapshots?.shareWithCentral;
  if (!toCentral) return undefined;
  const wk = member.workloadKeys.get(p.region);
  if (!wk) return undefined;
  const alias = `alias/${wk.alias}`;
  const existing =
    wk.existingKeyArns.length > 0 ? ` or one of the named keys (${wk.existingKeyArns.join(", ")}), whose policies must grant account ${wk.copyAccountId}` : "";
  const copyable = [
    `${FULLY_MANAGED}: encrypted with the vault key, which the central account may use`,
    `${OWN_KEY}: when encrypted with the workload key ${alias}${existing}${wk.ebsDefault ? " (the EBS default key, so new volumes are)" : ""}`,
  ];
  const blocked = [
    {
      what: `${OWN_KEY} encrypted with an AWS-managed key (aws/ebs, aws/rds, ...) or unencrypted: AWS-managed keys cannot be shared, so the copy fails every night`,
      fix: `re-encrypt onto ${alias}: copy the snapshot with that key and restore from it (EBS: new volume; RDS: restore the copied snapshot), then retire the old resource`,
    },
  ];
  if (!wk.ebsDefault) {
    blocked.push({
      what: "new EBS volumes: the account's EBS default key is not the workload key",
      fix: `set members[].workloadKeys.ebsDefault to true, or create volumes with ${alias}`,
    });
  }
  return { copyable, blocked };
}

export function keyCustodyOf(central: CentralModel): KeyCustodyReport[] {
  return [...central.vaults.values()].map((v) => {
    const p = v.keyDeletionProtection;
    return p
      ? {
          region: v.region,
          canDeleteOrDisable: [...p.breakGlassRoleArns],
          canChangePolicy: [...new Set([...p.breakGlassRoleArns, ...(p.policyManagerRoleArns ?? [])])],
          note: "the deploy role keeps kms:PutKeyPolicy so Terraform can update the policy; it could rewrite the policy and then delete the key, so guard it like break-glass",
        }
      : {
          region: v.region,
          canDeleteOrDisable: [`any principal of account ${central.accountId} with kms permissions`],
          canChangePolicy: [`any principal of account ${central.accountId} with kms permissions`],
          note: "the key is not protected: a compliance lock does not stop its key from being deleted",
        };
  });
}
