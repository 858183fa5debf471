/**
 * Entry point of a synth worker process (see shards.ts): receives one shard task, answers with what it wrote, exits.
 */
import { skipTokenCreationStacks } from "../../modules/core/cdktf";
import { runShard, ShardTask } from "./shards";

skipTokenCreationStacks();
process.once("message", (message) => {
  const task = message as ShardTask;
  // cdktf's stacks choose HCL or JSON from this variable alone (the App's hclOutput only names the file).
  process.env.SYNTH_HCL_OUTPUT = String(task.hclOutput);
  const reply = runShard(task);
  process.send!(reply, () => process.disconnect());
});
