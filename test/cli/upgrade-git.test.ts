import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UpgradeCheckSetupError, runGitUpgradeCheck } from "../../cli/upgrade/git-ref";

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

/** A git repository with one commit holding `files`. */
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-git-"));
  git(dir, "init", "-q");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

function worktrees(dir: string): string {
  return spawnSync("git", ["worktree", "list", "--porcelain"], { cwd: dir, encoding: "utf8" }).stdout;
}

describe("upgrade-check in any git repository", () => {
  test("outside a cdktf app it is a setup error that says where to run it", async () => {
    // given: a repository without cdktf.json
    const dir = repo({ "README.md": "not an app\n" });
    // when / then
    const run = runGitUpgradeCheck({ ref: "HEAD", repoDir: dir, log: () => undefined });
    await expect(run).rejects.toThrow(UpgradeCheckSetupError);
    await expect(run).rejects.toThrow(/no cdktf\.json in .* or above it in the repository: run upgrade-check in a cdktf app/);
  });

  test("an app that the ref does not have yet is a setup error, and the worktree is removed", async () => {
    // given: cdktf.json in the working tree, in a subfolder, but not in the commit
    const dir = repo({ "README.md": "app to come\n" });
    fs.mkdirSync(path.join(dir, "infra"));
    fs.writeFileSync(path.join(dir, "infra", "cdktf.json"), JSON.stringify({ app: "node main.js" }));
    // when / then
    await expect(runGitUpgradeCheck({ ref: "HEAD", repoDir: path.join(dir, "infra"), log: () => undefined })).rejects.toThrow(
      "the app has no cdktf.json at HEAD (infra): nothing to compare with",
    );
    expect(worktrees(dir).match(/^worktree /gm)).toHaveLength(1);
  });

  test("an unknown ref is a setup error", async () => {
    const dir = repo({ "cdktf.json": JSON.stringify({ app: "node main.js" }) });
    await expect(runGitUpgradeCheck({ ref: "no-such-ref", repoDir: dir, log: () => undefined })).rejects.toThrow(
      "no-such-ref is not a commit of this repository",
    );
  });
});
