import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  BINDINGS_PROVIDER_VERSION,
  Diagnostic,
  HarnessSetupError,
  PROVIDER_6X_ONLY_ATTRIBUTES,
  ProviderMode,
  checkSynthOutput,
  classifyDiagnostics,
  mirrorVersions,
  pinnedAwsVersion,
  prepareTerraform,
  requiredProvidersOf,
  selectProviderMode,
  stackOverride,
  terraformPlatform,
} from "../../cli/harness/terraform-harness";

/** A fake filesystem mirror holding the AWS provider at these versions, in the unpacked layout (empty folders). */
function fakeMirror(...versions: string[]): string {
  const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mirror-"));
  for (const v of versions) fs.mkdirSync(path.join(mirror, "registry.terraform.io/hashicorp/aws", v, terraformPlatform()), { recursive: true });
  return mirror;
}

/** A synth output folder with one stack whose configuration is `config`. */
function fakeSynthOutput(stacks: Record<string, unknown>): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "fake-synth-"));
  for (const [name, config] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(out, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(config));
  }
  return out;
}

const pinning = (version: string, extra: Record<string, unknown> = {}) => ({
  terraform: { required_providers: { aws: { source: "aws", version }, ...extra }, backend: { s3: { bucket: "b", key: "k", region: "eu-west-1" } } },
});

const extraneous = (name: string): Diagnostic => ({
  severity: "error",
  summary: "Extraneous JSON object property",
  detail: `No argument or block type is named "${name}".`,
});

describe("terraform harness diagnostics", () => {
  test("tolerates an unsupported argument named in the 6.x-only list", () => {
    const { tolerated, other, sixOnly } = classifyDiagnostics([extraneous("target_region")]);
    expect(tolerated).toHaveLength(1);
    expect(other).toHaveLength(0);
    expect(sixOnly).toEqual(["target_region"]);
  });

  test("tolerates the missing `target` that follows from target_region, and only then", () => {
    const missing: Diagnostic = {
      severity: "error",
      summary: "Missing required argument",
      detail: 'The argument "target" is required, but no definition was found.',
    };
    expect(classifyDiagnostics([extraneous("target_region"), missing]).other).toHaveLength(0);
    expect(classifyDiagnostics([missing]).other).toEqual([missing]);
  });

  test("tolerates nothing when the run's provider is 6.x (an empty tolerance list)", () => {
    const d = extraneous("target_region");
    expect(classifyDiagnostics([d], [])).toEqual({ tolerated: [], other: [d], sixOnly: [] });
  });

  test("does not tolerate an unsupported argument outside the list", () => {
    const d = extraneous("vault_name_typo");
    expect(classifyDiagnostics([d]).other).toEqual([d]);
  });

  test("does not tolerate other errors that mention a listed name", () => {
    const d: Diagnostic = { severity: "error", summary: "Invalid value", detail: 'No argument or block type is named "target_region".' };
    expect(classifyDiagnostics([d]).other).toEqual([d]);
  });

  test("keeps the 6.x-only list free of arguments that 5.x also has", () => {
    expect(PROVIDER_6X_ONLY_ATTRIBUTES).not.toContain("target");
    expect(new Set(PROVIDER_6X_ONLY_ATTRIBUTES).size).toBe(PROVIDER_6X_ONLY_ATTRIBUTES.length);
  });
});

describe("terraform harness setup", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("fails, saying what to install, when terraform is missing", async () => {
    process.env.TERRAFORM_BINARY = "/nonexistent/terraform";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    await expect(prepareTerraform(dir)).rejects.toThrow(HarnessSetupError);
    await expect(prepareTerraform(dir)).rejects.toThrow(
      /Terraform is not available.*Install Terraform 1\.11\.x on PATH or set TERRAFORM_BINARY.*set TF_PROVIDER_MIRROR/,
    );
  });

  test("fails, saying what to set, when the provider mirror holds no AWS provider", () => {
    // given: TF_PROVIDER_MIRROR names an empty folder
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "empty-mirror-"));
    // when / then
    expect(() => selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: mirror })).toThrow(HarnessSetupError);
    expect(() => selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: mirror })).toThrow(/holds no hashicorp\/aws provider.*unset TF_PROVIDER_MIRROR/);
  });

  test("offline: writes a CLI config that installs from the mirror only", async () => {
    // given
    const mode = selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: fakeMirror("5.100.0") });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    // when
    const env = await prepareTerraform(dir, mode);
    // then
    expect(env.TF_CLI_CONFIG_FILE).toBe(path.join(dir, "terraform-cli.tfrc"));
    const config = fs.readFileSync(env.TF_CLI_CONFIG_FILE!, "utf8");
    expect(config).toContain(`path    = ${JSON.stringify(mode.mirror)}`);
    expect(config).toContain('exclude = ["registry.terraform.io/*/*"]');
  });

  test("online: leaves the user's CLI config in force and writes none", async () => {
    // given
    process.env.TF_CLI_CONFIG_FILE = "/users/own/terraformrc";
    const mode = selectProviderMode("6.25.0", {});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    // when
    const env = await prepareTerraform(dir, mode);
    // then
    expect(env.TF_CLI_CONFIG_FILE).toBe("/users/own/terraformrc");
    expect(fs.existsSync(path.join(dir, "terraform-cli.tfrc"))).toBe(false);
  });

  test("online: a provider install that fails says to set TF_PROVIDER_MIRROR, and the run fails instead of skipping", async () => {
    // given: no mirror, and a CLI config whose only installation source refuses connections (no registry access)
    delete process.env.TF_PROVIDER_MIRROR;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    process.env.TF_CLI_CONFIG_FILE = path.join(dir, "unreachable.tfrc");
    fs.writeFileSync(process.env.TF_CLI_CONFIG_FILE, 'provider_installation {\n  network_mirror {\n    url = "https://127.0.0.1:9/"\n  }\n}\n');
    const out = fakeSynthOutput({ one: pinning("6.25.0") });
    // when / then
    const run = checkSynthOutput(out, { plan: false, workDir: path.join(dir, "work") });
    await expect(run).rejects.toThrow(HarnessSetupError);
    await expect(run).rejects.toThrow(/could not install the AWS provider 6\.25\.0[\s\S]*set TF_PROVIDER_MIRROR to a filesystem mirror/);
  });
});

