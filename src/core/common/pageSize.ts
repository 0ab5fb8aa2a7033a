/**
 * The most a list page may hold (the contracts' limit, core/common/paging.ts). Its own file, with
 * no zod, because the client reads it too: a page reloaded after coming back keeps what was
 * loaded, up to this (components/usePaged.ts).
 */
export const MAX_PAGE = 100


/** 消息 pages are smaller: each page also merges the broadcasts and counts what is unread */
export const INBOX_MAX_PAGE = 50
