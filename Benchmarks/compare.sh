#!/usr/bin/env bash
# A/B of two brochure binaries on the same generated project: are the outputs the same,
# how long does each take, and how many instructions does each run? Time on a shared 2-core
# VM drifts by 20-30 % within minutes: it is taken with the two binaries run turn about, so
# both see the same drift. valgrind's instruction count does not drift at all.
#   bash Benchmarks/compare.sh OLD_BINARY [NEW_BINARY] [N]
# NEW_BINARY defaults to this checkout's release build, N to 10000. Needs valgrind.
# Prints "outputs: same" or the differing files, the wall time of validate and build with the
# two binaries run turn about (medians), then the instructions of each.
# (valgrind cannot read Swift's debug info, so each binary is counted as a stripped copy.)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1")
if [ -n "${2:-}" ]; then new=$(realpath "$2"); else swift build -c release --static-swift-stdlib --experimental-lto-mode=full -Xlinker -z -Xlinker pack-relative-relocs >/dev/null; new="$PWD/.build/release/brochure"; fi
n=${3:-10000}
command -v valgrind >/dev/null || { echo "install valgrind: apt-get install -y valgrind" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate.py "$n" "$work/project"
"$new" validate --project "$work/project" --accept en --all >/dev/null
"$new" validate --project "$work/project" --accept kk --all >/dev/null
same=1
for side in old new; do
  bin=${!side}
  cp -r "$work/project" "$work/$side"
  # Each side has its own folder: its path in the messages is written as PROJECT.
  { "$bin" validate --project "$work/$side" --format json || true; } | sed "s|$work/$side|PROJECT|g" > "$work/$side.json"
  { "$bin" validate --project "$work/$side" || true; } | sed "s|$work/$side|PROJECT|g" > "$work/$side.txt"
  { "$bin" build --project "$work/$side" 2>&1 || true; } | sed "s|$work/$side|PROJECT|g" > "$work/$side.build.txt"
  strip --strip-debug -o "$work/$side.bin" "$bin"
done
for f in json txt build.txt; do cmp -s "$work/old.$f" "$work/new.$f" || { echo "differs: validate/build output ($f)"; same=0; }; done
diff -rq "$work/old/Output" "$work/new/Output" || same=0
[ "$same" = 1 ] && echo "outputs: same"
# Wall time, the two binaries taken turn about (see alternate.py): 20 runs each.
for command in validate build; do
  python3 Benchmarks/alternate.py "$old" "$new" 20 $command --project "$work/new"
done
for command in validate build; do
  for side in old new; do
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/$side.bin" $command --project "$work/$side" 2>&1 >/dev/null \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-8s %-4s %6d M instructions\n' "$command" "$side" $((count / 1000000))
  done
done
