#!/usr/bin/env bash
# Vendor the KERN UX design system (@kern-ux/native, EUPL-1.2) from npm into the static files.
# Pages load nothing from another origin, so the CSS and fonts are served by Teilhabe itself.
# Usage: scripts/update-kern-ux.sh [VERSION]
set -euo pipefail
version="${1:-2.7.2}"
target="$(cd "$(dirname "$0")/.." && pwd)/teilhabe/static/vendor/kern-ux"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@kern-ux/native@${version}" >/dev/null && tar xzf kern-ux-native-*.tgz)
rm -rf "$target"
mkdir -p "$target/fonts"
cp "$work/package/dist/kern.min.css" "$work/package/LICENSE.md" "$target/"
cp "$work/package/dist/fonts/fira-sans.css" "$target/fonts/"
mkdir -p "$target/fonts/fira-sans"
# Only the weights the stylesheet uses in Teilhabe's pages: regular, italic, semibold, bold.
for face in Regular Italic SemiBold Bold; do
  cp "$work/package/dist/fonts/fira-sans/FiraSans-${face}.woff2" "$target/fonts/fira-sans/"
done
python3 - "$target/fonts/fira-sans.css" <<'PY'
import re, sys
path = sys.argv[1]
css = open(path).read()
kept = [b for b in re.findall(r"@font-face\s*{[^}]*}", css)
        if re.search(r"FiraSans-(Regular|Italic|SemiBold|Bold)\.woff2", b)]
open(path, "w").write("\n\n".join(kept) + "\n")
PY
echo "$version" > "$target/VERSION"
echo "KERN UX $version vendored into $target"
