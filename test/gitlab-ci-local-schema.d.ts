// The gitlab-ci-local package ships JavaScript without type declarations; the tests read only GitLab's CI schema from it.
declare module "gitlab-ci-local/src/schema/schema.js" {
  export const schema: Record<string, unknown>;
}
