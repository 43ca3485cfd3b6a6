// hl-to-tile's latency bands (balance-latency): with an array budget, the
// arrays the layers leave spare go to more row bands of the slowest convs,
// each band on an array (tile) of its own. Here (the tiny target: 16
// tiles, bit-serial) @latency's 3x3 conv has 16 rows of 4 outputs and
// its stride-2 1x1 conv 8 rows of 2: the first is 4 times as slow, so it
// takes bands first (2, 3, 4, then 6: 5 would not shorten its longest
// band), then the second (2); with 10 arrays that is all: 8 and 2 bands,
// 8 bands more than the SRAM needs. The max pool after the second conv
// follows its bands. With 3 arrays only the slowest conv gets a band;
// with the whole target (16) the first conv stops at 8 bands (2 rows
// each) and the second at 4. Without the option, or without a budget,
// nothing is split. An output-channel split's parts (Inputs/
// hl-to-tile-latency-split.mlir: 4 parts on a 256-byte SRAM target) are
// convs of their own and get bands each, the earlier part first on ties.
// The tile IR equals the hl to the bit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=10 balance-latency=true report=%t/b10.json})' -o %t/b10.mlir 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --check-prefix=JSON < %t/b10.json
// RUN: FileCheck %s < %t/b10.mlir
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=3 balance-latency=true})' -o %t/b3.mlir 2>&1 | FileCheck %s --check-prefix=STATS3
// RUN: FileCheck %s --check-prefix=GREEDY < %t/b3.mlir
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=-1 balance-latency=true})' -o %t/all.mlir 2>&1 | FileCheck %s --check-prefix=STATSALL
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=-1})' -o %t/off.mlir 2>&1 | FileCheck %s --check-prefix=STATSOFF
// RUN: FileCheck %s --check-prefix=OFF < %t/off.mlir
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir balance-latency=true})' -o %t/nobudget.mlir 2>&1 | FileCheck %s --check-prefix=STATSOFF
// RUN: ipu-opt %S/Inputs/hl-to-tile-latency-split.mlir --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=9 balance-latency=true})' -o %t/split.mlir 2>&1 | FileCheck %s --check-prefix=SPLIT
// RUN: python3 %S/Inputs/rand_npy.py %t/a.npy 1x1x16x4 7
// RUN: mkdir -p %t/hl %t/hl2 && ipu-run %s --input 0=%t/a.npy -o %t/hl && ipu-run %S/Inputs/hl-to-tile-latency-split.mlir --input 0=%t/a.npy -o %t/hl2
// RUN: ipu-run %t/b10.mlir --input 0=%t/a.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/b3.mlir --input 0=%t/a.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/all.mlir --input 0=%t/a.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/split.mlir --input 0=%t/a.npy --expect 0=%t/hl2/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK1

// STATS: (S) 10 num-arrays
// STATS: (S) 3 num-banded-layers
// STATS: (S) 8 num-latency-bands
// STATS: (S) 12 num-row-bands
// JSON: "num_row_bands": 12,
// JSON-NEXT: "num_latency_bands": 8,

// STATS3: (S) 3 num-arrays
// STATS3: (S) 1 num-banded-layers
// STATS3: (S) 1 num-latency-bands
// STATS3: (S) 2 num-row-bands

// STATSALL: (S) 12 num-arrays
// STATSALL: (S) 3 num-banded-layers
// STATSALL: (S) 10 num-latency-bands
// STATSALL: (S) 16 num-row-bands

// STATSOFF: (S) 0 num-banded-layers
// STATSOFF: (S) 0 num-latency-bands
// STATSOFF: (S) 0 num-row-bands

// SPLIT: (S) 9 num-arrays
// SPLIT: (S) 4 num-banded-layers
// SPLIT: (S) 5 num-latency-bands
// SPLIT: (S) 9 num-row-bands
// SPLIT: (S) 1 num-split-layers
// SPLIT: (S) 4 num-split-parts

