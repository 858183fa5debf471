/**
 * One describe per rule the DLM API enforces and Terraform does not (CreateRule, RetainRule, Schedule,
 * CrossRegionCopyRule, PolicyDetails): each test feeds a bad value and asserts that construction fails with a message
 * naming the field, the value and the rule.
 */
import { Duration, Retention } from "../../../modules/core";
import { BackupKey } from "../../../modules/kms";
import {
  AmiPolicy,
  AmiPolicyProps,
  CrossAccountCopyPolicy,
  CrossAccountCopyPolicyProps,
  DefaultPolicy,
  DlmCreateRule,
  DlmRetainRule,
  DlmSchedule,
  DlmServiceRoles,
  SnapshotPolicy,
  SnapshotPolicyProps,
} from "../../../modules/dlm";
import { errorOf, resources } from "../../helpers";
import { EAST_KEY, WEST_COPY, WEST_KEY, daily, onlyPolicy, stackWithRoles } from "./dlm-fixtures";

function snapshotPolicy(overrides: Partial<SnapshotPolicyProps> = {}): string {
  const { stack, roles } = stackWithRoles();
  return errorOf(
    () =>
      new SnapshotPolicy(stack, "Policy", {
        description: "Daily volume snapshots",
        executionRole: roles,
        resourceType: "VOLUME",
        targetTags: { Backup: "daily" },
        schedules: [daily()],
        region: "us-east-1",
        ...overrides,
      } as SnapshotPolicyProps),
  );
}

function amiPolicy(overrides: Partial<AmiPolicyProps> = {}): string {
  const { stack, roles } = stackWithRoles();
  return errorOf(
    () =>
      new AmiPolicy(stack, "Policy", {
        description: "Daily AMIs",
        executionRole: roles,
        targetTags: { Ami: "daily" },
        schedules: [daily()],
        region: "us-east-1",
        ...overrides,
      } as AmiPolicyProps),
  );
}

function crossAccountPolicy(overrides: Partial<CrossAccountCopyPolicyProps> = {}): string {
  const { stack, roles } = stackWithRoles();
  return errorOf(
    () =>
      new CrossAccountCopyPolicy(stack, "Policy", {
        description: "Copy shared snapshots",
        executionRole: roles,
        sourceAccountIds: ["333333333333"],
        actions: [{ copies: [WEST_COPY] }],
        ...overrides,
      } as CrossAccountCopyPolicyProps),
  );
}

describe("a create rule has a cron expression or an interval, never both, never neither", () => {
  test("refuses both", () => {
    // given / when
    const message = errorOf(() => DlmCreateRule.of({ cron: "cron(0 3 * * ? *)", interval: 24 }));
    // then
    expect(message).toContain('DlmCreateRule: cron/interval = {"cron":"cron(0 3 * * ? *)","interval":24}');
    expect(message).toContain("AWS rejects a create rule with both a cron expression and an interval");
  });

  test("refuses neither", () => {
    const message = errorOf(() => DlmCreateRule.of({}));
    expect(message).toContain("cron/interval = {}");
    expect(message).toContain("AWS rejects a create rule with neither a cron expression nor an interval");
  });

  test("refuses start times next to a cron expression", () => {
    const message = errorOf(() => DlmCreateRule.of({ cron: "cron(0 3 * * ? *)", times: ["03:00"] }));
    expect(message).toContain('times = ["03:00"]: AWS rejects start times with a cron expression: they go with an interval');
  });
});

describe("interval is one of 1, 2, 3, 4, 6, 8, 12, 24 and the unit is HOURS", () => {
  test("refuses an interval of 5 hours", () => {
    const message = errorOf(() => DlmCreateRule.every(5));
    expect(message).toContain("DlmCreateRule: interval = 5: AWS rejects intervals other than 1, 2, 3, 4, 6, 8, 12, 24 hours");
  });

  test("refuses an interval of 48 hours and points to cron for longer schedules", () => {
    const message = errorOf(() => DlmCreateRule.every(48));
    expect(message).toContain("interval = 48");
    expect(message).toContain("need a cron expression");
  });

  test("refuses a unit other than HOURS", () => {
    const message = errorOf(() => DlmCreateRule.of({ interval: 1, intervalUnit: "DAYS" }));
    expect(message).toContain('intervalUnit = "DAYS": AWS rejects interval units other than HOURS');
  });
});

