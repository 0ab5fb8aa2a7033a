/**
 * Deployment settings fixed at build time (config/index.ts defines each one; '' when the
 * deployment did not configure it). Read them here only, so a missing one has one fallback.
 */

/** 云开发 environment id; '' means WeChat's default environment of the mini-program */
export const CLOUD_ENV: string = process.env.TARO_APP_CLOUD_ENV || ''

/** subscribe-message template ids; '' means messages go to the in-app inbox only (no dialog) */
export const TMPL_REMINDER: string = process.env.TARO_APP_TMPL_REMINDER || ''
export const TMPL_POLICY: string = process.env.TARO_APP_TMPL_POLICY || ''

/** What an owner reads when the mini-program has no working cloud environment behind it */
export const NO_CLOUD_MESSAGE = '未配置云开发环境，请联系管理员'
