/**
 * The one place that imports the CDKTF core library. Every other file imports these names from here,
 * so moving to a fork of the core library (same API, different package name) is a one-line change.
 */
export {
  Annotations,
  App,
  Aspects,
  DataTerraformRemoteStateS3,
  Fn,
  Lazy,
  LocalBackend,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
} from "cdktf";
export type { AppConfig, IAspect, IResolvable, ITerraformDependable, S3BackendConfig, TerraformResourceLifecycle } from "cdktf";

import * as tokenCreationStacks from "cdktf/lib/tokens/private/stack-trace";

/**
 * cdktf records, for every token it makes (each attribute reference such as `key.arn`, each `Fn` call, each `Lazy`),
 * the full stack trace of where it was made, as text. That text is read only to explain a token that fails to
 * resolve, yet formatting it is a large share of synthesizing an organization (at 1000 accounts, about a sixth of the
 * time under plain node and three quarters under ts-node, whose source-map support maps every frame). The synth entry
 * point calls this so tokens record no creation stack, unless BACKUP_DR_TOKEN_STACKS=1 asks for them while chasing
 * such an error. Importing the library changes nothing: an app that uses the modules decides for itself. The
 * synthesized configuration is the same either way.
 */
export function skipTokenCreationStacks(env: NodeJS.ProcessEnv = process.env): void {
  if (env.BACKUP_DR_TOKEN_STACKS === "1") return;
  (tokenCreationStacks as { captureStackTrace: (below?: unknown) => string[] }).captureStackTrace = () => [];
}
