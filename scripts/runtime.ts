/**
 * The one runtime every cloud function is deployed on, and what follows from it. The deploy sends
 * RUNTIME when it creates a function (miniprogram-ci alone would create Nodejs8.9), esbuild bundles
 * for ESBUILD_TARGET, and the build test parses each bundle at ECMA_VERSION: change all three
 * together, here.
 *
 * Nodejs18.15: listed by CloudBase next to 16.13 and 20.19; 16 is long out of support, and 18 has
 * been offered to WeChat cloud environments longer than 20, so a deploy to an older environment
 * does not fail on an unknown runtime. Node 18 parses all of ES2022 (class fields, `#private`,
 * static blocks, top-level await in modules, `at()`).
 */
export const RUNTIME = 'Nodejs18.15'
export const ESBUILD_TARGET = 'node18'
export const ECMA_VERSION = 2022
/** MB; what miniprogram-ci itself creates a function with, and plenty for our bundles */
export const MEMORY_MB = 256
