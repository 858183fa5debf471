/** One IAM policy statement, written with the keys IAM uses. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | { readonly [kind: string]: string | readonly string[] };
  readonly NotPrincipal?: { readonly [kind: string]: string | readonly string[] };
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: string | boolean | readonly string[] } };
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  /** An identifier of the policy (the `Id` element). @default none */
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}
