#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a report:
#   installs every build and run dependency (apt-get, non-interactive, idempotent),
#   configures and builds, compiles the bundled MNIST BNN with cimc and runs it
#   with cimsim on the MNIST test set with configs/default.json.
# Options: --deps-only (install packages and stop), --no-run (install and build only).
# Works as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=0 run=1
for arg in "$@"; do
  case "$arg" in
    --deps-only) deps_only=1 ;;
    --no-run) run=0 ;;
    *) echo "setup.sh: unknown option '$arg' (valid: --deps-only, --no-run)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config
  libonnx-dev libprotobuf-dev protobuf-compiler
  libcli11-dev nlohmann-json3-dev libeigen3-dev libspdlog-dev catch2 zlib1g-dev
  dataset-fashion-mnist  # Fashion-MNIST (IDX) for the fashion model and its tests
  parallel gnuplot-nox jq  # design-space sweeps and their plots (scripts/dse/; jq reads specs and reports)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  echo "setup.sh: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
((deps_only)) && exit 0

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
((run)) || exit 0

mkdir -p build/out
prog=build/out/mnist_bnn_conv.cim
./build/cmd/cimc testdata/models/mnist_bnn_conv.onnx -o "$prog" --summary
# A 4-bit ADC needs ranges fitted to the layer: profile them on 2,000 training digits.
./build/cmd/cimsim "$prog" --xbar configs/default.json --calibrate build/out/mnist_bnn_conv.adc.json --limit 2000
./build/cmd/cimsim "$prog" --xbar configs/default.json \
  --set adc.range=calibrated --set adc.calibration="$PWD/build/out/mnist_bnn_conv.adc.json" \
  --json build/out/mnist_bnn_conv.report.json
