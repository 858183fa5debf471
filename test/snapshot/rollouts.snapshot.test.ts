import { rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";

/**
 * The reference rollouts, stack by stack. A diff here is a question about Terraform state: see "Reading a snapshot
 * diff" in the README before updating (npx jest -u).
 */
describe.each(["default", "reference", "govcloud"] as const)("%s rollout", (name) => {
  const stacks = readStacks(synthRollout(rollout(rawRollout(name))));

  test.each(Object.keys(stacks))("stack %s matches its snapshot", (stack) => {
    expect(stacks[stack]).toMatchSnapshot();
  });
});
