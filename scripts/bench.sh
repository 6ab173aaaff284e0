#!/usr/bin/env bash
# Builds and runs the benchmarks (bench/), printing their tables, then times
# cimsim end to end on every bundled model. Speed goals live here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo "== exact engine (bit-packed XNOR/popcount)"; ./build/bench/exact_engine_bench
echo "== crossbar simulation engine, us per 256x256 MVM"; ./build/bench/sim_engine_bench
echo "== read disturb, CPU us per 256x256 MVM (off vs on: fresh, all driven rows decayed, window 64, mitigations)"; ./build/bench/read_disturb_bench
echo "== IR drop, us per 256x256 MVM (column ladder, full nodal model)"; ./build/bench/ir_drop_bench
echo "== images/s per bundled model (full test set, configs/default.json: 4-bit ADC, D2D + C2C noise, 2 threads)"
mkdir -p build/bench_out
for m in mnist_bnn_mlp mnist_bnn_conv mnist_tnn fashion_bnn_conv; do
  ./build/cmd/cimc "testdata/models/$m.onnx" -o "build/bench_out/$m.cim"
  start=$(date +%s.%N)
  ./build/cmd/cimsim "build/bench_out/$m.cim" --xbar configs/default.json --threads 2 -q \
    --json "build/bench_out/$m.json" >/dev/null
  end=$(date +%s.%N)
  awk -v m="$m" -v s="$start" -v e="$end" 'BEGIN { printf "%-18s %6.2f s  %8.0f images/s (baseline + simulation)\n", m, e - s, 20000 / (e - s) }'
done
