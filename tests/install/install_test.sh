#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds tests/install against it with
# find_package(corridor), and runs the result on the example scenario.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$source_dir/tests/install" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
out=$("$work/build/consumer" "$source_dir/scenarios/examples/single_track.yaml")
echo "$out"
[[ $out == a_b\ * ]]
