// Only what the compiler cannot see: a promise nobody awaits. The data layer is async (one
// code path for SQLite and PostgreSQL), and a forgotten `await` on a write would let a
// request answer before its change is stored, or outside its transaction.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'client/**', 'data/**'] },
  {
    files: ['server/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts', 'shared/**/*.ts', 'tests/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
