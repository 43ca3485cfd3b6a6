// place: arrays on tiles minimising bytes x hops (greedy start, then
// annealing), units on their arrays' tiles, pins, several chips,
// determinism for a seed, statistics and the JSON report.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place{effort=0})' | FileCheck %s --check-prefixes=CHECK,GREEDY
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place)' | FileCheck %s --check-prefix=CHECK
// The same seed twice gives the same placement.
// RUN: ipu-opt %S/Inputs/place-ring.mlir --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place{seed=7 effort=2})' -o %t/a.mlir
// RUN: ipu-opt %S/Inputs/place-ring.mlir --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place{seed=7 effort=2})' -o %t/b.mlir
// RUN: diff %t/a.mlir %t/b.mlir
// Annealing improves on the greedy start there; statistics and report.
// RUN: ipu-opt %S/Inputs/place-ring.mlir --target=%S/Inputs/tiny-16x8.ir --mlir-pass-statistics --pass-pipeline='builtin.module(place{report=%t/r.json})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// Two chips of 2 x 2: one of the five arrays goes to the second chip's port.
// RUN: ipu-opt %S/Inputs/place-five.mlir --target=%S/Inputs/two-chips-2x2.ir --mlir-pass-statistics --pass-pipeline='builtin.module(place)' 2>&1 | FileCheck %s --check-prefix=CHIPS

// STATS: place
// STATS-DAG: (S)   6144 cost -
// STATS-DAG: (S)   7680 cost-greedy
// STATS-DAG: (S) 800000 cost-ratio-ppm
// STATS-DAG: (S)     10 num-arrays
// STATS-DAG: (S)      1 num-chips-used
// STATS-DAG: (S)     10 num-tiles-used
// STATS-DAG: (S)      0 num-windows-split
// JSON: "target": "tiny-16x8",
// JSON: "seed": 1,
// JSON-NEXT: "effort": 1,
// JSON-NEXT: "num_arrays": 10,
// JSON: "cost_greedy": 7680,
// JSON-NEXT: "cost": 6144,
// JSON-NEXT: "cost_ratio": 0.800000,
// JSON: "arrays": [
// JSON-NEXT: {"name": "a0", "chip": 0, "x": 0, "y": 0, "pinned": false, "traffic_bytes": 2048},
// JSON-COUNT-9: {"name": "a{{[1-9]}}", "chip": 0,
// CHIPS-COUNT-1: hw.tile = array<i64: 1, 0, 0>, rows = 16
// CHIPS-DAG: (S) 2 num-chips-used
// CHIPS-DAG: (S) 5 num-tiles-used

// A chain host -> a0 -> a1 -> a2 -> host. Traffic (bytes): a0 1024 in,
// 512 to a1; a1 512 to a2; a2 1024 out. Greedy: a0 (1536 bytes, first of
// the heaviest) at the port (0, 0); a2 (1536) next to the port, (1, 0)
// before (0, 1); a1 where both neighbours cost 3 hops, the lowest tile
// (2, 0). Cost 512 x 2 + 512 x 1 + 1024 x 1 = 2560, the optimum (a1
// cannot touch both a0 and a2 when a2 touches the port), so annealing
// keeps it. Every unit takes its array's tile; the simd after an mvm
// follows it.
// CHECK-LABEL: module attributes
// CHECK: tile.array
// CHECK: }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 0>, rows = 16 : i64, sym_name = "a0"}
// GREEDY: }) {cols = 8 : i64, hw.tile = array<i64: 0, 2, 0>, rows = 16 : i64, sym_name = "a1"}
// GREEDY: }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 0>, rows = 16 : i64, sym_name = "a2"}
// CHECK-LABEL: func.func @chain
// CHECK: tile.channel %arg0 : tensor<64x16xi8>
// CHECK: tile.mvm %{{.*}} {block = @a0::@w, hw.tile = array<i64: 0, 0, 0>}
// CHECK: }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
// GREEDY: tile.mvm %{{.*}} {block = @a1::@w, hw.tile = array<i64: 0, 2, 0>}
// GREEDY: }) {hw.tile = array<i64: 0, 2, 0>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
// GREEDY: tile.mvm %{{.*}} {block = @a2::@w, hw.tile = array<i64: 0, 1, 0>}
// CHECK: tile.channel %{{.*}} : tensor<64x4xi32>
// CHECK-NOT: hw.tile
// CHECK: return
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a2"}
  func.func @chain(%arg0: tensor<64x16xi8>) -> tensor<64x4xi32> {
    %0 = tile.channel %arg0 : tensor<64x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w} : (tensor<64x16xi8>) -> tensor<64x8xi32>
    %2 = tile.channel %1 : tensor<64x8xi32>
    %3 = tile.simd %2 ({
    ^bb0(%a: tensor<64x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
      tile.yield %q : tensor<64x8xi8>
    }) : (tensor<64x8xi32>) -> tensor<64x8xi8>
    %4 = tile.channel %3 : tensor<64x8xi8>
    %5 = tile.mvm %4 {block = @a1::@w} : (tensor<64x8xi8>) -> tensor<64x8xi32>
    %6 = tile.channel %5 : tensor<64x8xi32>
    %7 = tile.simd %6 ({
    ^bb0(%a: tensor<64x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
      tile.yield %q : tensor<64x8xi8>
    }) : (tensor<64x8xi32>) -> tensor<64x8xi8>
    %8 = tile.channel %7 : tensor<64x8xi8>
    %9 = tile.mvm %8 {block = @a2::@w} : (tensor<64x8xi8>) -> tensor<64x4xi32>
    %10 = tile.channel %9 : tensor<64x4xi32>
    return %10 : tensor<64x4xi32>
  }
}

// -----

