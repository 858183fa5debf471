import { Duration, Retention } from "../../../modules/core";
import { App, Token } from "../../../modules/core/cdktf";
import { AccountStack } from "../../../stacks/account-stack";
import {
  BackupPlan,
  BackupRuleProps,
  BackupVault,
  BackupVaultProps,
  LogicallyAirGappedVault,
  RestoreTestingPlan,
  RestoreTestingPlanProps,
  RestoreTestingSelection,
  Schedule,
} from "../../../modules/backup";
import { errorOf, synthJson, synthToTemp, testStack } from "../../helpers";
import { manifestWarnings, warningsIn } from "../warnings";
import { ROLE_ARN, central, drVault, primary } from "./fixtures";

const vaultBase: BackupVaultProps = {
  vaultName: "primary",
  env: { accountId: "111111111111", region: "us-east-1" },
  accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/break-glass"] },
};

/** A rule written with the numeric props that are deprecated. */
const OLD_RULE: BackupRuleProps = {
  ruleName: "daily",
  targetVault: primary,
  schedule: Schedule.daily(5),
  startWindowMinutes: 120,
  completionWindowMinutes: 600,
  lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 120 },
  copyActions: [{ destination: drVault, lifecycle: { deleteAfterDays: 35 } }],
};
/** The same rule with value types. */
const NEW_RULE: BackupRuleProps = {
  ruleName: "daily",
  targetVault: primary,
  schedule: Schedule.daily(5),
  startWindow: Duration.hours(2),
  completionWindow: Duration.hours(10),
  lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(120) },
  copyActions: [{ destination: drVault, lifecycle: { deleteAfter: Retention.weeks(5) } }],
};

/** The resources a stack synthesizes. */
function resourcesOf(build: (stack: ReturnType<typeof testStack>) => void): unknown {
  const stack = testStack();
  build(stack);
  return synthJson(stack).resource;
}

describe("BackupPlan: deprecated numeric props", () => {
  test("synthesize the same plan as the value types", () => {
    // given / when
    const old = resourcesOf((s) => new BackupPlan(s, "Plan", { planName: "app", rules: [OLD_RULE] }));
    const current = resourcesOf((s) => new BackupPlan(s, "Plan", { planName: "app", rules: [NEW_RULE] }));
    // then
    expect(old).toEqual(current);
  });

  test("warn once per deprecated prop on the plan, naming the replacement, however many rules use it", () => {
    // given
    const stack = testStack();
    // when
    const plan = new BackupPlan(stack, "Plan", { planName: "app", rules: [OLD_RULE] });
    plan.addRule({ ...OLD_RULE, ruleName: "second" });
    // then
    expect(warningsIn(plan)).toEqual([
      "[test/Plan] rules[0].startWindowMinutes = 120: startWindowMinutes is deprecated and will be removed in the next minor version. Fix: use rules[0].startWindow: Duration.minutes(120)",
      "[test/Plan] rules[0].completionWindowMinutes = 600: completionWindowMinutes is deprecated and will be removed in the next minor version. Fix: use rules[0].completionWindow: Duration.minutes(600)",
      "[test/Plan] rules[0].lifecycle.deleteAfterDays = 120: deleteAfterDays is deprecated and will be removed in the next minor version. Fix: use rules[0].lifecycle.deleteAfter: Retention.days(120)",
      "[test/Plan] rules[0].lifecycle.coldStorageAfterDays = 30: coldStorageAfterDays is deprecated and will be removed in the next minor version. Fix: use rules[0].lifecycle.coldStorageAfter: Retention.days(30)",
    ]);
  });

  test("reach the synth manifest, which cdktf synth prints", () => {
    const out = synthToTemp(
      (app) => new BackupPlan(testStackIn(app), "Plan", { planName: "app", rules: [{ ...NEW_RULE, startWindowMinutes: 60, startWindow: undefined }] }),
    );
    expect(manifestWarnings(out)).toEqual([expect.stringContaining("rules[0].startWindowMinutes = 60: startWindowMinutes is deprecated")]);
  });

  test("value types alone give no warning", () => {
    const stack = testStack();
    new BackupPlan(stack, "Plan", { planName: "app", rules: [NEW_RULE] });
    expect(warningsIn(stack)).toEqual([]);
  });

  test.each([
    [{ startWindow: Duration.minutes(60), startWindowMinutes: 60 }, "rules[0].startWindow", "rules[0].startWindowMinutes"],
    [{ completionWindow: Duration.minutes(600), completionWindowMinutes: 600 }, "rules[0].completionWindow", "rules[0].completionWindowMinutes"],
    [{ lifecycle: { deleteAfter: Retention.days(35), deleteAfterDays: 35 } }, "rules[0].lifecycle.deleteAfter", "rules[0].lifecycle.deleteAfterDays"],
    [
      { lifecycle: { deleteAfter: Retention.days(200), coldStorageAfter: Retention.days(30), coldStorageAfterDays: 30 } },
      "rules[0].lifecycle.coldStorageAfter",
      "rules[0].lifecycle.coldStorageAfterDays",
    ],
    [
      { copyActions: [{ destination: drVault, lifecycle: { deleteAfter: Retention.days(7), deleteAfterDays: 7 } }] },
      "rules[0].copyActions[0].lifecycle.deleteAfter",
      "rules[0].copyActions[0].lifecycle.deleteAfterDays",
    ],
  ] as const)("refuse a prop given in both forms (%#), naming both fields", (props, field, oldField) => {
    const msg = errorOf(() => new BackupPlan(testStack(), "Plan", { planName: "app", rules: [{ ...NEW_RULE, ...props }] }));
    expect(msg).toContain(`${field} = `);
    expect(msg).toContain(`the deprecated ${oldField}, which it replaces, not both. Fix: remove ${oldField}`);
  });

  test("keep their own messages: a deprecated number is named as written", () => {
    const msg = errorOf(
      () =>
        new BackupPlan(testStack(), "Plan", {
          planName: "app",
          rules: [{ ...NEW_RULE, copyActions: [{ destination: central, lifecycle: { deleteAfterDays: 500 } }] }],
        }),
    );
    expect(msg).toContain(
      "rules[0].copyActions[0].lifecycle.deleteAfterDays = 500: AWS rejects copies kept 500 days in locked vault arn:aws:backup:us-east-1:222222222222:backup-vault:central, whose lock (central lock) accepts retentions of 7-400 days: every job would fail",
    );
    expect(msg).toContain("Fix: set deleteAfterDays to at most 400");
  });
});

