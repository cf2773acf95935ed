#!/usr/bin/env bash
# Whole-process benchmarks of `brochure build` and `brochure validate` (hyperfine, medians).
#   bash Benchmarks/bench.sh [N ...]      default: the real project, then N = 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
swift build -c release --static-swift-stdlib --experimental-lto-mode=full -Xlinker -z -Xlinker pack-relative-relocs >/dev/null  # as the README builds it (DECISIONS 20, 24)
bin="$PWD/.build/release/brochure"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== the real project (Almaty Region): 16 files (8 editions × HTML + DocBook)"
cp -r Profiles Templates Locales "$work/" && mkdir -p "$work/real" && mv "$work"/{Profiles,Templates,Locales} "$work/real/"
hyperfine -N --warmup 3 --runs 20 --export-markdown "$work/real.md" \
  "$bin build --project $work/real" "$bin validate --project $work/real" >/dev/null
cat "$work/real.md"
/usr/bin/time -f "peak memory, build: %M KiB" "$bin" build --project "$work/real" >/dev/null

for n in "${@:-1000 10000}"; do
  for size in $n; do
    dir="$work/n$size"
    python3 Benchmarks/generate.py "$size" "$dir"
    "$bin" validate --project "$dir" --accept en --all >/dev/null
    "$bin" validate --project "$dir" --accept kk --all >/dev/null
    echo
    echo "== synthetic: $size messages × pl, en, kk"
    hyperfine -N --warmup 2 --runs 10 --export-markdown "$dir.md" \
      "$bin validate --project $dir" "$bin build --project $dir" >/dev/null
    cat "$dir.md"
    /usr/bin/time -f "peak memory, validate: %M KiB" "$bin" validate --project "$dir" >/dev/null
    /usr/bin/time -f "peak memory, build: %M KiB" "$bin" build --project "$dir" >/dev/null
  done
done
