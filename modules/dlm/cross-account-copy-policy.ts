import { Construct } from "constructs";
import { DlmLifecyclePolicyPolicyDetailsActionCrossRegionCopy } from "@cdktf/provider-aws/lib/dlm-lifecycle-policy";
import { Retention, Validator } from "../core";
import { checkAccountId, checkRegion } from "../core/private/aws";
import { isUnresolved } from "../core/private/errors";
import { IEncryptionKey } from "../kms";
import { DlmPolicyBase, checkCommonProps, commonPolicyConfig } from "./private/dlm-policy-base";
import { DlmPolicyCommonProps } from "./dlm-policy";
import { DLM_MAX_DAYS } from "./private/dlm-retain-rule";
import { resolveCopyEncryption } from "./private/dlm-schedule";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/** One copy of each shared snapshot, into this account, in a Region of this account. */
export interface CrossAccountCopyTarget {
  /** The Region the copy is made in; may be the policy's own Region (the copy then only changes owner and key). */
  readonly region: string;
  /** A customer-managed key of this account in `region` that encrypts the copy. Required unless `encrypted` is false. */
  readonly encryptionKey?: IEncryptionKey | string;
  /** Encrypt the copy. False is refused unless `allowUnencryptedCopies` is true (secure default "encrypted-copies"). @default true */
  readonly encrypted?: boolean;
  /** Opt out of the secure default "encrypted-copies": lets `encrypted` be false. @default false */
  readonly allowUnencryptedCopies?: boolean;
  /** How long each copy is kept. */
  readonly retain: Retention;
}

/** The action an event-based policy runs when a snapshot is shared with this account. */
export interface CrossAccountCopyAction {
  /** A name for the action: 1-120 of letters, digits, spaces, `_` and `-`. @default "copy-shared-snapshots" */
  readonly name?: string;
  /** 1 to 3 copies of each shared snapshot. */
  readonly copies: readonly CrossAccountCopyTarget[];
}

export interface CrossAccountCopyPolicyProps extends DlmPolicyCommonProps {
  /** The accounts whose shared snapshots are copied: 1 to 50 twelve-digit account IDs. */
  readonly sourceAccountIds: readonly string[];
  /**
   * Only snapshots whose description matches this regular expression are copied (at most 1000 characters).
   * DLM describes the snapshots it creates as `Created for policy: <policy-id> schedule: <name>`.
   * @default CrossAccountCopyPolicy.DLM_CREATED_SNAPSHOTS (snapshots created by any DLM policy)
   */
  readonly descriptionRegex?: string;
  /** Exactly one action (the API takes one per event-based policy). */
  readonly actions: readonly CrossAccountCopyAction[];
}

/** Options of `CrossAccountCopyPolicy.forSnapshotsSharedBy`. */
export interface SharedSnapshotCopyOptions {
  /** The accounts whose snapshot policies share with this account (their share rule lists this account). */
  readonly sourceAccountIds: readonly string[];
  /** IDs (`policy-...`) of the source snapshot policies to copy from, when known. @default snapshots of any DLM policy */
  readonly sourcePolicyIds?: readonly string[];
  /** 1 to 3 copies of each shared snapshot. */
  readonly copies: readonly CrossAccountCopyTarget[];
  /** The account's `DlmServiceRoles`, its snapshot role, or a role ARN. */
  readonly executionRole: DlmPolicyCommonProps["executionRole"];
  /** @default a description naming the source accounts' count */
  readonly description?: string;
  readonly region?: string;
  readonly tags?: DlmPolicyCommonProps["tags"];
  readonly provider?: DlmPolicyCommonProps["provider"];
}

const NAME = /^[0-9A-Za-z _-]+$/;
const POLICY_ID = /^policy-[0-9a-f]+$/;

/**
 * An event-based policy (EVENT_BASED_POLICY) in a backup account: whenever one of the source accounts shares a
 * snapshot with this account, DLM copies it into this account, re-encrypted with a key of this account, and keeps the
 * copy for a set time. This is the receiving half of a cross-account copy: the sending half is a `SnapshotPolicy`
 * schedule in each source account with `share: { accountIds: [<this account>] }`, and the source snapshots' KMS key
 * must allow this account (and its DLM role) to use it. Give the keys to `DlmServiceRoles.encryptionKeys` here.
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/event-policy.html
 */
export class CrossAccountCopyPolicy extends DlmPolicyBase {
  /** Matches the description DLM gives every snapshot it creates. */
  static readonly DLM_CREATED_SNAPSHOTS = "^.*Created for policy: policy-[0-9a-f]+.*$";

