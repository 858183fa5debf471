import { Duration } from "../../../modules/core";
import { BackupKey, BackupKeyProps } from "../../../modules/kms";
import { errorOf, resources, testStack } from "../../helpers";
import { warningsIn } from "../warnings";

const base: BackupKeyProps = { env: { accountId: "111111111111", region: "us-east-1" } };

function keyOf(props: Partial<BackupKeyProps>) {
  const stack = testStack();
  const key = new BackupKey(stack, "Key", { ...base, ...props });
  return { key, resource: resources(stack, "aws_kms_key").Key };
}

describe("BackupKey deletion window", () => {
  test("is 30 days unless given", () => {
    expect(keyOf({}).resource.deletion_window_in_days).toBe(30);
  });

  test("takes a Duration of whole days", () => {
    expect(keyOf({ deletionWindow: Duration.days(7) }).resource.deletion_window_in_days).toBe(7);
  });

  test.each([
    [Duration.days(31), 'deletionWindow = "31 days": AWS rejects deletion windows outside 7 to 30 days'],
    [Duration.hours(200), 'deletionWindow = "200 hours": AWS rejects windows other than whole days here (KMS counts this window in days)'],
  ])("refuses %s", (window, message) => {
    expect(errorOf(() => keyOf({ deletionWindow: window }))).toContain(message);
  });

  test("still takes the deprecated day count, with the same output and a warning", () => {
    const { key, resource } = keyOf({ deletionWindowInDays: 10 });
    expect(resource.deletion_window_in_days).toBe(10);
    expect(warningsIn(key)).toEqual([
      "[test/Key] deletionWindowInDays = 10: deletionWindowInDays is deprecated and will be removed in the next minor version. Fix: use deletionWindow: Duration.days(10)",
    ]);
  });

  test("refuses both forms, naming both fields", () => {
    expect(errorOf(() => keyOf({ deletionWindow: Duration.days(10), deletionWindowInDays: 10 }))).toContain(
      "the deprecated deletionWindowInDays, which it replaces, not both",
    );
  });
});
