import {
  DlmLifecyclePolicyPolicyDetailsSchedule,
  DlmLifecyclePolicyPolicyDetailsScheduleCreateRuleScripts,
  DlmLifecyclePolicyPolicyDetailsScheduleCrossRegionCopyRule,
} from "@cdktf/provider-aws/lib/dlm-lifecycle-policy";
import { Retention, Tags, Validator } from "../core";
import { checkAccountId, checkRegion } from "../core/private/aws";
import { checkTags } from "../core/private/tags";
import { isUnresolved } from "../core/private/errors";
import { IEncryptionKey } from "../kms";
import { DlmCreateRule } from "./dlm-create-rule";
import { DlmCountOrAge, DlmRetainRule } from "./dlm-retain-rule";
import { DLM_MAX_DAYS, checkCountOrAge, renderCountOrAge } from "./private/dlm-retain-rule";
import { DlmScheduleContext, resolveCopyEncryption } from "./private/dlm-schedule";
import { awsRejects, libraryNeeds, libraryRejects, providerIgnores } from "../core/rules/authority";

/** A copy of every snapshot or AMI into another Region, encrypted with a customer-managed key of that Region. */
export interface DlmCrossRegionCopyOptions {
  /** The destination Region, e.g. `us-west-2`. */
  readonly region: string;
  /** A customer-managed KMS key in the destination Region (a key ARN, never an alias) that encrypts the copies. Required unless `encrypted` is false. */
  readonly encryptionKey?: IEncryptionKey | string;
  /** How long each copy is kept in the destination Region. */
  readonly retain: Retention;
  /** AMI policies only: deprecate each copied AMI after this long (at most the copy retention and 10 years). @default not deprecated */
  readonly deprecateAfter?: Retention;
  /** Copy the source's user tags to the copy. @default false, the provider's default */
  readonly copyTags?: boolean;
  /** Encrypt the copies. False is refused unless `allowUnencryptedCopies` is true (secure default "encrypted-copies"). @default true */
  readonly encrypted?: boolean;
  /** Opt out of the secure default "encrypted-copies": lets `encrypted` be false. @default false */
  readonly allowUnencryptedCopies?: boolean;
}

/** Fast snapshot restore for the newest snapshots of a schedule (snapshot policies only). */
export interface DlmFastRestoreOptions extends DlmCountOrAge {
  /** Availability Zones of the policy's Region to enable it in, 1 to 10, e.g. `us-east-1a`. */
  readonly availabilityZones: readonly string[];
}

/** Share each snapshot or AMI with other accounts, e.g. with the backup account that runs a `CrossAccountCopyPolicy`. */
export interface DlmShareOptions {
  /** The 12-digit IDs of the accounts to share with. */
  readonly accountIds: readonly string[];
  /** Stop sharing each one after this long. @default shared until deleted */
  readonly unshareAfter?: Retention;
}

/**
 * Move snapshots to the archive tier instead of deleting them (snapshot policies on VOLUME only). Count-based schedules
 * give `count`, age-based ones `age`; either way each snapshot must stay archived at least 90 days.
 */
export type DlmArchiveOptions = DlmCountOrAge;

/** Deprecate AMIs (AMI policies only): count-based schedules give `count`, age-based ones `age`, at most the retention. */
export type DlmDeprecateOptions = DlmCountOrAge;

/** A script stage: PRE runs before the snapshot is started, POST after. */
export type DlmScriptStage = "PRE" | "POST";

/** Pre and post scripts run through Systems Manager before and after snapshots (snapshot policies on INSTANCE only). */
export interface DlmScriptOptions {
  /**
   * `AWS_VSS_BACKUP` for application-consistent Windows VSS snapshots, or the name or ARN of an SSM command document
   * of the policy's Region that holds the pre and post scripts.
   */
  readonly handler: string;
  /** Which scripts to run. Omit for VSS. @default ["PRE", "POST"] for documents */
  readonly stages?: readonly DlmScriptStage[];
  /** Seconds before a script run fails, 10-120. Omit for VSS. @default 10 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed script, 0-3. @default 0 */
  readonly maxRetries?: number;
  /** When the pre script fails, take a crash-consistent snapshot anyway (true) or skip the instance (false). @default true when a PRE script runs; not set for VSS */
  readonly crashConsistentOnFailure?: boolean;
}

