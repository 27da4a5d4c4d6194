// One ESLint config for the whole monorepo (issue 14). TypeScript is linted with type information:
// each package's tsconfig.check.json is the project, since it is the one that also covers the
// specs, the e2e helpers and the bench scripts. Formatting is Prettier's job alone, so
// eslint-config-prettier comes last and switches off every stylistic rule that could disagree.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const packages = [
  'contracts',
  'infra/runtime',
  'infra/testkit',
  'command-api',
  'processors',
  'query-api',
  'infra/tools',
  'web',
];

export default defineConfig([
  globalIgnores(['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: packages.map((name) => `./${name}/tsconfig.check.json`),
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A `let` that a closure reads before its one assignment stays `let`: as a `const` the closure
      // would hit the temporal dead zone if it ran early (a Ctrl-C during start-up, say).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Rejecting with a caught `unknown` passes an error on unchanged: allowed, as only-throw-error
      // (same plugin) allows it for `throw` by default.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `_`-prefixed names mark what a signature needs but the body does not use (Express's
      // four-argument error handler, a destructured field dropped on purpose).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Plain JavaScript (this file, the jest configs) is in no tsconfig: lint it without types.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  prettier,
]);
