import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.bench/', 'coverage/', 'test/fixtures/', 'fixtures/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', structuredClone: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'isPositive', message: 'decimal.js isPositive() is true for +0; use positive() from src/decimal.ts.' },
        { property: 'isNegative', message: 'decimal.js isNegative() is true for -0; use negative() from src/decimal.ts.' },
        { property: 'isPos', message: 'use positive() from src/decimal.ts.' },
        { property: 'isNeg', message: 'use negative() from src/decimal.ts.' },
      ],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Set process.exitCode instead of calling process.exit().' }],
    },
  },
  {
    files: ['src/model/**', 'src/uncertainty/**'],
    rules: { 'no-console': 'error' },
  },
);
