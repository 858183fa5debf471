import { Testing } from "../../modules/core/cdktf";
import { BackupPlanExampleStack } from "../../examples/backup-plans";
import { synthJson } from "../helpers";

describe("backup plan example stack", () => {
  test("synthesizes to the reviewed snapshot", () => {
    const app = Testing.app();
    expect(Testing.synth(new BackupPlanExampleStack(app, "example-backup-plans"))).toMatchSnapshot();
  });

  test("passes every construct validation", () => {
    const stack = new BackupPlanExampleStack(Testing.app(), "example-backup-plans");
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("uses no data source that would call AWS", () => {
    expect(synthJson(new BackupPlanExampleStack(Testing.app(), "example-backup-plans")).data).toBeUndefined();
  });
});