export interface DlmScheduleProps {
  /**
   * The schedule's name, unique in its policy, at most 120 of letters, digits, spaces, `_` and `-`. DLM tags every
   * snapshot with it and deletes by it: renaming a schedule orphans the snapshots made under the old name (they are
   * never deleted by the policy again). Treat the name as a stable identifier.
   */
  readonly name: string;
  /** When to create snapshots or AMIs. */
  readonly create: DlmCreateRule;
  /** How long to keep them: count or age. Cannot be switched between count and age after creation. */
  readonly retain: DlmRetainRule;
  /** Copy the source's user tags to what the schedule creates. @default false, the provider's default */
  readonly copyTags?: boolean;
  /** Extra tags for what the schedule creates. @default none */
  readonly tagsToAdd?: Tags;
  /** Tags whose values DLM fills in: `$(instance-id)` or `$(timestamp)` (INSTANCE snapshot and AMI policies only). @default none */
  readonly variableTags?: Tags;
  /** Copies into other Regions, at most 3, each encrypted with a key of its Region. @default none */
  readonly crossRegionCopies?: readonly DlmCrossRegionCopyOptions[];
  /** Fast snapshot restore (snapshot policies only). @default off */
  readonly fastRestore?: DlmFastRestoreOptions;
  /** Share with other accounts. @default not shared */
  readonly share?: DlmShareOptions;
  /** Archive instead of delete (snapshot policies on VOLUME only). @default deleted at the end of retention */
  readonly archive?: DlmArchiveOptions;
  /** Deprecate AMIs (AMI policies only). @default not deprecated */
  readonly deprecate?: DlmDeprecateOptions;
  /** Pre and post scripts (snapshot policies on INSTANCE only). @default none */
  readonly scripts?: DlmScriptOptions;
}

const NAME = /^[0-9A-Za-z _-]+$/;
const AZ = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;
const VARIABLE_VALUES = ["$(instance-id)", "$(timestamp)"];
const VSS = "AWS_VSS_BACKUP";
const SSM_DOCUMENT_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
const SSM_DOCUMENT_ARN = /^arn:aws(-[a-z]+)*:ssm:([a-z]{2}(-[a-z]+)+-\d):(\d{12})?:document\/[a-zA-Z0-9_\-.]{3,128}$/;
const DAY_MINUTES = 1440;
/** Archiving needs a creation frequency of at least 28 days. */
export const ARCHIVE_MIN_CREATE_GAP_DAYS = 28;
/** Each archived snapshot must stay in the archive tier at least 90 days. */
export const ARCHIVE_MIN_DAYS = 90;
/** Deprecation of cross-Region AMI copies may be at most 10 years. */
const COPY_DEPRECATE_MAX_DAYS = 3650;

/** Checks a retention used by a copy: a Retention of at most 100 years. */
function checkRetention(v: Validator, field: string, value: unknown, required: boolean, what: string): value is Retention {
  if (value === undefined) {
    if (required) v.check(false, field, value, libraryNeeds(`it: ${what}`));
    return false;
  }
  v.check(value instanceof Retention, field, value, libraryNeeds("a Retention, e.g. Retention.days(30)"));
  if (!(value instanceof Retention)) return false;
  v.check(value.toDays() <= DLM_MAX_DAYS, field, value, awsRejects("retentions longer than 100 years (36500 days)"));
  return true;
}

/**
 * One schedule of a snapshot or AMI policy: when to create, how long to keep, and what else to do with each snapshot
 * or AMI (copy to other Regions, share, fast restore, archive, deprecate, run scripts). Rules that hold for every
 * policy are checked here, when the schedule is made; rules that depend on the policy type are checked by the policy.
 * @see https://docs.aws.amazon.com/dlm/latest/APIReference/API_Schedule.html
 */
export class DlmSchedule {
  public readonly name: string;
  public readonly props: DlmScheduleProps;

