/**
 * Entry point of a synth worker process (see shards.ts): receives one shard task, answers with what it wrote, exits.
 * It listens before it loads the modules: the parent's task then leaves the parent at once, instead of waiting in the
 * pipe while this process loads for a second or so (and holding up the parent, which must hand it over before its own
 * synchronous work).
 */
import type { ShardTask } from "./shards";

process.once("message", (message) => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require("../../modules/core/cdktf").skipTokenCreationStacks();
  const { runShard } = require("./shards") as typeof import("./shards");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const reply = runShard(message as ShardTask);
  process.send!(reply, () => process.disconnect());
});
