import { IConstruct } from "constructs";

const TRANSPARENT = Symbol.for("cdktf-aws-backup-dr/addressing.transparent");

/**
 * How constructs take part in Terraform resource addresses. Account stacks name each resource after the construct IDs
 * on its path below the stack (`CentralVault/Key/Resource` becomes `aws_kms_key.CentralVault_Key`), so the address is
 * part of a construct's public contract: renaming or re-nesting a construct renames the resource, and Terraform
 * destroys the old one and creates a new one.
 */
export class Addressing {
  /**
   * Leaves the scope's ID out of the addresses of everything below it, so that a construct can group or wrap its
   * children internally (or a caller can group constructs) without changing any address. Call it in the scope's
   * constructor, before children are added. Two resources that end up with one address are refused at synth.
   *
   * @example
   * const group = Addressing.transparent(new Construct(stack, "RegionalVaults"));
   * new BackupVault(group, "Vault", props); // aws_backup_vault.Vault, as if created in the stack
   */
  static transparent<T extends IConstruct>(scope: T): T {
    Object.defineProperty(scope, TRANSPARENT, { value: true, enumerable: false });
    return scope;
  }

  /** Whether the scope's ID is left out of addresses. */
  static isTransparent(scope: IConstruct): boolean {
    return (scope as unknown as Record<symbol, unknown>)[TRANSPARENT] === true;
  }
}