  /** Matches snapshots created by the given DLM policies (IDs `policy-...`) only. */
  static descriptionRegexFor(policyIds: readonly string[]): string {
    const v = new Validator("CrossAccountCopyPolicy.descriptionRegexFor");
    v.check(policyIds.length >= 1, "policyIds", policyIds, libraryNeeds("at least one policy ID"));
    policyIds.forEach((p, i) =>
      v.matches(`policyIds[${i}]`, p, POLICY_ID, awsRejects("policy IDs other than policy- and hex digits, e.g. policy-0123456789abcdef0")),
    );
    v.throwIfAny();
    return `^.*Created for policy: (${policyIds.join("|")}).*$`;
  }

  /**
   * The receiving half of a cross-account copy: copies every snapshot that the source accounts' DLM policies share with
   * this account. Pair it with a `SnapshotPolicy` whose schedule shares with this account in each source account.
   */
  static forSnapshotsSharedBy(scope: Construct, id: string, o: SharedSnapshotCopyOptions): CrossAccountCopyPolicy {
    return new CrossAccountCopyPolicy(scope, id, {
      description: o.description ?? `Copy snapshots shared by ${o.sourceAccountIds.length} source accounts`,
      executionRole: o.executionRole,
      sourceAccountIds: o.sourceAccountIds,
      descriptionRegex: o.sourcePolicyIds ? CrossAccountCopyPolicy.descriptionRegexFor(o.sourcePolicyIds) : undefined,
      actions: [{ copies: o.copies }],
      region: o.region,
      tags: o.tags,
      provider: o.provider,
    });
  }

  constructor(scope: Construct, id: string, props: CrossAccountCopyPolicyProps) {
    super(scope, id, (where) => {
      const v = new Validator(where);
      const role = checkCommonProps(v, props, "SNAPSHOT");
      const owners = props.sourceAccountIds ?? [];
      v.check(
        owners.length >= 1 && owners.length <= 50,
        "sourceAccountIds",
        owners,
        awsRejects(`event-based policies without 1 to 50 snapshot owners: this one has ${owners.length}`),
      );
      v.check(new Set(owners).size === owners.length, "sourceAccountIds", owners, libraryRejects("an account listed twice"));
      owners.forEach((a, i) => checkAccountId(v, `sourceAccountIds[${i}]`, a));
      const regex = props.descriptionRegex ?? CrossAccountCopyPolicy.DLM_CREATED_SNAPSHOTS;
      if (!isUnresolved(regex)) {
        v.check(regex.length >= 1 && regex.length <= 1000, "descriptionRegex", regex, awsRejects("description patterns that are not 1-1000 characters long"));
        let compiles = true;
        try {
          new RegExp(regex);
        } catch {
          compiles = false;
        }
        v.check(compiles, "descriptionRegex", regex, awsRejects("description patterns that are not valid regular expressions"));
      }
      const actions = props.actions ?? [];
      v.check(actions.length === 1, "actions", actions.length, awsRejects(`event-based policies without exactly one action: this one has ${actions.length}`));
      const action = actions[0];
      const name = action?.name ?? "copy-shared-snapshots";
      v.check(
        name.length >= 1 && name.length <= 120 && NAME.test(name),
        "actions[0].name",
        name,
        awsRejects("action names other than 1-120 letters, digits, spaces, _ and -"),
      );
      const copies = action?.copies ?? [];
      v.check(
        copies.length >= 1 && copies.length <= 3,
        "actions[0].copies",
        copies.map((c) => c?.region),
        awsRejects(`actions without 1 to 3 cross-Region copies: this one has ${copies.length}`),
      );
      const regions = copies.map((c) => c?.region);
      v.check(new Set(regions).size === regions.length, "actions[0].copies", regions, libraryRejects("a Region listed twice"));
      const rendered: DlmLifecyclePolicyPolicyDetailsActionCrossRegionCopy[] = copies.map((c, i) => {
        const f = `actions[0].copies[${i}]`;
        v.required(`${f}.region`, c?.region);
        checkRegion(v, `${f}.region`, c?.region);
        const encryption = resolveCopyEncryption(v, f, c, c?.region);
        const retainOk = c?.retain instanceof Retention;
        v.check(retainOk, `${f}.retain`, c?.retain, libraryNeeds("how long each copy is kept, as a Retention (e.g. Retention.days(35))"));
        if (retainOk) v.check(c.retain.toDays() <= DLM_MAX_DAYS, `${f}.retain`, c.retain, awsRejects("retentions longer than 100 years (36500 days)"));
        return {
          target: c?.region,
          encryptionConfiguration: encryption,
          retainRule: retainOk ? { interval: c.retain.amount, intervalUnit: c.retain.unit } : undefined,
        };
      });
      v.throwIfAny();
      return {
        role,
        config: {
          ...commonPolicyConfig(props, props.description),
          policyDetails: {
            policyType: "EVENT_BASED_POLICY",
            eventSource: {
              type: "MANAGED_CWE",
              parameters: { eventType: "shareSnapshot", snapshotOwner: [...owners], descriptionRegex: regex },
            },
            action: { name, crossRegionCopy: rendered },
          },
        },
      };
    });
  }
}
