/** Resource tags. */
export type Tags = { readonly [key: string]: string };
