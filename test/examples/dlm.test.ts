import { Testing } from "../../modules/core/cdktf";
import { DlmAmiExampleStack, DlmCrossAccountExampleStack, DlmDefaultExampleStack, DlmSnapshotsExampleStack } from "../../examples/dlm";
import { buildExampleApp } from "../../examples/app";

describe("DLM example stacks", () => {
  test("example-dlm-snapshots synthesizes to the reviewed snapshot", () => {
    expect(Testing.synth(new DlmSnapshotsExampleStack(Testing.app(), "example-dlm-snapshots"))).toMatchSnapshot();
  });

  test("example-dlm-ami synthesizes to the reviewed snapshot", () => {
    expect(Testing.synth(new DlmAmiExampleStack(Testing.app(), "example-dlm-ami"))).toMatchSnapshot();
  });

  test("example-dlm-cross-account synthesizes to the reviewed snapshot", () => {
    expect(Testing.synth(new DlmCrossAccountExampleStack(Testing.app(), "example-dlm-cross-account"))).toMatchSnapshot();
  });

  test("example-dlm-default synthesizes to the reviewed snapshot", () => {
    expect(Testing.synth(new DlmDefaultExampleStack(Testing.app(), "example-dlm-default"))).toMatchSnapshot();
  });

  test("the examples app holds the four DLM example stacks", () => {
    // given / when
    const app = buildExampleApp(Testing.app());
    // then
    const ids = app.node.children.map((c) => c.node.id);
    expect(ids).toEqual(expect.arrayContaining(["example-dlm-snapshots", "example-dlm-ami", "example-dlm-cross-account", "example-dlm-default"]));
  });

  test("the member stacks pin their own accounts and the central stack the central account", () => {
    const app = Testing.app();
    const stacks = [
      new DlmSnapshotsExampleStack(app, "s"),
      new DlmAmiExampleStack(app, "a"),
      new DlmCrossAccountExampleStack(app, "c"),
      new DlmDefaultExampleStack(app, "d"),
    ];
    const pinned = stacks.map((s) => JSON.parse(Testing.synth(s)).provider.aws.map((p: any) => p.allowed_account_ids[0]));
    expect(pinned).toEqual([["333333333333", "333333333333"], ["333333333333", "333333333333"], ["222222222222", "222222222222"], ["444444444444"]]);
  });
});
