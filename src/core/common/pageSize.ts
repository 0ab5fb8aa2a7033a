/**
 * The most a list page may hold (the contracts' limit, core/common/paging.ts). Its own file, with
 * no zod, because the client reads it too: a page reloaded after coming back keeps what was
 * loaded, up to this (components/usePaged.ts).
 */
export const MAX_PAGE = 100
