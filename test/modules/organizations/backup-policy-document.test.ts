import { Duration, Retention } from "../../../modules/core";
import { DeprecatedPropUse } from "../../../modules/core/private/deprecation";
import { BackupPolicyPlan, BackupPolicyRule } from "../../../modules/organizations";
import { BACKUP_POLICY_MAX_CHARACTERS, buildBackupPolicyDocument } from "../../../modules/organizations/private/backup-policy-document";
import { errorOf } from "../../helpers";

const CENTRAL_VAULT = "arn:aws:backup:us-east-1:222222222222:backup-vault:central";

/** A valid daily rule kept 35 days. */
function rule(overrides: Partial<BackupPolicyRule> = {}): BackupPolicyRule {
  return { name: "daily", schedule: "cron(0 5 ? * * *)", targetVaultName: "local", deleteAfter: Retention.days(35), ...overrides };
}

/** A valid plan with one rule. */
function plan(overrides: Partial<BackupPolicyPlan> = {}): BackupPolicyPlan {
  return {
    name: "org-standard",
    regions: ["us-east-1"],
    rules: [rule()],
    selectionTag: { key: "backup", values: ["standard"] },
    roleName: "BackupService",
    ...overrides,
  };
}

/** The document of one plan, the plan's part of it, and its one rule. */
function build(p: BackupPolicyPlan = plan()): { doc: any; plan: any; rule: any } {
  const doc: any = buildBackupPolicyDocument([p]);
  const planDoc = doc.plans[p.name];
  return { doc, plan: planDoc, rule: planDoc.rules[p.rules[0].name] };
}

describe("backup policy document: @@assign syntax", () => {
  test("writes every value of a plan through @@assign, numbers as strings", () => {
    // given / when
    const { doc } = build(plan({ rules: [rule({ startWindow: Duration.hours(2), completionWindow: Duration.hours(8) })] }));
    // then
    expect(doc).toEqual({
      plans: {
        "org-standard": {
          regions: { "@@assign": ["us-east-1"] },
          rules: {
            daily: {
              schedule_expression: { "@@assign": "cron(0 5 ? * * *)" },
              start_backup_window_minutes: { "@@assign": "120" },
              complete_backup_window_minutes: { "@@assign": "480" },
              target_backup_vault_name: { "@@assign": "local" },
              lifecycle: { delete_after_days: { "@@assign": "35" } },
            },
          },
          selections: {
            tags: {
              backup: {
                iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/BackupService" },
                tag_key: { "@@assign": "backup" },
                tag_value: { "@@assign": ["standard"] },
              },
            },
          },
        },
      },
    });
  });

  test("uses the AWS defaults for windows when none are given: 60 and 1440 minutes", () => {
    const { rule: r } = build();
    expect([r.start_backup_window_minutes, r.complete_backup_window_minutes]).toEqual([{ "@@assign": "60" }, { "@@assign": "1440" }]);
  });

  test("writes no lifecycle for a rule that keeps recovery points forever", () => {
    expect(build(plan({ rules: [rule({ deleteAfter: undefined })] })).rule.lifecycle).toBeUndefined();
  });

  test("writes Windows VSS as an advanced backup setting for EC2", () => {
    expect(build(plan({ windowsVss: true })).plan.advanced_backup_settings).toEqual({ ec2: { windows_vss: { "@@assign": "enabled" } } });
  });

  test("names the tag selection by a key the syntax accepts", () => {
    const { plan: p } = build(plan({ selectionTag: { key: "team:backup/tier", values: ["gold", "silver"] } }));
    expect(Object.keys(p.selections.tags)).toEqual(["team_backup_tier"]);
    expect(p.selections.tags.team_backup_tier.tag_value).toEqual({ "@@assign": ["gold", "silver"] });
  });

  test("keys plans by name, one entry per plan", () => {
    const doc: any = buildBackupPolicyDocument([plan(), plan({ name: "org-gold" })]);
    expect(Object.keys(doc.plans)).toEqual(["org-standard", "org-gold"]);
  });
});

