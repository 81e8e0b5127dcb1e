/** Two projects: backend (node) and mini-program pages (jsdom + miniprogram-simulate). */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }];

module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/cloudfunctions', '<rootDir>/emulator', '<rootDir>/test', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/miniprogram/'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
    {
      // Mini-program pages rendered with miniprogram-simulate (real TDesign) in jsdom; see test/README.md.
      displayName: 'miniprogram',
      testEnvironment: '<rootDir>/test/miniprogram/support/environment.cjs',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      // Bare imports resolve like WeChat DevTools does: the nearest miniprogram_npm (TDesign, and TDesign's own tslib).
      moduleDirectories: ['miniprogram_npm', 'node_modules'],
      // jsdom resolves `ws` to its browser stub; the in-process emulator (and useEmulatorWatch) need Node's ws.
      moduleNameMapper: { '^ws$': require.resolve('ws') },
      transform: { '^.+\\.(ts|js)$': '<rootDir>/test/miniprogram/support/esbuild-transform.cjs' },
      transformIgnorePatterns: ['/node_modules/'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts', '<rootDir>/test/miniprogram/support/setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/miniprogram/support/after-env.ts'],
    },
  ],
  testTimeout: 30000,
};