  constructor(props: DlmScheduleProps) {
    this.props = props;
    this.name = props?.name;
    const v = new Validator(`DlmSchedule ${JSON.stringify(props?.name ?? "")}`);
    v.required("name", props?.name, libraryNeeds("a schedule name: it is the schedule's stable identifier"));
    if (typeof props?.name === "string") {
      v.check(props.name.length >= 1 && props.name.length <= 120, "name", props.name, awsRejects("schedule names that are not 1-120 characters long"));
      v.matches("name", props.name, NAME, awsRejects("schedule names with characters other than letters, digits, spaces, _ and -"));
    }
    v.check(
      props?.create instanceof DlmCreateRule,
      "create",
      props?.create,
      libraryNeeds("a DlmCreateRule"),
      "e.g. DlmCreateRule.daily('03:00') or DlmCreateRule.cron('cron(0 3 ? * SUN *)')",
    );
    v.check(
      props?.retain instanceof DlmRetainRule,
      "retain",
      props?.retain,
      libraryNeeds("a DlmRetainRule"),
      "e.g. DlmRetainRule.count(7) or DlmRetainRule.days(7)",
    );
    v.throwIfAny();

    checkTags(v, "tagsToAdd", props.tagsToAdd);
    checkTags(v, "variableTags", props.variableTags);
    for (const [k, value] of Object.entries(props.variableTags ?? {})) {
      v.check(VARIABLE_VALUES.includes(value), `variableTags.${k}`, value, awsRejects(`variable tag values other than ${VARIABLE_VALUES.join(", ")}`));
    }
    this.checkCopies(v);
    this.checkFastRestore(v);
    this.checkShare(v);
    this.checkArchive(v);
    this.checkDeprecate(v);
    this.checkScripts(v);
    const needsRetention = props.fastRestore !== undefined || props.share !== undefined || (props.crossRegionCopies?.length ?? 0) > 0;
    if (needsRetention) {
      const kept = props.retain.count ?? props.retain.age?.amount ?? 0;
      v.check(
        kept >= 1 || props.retain.age?.isUnresolved() === true,
        "retain",
        props.retain.toString(),
        awsRejects("keeping none when the schedule has fast restore, share or cross-Region copy rules: keep at least 1"),
      );
    }
    v.throwIfAny();
  }

  private checkCopies(v: Validator): void {
    const copies = this.props.crossRegionCopies ?? [];
    v.check(
      copies.length <= 3,
      "crossRegionCopies",
      copies.map((c) => c?.region),
      awsRejects(`more than 3 cross-Region copy rules per schedule: this one has ${copies.length}`),
    );
    const regions = copies.map((c) => c?.region);
    v.check(new Set(regions).size === regions.length, "crossRegionCopies", regions, libraryRejects("a Region listed twice"));
    copies.forEach((c, i) => {
      const f = `crossRegionCopies[${i}]`;
      v.required(`${f}.region`, c?.region);
      checkRegion(v, `${f}.region`, c?.region);
      resolveCopyEncryption(v, f, c, c?.region);
      const hasRetain = checkRetention(v, `${f}.retain`, c?.retain, true, "how long the copies are kept in the target Region");
      if (checkRetention(v, `${f}.deprecateAfter`, c?.deprecateAfter, false, "")) {
        v.check(
          c.deprecateAfter!.toDays() <= COPY_DEPRECATE_MAX_DAYS,
          `${f}.deprecateAfter`,
          c.deprecateAfter,
          awsRejects("deprecating copies later than 10 years (3650 days)"),
        );
        // Compared only when both are known: a token retention is Terraform's to judge.
        if (hasRetain && !c.retain.isUnresolved()) {
          v.check(
            c.deprecateAfter!.toDays() <= c.retain.toDays(),
            `${f}.deprecateAfter`,
            c.deprecateAfter,
            awsRejects(`deprecating copies later than the copy retention (${c.retain})`),
          );
        }
      }
    });
  }

  private checkFastRestore(v: Validator): void {
    const fr = this.props.fastRestore;
    if (!fr) return;
    const azs = fr.availabilityZones ?? [];
    v.check(
      azs.length >= 1 && azs.length <= 10,
      "fastRestore.availabilityZones",
      azs,
      awsRejects(`fast snapshot restore without 1 to 10 Availability Zones: this one names ${azs.length}`),
    );
    v.check(new Set(azs).size === azs.length, "fastRestore.availabilityZones", azs, libraryRejects("an Availability Zone listed twice"));
    azs.forEach((az, i) => v.matches(`fastRestore.availabilityZones[${i}]`, az, AZ, awsRejects("Availability Zones other than names such as us-east-1a")));
    checkCountOrAge(v, "fastRestore", fr, "a fast restore rule");
  }