describe("backup policy document: regions", () => {
  test("lists every region the plan runs in", () => {
    expect(build(plan({ regions: ["us-east-1", "eu-west-1"] })).plan.regions).toEqual({ "@@assign": ["us-east-1", "eu-west-1"] });
  });

  test("refuses a name that is not an AWS region", () => {
    expect(errorOf(() => build(plan({ regions: ["us-east-1", "mars-north-1"] })))).toContain(
      'BackupPolicy: plans[0].regions[1] = "mars-north-1": AWS rejects region names it has not published',
    );
  });

  test("refuses a plan without regions", () => {
    expect(errorOf(() => build(plan({ regions: [] })))).toContain("plans[0].regions = []: AWS rejects a plan without regions");
  });
});

describe("backup policy document: the IAM role, in every receiving account", () => {
  test("names the role through $account, at its path", () => {
    const { plan: p } = build(plan({ roleName: "AWSBackupDefaultServiceRole", rolePath: "/service-role/" }));
    expect(p.selections.tags.backup.iam_role_arn).toEqual({ "@@assign": "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole" });
  });

  test("uses the plan's partition", () => {
    const { plan: p } = build(plan({ partition: "aws-us-gov" }));
    expect(p.selections.tags.backup.iam_role_arn).toEqual({ "@@assign": "arn:aws-us-gov:iam::$account:role/BackupService" });
  });

  test("refuses a path that does not start and end with a slash", () => {
    expect(errorOf(() => build(plan({ rolePath: "service-role" })))).toContain(
      'plans[0].rolePath = "service-role": AWS rejects role paths that do not start and end with "/", e.g. "/service-role/"',
    );
  });

  test("refuses a role ARN where the role name belongs", () => {
    expect(errorOf(() => build(plan({ roleName: "arn:aws:iam::111111111111:role/BackupService" })))).toContain(
      'plans[0].roleName = "arn:aws:iam::111111111111:role/BackupService": AWS rejects role names other than 1-64 letters, digits and + = , . @ _ - (a name, not an ARN)',
    );
  });
});

describe("backup policy document: copy actions", () => {
  test("copies into each receiving account's own vault through $account, and into a central vault by its ARN", () => {
    // given
    const own = "arn:aws:backup:us-west-2:$account:backup-vault:local";
    // when
    const { rule: r } = build(
      plan({
        rules: [
          rule({
            copyActions: [
              { targetVaultArn: own, deleteAfter: Retention.days(35) },
              { targetVaultArn: CENTRAL_VAULT, coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(120) },
            ],
          }),
        ],
      }),
    );
    // then
    expect(r.copy_actions).toEqual({
      [own]: { target_backup_vault_arn: { "@@assign": own }, lifecycle: { delete_after_days: { "@@assign": "35" } } },
      [CENTRAL_VAULT]: {
        target_backup_vault_arn: { "@@assign": CENTRAL_VAULT },
        lifecycle: { move_to_cold_storage_after_days: { "@@assign": "30" }, delete_after_days: { "@@assign": "120" } },
      },
    });
  });

  test("refuses a copy target that is not a backup-vault ARN", () => {
    const bad = "arn:aws:backup:us-west-2:$account:vault/local";
    expect(errorOf(() => build(plan({ rules: [rule({ copyActions: [{ targetVaultArn: bad }] })] })))).toContain(
      `plans[0].rules[0].copyActions[0].targetVaultArn = "${bad}": AWS rejects anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account or $account>:backup-vault:<name> here`,
    );
  });

  test("writes no lifecycle for a copy that keeps the source's", () => {
    const { rule: r } = build(plan({ rules: [rule({ copyActions: [{ targetVaultArn: CENTRAL_VAULT }] })] }));
    expect(r.copy_actions[CENTRAL_VAULT]).toEqual({ target_backup_vault_arn: { "@@assign": CENTRAL_VAULT } });
  });
});