describe("times: at most one, HH:MM UTC", () => {
  test("refuses two start times", () => {
    const message = errorOf(() => DlmCreateRule.of({ interval: 12, times: ["01:00", "13:00"] }));
    expect(message).toContain('times = ["01:00","13:00"]: AWS rejects more than one start time per create rule');
  });

  test("refuses a time that is not HH:MM", () => {
    const message = errorOf(() => DlmCreateRule.every(24, "3am"));
    expect(message).toContain('times[0] = "3am": AWS rejects start times other than a time of day HH:MM (24-hour clock, UTC)');
  });

  test("refuses 24:00", () => {
    expect(errorOf(() => DlmCreateRule.daily("24:00"))).toContain('times[0] = "24:00"');
  });
});

describe("cron: six fields, AWS syntax, no more often than hourly, at least once a year", () => {
  test("refuses text that is not cron(...)", () => {
    const message = errorOf(() => DlmCreateRule.cron("0 3 * * ? *"));
    expect(message).toContain('DlmCreateRule: cron = "0 3 * * ? *": AWS rejects schedule expressions other than cron(');
  });

  test("refuses five fields", () => {
    const message = errorOf(() => DlmCreateRule.cron("cron(0 3 * * *)"));
    expect(message).toContain('cron = "cron(0 3 * * *)": AWS rejects cron expressions without six fields inside cron(...): this one has 5');
  });

  test("refuses an expression without ? in day-of-month or day-of-week", () => {
    const message = errorOf(() => DlmCreateRule.cron("cron(0 3 * * * *)"));
    expect(message).toContain(
      'cron = "cron(0 3 * * * *)": AWS rejects cron expressions unless exactly one of day-of-month (3rd field) and day-of-week (5th field) is ?',
    );
  });

  test("refuses a schedule that fires every 30 minutes", () => {
    const message = errorOf(() => DlmCreateRule.cron("cron(0/30 * * * ? *)"));
    expect(message).toContain(
      'cron = "cron(0/30 * * * ? *)": AWS rejects DLM schedules that fire more often than once an hour: this one fires every 30 minutes at times',
    );
  });

  test("refuses a schedule that fires only on 29 February", () => {
    const message = errorOf(() => DlmCreateRule.cron("cron(0 3 29 2 ? *)"));
    expect(message).toContain('cron = "cron(0 3 29 2 ? *)": AWS rejects DLM schedules that fire less often than once a year');
  });

  test("refuses a year-restricted schedule that would stop firing", () => {
    const message = errorOf(() => DlmCreateRule.cron("cron(0 3 * * ? 2030)"));
    expect(message).toContain(
      'cron = "cron(0 3 * * ? 2030)": this library rejects a year field other than "*" (here "2030"): a schedule that stops firing leaves its resources unprotected',
    );
  });
});

describe("1 to 4 schedules per policy; names unique and at most 120 characters", () => {
  test("refuses a policy without schedules", () => {
    expect(snapshotPolicy({ schedules: [] })).toContain("test/Policy: schedules = []: AWS rejects policies without 1 to 4 schedules: this one has 0");
  });

  test("refuses five schedules", () => {
    const schedules = ["a", "b", "c", "d", "e"].map((name) => daily({ name }));
    expect(snapshotPolicy({ schedules })).toContain('schedules = ["a","b","c","d","e"]: AWS rejects policies without 1 to 4 schedules: this one has 5');
  });

  test("refuses two schedules with one name", () => {
    const message = snapshotPolicy({ schedules: [daily(), daily({ retain: DlmRetainRule.count(3) })] });
    expect(message).toContain('schedules = ["daily","daily"]: AWS rejects two schedules of one policy with the same name; repeated: daily');
  });

  test("refuses a name of 121 characters", () => {
    const name = "n".repeat(121);
    expect(errorOf(() => daily({ name }))).toContain(`name = "${name}": AWS rejects schedule names that are not 1-120 characters long`);
  });

  test("refuses characters outside letters, digits, spaces, _ and -", () => {
    expect(errorOf(() => daily({ name: "daily/volumes" }))).toContain(
      'name = "daily/volumes": AWS rejects schedule names with characters other than letters, digits, spaces, _ and -',
    );
  });
});

