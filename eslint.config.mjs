// eslint (scripts/test runs it): the recommended rules over our JavaScript, with each file's
// globals: the page's and workers' (site/), Node's (the build's scripts). Types are tsc's job
// (tsconfig*.json).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["public/**", ".cache/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["site/**/*.mjs", "site/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    // Inlined into the page by mkdocs_hooks/calculator_form.py, which fills in __WORKER__.
    files: ["site/assets/calculator/boot.js"],
    languageOptions: { sourceType: "script", globals: { __WORKER__: "readonly" } },
  },
  { files: ["site/sw.js"], languageOptions: { globals: globals.serviceworker } },
  { files: ["scripts/**/*.mjs", "tests/**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    rules: {
      // An unused parameter documents a callback's signature; `_` names a value left out.
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none", varsIgnorePattern: "^_" }],
      // `x == null` (null or undefined) is the one loose comparison allowed.
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
];