describe("backup policy document: lifecycles", () => {
  test("accepts deletion exactly 90 days after the move to cold storage", () => {
    const { rule: r } = build(plan({ rules: [rule({ coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(120) })] }));
    expect(r.lifecycle).toEqual({ move_to_cold_storage_after_days: { "@@assign": "30" }, delete_after_days: { "@@assign": "120" } });
  });

  test("refuses deletion less than 90 days after the move to cold storage", () => {
    const msg = errorOf(() => build(plan({ rules: [rule({ coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(119) })] })));
    expect(msg).toContain(
      'plans[0].rules[0].deleteAfter = "119 days": AWS rejects a deletion earlier than coldStorageAfter + 90 days (120): recovery points stay in cold storage at least 90 days',
    );
  });

  test("refuses the same for a copy action", () => {
    const msg = errorOf(() =>
      build(
        plan({ rules: [rule({ copyActions: [{ targetVaultArn: CENTRAL_VAULT, coldStorageAfter: Retention.days(10), deleteAfter: Retention.days(60) }] })] }),
      ),
    );
    expect(msg).toContain(
      'plans[0].rules[0].copyActions[0].deleteAfter = "60 days": AWS rejects a deletion earlier than coldStorageAfter + 90 days (100): recovery points stay in cold storage at least 90 days',
    );
  });

  test("refuses a retention above 36500 days", () => {
    expect(errorOf(() => build(plan({ rules: [rule({ deleteAfter: Retention.days(36501) })] })))).toContain(
      'plans[0].rules[0].deleteAfter = "36501 days": AWS rejects retentions outside 1 to 36500 days',
    );
  });

  test("writes weeks as days and refuses months: AWS Backup counts days", () => {
    expect(build(plan({ rules: [rule({ deleteAfter: Retention.weeks(5) })] })).rule.lifecycle).toEqual({ delete_after_days: { "@@assign": "35" } });
    expect(errorOf(() => build(plan({ rules: [rule({ deleteAfter: Retention.months(1) })] })))).toContain(
      'plans[0].rules[0].deleteAfter = "1 months": AWS rejects retentions other than whole days here (AWS Backup counts retention in days, and months have no fixed number of days)',
    );
  });
});

describe("backup policy document: windows", () => {
  test("refuses a start window under 60 minutes", () => {
    expect(errorOf(() => build(plan({ rules: [rule({ startWindow: Duration.minutes(30) })] })))).toContain(
      'plans[0].rules[0].startWindow = "30 minutes": AWS rejects start windows shorter than 60 minutes',
    );
  });

  test("refuses a completion window not longer than the start window", () => {
    const msg = errorOf(() => build(plan({ rules: [rule({ startWindow: Duration.hours(2), completionWindow: Duration.minutes(120) })] })));
    expect(msg).toContain('plans[0].rules[0].completionWindow = "120 minutes": AWS rejects a completion window not longer than the start window (120 minutes)');
  });
});

describe("backup policy document: continuous backup", () => {
  const continuous = (overrides: Partial<BackupPolicyRule>) => plan({ rules: [rule({ name: "continuous", continuousBackup: true, ...overrides })] });

  test("turns on continuous backup through @@assign", () => {
    const { rule: r } = build(continuous({ deleteAfter: Retention.days(35) }));
    expect(r.enable_continuous_backup).toEqual({ "@@assign": true });
    expect(r.lifecycle).toEqual({ delete_after_days: { "@@assign": "35" } });
  });

  test("refuses a retention over 35 days", () => {
    expect(errorOf(() => build(continuous({ deleteAfter: Retention.days(36) })))).toContain(
      'plans[0].rules[0].deleteAfter = "36 days": AWS rejects continuous backups kept outside 1 to 35 days',
    );
  });

  test("refuses continuous backup without a retention", () => {
    expect(errorOf(() => build(continuous({ deleteAfter: undefined })))).toContain(
      "plans[0].rules[0].deleteAfter = (not set): AWS rejects continuous backups kept outside 1 to 35 days",
    );
  });

  test("refuses cold storage", () => {
    expect(errorOf(() => build(continuous({ coldStorageAfter: Retention.days(1), deleteAfter: Retention.days(35) })))).toContain(
      'plans[0].rules[0].coldStorageAfter = "1 days": AWS rejects continuous backups moving to cold storage',
    );
  });
});

