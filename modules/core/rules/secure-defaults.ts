/**
 * The secure defaults of this project: choices AWS would accept otherwise, made here on purpose. Each has a name, the
 * construct prop and the rollout-config value that opt out of it, and the reason it exists. Errors from these defaults
 * say so (and name the opt-out); every other rule says whose it is through the phrases of `./authority`.
 *
 * One home: the README's table of secure defaults, the config's `secureDefaults.optOut` list, the DR report's flags and
 * the constructs' errors all read this list.
 */
import { SECURE_DEFAULT_MARKER } from "./authority";

/** The name of one secure default. */
export type SecureDefaultName =
  "encrypted-copies" | "customer-managed-keys" | "deny-recovery-point-deletion" | "central-vault-lock" | "central-key-protection" | "restricted-copy-into";

/** One secure default: what it guarantees, and how to opt out of it. */
export interface SecureDefault {
  /** Its name, as written in the rollout config's `secureDefaults.optOut`. */
  readonly name: SecureDefaultName;
  /** What it guarantees, in one sentence. */
  readonly guarantees: string;
  /** Why it is the default. */
  readonly why: string;
  /** The construct prop that opts out of it. */
  readonly constructOptOut: string;
  /** What the DR report says when a rollout opts out. */
  readonly reportFlag: string;
  /**
   * True when the rollout config can opt out (`secureDefaults.optOut`); false when only code can (the config has no
   * setting this default guards, e.g. it never writes unencrypted copies).
   */
  readonly inConfig: boolean;
}

/** Every secure default, by name. */
export const SECURE_DEFAULTS: Readonly<Record<SecureDefaultName, SecureDefault>> = {
  "encrypted-copies": {
    name: "encrypted-copies",
    guarantees: "DLM copies into other Regions and accounts are encrypted with a customer-managed key of the target.",
    why: "an unencrypted DR copy can be read by anyone who can read the snapshot, and cannot be shared later with a key policy",
    constructOptOut: "allowUnencryptedCopies: true with encrypted: false (on the DLM copy rule)",
    reportFlag: "DLM copies may be unencrypted",
    inConfig: false,
  },
  "customer-managed-keys": {
    name: "customer-managed-keys",
    guarantees: "vaults and copies use customer-managed KMS keys with rotation on, never an AWS-managed key.",
    why: "AWS-managed keys cannot be shared with another account, so copies encrypted with them cannot leave the account",
    constructOptOut: "allowAwsManagedKey: true (on the vault)",
    reportFlag: "a vault may use an AWS-managed key: its recovery points cannot be copied to another account",
    inConfig: false,
  },
  "deny-recovery-point-deletion": {
    name: "deny-recovery-point-deletion",
    guarantees: "every vault's access policy denies recovery point deletion to all but the break-glass roles.",
    why: "ransomware and compromised administrators delete backups first",
    constructOptOut: "accessPolicy: { denyDeletion: false } (on the vault)",
    reportFlag: "recovery points may be deleted by any principal of the account with backup:DeleteRecoveryPoint",
    inConfig: true,
  },
  "central-vault-lock": {
    name: "central-vault-lock",
    guarantees: "the central vaults are locked: the rollout config must give centralBackup.vaultLock.",
    why: "an unlocked vault's recovery points can be deleted or their retention shortened by the central account",
    constructOptOut: "leaving out lock (on the vault)",
    reportFlag: "the central vaults are not locked: copies are not immutable",
    inConfig: true,
  },
  "central-key-protection": {
    name: "central-key-protection",
    guarantees: "the central key denies scheduling its deletion and disabling it to all but the break-glass roles.",
    why: "a locked copy whose key is deleted is unreadable: the lock does not protect the key",
    constructOptOut: "leaving out deletionProtection (on BackupKey, or keyDeletionProtection on the vault)",
    reportFlag: "central administrators can schedule deletion of the central key and make locked copies unreadable",
    inConfig: true,
  },
  "restricted-copy-into": {
    name: "restricted-copy-into",
    guarantees: "copies into a vault are allowed only from the rollout's organization (central) or the central account (members).",
    why: "a vault open to copies from any account can be filled with recovery points nobody in the organization owns",
    constructOptOut: "accessPolicy: { allowCopyInto: undefined } (on the vault)",
    reportFlag: "vault copy-in is not restricted to the organization",
    inConfig: false,
  },
};

/** Every secure default's name, in a stable order. */
export const SECURE_DEFAULT_NAMES: readonly SecureDefaultName[] = Object.keys(SECURE_DEFAULTS) as SecureDefaultName[];

/** The secure defaults a rollout config can opt out of. */
export const CONFIG_SECURE_DEFAULT_NAMES: readonly SecureDefaultName[] = SECURE_DEFAULT_NAMES.filter((n) => SECURE_DEFAULTS[n].inConfig);

/**
 * The rule text of an error raised by a secure default: says it is this project's choice, not AWS's, and how to opt out.
 */
export function secureDefaultRule(name: SecureDefaultName, rule: string): string {
  const d = SECURE_DEFAULTS[name];
  const config = d.inConfig ? `, or "${name}" in the rollout config's secureDefaults.optOut` : "";
  return `${rule} ${SECURE_DEFAULT_MARKER}"${name}", not an AWS rule: opt out with ${d.constructOptOut}${config})`;
}
