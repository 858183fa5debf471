import { Duration, Retention, Validator, ValidationError } from "../../../modules/core";
import { durationIn } from "../../../modules/core/private/duration";
import { isUnresolved } from "../../../modules/core/private/errors";
import { retentionInDays } from "../../../modules/core/private/retention";
import { Token } from "../../../modules/core/cdktf";
import { errorOf } from "../../helpers";

/** A number that stands for a Terraform value known only at plan time. */
const tokenNumber = () => Token.asNumber("${var.days}");

/** The message of the problems a validator collected, or "" when it has none. */
function problemsOf(v: Validator): string {
  try {
    v.throwIfAny();
    return "";
  } catch (e) {
    return (e as ValidationError).message;
  }
}

describe("Retention", () => {
  test.each([
    [() => Retention.days(0), "Retention.days: amount = 0: this library needs a whole number of at least 1"],
    [() => Retention.weeks(1.5), "Retention.weeks: amount = 1.5: this library needs a whole number of at least 1"],
    [() => Retention.months(-1), "Retention.months: amount = -1: this library needs a whole number of at least 1"],
    [() => Retention.of(3, "FORTNIGHTS" as never), 'Retention.of: unit = "FORTNIGHTS": this library needs one of DAYS, WEEKS, MONTHS, YEARS'],
  ])("refuses a bad literal where it is made, naming the factory, the field, the value and the rule (%#)", (make, message) => {
    expect(errorOf(make)).toBe(message);
  });

  test("keeps its unit: DLM renders the amount and unit as given", () => {
    const r = Retention.months(6);
    expect([r.amount, r.unit]).toEqual([6, "MONTHS"]);
  });

  test.each([
    [Retention.days(35), 35],
    [Retention.weeks(13), 91],
    [Retention.months(1), undefined],
    [Retention.years(1), undefined],
  ])("%s is %s exact days: only days and weeks have a fixed number of days", (r, days) => {
    expect(r.exactDays()).toBe(days);
  });

  test("counts months as 30 days and years as 365 for comparisons with day limits", () => {
    expect([Retention.months(2).toDays(), Retention.years(1).toDays()]).toEqual([60, 365]);
  });

  test("shows as text in error messages", () => {
    expect(JSON.stringify({ kept: Retention.days(7) })).toBe('{"kept":"7 days"}');
    expect(Retention.weeks(2).toCode()).toBe("Retention.weeks(2)");
  });

  test("made from a token, is not judged as a literal", () => {
    // given
    const amount = tokenNumber();
    // when
    const r = Retention.days(amount);
    // then
    expect(r.isUnresolved()).toBe(true);
    expect(isUnresolved(r)).toBe(true);
    expect(r.exactDays()).toBe(amount);
  });

  test("a token in weeks has no known number of days", () => {
    expect(Retention.weeks(tokenNumber()).exactDays()).toBeUndefined();
  });
});

describe("Duration", () => {
  test.each([
    [() => Duration.minutes(-1), "Duration.minutes: amount = -1: this library needs a whole number of at least 0"],
    [() => Duration.hours(1.5), "Duration.hours: amount = 1.5: this library needs a whole number of at least 0"],
    [() => Duration.of(1, "SECONDS" as never), 'Duration.of: unit = "SECONDS": this library needs one of MINUTES, HOURS, DAYS'],
  ])("refuses a bad literal where it is made (%#)", (make, message) => {
    expect(errorOf(make)).toBe(message);
  });

  test.each([
    [Duration.hours(8), "MINUTES", 480],
    [Duration.days(1), "HOURS", 24],
    [Duration.minutes(120), "HOURS", 2],
    [Duration.minutes(90), "HOURS", undefined],
    [Duration.hours(36), "DAYS", undefined],
    [Duration.hours(72), "DAYS", 3],
  ] as const)("%s in %s is %s: converted exactly or not at all", (d, unit, n) => {
    expect(d.in(unit)).toBe(n);
  });

  test("says one and many", () => {
    expect([String(Duration.hours(1)), String(Duration.minutes(60)), Duration.days(3).toCode()]).toEqual(["1 hour", "60 minutes", "Duration.days(3)"]);
  });

  test("made from a token, is not judged as a literal, and converts only to its own unit", () => {
    // given
    const amount = tokenNumber();
    // when
    const d = Duration.minutes(amount);
    // then
    expect(isUnresolved(d)).toBe(true);
    expect(d.toMinutes()).toBe(amount);
    expect(d.toHours()).toBeUndefined();
  });
});

describe("retentionInDays: for services that count retention in days", () => {
  test("gives the days of a retention in days or weeks", () => {
    const v = new Validator("here");
    expect([retentionInDays(v, "f", Retention.days(5)), retentionInDays(v, "f", Retention.weeks(2))]).toEqual([5, 14]);
    expect(v.ok).toBe(true);
  });

  test("refuses years, naming the field, the value and the fix", () => {
    const v = new Validator("here");
    expect(retentionInDays(v, "deleteAfter", Retention.years(2))).toBeUndefined();
    expect(problemsOf(v)).toBe(
      'here: deleteAfter = "2 years": AWS rejects retentions other than whole days here (AWS Backup counts retention in days, and years have no fixed number of days). Fix: give the days, e.g. Retention.days(730) if that is what you mean',
    );
  });

  test("refuses a token given in weeks: its days are unknown", () => {
    const v = new Validator("here");
    retentionInDays(v, "deleteAfter", Retention.weeks(tokenNumber()));
    expect(problemsOf(v)).toContain(
      'deleteAfter = "<token> weeks": this library needs a token amount given in days: AWS Backup counts retention in days, and a token cannot be converted before Terraform resolves it',
    );
  });

  test("refuses a plain number", () => {
    const v = new Validator("here");
    retentionInDays(v, "deleteAfter", 35);
    expect(problemsOf(v)).toBe("here: deleteAfter = 35: this library needs a Retention. Fix: e.g. Retention.days(35)");
  });
});

describe("durationIn: for fields that count in one unit", () => {
  test("refuses a window that is not a whole number of the unit", () => {
    const v = new Validator("here");
    expect(durationIn(v, "startWindow", Duration.minutes(90), "HOURS", "AWS Backup")).toBeUndefined();
    expect(problemsOf(v)).toBe(
      'here: startWindow = "90 minutes": AWS rejects windows other than whole hours here (AWS Backup counts this window in hours). Fix: give a whole number of hours, e.g. Duration.hours(n)',
    );
  });

  test("refuses a token given in another unit", () => {
    const v = new Validator("here");
    durationIn(v, "startWindow", Duration.hours(tokenNumber()), "MINUTES", "AWS Backup");
    expect(problemsOf(v)).toContain(
      "this library needs a token amount given in minutes: AWS Backup counts this window in minutes, and a token cannot be converted before Terraform resolves it",
    );
  });

  test("refuses a plain number", () => {
    const v = new Validator("here");
    durationIn(v, "startWindow", 60, "MINUTES");
    expect(problemsOf(v)).toBe("here: startWindow = 60: this library needs a Duration. Fix: e.g. Duration.minutes(1)");
  });
});
