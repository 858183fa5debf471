const swc = (syntax) => ["@swc/jest", { jsc: { parser: { syntax }, target: "es2022" }, module: { type: "commonjs" } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": swc("typescript"),
    // GitHub's workflow parser ships as ES modules that import JSON without import attributes, which Node 20 refuses;
    // compiled to CommonJS for the tests, its JSON schema loads through require. GitLab's CI schema, as gitlab-ci-local
    // ships it, is an ES module too.
    "^.+/node_modules/(@actions|gitlab-ci-local)/.+\\.js$": swc("ecmascript"),
  },
  transformIgnorePatterns: ["/node_modules/(?!@actions/|gitlab-ci-local/)"],
  // Their package exports name only the "import" condition.
  moduleNameMapper: {
    "^@actions/(workflow-parser|expressions)$": "<rootDir>/node_modules/@actions/$1/dist/index.js",
    "^@actions/(workflow-parser|expressions)/(.+)$": "<rootDir>/node_modules/@actions/$1/dist/$2.js",
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 300000,
  maxWorkers: 2,
};
