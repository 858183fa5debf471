import { Schedule } from "../../../modules/backup";
import { isIanaTimeZone } from "../../../modules/backup/schedule";
import { errorOf } from "../../helpers";

describe("Schedule presets", () => {
  test("hourly every 4 hours fires at minute 0 of every fourth hour with a 4-hour RPO", () => {
    // when
    const s = Schedule.hourly(4);
    // then
    expect(s.expression).toBe("cron(0 0/4 * * ? *)");
    expect(s.rpoMinutes()).toBe(240);
  });

  test("hourly every hour uses * for the hour", () => {
    expect(Schedule.hourly(1, 15).expression).toBe("cron(15 * * * ? *)");
  });

  test("hourly refuses an interval that does not divide a day", () => {
    // when
    const msg = errorOf(() => Schedule.hourly(5));
    // then
    expect(msg).toContain("everyHours = 5");
    expect(msg).toContain("this library needs one of 1, 2, 3, 4, 6, 8, 12 here (an interval that divides a day evenly)");
  });

  test("daily at 05:30 has a one-day RPO", () => {
    const s = Schedule.daily(5, 30);
    expect(s.expression).toBe("cron(30 5 * * ? *)");
    expect(s.rpoMinutes()).toBe(1440);
  });

  test("daily refuses hour 24", () => {
    const msg = errorOf(() => Schedule.daily(24));
    expect(msg).toContain("hour = 24");
    expect(msg).toContain("from 0 to 23");
  });

  test("daily refuses minute 60", () => {
    const msg = errorOf(() => Schedule.daily(5, 60));
    expect(msg).toContain("minute = 60");
    expect(msg).toContain("from 0 to 59");
  });

  test("weekly on Monday has a one-week RPO", () => {
    const s = Schedule.weekly("MON", 5);
    expect(s.expression).toBe("cron(0 5 ? * MON *)");
    expect(s.rpoMinutes()).toBe(7 * 1440);
  });

  test("weekly refuses a day that is not a day name", () => {
    const msg = errorOf(() => Schedule.weekly("MONDAY" as never, 5));
    expect(msg).toContain('day = "MONDAY"');
    expect(msg).toContain("this library needs one of SUN, MON, TUE, WED, THU, FRI, SAT");
  });

  test("monthly on the 1st has a worst-case RPO of 31 days", () => {
    const s = Schedule.monthly(1, 5);
    expect(s.expression).toBe("cron(0 5 1 * ? *)");
    expect(s.rpoMinutes()).toBe(31 * 1440);
  });

  test("monthly on the last day uses L", () => {
    expect(Schedule.monthly("L", 23).expression).toBe("cron(0 23 L * ? *)");
  });

  test("monthly refuses day 29, which some months lack", () => {
    const msg = errorOf(() => Schedule.monthly(29, 5));
    expect(msg).toContain("dayOfMonth = 29");
    expect(msg).toContain(
      'this library needs a day from 1 to 28 or "L" (the last day): days 29-31 do not occur in every month, so some months would have no backup',
    );
  });

  test("cron takes a written-out AWS expression", () => {
    expect(Schedule.cron("cron(0 5 ? * MON-FRI *)").expression).toBe("cron(0 5 ? * MON-FRI *)");
  });

  test("cron refuses an expression with five fields, through AwsCron", () => {
    const msg = errorOf(() => Schedule.cron("cron(0 5 * * ?)"));
    expect(msg).toContain('expression = "cron(0 5 * * ?)"');
    expect(msg).toContain("AWS rejects cron expressions without six fields inside cron(...): this one has 5");
  });

  test("expression builds from fields", () => {
    expect(Schedule.expression({ minute: 15, hour: 2 }).expression).toBe("cron(15 2 * * ? *)");
  });

  test("refuses a schedule that runs more often than hourly", () => {
    const msg = errorOf(() => Schedule.cron("cron(0/15 * * * ? *)"));
    expect(msg).toContain('expression = "cron(0/15 * * * ? *)"');
    expect(msg).toContain("AWS rejects schedules that run more often than every 60 minutes (AWS Backup): this one runs 15 minutes apart");
  });

  test("keeps an IANA timezone", () => {
    expect(Schedule.daily(3, 0, { timezone: "Europe/Berlin" }).timezone).toBe("Europe/Berlin");
  });

  test("accepts UTC as a timezone", () => {
    expect(Schedule.daily(3, 0, { timezone: "UTC" }).timezone).toBe("UTC");
  });

  test("refuses a timezone that is not an IANA name", () => {
    const msg = errorOf(() => Schedule.daily(3, 0, { timezone: "Mars/Olympus_Mons" }));
    expect(msg).toContain('timezone = "Mars/Olympus_Mons"');
    expect(msg).toContain("AWS rejects names that are not IANA time zone names");
  });

  test("refuses a UTC offset as a timezone", () => {
    expect(isIanaTimeZone("+01:00")).toBe(false);
  });
});