describe("retain rule: count (1-1000) or interval + unit, not both, not neither", () => {
  test("refuses a count of 0", () => {
    expect(errorOf(() => DlmRetainRule.count(0))).toContain("DlmRetainRule: retain.count = 0: AWS rejects anything but a whole number from 1 to 1000");
  });

  test("refuses a count of 1001", () => {
    expect(errorOf(() => DlmRetainRule.count(1001))).toContain("retain.count = 1001: AWS rejects anything but a whole number from 1 to 1000");
  });

  test("refuses both a count and an age", () => {
    const message = errorOf(() => DlmRetainRule.of({ count: 3, age: Retention.days(3) }));
    expect(message).toContain('retain = {"count":3,"age":"3 days"}: AWS rejects a retain rule with both a count and an age');
  });

  test("refuses neither", () => {
    expect(errorOf(() => DlmRetainRule.of({}))).toContain("retain = {}: AWS rejects a retain rule with neither a count nor an age");
  });

  test("refuses an age over 100 years", () => {
    expect(errorOf(() => DlmRetainRule.age(Retention.years(101)))).toContain('retain.age = "101 years": AWS rejects ages longer than 100 years');
  });
});

describe("retain count/interval must be at least 1 with fast restore, share or cross-Region copy", () => {
  test("a count of 0 never reaches a schedule with a share rule", () => {
    const message = errorOf(() => daily({ retain: DlmRetainRule.count(0), share: { accountIds: ["222222222222"] } }));
    expect(message).toContain("retain.count = 0: AWS rejects anything but a whole number from 1 to 1000");
  });

  test("a schedule refuses a retain rule that keeps nothing when it copies, shares or restores fast", () => {
    // given a retain rule that bypassed its factory
    const keepsNothing = Object.assign(Object.create(DlmRetainRule.prototype), { count: 0 }) as DlmRetainRule;
    // when
    const message = errorOf(() => daily({ retain: keepsNothing, crossRegionCopies: [WEST_COPY] }));
    // then
    expect(message).toContain(
      'retain = "newest 0": AWS rejects keeping none when the schedule has fast restore, share or cross-Region copy rules: keep at least 1',
    );
  });
});

describe("cross-Region copy: at most 3 per schedule; target for snapshot policies, target_region for AMI policies", () => {
  test("refuses four copy rules", () => {
    const regions = ["us-west-1", "us-west-2", "eu-west-1", "eu-central-1"];
    const copies = regions.map((region) => ({
      region,
      encryptionKey: `arn:aws:kms:${region}:111111111111:key/0b2e7a5c-3f1d-4b6e-9a8c-1d2e3f4a5b6c`,
      retain: Retention.days(7),
    }));
    const message = errorOf(() => daily({ crossRegionCopies: copies }));
    expect(message).toContain(`crossRegionCopies = ${JSON.stringify(regions)}: AWS rejects more than 3 cross-Region copy rules per schedule: this one has 4`);
  });

  test("a snapshot policy copies with target, never target_region", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    new SnapshotPolicy(stack, "Policy", {
      description: "d",
      executionRole: roles,
      resourceType: "VOLUME",
      targetTags: { B: "1" },
      schedules: [daily({ crossRegionCopies: [WEST_COPY] })],
    });
    // then
    const copy = resources(stack, "aws_dlm_lifecycle_policy").Policy.policy_details.schedule[0].cross_region_copy_rule[0];
    expect(copy.target).toBe("us-west-2");
    expect(copy.target_region).toBeUndefined();
  });

  test("an AMI policy copies with target_region, never target", () => {
    const { stack, roles } = stackWithRoles();
    new AmiPolicy(stack, "Policy", { description: "d", executionRole: roles, targetTags: { B: "1" }, schedules: [daily({ crossRegionCopies: [WEST_COPY] })] });
    const copy = resources(stack, "aws_dlm_lifecycle_policy").Policy.policy_details.schedule[0].cross_region_copy_rule[0];
    expect(copy.target_region).toBe("us-west-2");
    expect(copy.target).toBeUndefined();
  });
});

