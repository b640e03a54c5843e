import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/bundled/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/fixtures/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The core decides every answer from plain data and runs in browsers too (MSW, a fetch
    // handler): hosts own I/O and hand it what it needs. See "One core, many hosts".
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'os', 'crypto', 'url', 'stream', 'stream/*', 'timers', 'timers/*', 'util', 'child_process', 'worker_threads'], message: 'the core runs in browsers too: no Node modules (the host hands it what it needs)' },
            { group: ['express', 'cors', 'multer', 'busboy', 'chokidar', 'yaml', '@readme/openapi-parser', 'commander'], message: 'the core imports no host library' },
            { group: ['**/hosts/**', '**/files/**', '**/cli/**', '**/verify/**', '**/console/**'], message: 'the core imports no host' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', '__dirname', '__filename', 'require', 'setImmediate'],
    },
  },
);
