#!/usr/bin/env bash
# Runs the whole test command under another Node major (default 24, the current LTS), taken from the npm
# registry's node-<platform>-<arch> package, so it needs no other network than npm ci does. Kept under .cache/.
#   npm run test:node24            bash scripts/test-on-node.sh 22
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:-24}"
package="node-$(node -p "(process.platform === 'win32' ? 'win' : process.platform) + '-' + process.arch")"
dir=".cache/node-$major"
if [ ! -x "$dir/package/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$package@$major" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
fi
export PATH="$PWD/$dir/package/bin:$PATH"
echo "testing on Node $(node --version)"
npm test
