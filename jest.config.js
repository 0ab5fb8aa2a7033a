// Unit, integration and UI tests run in `npm test`; e2e (Chromium) is its own project so the
// test script can say clearly whether it ran.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }]

// Taro's H5 components ship as ESM; these packages must go through the transform too.
const esmPackages = ['@tarojs', '@stencil', 'swiper', 'ssr-window', 'dom7', 'zod', 'classnames']

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json']
}

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testEnvironment: 'node', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    {
      ...base,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/ui/setup.ts'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/ui/__mocks__/taro.ts',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
        '\\.(css|scss)$': '<rootDir>/test/ui/__mocks__/style.ts'
      }
    },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 120000 }
  ]
}
