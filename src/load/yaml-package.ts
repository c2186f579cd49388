// Load stage: the yaml package, loaded the first time a file needs it. An ordinary file never does
// (ordinary-yaml.ts), and loading yaml was a quarter of the start-up of a one-file audit.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// The bundle's own copy of yaml, an ES module beside the chunks (scripts/build.mjs); Node 20.19 and later
// require() an ES module synchronously. Run from source (tests), the installed package.
declare const __INVOLVE_YAML_CHUNK__: string | undefined;

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // yaml is CommonJS for Node; bundled as an ES module, its exports are that module's default export.
    loaded = typeof __INVOLVE_YAML_CHUNK__ === 'string' ? (require(__INVOLVE_YAML_CHUNK__) as { default: typeof Yaml }).default : (require('yaml') as typeof Yaml);
  }
  return loaded;
}
