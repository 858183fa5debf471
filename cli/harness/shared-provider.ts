/**
 * One AWS provider process shared by every `terraform validate` and `terraform show -json` of a harness run.
 *
 * Each `terraform validate` otherwise starts the provider (a 700 MB binary) once to read its schema and once more per
 * provider block; building the AWS schema is most of the ~2 s a validate takes, and it is the same work every time.
 * `terraform show -json` of a plan needs the schema too (to render the plan), and nothing else from the provider:
 * against the shared process it takes about half the CPU time (2.5 s against 4.5 s for a central stack's plan).
 * Started with `-debug`, the provider serves Terraform's plugin protocol on a socket and prints a
 * TF_REATTACH_PROVIDERS value; terraform processes given that value talk to the running provider instead of starting
 * their own (Terraform's documented way of attaching to a provider under a debugger). Validation and show never
 * configure a provider (no credentials, no region), so one process can answer any number of stacks at once; plans
 * configure their providers per stack and keep starting their own.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface SharedProvider {
  /** Environment for terraform children: TF_REATTACH_PROVIDERS pointing at the running provider. */
  readonly env: Readonly<Record<string, string>>;
  /** Stops the provider process. */
  stop(): void;
}

const PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";

/** The provider executable installed in an initialized folder (`.terraform/providers/...`), if there is exactly one. */
export function installedProviderBinary(initializedDir: string, version: string): string | undefined {
  const base = path.join(initializedDir, ".terraform", "providers", PROVIDER_ADDRESS, version);
  if (!fs.existsSync(base)) return undefined;
  const binaries = fs.readdirSync(base).flatMap((platform) => {
    const dir = path.join(base, platform);
    return fs.statSync(dir).isDirectory()
      ? fs
          .readdirSync(dir)
          .filter((f) => f.startsWith("terraform-provider-aws"))
          .map((f) => path.join(dir, f))
      : [];
  });
  return binaries.length === 1 ? binaries[0] : undefined;
}

/**
 * Starts the provider of an initialized folder in debug mode and waits for its reattach settings. Returns undefined,
 * with the reason, when that does not work (no binary, no reattach line in time, the process ended): the caller then
 * lets terraform start providers itself, as without this.
 */
export function startSharedProvider(initializedDir: string, version: string, timeoutMs = 120_000): Promise<SharedProvider | { failed: string }> {
  const binary = installedProviderBinary(initializedDir, version);
  if (!binary) return Promise.resolve({ failed: `no single provider binary under ${initializedDir}/.terraform/providers` });
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(binary, ["-debug"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    let output = "";
    let settled = false;
    const stop = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      process.removeListener("exit", stop);
    };
    process.on("exit", stop);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      resolve({ failed: `${why}${output.trim() ? `:\n${output.trim().slice(-2000)}` : ""}` });
    };
    const timer = setTimeout(() => fail(`the provider printed no TF_REATTACH_PROVIDERS within ${timeoutMs / 1000}s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(output);
      if (!m) return;
      let reattach: Record<string, { Pid?: number }>;
      try {
        reattach = JSON.parse(m[1]);
      } catch {
        fail("the provider printed TF_REATTACH_PROVIDERS that is not JSON");
        return;
      }
      if (!reattach[PROVIDER_ADDRESS]) {
        fail(`the provider's reattach settings do not name ${PROVIDER_ADDRESS}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({ env: { TF_REATTACH_PROVIDERS: m[1] }, stop });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("error", (e) => fail(`the provider could not be started: ${e.message}`));
    child.on("exit", (code, signal) => fail(`the provider exited (${signal ?? code}) before printing its reattach settings`));
  });
}