describe("terraform harness provider mode", () => {
  test("online when TF_PROVIDER_MIRROR is unset: the pinned version, no override, nothing tolerated", () => {
    expect(selectProviderMode("6.25.0", {})).toEqual({
      kind: "online",
      pinnedVersion: "6.25.0",
      version: "6.25.0",
      overridesVersion: false,
      toleratedAttributes: [],
    });
  });

  test("an empty TF_PROVIDER_MIRROR counts as unset", () => {
    expect(selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: "" }).kind).toBe("online");
  });

  test("offline with the pinned version in the mirror: that version, no override, nothing tolerated", () => {
    // given
    const mirror = fakeMirror("5.100.0", "6.25.0", "6.30.0");
    // when
    const mode = selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: mirror });
    // then
    expect(mode).toEqual({ kind: "offline", mirror, pinnedVersion: "6.25.0", version: "6.25.0", overridesVersion: false, toleratedAttributes: [] });
  });

  test("offline with only a 5.x build: overridden to it, the 6.x-only attributes tolerated", () => {
    const mode = selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: fakeMirror("5.100.0") });
    expect(mode).toMatchObject({ version: "5.100.0", overridesVersion: true, toleratedAttributes: PROVIDER_6X_ONLY_ATTRIBUTES });
  });

  test("offline without the pinned version: the highest release, compared as numbers, not text", () => {
    const mode = selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: fakeMirror("5.100.0", "6.9.0", "6.30.0", "7.0.0-beta1") });
    expect(mode).toMatchObject({ version: "6.30.0", overridesVersion: true, toleratedAttributes: [] });
  });

  test("reads the packed mirror layout too, and ignores other platforms", () => {
    // given: a zip for this platform at 5.99.0 and a folder for another platform at 6.1.0
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "packed-mirror-"));
    const dir = path.join(mirror, "registry.terraform.io/hashicorp/aws");
    fs.mkdirSync(path.join(dir, "6.1.0", "plan9_mips"), { recursive: true });
    fs.writeFileSync(path.join(dir, `terraform-provider-aws_5.99.0_${terraformPlatform()}.zip`), "");
    // when / then
    expect(mirrorVersions(mirror)).toEqual(["5.99.0"]);
    expect(selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: mirror }).version).toBe("5.99.0");
  });

  test("names the platform the way Terraform does", () => {
    expect(terraformPlatform("linux", "x64")).toBe("linux_amd64");
    expect(terraformPlatform("darwin", "arm64")).toBe("darwin_arm64");
    expect(terraformPlatform("win32", "x64")).toBe("windows_amd64");
  });
});

describe("terraform harness stack override", () => {
  const facts = { aliases: ["us_west_2"], remoteStates: [] };
  const offline5x: ProviderMode = selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: fakeMirror("5.100.0") });

  test("pins the mirror's version when it is not the pinned one", () => {
    const override = stackOverride("/stack", facts, {}, offline5x) as { terraform: Record<string, unknown> };
    expect(override.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: "5.100.0" } });
  });

  test("pins no version online, nor offline with the pinned version", () => {
    for (const mode of [selectProviderMode("6.25.0", {}), selectProviderMode("6.25.0", { TF_PROVIDER_MIRROR: fakeMirror("6.25.0") })]) {
      const override = stackOverride("/stack", facts, {}, mode) as { terraform: Record<string, unknown> };
      expect(override.terraform).toEqual({ backend: { local: { path: "terraform.tfstate" } } });
    }
  });

  test("turns off the AWS checks on every provider block, aliases included", () => {
    const override = stackOverride("/stack", facts, {}, selectProviderMode("6.25.0", {})) as { provider: { aws: Array<Record<string, unknown>> } };
    expect(override.provider.aws.map((p) => [p.alias, p.skip_credentials_validation])).toEqual([
      [undefined, true],
      ["us_west_2", true],
    ]);
  });
});

describe("terraform harness pinned versions", () => {
  test("takes the AWS version the stacks pin", () => {
    const out = fakeSynthOutput({ a: pinning("6.31.0"), b: pinning("6.31.0") });
    expect(pinnedAwsVersion(requiredProvidersOf(out, ["a", "b"]))).toBe("6.31.0");
  });

  test("falls back to the bindings' version when the stacks pin none", () => {
    const out = fakeSynthOutput({ a: { terraform: {} } });
    expect(pinnedAwsVersion(requiredProvidersOf(out, ["a"]))).toBe(BINDINGS_PROVIDER_VERSION);
  });

  test("refuses stacks that pin one provider at different versions, naming them", () => {
    const out = fakeSynthOutput({ a: pinning("6.25.0"), b: pinning("6.31.0") });
    expect(() => requiredProvidersOf(out, ["a", "b"])).toThrow(/stacks a and b require provider aws differently \(aws 6\.25\.0 vs aws 6\.31\.0\)/);
  });

  test("keeps the other providers the stacks require, so the run installs them too", () => {
    const out = fakeSynthOutput({ a: pinning("6.25.0", { random: { source: "hashicorp/random", version: "3.6.0" } }) });
    expect(requiredProvidersOf(out, ["a"]).random).toEqual({ source: "hashicorp/random", version: "3.6.0" });
  });
});
