import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Node modules belong in main/.' };
const electron = { name: 'electron', message: 'Only main/electron/ may import electron.' };

/** The layering of product.md, enforced: what each folder may not import. */
const layering = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'react', message: 'shared/ is pure TypeScript, no UI.' }],
          patterns: [
            nodeBuiltins,
            { group: ['react-dom', 'react-dom/*', 'ws', 'ssh2'], message: 'shared/ is pure.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electron,
            { name: 'ssh2', message: 'The renderer reaches SSH only through renderer/api/.' },
          ],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '../main', '../../main'],
              message: 'The renderer reaches the backend only through renderer/api/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron] }] },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.lab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'main/cli/bin.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Playwright reads a fixture's dependencies from its destructuring, so `{}` is how one says "none".
  { files: ['test/e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  ...layering,
);
