// `npm test` (scripts/test.ts) runs unit and integration, then e2e in Chromium as its own project,
// so it can say clearly whether the browser tests ran.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }]

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json']
}

module.exports = {
  // a global option (jest ignores it per project); e2e tests set their own, longer ones
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testEnvironment: 'node', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // checks of dist/ (weapp package, built function bundles): run by scripts/test.ts after building
    { ...base, displayName: 'build', testEnvironment: 'node', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    // dist/weapp in a simulated WeChat logic layer (test/weapp/sim.ts): run by scripts/test.ts after the weapp build
    { ...base, displayName: 'weapp', testEnvironment: 'node', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/weapp/timeout.ts'] },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }
  ]
}
