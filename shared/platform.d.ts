/**
 * The only platform APIs the project's shared/ code may use beyond the language: present in
 * browsers and in Node alike. shared/ is type-checked without DOM or Node types (tsconfig.json
 * here), so anything else of theirs is an error.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  static canParse(url: string, base?: string): boolean;
}
