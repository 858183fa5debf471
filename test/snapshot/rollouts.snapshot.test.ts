import { rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";
import { rawCloudRollout } from "../cloud-rollout";

/** A stack without the core library's version in its metadata: a move between cdktf and cdktn is not a state change. */
function withoutCoreVersion(stack: any): any {
  const { version: _version, ...metadata } = stack["//"]?.metadata ?? {};
  return stack["//"] ? { ...stack, "//": { ...stack["//"], metadata } } : stack;
}

/**
 * The reference rollouts, stack by stack. A diff here is a question about Terraform state: see "Reading a snapshot
 * diff" in the README before updating (npx jest -u).
 */
describe.each(["default", "reference", "govcloud"] as const)("%s rollout", (name) => {
  const stacks = readStacks(synthRollout(rollout(rawRollout(name))));

  test.each(Object.keys(stacks))("stack %s matches its snapshot", (stack) => {
    expect(withoutCoreVersion(stacks[stack])).toMatchSnapshot();
  });
});

/**
 * The reference rollout with its state on HCP Terraform: the same stacks, with a `cloud` block naming each stack's
 * workspace in place of the S3 backend and the members reading the central workspace through the `remote` backend.
 */
describe("reference rollout on HCP Terraform", () => {
  const stacks = readStacks(synthRollout(rollout(rawCloudRollout("reference"))));

  test.each(Object.keys(stacks))("stack %s matches its snapshot", (stack) => {
    expect(withoutCoreVersion(stacks[stack])).toMatchSnapshot();
  });
});
