import { Lazy, skipTokenCreationStacks } from "../../../modules/core/cdktf";

describe("token creation stacks", () => {
  test("importing the library leaves creation stacks on: the app decides", () => {
    jest.isolateModules(() => {
      const { Lazy: FreshLazy } = require("../../../modules/core/cdktf") as typeof import("../../../modules/core/cdktf");
      expect(FreshLazy.anyValue({ produce: () => "value" }).creationStack.join("\n")).toContain("token-creation-stacks.test.ts");
    });
  });

  test("BACKUP_DR_TOKEN_STACKS=1 keeps them when the synth entry point asks to skip them", () => {
    jest.isolateModules(() => {
      const fresh = require("../../../modules/core/cdktf") as typeof import("../../../modules/core/cdktf");
      fresh.skipTokenCreationStacks({ BACKUP_DR_TOKEN_STACKS: "1" });
      expect(fresh.Lazy.anyValue({ produce: () => "value" }).creationStack.join("\n")).toContain("token-creation-stacks.test.ts");
    });
  });

  test("after skipTokenCreationStacks tokens record no creation stack", () => {
    skipTokenCreationStacks({});
    expect(Lazy.anyValue({ produce: () => "value" }).creationStack).toEqual([]);
  });
});