describe("cross-Region copy is encrypted with a cmk_arn that is a key ARN in the target Region", () => {
  test("refuses an unencrypted copy", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ ...WEST_COPY, encrypted: false }] }));
    expect(message).toContain("crossRegionCopies[0].encrypted = false: copies into other Regions and accounts must be encrypted");
    expect(message).toContain('this project\'s secure default "encrypted-copies", not an AWS rule: opt out with allowUnencryptedCopies: true');
  });

  test("takes an unencrypted copy without a key when allowUnencryptedCopies opts out of the secure default", () => {
    // given a copy that opts out
    const schedule = daily({ crossRegionCopies: [{ region: "us-west-2", retain: WEST_COPY.retain, encrypted: false, allowUnencryptedCopies: true }] });
    // then the schedule is made (the rendering is covered by the conformance suite)
    expect(schedule.props.crossRegionCopies?.[0].encrypted).toBe(false);
  });

  test("refuses an alias", () => {
    const alias = "arn:aws:kms:us-west-2:111111111111:alias/dr";
    const message = errorOf(() => daily({ crossRegionCopies: [{ ...WEST_COPY, encryptionKey: alias }] }));
    expect(message).toContain(`crossRegionCopies[0].encryptionKey = "${alias}": AWS rejects anything but a KMS key ARN`);
    expect(message).toContain("aliases and bare key IDs are not accepted");
  });

  test("refuses a key of another Region", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ ...WEST_COPY, encryptionKey: EAST_KEY }] }));
    expect(message).toContain(
      `crossRegionCopies[0].encryptionKey = "${EAST_KEY}": AWS rejects a copy key outside the target Region: this is a key of us-east-1, but the copy goes to us-west-2`,
    );
  });

  test("refuses a copy without a key", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ region: "us-west-2", retain: Retention.days(7) } as never] }));
    expect(message).toContain(
      'crossRegionCopies[0].encryptionKey = (not set): copies into other Regions and accounts need a customer-managed key of the target Region (this project\'s secure default "encrypted-copies"',
    );
  });

  test("refuses an AWS-managed key", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ ...WEST_COPY, encryptionKey: BackupKey.awsManaged(WEST_KEY) }] }));
    expect(message).toContain("crossRegionCopies[0].encryptionKey");
    expect(message).toContain("must be a customer-managed key");
  });

  test("an event-based copy refuses an alias", () => {
    const alias = "arn:aws:kms:us-west-2:111111111111:alias/dr";
    const message = crossAccountPolicy({ actions: [{ copies: [{ ...WEST_COPY, encryptionKey: alias }] }] });
    expect(message).toContain(`actions[0].copies[0].encryptionKey = "${alias}": AWS rejects anything but a KMS key ARN`);
  });

  test("an event-based copy refuses a key of another Region", () => {
    const message = crossAccountPolicy({ actions: [{ copies: [{ ...WEST_COPY, encryptionKey: EAST_KEY }] }] });
    expect(message).toContain(
      `actions[0].copies[0].encryptionKey = "${EAST_KEY}": AWS rejects a copy key outside the target Region: this is a key of us-east-1, but the copy goes to us-west-2`,
    );
  });
});

describe("deprecate rule only on AMI policies; no_reboot only on AMI policies; exclude_boot_volume only on INSTANCE snapshot policies", () => {
  test("a snapshot policy refuses a deprecate rule", () => {
    const message = snapshotPolicy({ schedules: [daily({ deprecate: { age: Retention.days(3) } })] });
    expect(message).toContain(
      'schedules[0].deprecate = "3 days": the AWS provider ignores deprecate rules on snapshot policies: they apply only to AMI policies',
    );
  });

  test("a snapshot policy refuses deprecation of copies", () => {
    const message = snapshotPolicy({ schedules: [daily({ crossRegionCopies: [{ ...WEST_COPY, deprecateAfter: Retention.days(3) }] })] });
    expect(message).toContain(
      'schedules[0].crossRegionCopies[0].deprecateAfter = "3 days": AWS rejects deprecation of copies on snapshot policies: it applies only to AMI policies',
    );
  });

  test("a snapshot policy refuses no_reboot", () => {
    const message = snapshotPolicy({ noReboot: true } as never);
    expect(message).toContain("test/Policy: noReboot = true: the AWS provider ignores no_reboot on snapshot policies: it applies only to AMI policies");
  });

  test("a VOLUME snapshot policy refuses exclude_boot_volume", () => {
    const message = snapshotPolicy({ excludeBootVolume: true });
    expect(message).toContain(
      "excludeBootVolume = true: the AWS provider ignores exclude_boot_volume on snapshot policies that target VOLUME: it applies only to those that target INSTANCE",
    );
  });

  test("an AMI policy refuses exclude_boot_volume", () => {
    const message = amiPolicy({ excludeBootVolume: true } as never);
    expect(message).toContain(
      "excludeBootVolume = true: the AWS provider ignores exclude_boot_volume on AMI policies: it applies only to snapshot policies that target INSTANCE",
    );
  });
});

