import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      'coverage/',
      '.mailwright/',
      'reports/',
      '.stryker-tmp/',
      'examples/**/node_modules/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // House rule 1: core decides and never talks to the outside.
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*', 'aws-lambda', '@middy/*'],
              message: 'core/ must not import SDKs.',
            },
            {
              group: ['**/adapters/**', '**/handlers/**', '**/local/**', '**/http/**'],
              message: 'core/ must not import outer layers.',
            },
            {
              group: ['node:http', 'node:https', 'node:net', 'http', 'https', 'net'],
              message: 'core/ does no network I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
