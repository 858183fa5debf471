// ESLint over the TypeScript sources: eslint's and typescript-eslint's recommended rules. Layout is prettier's job
// (`prettier --check .` in `npm run lint`); eslint-config-prettier turns off every rule that would argue with it.
// The rules are not type-aware: the type-checked set takes four times as long on this codebase and mostly flags
// `JSON.parse` results in tests, which `tsc --noEmit` (strict) and the tests already cover.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import { defineConfig } from "eslint/config";

export default defineConfig(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", ".gen/", ".bench/", "coverage/", "api/", "temp/", "**/*.js", "**/*.mjs", "**/*.d.ts"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Same as tsc's noUnusedLocals: `const { dropped, ...rest } = obj` is how a key is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read synthesized Terraform JSON, whose shape is what they assert on; typing every walk through it adds nothing.
      "@typescript-eslint/no-explicit-any": "off",
      // jest.isolateModules needs a synchronous require to load a fresh copy of a module (or run an example file).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  prettier,
);
