import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Deployment settings the client reads, resolved at build time. WeChat has no `process`: a
 * `process.env.X` that Taro leaves in the bundle (it does when X is not configured) throws at
 * app.js and shows a white screen. So each one is always defined, '' when not configured, and the
 * app treats '' as "not set up" (see src/services/deploy.ts). Values come from .env.production.
 */
export const CLIENT_ENV_KEYS = ['TARO_APP_CLOUD_ENV'] as const
export const clientEnvConstants = (env: Record<string, string | undefined> = process.env) =>
  Object.fromEntries(CLIENT_ENV_KEYS.map((k) => [`process.env.${k}`, JSON.stringify(env[k] ?? '')]))

// Taro's React + TypeScript template, written out by hand (`taro init` needs the internet).
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'getihu-service',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One output folder per target: project.config.json points WeChat DevTools at dist/weapp.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: clientEnvConstants(),
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false }
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      // The dev server must never listen beyond this machine unless asked to.
      devServer: { host: '127.0.0.1' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false }
      }
    }
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
