/**
 * What `jsdom` resolves to for the compiler (tsconfig.json `paths`): nothing. @types/jsdom
 * (a dependency of jest-environment-jsdom, and imported by vitest's optional types) references
 * the DOM lib, which would retype the whole program's fetch, Request and BodyInit as the
 * browser's; the project is typed against Node's. The jsdom tests type the DOM in a program of
 * their own (test/hosts/jsdom/tsconfig.json).
 */
export {};
