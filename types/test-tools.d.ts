// Test-only tools without their own type declarations.

/** WeChat's WXML/WXSS compilers (wcc, wcsc) wrapped for Node */
declare module 'miniprogram-compiler' {
  export function wxmlToJs(root: string, options?: { wxmlList?: string[]; wxsList?: string[] }): string
  export function wxssToJs(root: string, options?: { wxssList?: string[] }): string
}

/** Free (global) identifiers of an acorn AST */
declare module 'acorn-globals' {
  function detect(ast: unknown): Array<{ name: string; nodes: unknown[] }>
  export default detect
}