describe("IMAGE_MANAGEMENT policies target INSTANCE; snapshot policies VOLUME or INSTANCE; target tags required", () => {
  test("an AMI policy refuses VOLUME", () => {
    expect(amiPolicy({ resourceType: "VOLUME" } as never)).toContain(
      'resourceType = "VOLUME": AWS rejects IMAGE_MANAGEMENT (AMI) policies that target anything but INSTANCE',
    );
  });

  test("a snapshot policy refuses another resource type", () => {
    expect(snapshotPolicy({ resourceType: "IMAGE" } as never)).toContain(
      'resourceType = "IMAGE": AWS rejects snapshot policies that target anything but VOLUME or INSTANCE',
    );
  });

  test("a snapshot policy refuses empty target tags", () => {
    expect(snapshotPolicy({ targetTags: {} })).toContain(
      "targetTags = {}: AWS rejects custom policies without target tags: the policy acts on resources that carry any of them",
    );
  });

  test("an AMI policy refuses missing target tags", () => {
    expect(amiPolicy({ targetTags: undefined } as never)).toContain(
      "targetTags = (not set): AWS rejects custom policies without target tags: the policy acts on resources that carry any of them",
    );
  });
});

describe("event-based policy: exactly one action, at most 3 copies, at most 50 twelve-digit snapshot owners", () => {
  test("refuses two actions", () => {
    expect(crossAccountPolicy({ actions: [{ copies: [WEST_COPY] }, { copies: [WEST_COPY] }] })).toContain(
      "actions = 2: AWS rejects event-based policies without exactly one action: this one has 2",
    );
  });

  test("refuses no action", () => {
    expect(crossAccountPolicy({ actions: [] })).toContain("actions = 0: AWS rejects event-based policies without exactly one action: this one has 0");
  });

  test("refuses four copies", () => {
    const regions = ["us-west-1", "us-west-2", "eu-west-1", "eu-central-1"];
    const copies = regions.map((region) => ({
      region,
      encryptionKey: `arn:aws:kms:${region}:111111111111:key/0b2e7a5c-3f1d-4b6e-9a8c-1d2e3f4a5b6c`,
      retain: Retention.days(7),
    }));
    expect(crossAccountPolicy({ actions: [{ copies }] })).toContain(
      `actions[0].copies = ${JSON.stringify(regions)}: AWS rejects actions without 1 to 3 cross-Region copies: this one has 4`,
    );
  });

  test("refuses 51 snapshot owners", () => {
    const owners = Array.from({ length: 51 }, (_, i) => String(300000000000 + i));
    expect(crossAccountPolicy({ sourceAccountIds: owners })).toContain("AWS rejects event-based policies without 1 to 50 snapshot owners: this one has 51");
  });

  test("refuses an owner that is not a 12-digit account ID", () => {
    expect(crossAccountPolicy({ sourceAccountIds: ["12345"] })).toContain('sourceAccountIds[0] = "12345": AWS rejects account IDs other than 12 digits');
  });
});

describe("fast snapshot restore: 1 to 10 Availability Zones, count 1-1000", () => {
  const azs = (n: number) => Array.from({ length: n }, (_, i) => `us-east-1${"abcdefghijkl"[i]}`);

  test("refuses no Availability Zone", () => {
    expect(errorOf(() => daily({ fastRestore: { availabilityZones: [], count: 1 } }))).toContain(
      "fastRestore.availabilityZones = []: AWS rejects fast snapshot restore without 1 to 10 Availability Zones: this one names 0",
    );
  });

  test("refuses 11 Availability Zones", () => {
    expect(errorOf(() => daily({ fastRestore: { availabilityZones: azs(11), count: 1 } }))).toContain(
      "AWS rejects fast snapshot restore without 1 to 10 Availability Zones: this one names 11",
    );
  });

  test("refuses a count of 1001", () => {
    expect(errorOf(() => daily({ fastRestore: { availabilityZones: azs(1), count: 1001 } }))).toContain(
      "fastRestore.count = 1001: AWS rejects anything but a whole number from 1 to 1000",
    );
  });

  test("refuses a Region name in place of an Availability Zone", () => {
    expect(errorOf(() => daily({ fastRestore: { availabilityZones: ["us-east-1"], count: 1 } }))).toContain(
      'fastRestore.availabilityZones[0] = "us-east-1": AWS rejects Availability Zones other than names such as us-east-1a',
    );
  });
});