describe("backup policy document: names, schedules and size", () => {
  test("refuses no plans", () => {
    expect(errorOf(() => buildBackupPolicyDocument([]))).toContain("plans = []: this library needs at least one plan in a backup policy");
  });

  test("refuses a plan without rules", () => {
    expect(errorOf(() => build(plan({ rules: [] })))).toContain("plans[0].rules = []: AWS rejects a plan without rules");
  });

  test("refuses two plans of the same name: duplicate JSON keys", () => {
    expect(errorOf(() => buildBackupPolicyDocument([plan(), plan()]))).toContain(
      'plans[1].name = "org-standard": AWS rejects two plans of one policy with the same name',
    );
  });

  test("refuses two rules of the same name in a plan", () => {
    expect(errorOf(() => build(plan({ rules: [rule(), rule()] })))).toContain(
      'plans[0].rules[1].name = "daily": AWS rejects two rules of one plan with the same name',
    );
  });

  test("refuses a schedule that is not AWS cron", () => {
    expect(errorOf(() => build(plan({ rules: [rule({ schedule: "0 5 * * *" })] })))).toContain('plans[0].rules[0].schedule = "0 5 * * *"');
  });

  test("refuses a vault name AWS does not accept", () => {
    expect(errorOf(() => build(plan({ rules: [rule({ targetVaultName: "my vault" })] })))).toContain(
      'plans[0].rules[0].targetVaultName = "my vault": AWS rejects vault names other than 2-50 letters, digits,',
    );
  });

  test(`refuses a document over ${BACKUP_POLICY_MAX_CHARACTERS} characters`, () => {
    const plans = Array.from({ length: 40 }, (_, i) => plan({ name: `plan-${i}`, regions: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1"] }));
    expect(errorOf(() => buildBackupPolicyDocument(plans))).toContain(
      `AWS rejects backup policy documents longer than ${BACKUP_POLICY_MAX_CHARACTERS} characters`,
    );
  });
});

describe("backup policy document: deprecated numeric props", () => {
  const OLD: BackupPolicyRule = {
    name: "daily",
    schedule: "cron(0 5 ? * * *)",
    targetVaultName: "local",
    startWindowMinutes: 120,
    completionWindowMinutes: 480,
    coldStorageAfterDays: 30,
    deleteAfterDays: 120,
    copyActions: [{ targetVaultArn: CENTRAL_VAULT, deleteAfterDays: 35, coldStorageAfterDays: undefined }],
  };
  const NEW: BackupPolicyRule = {
    name: "daily",
    schedule: "cron(0 5 ? * * *)",
    targetVaultName: "local",
    startWindow: Duration.hours(2),
    completionWindow: Duration.hours(8),
    coldStorageAfter: Retention.days(30),
    deleteAfter: Retention.days(120),
    copyActions: [{ targetVaultArn: CENTRAL_VAULT, deleteAfter: Retention.weeks(5) }],
  };

  test("build the same document as the value types", () => {
    expect(buildBackupPolicyDocument([plan({ rules: [OLD] })])).toEqual(buildBackupPolicyDocument([plan({ rules: [NEW] })]));
  });

  test("are reported to the caller, which warns about them", () => {
    // given
    const uses: DeprecatedPropUse[] = [];
    // when
    buildBackupPolicyDocument([plan({ rules: [OLD] })], "BackupPolicy", uses);
    // then
    expect(uses.map((u) => `${u.field} -> ${u.replacement}: ${u.example}`)).toEqual([
      "plans[0].rules[0].startWindowMinutes -> plans[0].rules[0].startWindow: Duration.minutes(120)",
      "plans[0].rules[0].completionWindowMinutes -> plans[0].rules[0].completionWindow: Duration.minutes(480)",
      "plans[0].rules[0].deleteAfterDays -> plans[0].rules[0].deleteAfter: Retention.days(120)",
      "plans[0].rules[0].coldStorageAfterDays -> plans[0].rules[0].coldStorageAfter: Retention.days(30)",
      "plans[0].rules[0].copyActions[0].deleteAfterDays -> plans[0].rules[0].copyActions[0].deleteAfter: Retention.days(35)",
    ]);
  });

  test("given together with the value type, are refused naming both fields", () => {
    const msg = errorOf(() => build(plan({ rules: [rule({ deleteAfter: Retention.days(35), deleteAfterDays: 35 })] })));
    expect(msg).toContain("plans[0].rules[0].deleteAfter = ");
    expect(msg).toContain("the deprecated plans[0].rules[0].deleteAfterDays, which it replaces, not both");
  });

  test("keep their names in messages", () => {
    expect(errorOf(() => build(plan({ rules: [rule({ deleteAfter: undefined, coldStorageAfterDays: 30, deleteAfterDays: 100 })] })))).toContain(
      "plans[0].rules[0].deleteAfterDays = 100: AWS rejects a deletion earlier than coldStorageAfterDays + 90 days (120): recovery points stay in cold storage at least 90 days",
    );
  });
});