// Where units go: a windows used by mvms on two arrays is copied, one per
// array, each on its array's tile; an accumulate follows the producer of
// its (first) largest partial; a simd fed by the host only follows its
// first unit consumer, and one with neither goes to the port.
// CHECK-LABEL: func.func @units
// CHECK: %[[X:.*]] = tile.channel %arg0
// CHECK: %[[W0:.*]] = tile.windows %[[X]] {hw.tile = array<i64: 0, [[T0:.*]]>, kernel_shape
// CHECK: %[[W1:.*]] = tile.windows %[[X]] {hw.tile = array<i64: 0, [[T1:.*]]>, kernel_shape
// CHECK: %[[P0:.*]] = tile.mvm %[[W0]] {block = @a0::@w, hw.tile = array<i64: 0, [[T0]]>}
// CHECK: %[[P1:.*]] = tile.mvm %[[W1]] {block = @a1::@w, hw.tile = array<i64: 0, [[T1]]>}
// CHECK: tile.accumulate %[[P0]], %[[P1]] {hw.tile = array<i64: 0, [[T0]]>}
// CHECK: }) {hw.tile = array<i64: 0, [[T1]]>} : (tensor<9x8xi8>) -> tensor<9x8xi8>
// CHECK: tile.mvm %{{.*}} {block = @a1::@w, hw.tile = array<i64: 0, [[T1]]>}
// CHECK: tile.accumulate %{{.*}}, %{{.*}} {hw.tile = array<i64: 0, [[T0]]>}
// CHECK: }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<9x8xi8>) -> tensor<9x8xi8>
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<2> : tensor<8x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
  func.func @units(%arg0: tensor<1x2x4x4xi8>, %arg1: tensor<9x8xi8>) -> (tensor<9x4xi32>, tensor<9x8xi8>) {
    %x = tile.channel %arg0 : tensor<1x2x4x4xi8>
    %w = tile.windows %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x2x4x4xi8>) -> tensor<9x8xi8>
    %p0 = tile.mvm %w {block = @a0::@w} : (tensor<9x8xi8>) -> tensor<9x4xi32>
    %p1 = tile.mvm %w {block = @a1::@w} : (tensor<9x8xi8>) -> tensor<9x4xi32>
    %s = tile.accumulate %p0, %p1 : tensor<9x4xi32>
    %y = tile.channel %arg1 : tensor<9x8xi8>
    %t = tile.simd %y ({
    ^bb0(%a: tensor<9x8xi8>):
      %r = hl.relu %a : tensor<9x8xi8>
      tile.yield %r : tensor<9x8xi8>
    }) : (tensor<9x8xi8>) -> tensor<9x8xi8>
    %tc = tile.channel %t : tensor<9x8xi8>
    %p2 = tile.mvm %tc {block = @a1::@w} : (tensor<9x8xi8>) -> tensor<9x4xi32>
    %s2 = tile.accumulate %s, %p2 : tensor<9x4xi32>
    %sc = tile.channel %s2 : tensor<9x4xi32>
    %h = tile.simd %y ({
    ^bb0(%a: tensor<9x8xi8>):
      %r = hl.neg %a : tensor<9x8xi8>
      tile.yield %r : tensor<9x8xi8>
    }) : (tensor<9x8xi8>) -> tensor<9x8xi8>
    %hc = tile.channel %h : tensor<9x8xi8>
    return %sc, %hc : tensor<9x4xi32>, tensor<9x8xi8>
  }
}

// -----

// Pins hold: a1 at (3, 3) and a2 at chip 0, (0, 2) (the 3-element form);
// the unpinned a0 goes next to the port, as close as it can get.
// CHECK-LABEL: module attributes
// CHECK: }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 0>, rows = 16 : i64, sym_name = "a0"}
// CHECK: }) {cols = 8 : i64, hw.tile = array<i64: 0, 3, 3>, pin = [3, 3], rows = 16 : i64, sym_name = "a1"}
// CHECK: }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 2>, pin = [0, 0, 2], rows = 16 : i64, sym_name = "a2"}
// CHECK: tile.mvm %{{.*}} {block = @a1::@w, hw.tile = array<i64: 0, 3, 3>}
// CHECK: tile.mvm %{{.*}} {block = @a2::@w, hw.tile = array<i64: 0, 0, 2>}
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, pin = [3, 3], rows = 16 : i64, sym_name = "a1"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x4xi8>}
  }) {cols = 8 : i64, pin = [0, 0, 2], rows = 16 : i64, sym_name = "a2"}
  func.func @pinned(%arg0: tensor<64x16xi8>) -> tensor<64x4xi32> {
    %0 = tile.channel %arg0 : tensor<64x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w} : (tensor<64x16xi8>) -> tensor<64x8xi32>
    %2 = tile.simd %1 ({
    ^bb0(%a: tensor<64x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
      tile.yield %q : tensor<64x8xi8>
    }) : (tensor<64x8xi32>) -> tensor<64x8xi8>
    %3 = tile.channel %2 : tensor<64x8xi8>
    %4 = tile.mvm %3 {block = @a1::@w} : (tensor<64x8xi8>) -> tensor<64x8xi32>
    %5 = tile.simd %4 ({
    ^bb0(%a: tensor<64x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<64x8xi32>) -> tensor<64x8xi8>
      tile.yield %q : tensor<64x8xi8>
    }) : (tensor<64x8xi32>) -> tensor<64x8xi8>
    %6 = tile.channel %5 : tensor<64x8xi8>
    %7 = tile.mvm %6 {block = @a2::@w} : (tensor<64x8xi8>) -> tensor<64x4xi32>
    %8 = tile.channel %7 : tensor<64x4xi32>
    return %8 : tensor<64x4xi32>
  }
}
