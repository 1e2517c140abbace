// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, type-aware where they catch real
// bugs (promises left floating, awaits of non-promises), and React's rules of hooks. `npm run lint` runs it;
// tests/frontend/test_hygiene.py keeps it clean.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "node_modules/", "src/api/schema.ts"]), // schema.ts is generated (npm run gen:api)
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat["recommended-latest"],
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: ["./tsconfig.json", "./tsconfig.node.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_` marks a value left out on purpose (a destructured field not wanted).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // React event handlers may start async work; the promise is handled inside (void marks the rest).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["*.js", "*.ts"], // build and test configuration, run by Node
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ["eslint.config.js"], extends: [tseslint.configs.disableTypeChecked] }, // in no tsconfig: plain JS
);