  private checkShare(v: Validator): void {
    const share = this.props.share;
    if (!share) return;
    const accounts = share.accountIds ?? [];
    v.check(accounts.length >= 1, "share.accountIds", accounts, awsRejects("a share rule without target accounts"));
    v.check(new Set(accounts).size === accounts.length, "share.accountIds", accounts, libraryRejects("an account listed twice"));
    accounts.forEach((a, i) => checkAccountId(v, `share.accountIds[${i}]`, a));
    if (share.unshareAfter !== undefined) {
      const ok = share.unshareAfter instanceof Retention && share.unshareAfter.amount >= 1;
      v.check(ok, "share.unshareAfter", share.unshareAfter, awsRejects("unshare intervals that are not positive: give a Retention, e.g. Retention.days(30)"));
    }
  }

  private checkArchive(v: Validator): void {
    const archive = this.props.archive;
    if (!archive) return;
    checkCountOrAge(v, "archive", archive, "an archive rule");
    const f = this.props.create.frequency();
    v.check(
      f.minGapMinutes >= ARCHIVE_MIN_CREATE_GAP_DAYS * DAY_MINUTES,
      "archive",
      this.props.create.toString(),
      awsRejects(
        `archiving from schedules that create more often than every ${ARCHIVE_MIN_CREATE_GAP_DAYS} days: this one fires every ${(f.minGapMinutes / DAY_MINUTES).toFixed(2)} days at times`,
      ),
      'use a monthly (or rarer) cron schedule, e.g. DlmCreateRule.cron("cron(0 3 1 * ? *)")',
    );
    const retain = this.props.retain;
    if (retain.isCountBased) {
      v.check(
        archive.count !== undefined,
        "archive",
        { count: archive.count, age: archive.age?.toString() },
        awsRejects("a count-based schedule archiving by age: it archives by count (archive.count)"),
      );
      if (archive.count !== undefined && Number.isInteger(archive.count)) {
        const days = archive.count * this.props.create.meanGapDays();
        v.check(
          days >= ARCHIVE_MIN_DAYS,
          "archive.count",
          archive.count,
          awsRejects(
            `archive-tier retentions shorter than ${ARCHIVE_MIN_DAYS} days: this keeps each snapshot about ${Math.floor(days)} days in the archive tier`,
          ),
          `keep at least ${Math.ceil(ARCHIVE_MIN_DAYS / this.props.create.meanGapDays())} archived snapshots`,
        );
      }
    } else {
      v.check(
        archive.age !== undefined,
        "archive",
        { count: archive.count, age: archive.age?.toString() },
        awsRejects("an age-based schedule archiving by count: it archives by age (archive.age)"),
      );
      if (archive.age instanceof Retention) {
        v.check(
          archive.age.toDays() >= ARCHIVE_MIN_DAYS,
          "archive.age",
          archive.age,
          awsRejects(`archive-tier retentions shorter than ${ARCHIVE_MIN_DAYS} days`),
        );
      }
    }
  }

  private checkDeprecate(v: Validator): void {
    const dep = this.props.deprecate;
    if (!dep) return;
    checkCountOrAge(v, "deprecate", dep, "a deprecate rule");
    const retain = this.props.retain;
    if (retain.isCountBased) {
      v.check(
        dep.count !== undefined,
        "deprecate",
        { count: dep.count, age: dep.age?.toString() },
        awsRejects("a count-based schedule deprecating by age: it deprecates by count (deprecate.count)"),
      );
      if (dep.count !== undefined)
        v.check(dep.count <= retain.count!, "deprecate.count", dep.count, awsRejects(`a deprecate count above the retain count (${retain.count})`));
    } else {
      v.check(
        dep.age !== undefined,
        "deprecate",
        { count: dep.count, age: dep.age?.toString() },
        awsRejects("an age-based schedule deprecating by count: it deprecates by age (deprecate.age)"),
      );
      if (dep.age instanceof Retention && !retain.age!.isUnresolved()) {
        v.check(dep.age.toDays() <= retain.age!.toDays(), "deprecate.age", dep.age, awsRejects(`a deprecate age longer than the retention (${retain.age})`));
      }
    }
  }

