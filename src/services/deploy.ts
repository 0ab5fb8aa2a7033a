/**
 * Deployment settings fixed at build time (config/index.ts defines each one; '' when the
 * deployment did not configure it). Read them here only, so a missing one has one fallback.
 * Subscribe-message template ids are not here: the server sends them at login (one place to set).
 */

/** 云开发 environment id; '' means WeChat's default environment of the mini-program */
export const CLOUD_ENV: string = process.env.TARO_APP_CLOUD_ENV || ''

/** What an owner reads when the mini-program has no working cloud environment behind it */
export const NO_CLOUD_MESSAGE = '未配置云开发环境，请联系管理员'
