import type { IConstruct } from "constructs";
import { libraryNeeds } from "./rules/authority";
/**
 * The one place that imports the CDKTF core library. Every other file imports these names from here,
 * so moving to a fork of the core library (same API, different package name) is a one-line change.
 */
export {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateS3,
  Fn,
  Lazy,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformBackend,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformRemoteState,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
} from "cdktf";
export type { AppConfig, IAspect, IResolvable, ITerraformDependable, S3BackendConfig, TerraformResourceLifecycle } from "cdktf";

/** The stack-trace module of the core library, as far as creation stacks go: cdktf 0.21 and cdktn 0.24 shapes. */
export interface CreationStackModule {
  /** cdktf 0.21: every token's creation stack is taken through this. */
  captureStackTrace?: (below?: unknown) => string[];
  /** cdktn 0.24: tokens take their creation stack through this, which calls its own captureStackTrace directly. */
  captureCreationStack?: () => string[];
}

/**
 * Makes a core library's tokens record no creation stack. cdktn calls `captureCreationStack` for creation stacks (and
 * keeps `captureStackTrace` for other uses), so that one is replaced when it exists; cdktf 0.21 has only
 * `captureStackTrace`, used for nothing else. Both are looked up on the module at every call, so replacing the export
 * takes effect. Returns which function was replaced.
 */
export function disableCreationStacks(stackTrace: CreationStackModule): "captureCreationStack" | "captureStackTrace" {
  if (typeof stackTrace.captureCreationStack === "function") {
    stackTrace.captureCreationStack = () => [];
    return "captureCreationStack";
  }
  if (typeof stackTrace.captureStackTrace === "function") {
    stackTrace.captureStackTrace = () => [];
    return "captureStackTrace";
  }
  throw new Error(
    libraryNeeds(
      "captureCreationStack or captureStackTrace in the core library's tokens/private/stack-trace module, which has neither: re-check skipTokenCreationStacks against this core version",
    ),
  );
}

/**
 * cdktf records, for every token it makes (each attribute reference such as `key.arn`, each `Fn` call, each `Lazy`),
 * the full stack trace of where it was made, as text. That text is read only to explain a token that fails to
 * resolve, yet formatting it is a large share of synthesizing an organization (at 1000 accounts, about a sixth of the
 * time under plain node and three quarters under ts-node, whose source-map support maps every frame). The synth entry
 * point calls this so tokens record no creation stack, unless BACKUP_DR_TOKEN_STACKS=1 asks for them while chasing
 * such an error. The core's private module is loaded here, when called, not when the library is imported: an app that
 * uses the modules decides for itself. The synthesized configuration is the same either way.
 */
export function skipTokenCreationStacks(env: NodeJS.ProcessEnv = process.env): void {
  if (env.BACKUP_DR_TOKEN_STACKS === "1") return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  disableCreationStacks(require("cdktf/lib/tokens/private/stack-trace") as CreationStackModule);
}

/** The two private functions of the core library that a stack's document is made with (see stackDocument). */
export interface StackDocumentInternals {
  /** `lib/util` deepMerge: merges sources into target; `undefined` deletes a key. */
  deepMerge(target: unknown, ...sources: unknown[]): unknown;
  /** `lib/_tokens` resolve: resolves every token in a value, in the scope of a construct. */
  resolve(scope: IConstruct, obj: unknown): unknown;
}

let documentInternals: StackDocumentInternals | null | undefined;

/**
 * The core library's own deepMerge and resolve, loaded when first asked for; null when this core version has them
 * elsewhere (callers then use the core's public path, which gives the same document more slowly).
 */
export function stackDocumentInternals(): StackDocumentInternals | null {
  if (documentInternals === undefined) {
    try {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const util = require("cdktf/lib/util") as Partial<StackDocumentInternals>;
      const tokens = require("cdktf/lib/_tokens") as Partial<StackDocumentInternals>;
      /* eslint-enable @typescript-eslint/no-require-imports */
      documentInternals =
        typeof util.deepMerge === "function" && typeof tokens.resolve === "function" ? { deepMerge: util.deepMerge, resolve: tokens.resolve } : null;
    } catch {
      documentInternals = null;
    }
  }
  return documentInternals;
}