  private checkScripts(v: Validator): void {
    const s = this.props.scripts;
    if (!s) return;
    v.required("scripts.handler", s.handler, awsRejects(`scripts without a handler: ${VSS} or an SSM document name or ARN`));
    if (typeof s.handler === "string" && !isUnresolved(s.handler)) {
      const ok = s.handler === VSS || SSM_DOCUMENT_NAME.test(s.handler) || SSM_DOCUMENT_ARN.test(s.handler);
      v.check(
        ok,
        "scripts.handler",
        s.handler,
        awsRejects(`handlers other than ${VSS}, an SSM document name (3-128 of letters, digits, _ - .) or a document ARN`),
      );
    }
    if (s.handler === VSS) {
      v.check(s.stages === undefined, "scripts.stages", s.stages, awsRejects(`stages for VSS backups (${VSS})`));
      v.check(s.timeoutSeconds === undefined, "scripts.timeoutSeconds", s.timeoutSeconds, awsRejects(`a timeout for VSS backups (${VSS})`));
    }
    if (s.stages !== undefined) {
      v.check(
        s.stages.length >= 1 && s.stages.length <= 2 && new Set(s.stages).size === s.stages.length,
        "scripts.stages",
        s.stages,
        awsRejects("stages other than PRE, POST or both, each once"),
      );
      s.stages.forEach((st, i) => v.check(st === "PRE" || st === "POST", `scripts.stages[${i}]`, st, awsRejects("stages other than PRE and POST")));
      if (s.crashConsistentOnFailure !== undefined) {
        v.check(
          s.stages.includes("PRE"),
          "scripts.crashConsistentOnFailure",
          s.crashConsistentOnFailure,
          awsRejects("crashConsistentOnFailure without a PRE script: it applies only when a PRE script runs"),
        );
      }
    }
    v.intInRange("scripts.timeoutSeconds", s.timeoutSeconds, 10, 120, "seconds", "aws");
    v.intInRange("scripts.maxRetries", s.maxRetries, 0, 3, "", "aws");
  }

