import { Lazy, disableCreationStacks, skipTokenCreationStacks } from "../../../modules/core/cdktf";

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

describe("disableCreationStacks on either core", () => {
  test("cdktn 0.24 shape: captureCreationStack is replaced and captureStackTrace kept for its other uses", () => {
    // given a module shaped like cdktn's tokens/private/stack-trace
    const original = () => ["frame"];
    const mod = { captureStackTrace: original, captureCreationStack: () => ["frame"] };
    // when
    const replaced = disableCreationStacks(mod);
    // then
    expect(replaced).toBe("captureCreationStack");
    expect(mod.captureCreationStack()).toEqual([]);
    expect(mod.captureStackTrace).toBe(original);
  });

  test("cdktf 0.21 shape: captureStackTrace is replaced", () => {
    const mod = { captureStackTrace: () => ["frame"] };
    expect(disableCreationStacks(mod)).toBe("captureStackTrace");
    expect(mod.captureStackTrace()).toEqual([]);
  });

  test("a core with neither function is an error, not a silent no-op", () => {
    expect(() => disableCreationStacks({})).toThrow(
      /captureCreationStack or captureStackTrace in the core library's tokens\/private\/stack-trace module, which has neither/,
    );
  });
});