describe("share rule: target accounts are 12-digit IDs; unshare interval positive", () => {
  test("refuses an account ID that is not 12 digits", () => {
    expect(errorOf(() => daily({ share: { accountIds: ["2222"] } }))).toContain('share.accountIds[0] = "2222": AWS rejects account IDs other than 12 digits');
  });

  test("refuses an unshare interval of zero", () => {
    const zero = { amount: 0, unit: "DAYS" } as unknown as Retention;
    expect(errorOf(() => daily({ share: { accountIds: ["222222222222"], unshareAfter: zero } }))).toContain(
      'share.unshareAfter = {"amount":0,"unit":"DAYS"}: AWS rejects unshare intervals that are not positive',
    );
  });

  test("a zero Retention cannot even be made", () => {
    expect(errorOf(() => Retention.days(0))).toContain("amount = 0: this library needs a whole number of at least 1");
  });

  test("refuses a share rule without accounts", () => {
    expect(errorOf(() => daily({ share: { accountIds: [] } }))).toContain("share.accountIds = []: AWS rejects a share rule without target accounts");
  });
});

describe("archive rule: only snapshot policies on VOLUME; creation every 28 days or less often; archive retention at least 90 days", () => {
  const monthly = (overrides = {}) =>
    new DlmSchedule({ name: "monthly", create: DlmCreateRule.cron("cron(0 4 1 * ? *)"), retain: DlmRetainRule.count(3), archive: { count: 12 }, ...overrides });

  test("an INSTANCE snapshot policy refuses an archive rule", () => {
    expect(snapshotPolicy({ resourceType: "INSTANCE", schedules: [monthly()] })).toContain(
      "schedules[0].archive = 12: AWS rejects archive rules on policies other than snapshot policies that target VOLUME",
    );
  });

  test("an AMI policy refuses an archive rule", () => {
    expect(amiPolicy({ schedules: [monthly()] })).toContain(
      "schedules[0].archive = 12: AWS rejects archive rules on policies other than snapshot policies that target VOLUME",
    );
  });

  test("refuses archiving a daily schedule", () => {
    const message = errorOf(() => daily({ retain: DlmRetainRule.count(3), archive: { count: 100 } }));
    expect(message).toContain(
      'archive = "every 24h from 03:00 UTC": AWS rejects archiving from schedules that create more often than every 28 days: this one fires every 1.00 days at times',
    );
  });

  test("refuses an archive count that keeps snapshots archived under 90 days", () => {
    const message = errorOf(() => monthly({ archive: { count: 2 } }));
    expect(message).toContain(
      "archive.count = 2: AWS rejects archive-tier retentions shorter than 90 days: this keeps each snapshot about 60 days in the archive tier",
    );
  });

  test("refuses an archive age under 90 days", () => {
    const message = errorOf(() => monthly({ retain: DlmRetainRule.days(60), archive: { age: Retention.days(60) } }));
    expect(message).toContain('archive.age = "60 days": AWS rejects archive-tier retentions shorter than 90 days');
  });

  test("refuses an age-based archive rule on a count-based schedule", () => {
    const message = errorOf(() => monthly({ archive: { age: Retention.days(365) } }));
    expect(message).toContain("AWS rejects a count-based schedule archiving by age: it archives by count (archive.count)");
  });
});