  /** @internal Checks the rules that depend on the policy and renders the provider block; problems go to the policy's validator. */
  _render(v: Validator, field: string, ctx: DlmScheduleContext): DlmLifecyclePolicyPolicyDetailsSchedule {
    const p = this.props;
    const ami = ctx.policyType === "IMAGE_MANAGEMENT";
    const onInstances = ctx.resourceType === "INSTANCE";
    if (p.variableTags && Object.keys(p.variableTags).length > 0) {
      v.check(
        ami || onInstances,
        `${field}.variableTags`,
        p.variableTags,
        awsRejects("variable tags on policies other than AMI policies and snapshot policies on INSTANCE"),
      );
    }
    if (p.deprecate)
      v.check(
        ami,
        `${field}.deprecate`,
        p.deprecate.count ?? p.deprecate.age?.toString(),
        providerIgnores("deprecate rules on snapshot policies: they apply only to AMI policies"),
      );
    if (p.fastRestore)
      v.check(
        !ami,
        `${field}.fastRestore`,
        p.fastRestore.availabilityZones,
        awsRejects("fast snapshot restore on AMI policies: it applies only to snapshot policies"),
      );
    if (p.archive) {
      v.check(
        !ami && !onInstances,
        `${field}.archive`,
        p.archive.count ?? p.archive.age?.toString(),
        awsRejects("archive rules on policies other than snapshot policies that target VOLUME"),
      );
    }
    if (p.scripts)
      v.check(
        !ami && onInstances,
        `${field}.scripts`,
        p.scripts.handler,
        awsRejects("pre and post scripts on policies other than snapshot policies that target INSTANCE"),
      );
    (p.crossRegionCopies ?? []).forEach((c, i) => {
      if (c.deprecateAfter)
        v.check(
          ami,
          `${field}.crossRegionCopies[${i}].deprecateAfter`,
          c.deprecateAfter.toString(),
          awsRejects("deprecation of copies on snapshot policies: it applies only to AMI policies"),
        );
      if (ctx.region && !isUnresolved(ctx.region)) {
        v.check(c.region !== ctx.region, `${field}.crossRegionCopies[${i}].region`, c.region, awsRejects(`a cross-Region copy into the policy's own Region`));
      }
    });
    if (p.fastRestore && ctx.region && !isUnresolved(ctx.region)) {
      p.fastRestore.availabilityZones.forEach((az, i) =>
        v.check(
          az.slice(0, -1) === ctx.region,
          `${field}.fastRestore.availabilityZones[${i}]`,
          az,
          awsRejects(`Availability Zones outside the policy's Region ${ctx.region}`),
        ),
      );
    }
    if (p.scripts && ctx.region && SSM_DOCUMENT_ARN.test(p.scripts.handler)) {
      const docRegion = SSM_DOCUMENT_ARN.exec(p.scripts.handler)![2];
      v.check(
        docRegion === ctx.region,
        `${field}.scripts.handler`,
        p.scripts.handler,
        awsRejects(`an SSM document of another Region (${docRegion}): the policy runs in ${ctx.region}`),
      );
    }

    return {
      name: p.name,
      copyTags: p.copyTags,
      tagsToAdd: p.tagsToAdd && Object.keys(p.tagsToAdd).length > 0 ? { ...p.tagsToAdd } : undefined,
      variableTags: p.variableTags && Object.keys(p.variableTags).length > 0 ? { ...p.variableTags } : undefined,
      createRule: { ...p.create._render(), scripts: p.scripts ? renderScripts(p.scripts) : undefined },
      retainRule: p.retain._render(),
      crossRegionCopyRule: p.crossRegionCopies && p.crossRegionCopies.length > 0 ? p.crossRegionCopies.map((c) => renderCopy(c, ami)) : undefined,
      fastRestoreRule: p.fastRestore ? { availabilityZones: [...p.fastRestore.availabilityZones], ...renderCountOrAge(p.fastRestore) } : undefined,
      shareRule: p.share
        ? {
            targetAccounts: [...p.share.accountIds],
            unshareInterval: p.share.unshareAfter?.amount,
            unshareIntervalUnit: p.share.unshareAfter?.unit,
          }
        : undefined,
      archiveRule: p.archive ? { archiveRetainRule: { retentionArchiveTier: renderCountOrAge(p.archive) } } : undefined,
      deprecateRule: p.deprecate ? renderCountOrAge(p.deprecate) : undefined,
    };
  }
}

function renderCopy(c: DlmCrossRegionCopyOptions, ami: boolean): DlmLifecyclePolicyPolicyDetailsScheduleCrossRegionCopyRule {
  return {
    // AMI policies take target_region; the API rejects `target` on them (terraform-provider-aws #24226).
    ...(ami ? { targetRegion: c.region } : { target: c.region }),
    encrypted: c.encrypted !== false,
    cmkArn: c.encryptionKey === undefined ? undefined : typeof c.encryptionKey === "string" ? c.encryptionKey : c.encryptionKey.keyArn,
    copyTags: c.copyTags,
    retainRule: { interval: c.retain.amount, intervalUnit: c.retain.unit },
    deprecateRule: c.deprecateAfter ? { interval: c.deprecateAfter.amount, intervalUnit: c.deprecateAfter.unit } : undefined,
  };
}

function renderScripts(s: DlmScriptOptions): DlmLifecyclePolicyPolicyDetailsScheduleCreateRuleScripts {
  const vss = s.handler === VSS;
  const stages = s.stages ?? (vss ? undefined : ["PRE", "POST"]);
  return {
    executionHandler: s.handler,
    executionHandlerService: "AWS_SYSTEMS_MANAGER",
    stages: stages ? [...stages] : undefined,
    executionTimeout: s.timeoutSeconds,
    maximumRetryCount: s.maxRetries !== undefined && s.maxRetries > 0 ? s.maxRetries : undefined,
    executeOperationOnScriptFailure: s.crashConsistentOnFailure ?? (!vss && stages!.includes("PRE") ? true : undefined),
  };
}
