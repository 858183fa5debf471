/**
 * S3 bucket names and Terraform S3 backend keys: what `terraform init` or S3 refuses.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
import { awsRejects, libraryRejects, terraformRejects } from "./authority";

/** The shape of a general purpose bucket name: 3-63 lowercase letters, digits, dots and hyphens, letter or digit at both ends. */
export const S3_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** The rule a bucket name breaks, or undefined when S3 accepts it. */
export function s3BucketNameRule(name: string): string | undefined {
  if (!S3_BUCKET_NAME_PATTERN.test(name))
    return awsRejects("bucket names that are not 3-63 lowercase letters, digits, dots and hyphens, with a letter or digit at both ends");
  if (name.includes("..")) return awsRejects("bucket names with two adjacent dots");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return awsRejects("bucket names formatted as IP addresses");
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return awsRejects(`bucket names starting with ${prefix} (reserved)`);
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return awsRejects(`bucket names ending with ${suffix} (reserved)`);
  return undefined;
}

/** Characters of a state key prefix: S3's safe key characters. */
export const STATE_KEY_PREFIX_PATTERN = /^[a-zA-Z0-9!_.*'()/-]{1,200}$/;

/** The rule a state key prefix breaks (the key is `<prefix>/<stack>.tfstate`, trailing slashes dropped), or undefined. */
export function stateKeyPrefixRule(prefix: string): string | undefined {
  if (!STATE_KEY_PREFIX_PATTERN.test(prefix))
    return libraryRejects("state key prefixes other than 1-200 of the characters S3 keys take safely: letters, digits and ! _ . * ' ( ) / -");
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed === "" || trimmed.startsWith("/")) return terraformRejects('state keys starting with "/" (at terraform init)');
  if (trimmed.includes("//")) return terraformRejects('state keys containing "//" (at terraform init)');
  if (trimmed.split("/").some((s) => s === "." || s === ".."))
    return libraryRejects('"." or ".." segments in state keys: many S3 clients rewrite them, so use plain names');
  return undefined;
}
