// Build: dependencies' start-up and table costs, mended at bundle time by an esbuild plugin (scripts/build.mjs).
// Each patch replaces one exact piece of one file of one package, which package.json pins to an exact version. A
// patch that does not apply exactly once fails the build: the package has changed, and a bundle that quietly went
// unpatched would be slower than docs/speed.md says. Nothing a command prints changes (tests/cli compare the output).
import { readFileSync } from 'node:fs';

export const PATCHES = [
  {
    // cli-table3 0.6.5 truncates every cell's whole text, for each line it draws, only to build a debug message
    // that is never shown; its truncation measures the string again for every character it drops, so a one-file
    // table took 250 ms of a 430 ms audit.
    package: 'cli-table3',
    file: 'src/cell.js',
    from: 'let content = utils.truncate(this.content, 10, this.truncate);',
    to: "let content = '';",
  },
  {
    // commander loads child_process (and with it net, dgram and streams) as it starts, only to run executable
    // subcommands, of which involve has none; it is loaded when first used instead.
    package: 'commander',
    file: 'lib/command.js',
    from: "const childProcess = require('node:child_process');",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  {
    // cli-table3 measures every cell with string-width, whose strip-ansi built its regular expression again for
    // each string (3 ms of a one-file table).
    package: 'strip-ansi',
    file: 'index.js',
    from: "module.exports = string => typeof string === 'string' ? string.replace(ansiRegex(), '') : string;",
    to: "const ANSI = ansiRegex();\nmodule.exports = string => typeof string === 'string' ? string.replace(ANSI, '') : string;",
  },
  {
    // ... and which replaced emoji with a regular expression so large that compiling it took 5 ms; text that is
    // all ASCII holds no emoji.
    package: 'string-width',
    file: 'index.js',
    from: "string = string.replace(emojiRegex(), '  ');",
    to: "if (/[^\\x00-\\x7f]/.test(string)) string = string.replace(emojiRegex(), '  ');",
  },
];

/** `source` with `patch` applied; throws, in one line naming the package, the file and the text, unless its piece occurs exactly once. */
export function applyPatch(source, patch) {
  const at = source.indexOf(patch.from);
  const count = at === -1 ? 0 : source.indexOf(patch.from, at + 1) === -1 ? 1 : 2;
  if (count !== 1) {
    const problem = count === 0 ? 'no longer holds' : 'holds more than once';
    throw new Error(`the patch of ${patch.package} ${patch.file} does not apply: the file ${problem} ${JSON.stringify(patch.from)}`);
  }
  // Spliced rather than String.replace, which would read `$&` and the like in the replacement.
  return source.slice(0, at) + patch.to + source.slice(at + patch.from.length);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An esbuild plugin applying `patches`; a patch that does not apply, or whose file is never bundled, is a build error. */
export function patchDependencies(patches = PATCHES) {
  // One onLoad per file: esbuild uses the first that answers, so two patches of a file must share it.
  const byFile = new Map();
  for (const p of patches) byFile.set(`${p.package}/${p.file}`, [...(byFile.get(`${p.package}/${p.file}`) ?? []), p]);
  return {
    name: 'patch-dependencies',
    setup(build) {
      const applied = new Set();
      build.onStart(() => applied.clear());
      for (const [path, group] of byFile) {
        const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${path.split('/').map(escape).join('[\\\\/]')}$`);
        build.onLoad({ filter }, (args) => {
          try {
            const contents = group.reduce((source, patch) => applyPatch(source, patch), readFileSync(args.path, 'utf8'));
            for (const patch of group) applied.add(patch);
            return { contents, loader: 'js' };
          } catch (error) {
            return { errors: [{ text: error.message }] };
          }
        });
      }
      build.onEnd((result) => {
        if (result.errors.length > 0) return undefined;
        const unused = patches.filter((p) => !applied.has(p));
        return { errors: unused.map((p) => ({ text: `the patch of ${p.package} ${p.file} does not apply: no such file was bundled` })) };
      });
    },
  };
}