// Ten arrays, one a band.
// CHECK: sym_name = "a9"
// CHECK-NOT: sym_name = "a10"
// CHECK-LABEL: func.func @latency
// The first conv's 8 bands of 2 rows: rows [0, 2) read input rows [0, 3)
// with the top pad, rows [2, 4) read [1, 5), ..., rows [14, 16) read
// [13, 16) with the bottom pad.
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 3>, starts = array<i64: 0>} : (tensor<1x1x16x4xi8>) -> tensor<1x1x3x4xi8>
// CHECK: tile.windows {{.*}}pads = array<i64: 1, 1, 0, 1>} : (tensor<1x1x3x4xi8>) -> tensor<8x9xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 1>} : (tensor<1x1x16x4xi8>) -> tensor<1x1x4x4xi8>
// CHECK: tile.windows {{.*}}pads = array<i64: 0, 1, 0, 1>} : (tensor<1x1x4x4xi8>) -> tensor<8x9xi8>
// CHECK-COUNT-5: tile.windows {{.*}}pads = array<i64: 0, 1, 0, 1>} : (tensor<1x1x4x4xi8>) -> tensor<8x9xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 13>} : (tensor<1x1x16x4xi8>) -> tensor<1x1x3x4xi8>
// CHECK: tile.windows {{.*}}pads = array<i64: 0, 1, 1, 1>} : (tensor<1x1x3x4xi8>) -> tensor<8x9xi8>
// The second conv's 2 bands read the first's bands (rows [0, 7) and
// [8, 16): a concat of them), and the pool's 2 bands read its bands.
// CHECK: hl.concat {{.*}} : (tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x1x4xi8>) -> tensor<1x2x7x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x7x4xi8>) -> tensor<8x2xi8>
// CHECK: hl.concat {{.*}} : (tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>, tensor<1x2x2x4xi8>) -> tensor<1x2x8x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x8x4xi8>) -> tensor<8x2xi8>
// CHECK: hl.maxpool {{.*}} : (tensor<1x2x4x2xi8>) -> tensor<1x2x2x1xi8>
// CHECK: hl.maxpool {{.*}} : (tensor<1x2x4x2xi8>) -> tensor<1x2x2x1xi8>

// Three arrays: the slowest conv in 2 bands, the other whole.
// GREEDY: sym_name = "a2"
// GREEDY-NOT: sym_name = "a3"
// GREEDY: tile.windows {{.*}}pads = array<i64: 1, 1, 0, 1>} : (tensor<1x1x9x4xi8>) -> tensor<32x9xi8>
// GREEDY: tile.windows {{.*}}pads = array<i64: 0, 1, 1, 1>} : (tensor<1x1x9x4xi8>) -> tensor<32x9xi8>
// GREEDY: tile.windows {{.*}}strides = array<i64: 2, 2>} : (tensor<1x2x16x4xi8>) -> tensor<16x2xi8>

// OFF: tile.windows {{.*}}pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x16x4xi8>) -> tensor<64x9xi8>
// OFF-NOT: hl.slice

// OK: output 0: max abs error 0, max rel error 0: ok
// OK: output 1: max abs error 0, max rel error 0: ok
// OK1: output 0: max abs error 0, max rel error 0: ok

func.func @latency(%a: tensor<1x1x16x4xf32>) -> (tensor<1x2x16x4xf32>, tensor<1x2x4x1xf32>) {
  %aq = hl.quantize %a {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x1x16x4xf32>) -> tensor<1x1x16x4xi8>
  %bias = hl.constant {value = dense<[100, -250]> : tensor<2xi32>} : tensor<2xi32>
  %w1 = hl.constant {value = dense<[[[[0, -3, 1], [5, -5, -4], [3, -4, 0]]], [[[-2, -4, 3], [1, -5, 4], [-4, -2, 5]]]]> : tensor<2x1x3x3xi8>} : tensor<2x1x3x3xi8>
  %y1 = hl.conv2d %aq, %w1, %bias {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x16x4xi8>, tensor<2x1x3x3xi8>, tensor<2xi32>) -> tensor<1x2x16x4xi32>
  %r1 = hl.requantize %y1 {multiplier = array<i64: 1073741824>, shift = array<i64: 5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi8>
  %o1 = hl.dequantize %r1 {scale = array<f32: 0.05>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x16x4xf32>
  %w2 = hl.constant {value = dense<[[[[3]], [[-5]]], [[[4]], [[2]]]]> : tensor<2x2x1x1xi8>} : tensor<2x2x1x1xi8>
  %y2 = hl.conv2d %r1, %w2, %bias {strides = array<i64: 2, 2>} : (tensor<1x2x16x4xi8>, tensor<2x2x1x1xi8>, tensor<2xi32>) -> tensor<1x2x8x2xi32>
  %r2 = hl.requantize %y2 {multiplier = array<i64: 1073741824>, shift = array<i64: 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x8x2xi32>) -> tensor<1x2x8x2xi8>
  %m2 = hl.maxpool %r2 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x8x2xi8>) -> tensor<1x2x4x1xi8>
  %o2 = hl.dequantize %m2 {scale = array<f32: 0.05>} : (tensor<1x2x4x1xi8>) -> tensor<1x2x4x1xf32>
  return %o1, %o2 : tensor<1x2x16x4xf32>, tensor<1x2x4x1xf32>
}