describe("BackupPlan: retentions and windows that are tokens", () => {
  test("are written as Terraform references and not judged as literals", () => {
    // given
    const stack = testStack();
    const days = Token.asNumber("${var.retention_days}");
    const minutes = Token.asNumber("${var.start_minutes}");
    // when
    new BackupPlan(stack, "Plan", {
      planName: "app",
      rules: [
        {
          ...NEW_RULE,
          startWindow: Duration.minutes(minutes),
          lifecycle: { coldStorageAfter: Retention.days(days), deleteAfter: Retention.days(days) },
          copyActions: [{ destination: central }],
        },
      ],
    });
    // then
    const rule = synthJson(stack).resource.aws_backup_plan.Plan.rule[0];
    expect(rule.start_window).toBe("${var.start_minutes}");
    expect(rule.lifecycle).toEqual({ cold_storage_after: "${var.retention_days}", delete_after: "${var.retention_days}" });
  });

  test("a lock whose bounds are tokens is not compared with a literal retention", () => {
    // given
    const stack = testStack();
    const vault = new BackupVault(stack, "Vault", {
      ...vaultBase,
      lock: {
        mode: "governance",
        minRetention: Retention.days(Token.asNumber("${var.min_days}")),
        maxRetention: Retention.days(Token.asNumber("${var.max_days}")),
      },
    });
    // when / then
    expect(() => new BackupPlan(stack, "Plan", { planName: "app", rules: [{ ...NEW_RULE, targetVault: vault, copyActions: [] }] })).not.toThrow();
    expect(synthJson(stack).resource.aws_backup_vault_lock_configuration.Vault_Lock).toMatchObject({
      min_retention_days: "${var.min_days}",
      max_retention_days: "${var.max_days}",
    });
  });

  test("a token retention in weeks is refused: AWS Backup needs its days", () => {
    const msg = errorOf(
      () =>
        new BackupPlan(testStack(), "Plan", {
          planName: "app",
          rules: [{ ...NEW_RULE, lifecycle: { deleteAfter: Retention.weeks(Token.asNumber("${var.w}")) } }],
        }),
    );
    expect(msg).toContain(
      'rules[0].lifecycle.deleteAfter = "<token> weeks": this library needs a token amount given in days: AWS Backup counts retention in days, and a token cannot be converted before Terraform resolves it',
    );
  });
});

describe("VaultLock: deprecated numeric props", () => {
  const OLD_LOCK = { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 5, acknowledgeIrreversible: true } as const;
  const NEW_LOCK = {
    mode: "compliance",
    minRetention: Retention.days(7),
    maxRetention: Retention.days(400),
    changeableFor: Duration.days(5),
    acknowledgeIrreversible: true,
  } as const;

  test("synthesize the same lock as the value types", () => {
    const old = resourcesOf((s) => new BackupVault(s, "Vault", { ...vaultBase, lock: OLD_LOCK }));
    const current = resourcesOf((s) => new BackupVault(s, "Vault", { ...vaultBase, lock: NEW_LOCK }));
    expect(old).toEqual(current);
  });

  test("warn on the lock, once per deprecated prop", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...vaultBase, lock: OLD_LOCK });
    expect(warningsIn(stack)).toEqual([
      expect.stringContaining("[test/Vault/Lock] lock.minRetentionDays = 7: minRetentionDays is deprecated"),
      expect.stringContaining(
        "lock.maxRetentionDays = 400: maxRetentionDays is deprecated and will be removed in the next minor version. Fix: use lock.maxRetention: Retention.days(400)",
      ),
      expect.stringContaining(
        "lock.changeableForDays = 5: changeableForDays is deprecated and will be removed in the next minor version. Fix: use lock.changeableFor: Duration.days(5)",
      ),
    ]);
  });

  test("refuse a bound given in both forms, naming both fields", () => {
    const msg = errorOf(() => new BackupVault(testStack(), "Vault", { ...vaultBase, lock: { ...NEW_LOCK, minRetentionDays: 7 } }));
    expect(msg).toContain("lock.minRetention = ");
    expect(msg).toContain("this library needs one of minRetention and the deprecated lock.minRetentionDays");
  });
});

