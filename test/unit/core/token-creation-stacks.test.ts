import { Lazy } from "../../../modules/core/cdktf";

describe("token creation stacks", () => {
  test("tokens record no creation stack by default", () => {
    // given / when
    const token = Lazy.anyValue({ produce: () => "value" });

    // then
    expect(token.creationStack).toEqual([]);
  });

  test("BACKUP_DR_TOKEN_STACKS=1 brings back the creation stack, naming the code that made the token", () => {
    // given
    const previous = process.env.BACKUP_DR_TOKEN_STACKS;
    process.env.BACKUP_DR_TOKEN_STACKS = "1";
    try {
      jest.isolateModules(() => {
        // when
        const { Lazy: FreshLazy } = require("../../../modules/core/cdktf") as typeof import("../../../modules/core/cdktf");
        const token = FreshLazy.anyValue({ produce: () => "value" });

        // then
        expect(token.creationStack.join("\n")).toContain("token-creation-stacks.test.ts");
      });
    } finally {
      if (previous === undefined) delete process.env.BACKUP_DR_TOKEN_STACKS;
      else process.env.BACKUP_DR_TOKEN_STACKS = previous;
    }
  });
});
