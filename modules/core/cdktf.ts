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
export type {
  AppConfig,
  IAspect,
  IResolvable,
  ITerraformDependable,
  S3BackendConfig,
  TerraformResourceLifecycle,
} from "cdktf";