describe("default policies: create interval 1-7 days, retain interval 2-14 days, at most 3 copy Regions", () => {
  function defaultPolicy(overrides: object): string {
    const { stack, roles } = stackWithRoles();
    return errorOf(() => DefaultPolicy.forVolumes(stack, "Policy", { executionRole: roles, ...overrides }));
  }

  test("refuses a create interval of 8 days", () => {
    expect(defaultPolicy({ createInterval: Duration.days(8), retainInterval: Retention.days(14) })).toContain(
      'createInterval = "8 days": AWS rejects default policy create intervals outside 1 to 7 days',
    );
  });

  test("refuses a create interval of 0 days", () => {
    expect(defaultPolicy({ createInterval: Duration.days(0) })).toContain(
      'createInterval = "0 days": AWS rejects default policy create intervals outside 1 to 7 days',
    );
  });

  test("refuses a create interval that is not a whole number of days", () => {
    expect(defaultPolicy({ createInterval: Duration.hours(36) })).toContain(
      'createInterval = "36 hours": AWS rejects windows other than whole days here (A DLM default policy counts this window in days)',
    );
  });

  test("refuses a retain interval of 1 day", () => {
    expect(defaultPolicy({ retainInterval: Retention.days(1) })).toContain(
      'retainInterval = "1 days": AWS rejects default policy retain intervals outside 2 to 14 days',
    );
  });

  test("refuses a retain interval of 15 days", () => {
    expect(defaultPolicy({ retainInterval: Retention.days(15) })).toContain(
      'retainInterval = "15 days": AWS rejects default policy retain intervals outside 2 to 14 days',
    );
  });

  test("takes a retain interval of 2 weeks as 14 days", () => {
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forVolumes(stack, "Policy", { executionRole: roles, retainInterval: Retention.weeks(2) });
    expect(onlyPolicy(stack, "Policy").policy_details.retain_interval).toBe(14);
  });

  test("refuses four copy Regions", () => {
    expect(defaultPolicy({ copyRegions: ["us-west-1", "us-west-2", "eu-west-1", "eu-central-1"] })).toContain(
      "AWS rejects default policies that copy to more than 3 Regions: this one names 4",
    );
  });

  test("refuses copy Regions the AWS provider cannot deploy", () => {
    const message = defaultPolicy({ copyRegions: ["us-west-2"] });
    expect(message).toContain(
      'copyRegions = ["us-west-2"]: the AWS provider rejects a default policy\'s cross-Region copy targets (CrossRegionCopyTargets): version 6.25.0 has no argument for them, so Terraform cannot deploy them',
    );
    expect(message).toContain("Fix: copy with a custom SnapshotPolicy schedule");
  });
});

describe("description matches ^[0-9A-Za-z _-]+$, 1-500 characters", () => {
  test("refuses punctuation", () => {
    expect(snapshotPolicy({ description: "Daily snapshots!" })).toContain(
      'description = "Daily snapshots!": AWS rejects descriptions with characters other than letters, digits, spaces, _ and',
    );
  });

  test("refuses an empty description", () => {
    expect(snapshotPolicy({ description: "" })).toContain('description = "": this library needs a value here');
  });

  test("refuses 501 characters", () => {
    const description = "d".repeat(501);
    expect(amiPolicy({ description })).toContain("AWS rejects descriptions that are not 1-500 characters long");
  });
});

describe("execution role: AMI policies need the AMI-management managed policy, snapshot policies the snapshot one", () => {
  test("a snapshot policy refuses the AMI role", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(
      () =>
        new SnapshotPolicy(stack, "Policy", {
          description: "d",
          executionRole: roles.amiRole,
          resourceType: "VOLUME",
          targetTags: { B: "1" },
          schedules: [daily()],
        }),
    );
    expect(message).toContain(
      'executionRole = "DlmServiceRoles.amiRole": this library rejects the role for AMI policies here: this policy needs the role with service-role/AWSDataLifecycleManagerServiceRole',
    );
    expect(message).toContain("Fix: use DlmServiceRoles.snapshotRole");
  });

  test("an AMI policy refuses the snapshot role", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(
      () => new AmiPolicy(stack, "Policy", { description: "d", executionRole: roles.snapshotRole, targetTags: { B: "1" }, schedules: [daily()] }),
    );
    expect(message).toContain(
      'executionRole = "DlmServiceRoles.snapshotRole": this library rejects the role for snapshot policies here: this policy needs the role with service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement',
    );
  });

  test("a cross-account copy policy refuses a role imported for AMIs", () => {
    const amiRole = "arn:aws:iam::111111111111:role/dlm-amis";
    const { stack } = stackWithRoles();
    const message = errorOf(
      () =>
        new CrossAccountCopyPolicy(stack, "Policy", {
          description: "d",
          executionRole: DlmServiceRoles.amiRoleFromArn(amiRole),
          sourceAccountIds: ["333333333333"],
          actions: [{ copies: [WEST_COPY] }],
        }),
    );
    expect(message).toContain(`executionRole = "${amiRole}": this library rejects the role for AMI policies here`);
  });

  test("refuses a role ARN that is not an IAM role ARN", () => {
    expect(snapshotPolicy({ executionRole: "dlm-role" })).toContain(
      'executionRole = "dlm-role": AWS rejects anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here',
    );
  });
});
