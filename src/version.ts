// The package version, fixed into the bundle at build time (scripts/build.mjs) and by vitest's config in tests.
declare const __INVOLVE_VERSION__: string;
export const VERSION: string = __INVOLVE_VERSION__;