describe("LogicallyAirGappedVault: deprecated numeric props", () => {
  test("synthesize the same vault as the value types, with a warning per deprecated prop", () => {
    // given
    const stack = testStack();
    // when
    const old = new LogicallyAirGappedVault(stack, "AirGapped", { ...vaultBase, minRetentionDays: 7, maxRetentionDays: 91 });
    const current = resourcesOf(
      (s) => new LogicallyAirGappedVault(s, "AirGapped", { ...vaultBase, minRetention: Retention.days(7), maxRetention: Retention.weeks(13) }),
    );
    // then
    expect(synthJson(stack).resource).toEqual(current);
    expect(warningsIn(old).map((w) => w.replace(/^\[.*?\] /, ""))).toEqual([
      expect.stringMatching(/^minRetentionDays = 7: minRetentionDays is deprecated/),
      expect.stringMatching(/^maxRetentionDays = 91: maxRetentionDays is deprecated/),
    ]);
  });

  test("refuse both forms, naming both fields", () => {
    const msg = errorOf(
      () =>
        new LogicallyAirGappedVault(testStack(), "AirGapped", {
          ...vaultBase,
          minRetention: Retention.days(7),
          maxRetention: Retention.days(90),
          maxRetentionDays: 90,
        }),
    );
    expect(msg).toContain("maxRetention = ");
    expect(msg).toContain("this library needs one of maxRetention and the deprecated maxRetentionDays");
  });
});

describe("Restore testing: deprecated numeric props", () => {
  const base: RestoreTestingPlanProps = { planName: "weekly", schedule: Schedule.weekly("SAT", 6), recoveryPointSelection: { includeVaults: [primary] } };

  function build(s: ReturnType<typeof testStack>, old: boolean): void {
    const plan = new RestoreTestingPlan(s, "Test", {
      ...base,
      ...(old ? { startWindowHours: 12 } : { startWindow: Duration.hours(12) }),
      recoveryPointSelection: { includeVaults: [primary], ...(old ? { selectionWindowDays: 14 } : { selectionWindow: Duration.days(14) }) },
    });
    new RestoreTestingSelection(s, "Ebs", {
      selectionName: "ebs",
      plan,
      protectedResourceType: "EBS",
      role: ROLE_ARN,
      protectedResourceArns: ["*"],
      ...(old ? { validationWindowHours: 4 } : { validationWindow: Duration.hours(4) }),
    });
  }

  test("synthesize the same plan and selection as the value types", () => {
    expect(resourcesOf((s) => build(s, true))).toEqual(resourcesOf((s) => build(s, false)));
  });

  test("warn on the plan and on the selection", () => {
    const stack = testStack();
    build(stack, true);
    expect(warningsIn(stack)).toEqual([
      "[test/Test] startWindowHours = 12: startWindowHours is deprecated and will be removed in the next minor version. Fix: use startWindow: Duration.hours(12)",
      "[test/Test] recoveryPointSelection.selectionWindowDays = 14: selectionWindowDays is deprecated and will be removed in the next minor version. Fix: use recoveryPointSelection.selectionWindow: Duration.days(14)",
      "[test/Ebs] validationWindowHours = 4: validationWindowHours is deprecated and will be removed in the next minor version. Fix: use validationWindow: Duration.hours(4)",
    ]);
  });

  test("refuse both forms, naming both fields", () => {
    const msg = errorOf(() => new RestoreTestingPlan(testStack(), "Test", { ...base, startWindow: Duration.hours(1), startWindowHours: 1 }));
    expect(msg).toContain("startWindow = ");
    expect(msg).toContain("this library needs one of startWindow and the deprecated startWindowHours");
  });

  test("refuse a window that is not a whole number of hours", () => {
    const msg = errorOf(() => new RestoreTestingPlan(testStack(), "Test", { ...base, startWindow: Duration.minutes(90) }));
    expect(msg).toContain('startWindow = "90 minutes": AWS rejects windows other than whole hours here (AWS Backup counts this window in hours)');
  });
});

/** A test stack in an app that the caller synthesizes. */
function testStackIn(app: App): AccountStack {
  return new AccountStack(app, "test", {
    accountId: "111111111111",
    primaryRegion: "us-east-1",
    backend: { bucket: "test-state-bucket", region: "us-east-1" },
  });
}
