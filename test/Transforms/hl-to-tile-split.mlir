// hl-to-tile's output-channel split: with an array budget, a layer whose
// tile could not hold its input, the end of its epilogue chain and two
// streamed product rows (here the tiny target's 256-byte SRAM, budget 90%:
// 230 bytes) while its input takes at most half of that splits into the
// fewest parts over its output channels that fit, each part a layer with
// its weights (and bias) sliced and its own arrays, followed by its copy
// of the channel-separable epilogue (per-channel constants and requantize
// parameters sliced); one hl.concat on the channel axis joins the parts.
// The join runs on the host when only host ops read it (@host: the
// dequantize), in a tile.simd of its own when a tile op does (@tile: the
// next matmul). No split without an array budget, nor when the input
// alone is too big (@big: that is a row-band split's case). The tile IR
// equals the hl to the bit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --split-input-file --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/split.mlir 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s < %t/split.mlir
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir})' | FileCheck %s --check-prefix=NOBUDGET
// Bit-exact: @tile, @host and @gemm, lowered with parts.
// RUN: awk '/^\/\/ -----/{exit} {print}' %s > %t/tile.mlir
// RUN: awk '/^\/\/ -----/{n++; next} n==1 {print}' %s > %t/host.mlir
// RUN: awk '/^\/\/ -----/{n++; next} n==3 {print}' %s > %t/gemm.mlir
// RUN: ipu-opt %t/tile.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1 report=%t/report.json})' -o %t/tile-parts.mlir
// RUN: FileCheck %s --check-prefix=REPORT < %t/report.json
// RUN: ipu-opt %t/host.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/host-parts.mlir
// RUN: ipu-opt %t/gemm.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/gemm-parts.mlir
// More parts than the array budget would only share arrays again: @host
// needs 2, a budget of 1 leaves it whole.
// RUN: ipu-opt %t/host.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=1})' | FileCheck %s --check-prefix=BUDGET1
// BUDGET1: tile.mvm {{.*}} -> tensor<8x8xi32>
// BUDGET1-NOT: hl.concat
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 4x16 3
// RUN: python3 %S/Inputs/rand_npy.py %t/s.npy 1x1x1x32 4
// RUN: python3 %S/Inputs/rand_npy.py %t/g.npy 2x48 5
// RUN: mkdir -p %t/hl1 %t/hl2 %t/hl3 && ipu-run %t/tile.mlir --input 0=%t/x.npy -o %t/hl1 && ipu-run %t/host.mlir --input 0=%t/s.npy -o %t/hl2 && ipu-run %t/gemm.mlir --input 0=%t/g.npy -o %t/hl3
// RUN: ipu-run %t/tile-parts.mlir --input 0=%t/x.npy --expect 0=%t/hl1/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/host-parts.mlir --input 0=%t/s.npy --expect 0=%t/hl2/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/gemm-parts.mlir --input 0=%t/g.npy --expect 0=%t/hl3/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// OK: output 0: max abs error 0, max rel error 0: ok

// STATS: (S) 3 num-split-layers
// STATS: (S) 8 num-split-parts
// The JSON report (of @tile alone).
// REPORT: "num_split_layers": 1,
// REPORT: "num_split_parts": 2,

// 4 x 16 i8 input (64 bytes), 16 output channels: the i8 result of the
// per-channel requantize (64) and two i32 product rows (128) do not fit
// beside it; 2 parts of 8 channels do (64 + 32 + 64).
// CHECK-LABEL: func.func @tile
// CHECK: %[[P0:.*]] = tile.mvm %{{.*}} {{{.*}}block = @a0::@l0_k0_n0} : (tensor<4x16xi8>) -> tensor<4x8xi32>
// CHECK-NEXT: %[[C0:.*]] = tile.channel %[[P0]]
// CHECK-NEXT: %[[E0:.*]] = tile.simd %[[C0]] ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<4x8xi32>):
// CHECK-NEXT: hl.constant {value = dense<{{\[\[}}15, 1, -7, 3, -25, -5, -10, -39]]> : tensor<1x8xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}}multiplier = array<i64: 2100316993, 1605578607, 1631212021, 1508797375, 2034801374, 1368235786, 1968463088, 1334922984>, shift = array<i64: 3, 1, 2, 3, 2, 3, 2, 4>{{.*}} : (tensor<4x8xi32>) -> tensor<4x8xi8>
// CHECK-NEXT: tile.yield
// CHECK: %[[P1:.*]] = tile.mvm %{{.*}} {{{.*}}block = @a1::@l1_k0_n0} : (tensor<4x16xi8>) -> tensor<4x8xi32>
// CHECK-NEXT: %[[C1:.*]] = tile.channel %[[P1]]
// CHECK-NEXT: %[[E1:.*]] = tile.simd %[[C1]] ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<4x8xi32>):
// CHECK-NEXT: hl.constant {value = dense<{{\[\[}}42, -4, -48, -7, 20, 8, 6, 40]]> : tensor<1x8xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}}multiplier = array<i64: 1916337906, 2023183193, 1752303274, 1229533378, 1590509628, 1993592131, 1230767478, 1530489687>, shift = array<i64: 2, 1, 4, 4, 2, 2, 2, 4>
// The next matmul is a tile op: the join is a tile.simd alone.
// CHECK: tile.simd %{{.*}}, %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<4x8xi8>, tensor<4x8xi8>) -> tensor<4x16xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.mvm {{.*}}@a2::@l2_k0_n0
// The second layer fits: not split.
// CHECK-NOT: tile.mvm
// CHECK: tile.host
// NOBUDGET-LABEL: func.func @tile
// NOBUDGET: tile.mvm {{.*}} -> tensor<4x8xi32>
// NOBUDGET: tile.mvm {{.*}} -> tensor<4x8xi32>
// NOBUDGET: hl.concat {{.*}} -> tensor<4x16xi32>
// NOBUDGET-NOT: -> tensor<4x8xi8>
func.func @tile(%xf: tensor<4x16xf32>) -> tensor<4x4xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x16xf32>) -> tensor<4x16xi8>
  %w = hl.constant {value = dense<[[1, -5, 3, -8, -7, 8, -6, 2, 9, -8, 7, -3, -8, -7, 4, 4], [-7, -2, -7, 8, 4, -8, 9, -6, -2, 9, -8, 9, 9, 3, -8, -2], [-8, 8, -5, 0, 4, -5, 8, -6, 9, 0, 8, -4, -6, 9, 9, -3], [2, -6, 8, -7, 9, -8, -3, 6, 8, 4, 1, 5, 9, 5, 2, 0], [-2, -4, -2, -7, 9, 0, 7, 6, 1, 5, 0, -7, -6, 7, 4, -4], [1, -5, 6, 4, -8, -7, 8, 9, 1, 1, 2, 6, 9, 5, -7, -7], [-1, 6, -7, -8, 0, 9, 5, 0, 3, 2, -9, 5, 2, -4, -6, 6], [-8, -3, 0, -5, -2, 3, 3, 6, -7, -4, 5, 3, 8, -1, -5, 4], [8, -1, 4, 2, 3, -2, -5, -7, -4, -5, -2, -2, -9, 6, 9, -4], [-1, 0, -9, -5, 4, 8, 2, 9, 1, -5, 7, -8, 5, 8, 3, 3], [3, 3, -6, 6, 3, -8, -3, -7, -3, 5, -4, -6, 1, -8, -6, -9], [9, -5, 8, -6, 2, -9, -7, -3, 3, -5, -1, 2, 2, 6, -6, -6], [6, 5, 6, 6, 0, -7, -5, -6, 1, -1, 6, -4, 7, -9, -3, 7], [2, -5, 8, -9, 7, 0, -7, -1, 7, 2, -4, 2, -2, 8, 8, 7], [1, -2, -3, -2, 3, -2, -3, 7, 6, 2, -9, -9, -1, 6, -1, -3], [2, 5, 2, 2, -7, -2, -6, -2, 6, -3, 1, -3, 6, -9, 6, 2]]> : tensor<16x16xi8>} : tensor<16x16xi8>
  %y = hl.matmul %x, %w : (tensor<4x16xi8>, tensor<16x16xi8>) -> tensor<4x16xi32>
  %c = hl.constant {value = dense<[[15, 1, -7, 3, -25, -5, -10, -39, 42, -4, -48, -7, 20, 8, 6, 40]]> : tensor<1x16xi32>} : tensor<1x16xi32>
  %s = hl.add %y, %c : (tensor<4x16xi32>, tensor<1x16xi32>) -> tensor<4x16xi32>
  %r = hl.requantize %s {axis = 1 : i64, multiplier = array<i64: 2100316993, 1605578607, 1631212021, 1508797375, 2034801374, 1368235786, 1968463088, 1334922984, 1916337906, 2023183193, 1752303274, 1229533378, 1590509628, 1993592131, 1230767478, 1530489687>, shift = array<i64: 3, 1, 2, 3, 2, 3, 2, 4, 2, 1, 4, 4, 2, 2, 2, 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x16xi32>) -> tensor<4x16xi8>
  %w2 = hl.constant {value = dense<[[-7, -6, 3, -3], [6, -4, 4, 1], [-7, 3, 5, 3], [-7, -4, -4, -5], [-9, -5, 9, 5], [-5, 6, 2, -5], [8, 8, -5, -9], [-9, -6, 7, -5], [4, -3, -3, -9], [-1, -3, 0, 7], [-2, 9, 1, -1], [8, 4, -5, -8], [2, 5, 9, 7], [4, 7, -5, 8], [-5, 7, 7, -9], [5, -4, -9, -5]]> : tensor<16x4xi8>} : tensor<16x4xi8>
  %z = hl.matmul %r, %w2 : (tensor<4x16xi8>, tensor<16x4xi8>) -> tensor<4x4xi32>
  %f = hl.dequantize %z {scale = array<f32: 0.001>} : (tensor<4x4xi32>) -> tensor<4x4xf32>
  return %f : tensor<4x4xf32>
}

// -----

// A conv of a 32-byte input whose 8 x 8 i32 output (256 bytes) goes to
// the host: 2 parts of 4 channels (32 + 128 + 64 bytes), bias sliced; the
// join goes into the host region with the dequantize that reads it.
// CHECK-LABEL: func.func @host
// CHECK: tile.windows
// CHECK-NEXT: tile.mvm {{.*}}@a0::@l0_k0_n0{{.*}} -> tensor<8x4xi32>
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.transpose
// CHECK-NEXT: hl.reshape
// CHECK-NEXT: hl.constant {value = dense<[-96, -2, -16, 32]> : tensor<4xi32>}
// CHECK: tile.mvm {{.*}}@a1::@l1_k0_n0{{.*}} -> tensor<8x4xi32>
// CHECK: hl.constant {value = dense<[59, -25, 31, -84]> : tensor<4xi32>}
// CHECK: tile.host %{{.*}}, %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<1x4x1x8xi32>, tensor<1x4x1x8xi32>) -> tensor<1x8x1x8xi32>
// CHECK-NEXT: hl.dequantize
// CHECK-NEXT: tile.yield
// NOBUDGET-LABEL: func.func @host
// NOBUDGET: tile.mvm {{.*}} -> tensor<8x8xi32>
// NOBUDGET-NOT: hl.concat
func.func @host(%xf: tensor<1x1x1x32xf32>) -> tensor<1x8x1x8xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x1x1x32xf32>) -> tensor<1x1x1x32xi8>
  %w = hl.constant {value = dense<[[[[-4, -5, 6, -6]]], [[[8, -8, 1, 7]]], [[[7, 8, 6, -6]]], [[[8, -8, -2, -3]]], [[[-1, -8, -6, 7]]], [[[5, 8, -9, -7]]], [[[5, 1, 7, 7]]], [[[-3, -1, 5, 7]]]]> : tensor<8x1x1x4xi8>} : tensor<8x1x1x4xi8>
  %b = hl.constant {value = dense<[-96, -2, -16, 32, 59, -25, 31, -84]> : tensor<8xi32>} : tensor<8xi32>
  %y = hl.conv2d %x, %w, %b {strides = array<i64: 1, 4>} : (tensor<1x1x1x32xi8>, tensor<8x1x1x4xi8>, tensor<8xi32>) -> tensor<1x8x1x8xi32>
  %f = hl.dequantize %y {axis = 1 : i64, scale = array<f32: 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25>} : (tensor<1x8x1x8xi32>) -> tensor<1x8x1x8xf32>
  return %f : tensor<1x8x1x8xf32>
}

// -----

// The input alone (128 bytes) takes more than half the budget: splitting
// the output cannot make the layer fit, so it is left whole (a row-band
// split's case), without an error.
// CHECK-LABEL: func.func @big
// NOBUDGET-LABEL: func.func @big
// CHECK: tile.mvm {{.*}} -> tensor<32x8xi32>
// CHECK-NOT: tile.mvm
// CHECK-NOT: hl.concat
func.func @big(%x: tensor<1x1x1x128xi8>) -> tensor<1x8x1x32xi32> {
  %w = hl.constant {value = dense<[[[[-4, -5, 6, -6]]], [[[8, -8, 1, 7]]], [[[7, 8, 6, -6]]], [[[8, -8, -2, -3]]], [[[-1, -8, -6, 7]]], [[[5, 8, -9, -7]]], [[[5, 1, 7, 7]]], [[[-3, -1, 5, 7]]]]> : tensor<8x1x1x4xi8>} : tensor<8x1x1x4xi8>
  %y = hl.conv2d %x, %w {strides = array<i64: 1, 4>} : (tensor<1x1x1x128xi8>, tensor<8x1x1x4xi8>) -> tensor<1x8x1x32xi32>
  return %y : tensor<1x8x1x32xi32>
}

// -----

// A gemm (transposed B, 48 x 32 weights) on a 2 x 48 input (96 bytes)
// whose 2 x 32 i32 result (256 bytes) goes to the host: 4 parts of 8
// columns (96 + 64 + 64), each with its rows of the weight (3 row blocks
// of 16 x 8, an array each, accumulated) and its slice of the bias; the
// join is on the host.
// CHECK-LABEL: func.func @gemm
// CHECK: tile.mvm {{.*}}@a0::@l0_k0_n0{{.*}} -> tensor<2x8xi32>
// CHECK-NEXT: tile.mvm {{.*}}@a1::@l0_k1_n0
// CHECK-NEXT: tile.mvm {{.*}}@a2::@l0_k2_n0
// CHECK-NEXT: tile.accumulate
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.constant {value = dense<[155, 56, 93, 310, 239, -257, 138, -351]> : tensor<8xi32>}
// CHECK: tile.mvm {{.*}}@a3::@l1_k0_n0
// CHECK: tile.mvm {{.*}}@a6::@l2_k0_n0
// CHECK: tile.mvm {{.*}}@a9::@l3_k0_n0
// CHECK: tile.host %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<2x8xi32>, tensor<2x8xi32>, tensor<2x8xi32>, tensor<2x8xi32>) -> tensor<2x32xi32>
// CHECK-NEXT: hl.dequantize
func.func @gemm(%xf: tensor<2x48xf32>) -> tensor<2x32xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x48xf32>) -> tensor<2x48xi8>
  %w = hl.constant {value = dense<[[8, 15, 9, 8, 12, 17, -8, -9, 12, 10, 20, 19, -9, -14, 8, -1, -11, -15, 14, 20, -18, 18, 5, 8, 19, -10, 19, -20, 13, -16, -17, -18, -8, -5, 18, -19, 9, 0, 8, 17, -8, 13, -6, 20, -2, 11, -20, -15], [9, -3, 6, 15, -15, -4, 0, -6, 12, -2, -19, -16, 16, -14, 5, -14, -2, 4, -16, -19, -20, -7, -7, -17, 10, 4, 5, 6, -16, 16, 20, -8, -3, 1, -15, -1, 1, -20, 6, -13, -12, -5, -14, -20, -17, 9, 11, -9], [15, -8, 8, 12, -8, -12, 6, 4, -13, 5, 6, -7, -20, -3, 17, -1, -19, -7, -9, 5, 18, 16, -14, -18, -11, -7, 8, -4, -20, 19, 1, -2, 4, -16, -16, -15, -7, 17, 20, -5, -20, 18, 3, 3, 19, 9, -12, 17], [10, 16, -12, 4, -9, 20, -11, -1, -6, 19, -5, -8, -10, 20, 15, -8, 4, 10, 18, -15, 6, -17, -14, -14, -18, 12, -4, -5, 5, -4, 6, 18, 11, -2, 13, -9, -16, -12, -6, 10, 15, 19, 19, -16, -3, -7, -7, -19], [-16, -3, 6, 8, -5, -17, -18, -9, -2, 3, 13, 16, -12, -15, 3, -12, 8, 1, 13, 17, -12, 17, -18, -19, 10, 2, -1, -18, -19, 18, 20, -16, 10, -16, -1, 0, -12, -16, -16, 8, 14, 3, -18, -12, 1, 2, -15, 10], [-16, 6, -19, 11, 16, -20, 19, 4, 4, 17, -20, 18, -16, -15, -15, 20, -13, -4, 6, 1, 4, 17, 9, 8, 9, 14, -15, 13, 12, -19, -1, 18, -15, 10, -19, -6, -13, 11, 19, 11, -4, -20, 3, -1, -11, 19, -8, 13], [-10, 1, 8, 11, -5, 0, 5, -4, -8, 20, 7, -8, -7, 4, -6, 17, 0, -7, -12, -12, 11, 2, -18, -16, -3, -10, -13, 8, 10, -3, -7, 6, 4, 20, 13, 11, 0, 19, 8, 0, -16, -18, -3, 18, -18, -3, 16, 2], [-1, 16, -19, -12, 5, 9, -8, -19, -3, -5, -11, -17, 20, -13, 8, -14, 20, 14, 20, 3, -16, -8, -8, 10, -4, -9, -20, 10, 14, -18, -9, -6, -3, 2, 14, 13, 12, 19, -10, 5, -6, -15, 6, 4, -12, 8, 9, -8], [20, -20, 4, 15, 16, 12, 1, 9, 0, -7, -14, -13, -7, -5, 4, -15, -1, 14, 0, -4, -19, 2, 12, -15, -18, 8, 1, 15, 6, -3, 11, -19, -7, -16, 7, -18, -9, 14, 1, -12, 10, -11, 13, 13, 8, 11, 17, -15], [-6, 8, 13, 15, -2, 15, 20, -10, 13, 12, 15, -4, -1, 4, 19, -7, -1, -11, 14, 13, -3, 16, 11, -8, 6, 14, -13, 12, -20, 18, 4, -19, 14, -18, 13, 5, 14, 16, -13, 11, -15, -10, -16, 14, 9, 6, 5, -3], [-5, 10, 11, -12, 1, 7, 10, 13, 0, -14, -8, 6, 19, -19, -4, -12, -19, -18, -8, -11, -6, -20, -2, 0, 2, -5, 19, 11, -14, 11, 17, -13, 12, 19, -4, -8, 13, 7, -19, 4, 20, 6, 13, 19, -10, 14, -7, 20], [14, 20, -7, 13, -7, 14, 19, 17, -12, -6, 20, 2, -9, 0, 18, 0, -8, -7, -8, -14, -12, -5, -12, -15, -4, 4, -14, 7, 6, 14, -12, -8, 5, 20, -19, -14, -8, 16, 2, 3, -13, 12, 20, 1, 12, -8, -16, 10], [-14, -19, -18, 15, 19, 12, 16, 10, -11, -8, -9, -13, -7, -9, -10, -2, -14, 17, -17, -12, 9, -16, -14, 0, 5, 9, 7, 12, 2, 7, -7, 18, 3, -20, 20, -18, -8, -9, 6, 9, 3, 3, 5, -8, 18, -10, -14, 12], [-20, 0, -15, 20, 5, 16, 18, -8, 12, 17, 1, -4, -3, -13, -10, 5, -12, 1, 14, 3, 7, -9, 5, -7, -9, -16, 1, -1, 10, -14, -20, 2, 20, 19, -17, -6, -3, -1, 1, -7, 5, 16, -9, 14, -16, 4, 12, 11], [-7, -13, 5, 16, -19, -13, 19, -14, -5, -4, 8, 5, 12, -17, -8, 4, -20, -14, -4, -4, -3, 1, 15, 14, 12, 6, 13, 16, -14, 20, 8, -16, 15, 18, -18, 4, -10, 4, 10, -10, 11, 14, 19, 18, -17, 7, 11, 6], [-2, 13, 5, 18, -1, 3, 13, -2, 10, -3, 15, -2, -2, -19, -20, -5, 17, -18, 20, -10, 6, 4, -17, 0, 5, -17, 17, 0, -16, -6, 7, 10, -4, -5, -18, 13, -14, 9, -11, -5, 18, -13, -17, 19, 6, 9, -13, -7], [-17, 2, 13, -11, -13, 3, 8, -12, 6, 9, 18, -4, 20, 17, 6, 3, 13, -12, -2, -12, -5, 10, -13, 12, -1, 12, 19, 2, -3, -3, 19, 16, 17, -8, 20, -3, -5, -8, -5, 12, -8, -18, 20, -17, -20, -3, -4, 7], [-19, 19, -18, -14, -6, 14, -3, -16, -15, -10, 15, -5, 20, 3, 10, 10, 2, -7, 1, 1, 11, -12, -16, -13, 8, 19, -7, 8, 7, -4, 4, -11, 3, -11, 18, 0, -2, 15, -9, 7, 3, 17, -14, 9, 0, -15, 14, -15], [7, 16, 16, 11, 9, -1, -20, -16, -1, -7, 18, -15, -1, 11, 0, -2, -11, -6, 2, 0, 3, -13, 0, 8, 16, 18, -3, 8, 13, -1, 9, 0, -6, 5, 13, -5, -15, 3, 3, -19, 3, 5, 17, 4, -8, 16, 3, 4], [14, -11, 17, 16, -9, -9, -15, 9, -2, -19, -6, 13, -17, 14, -10, 16, -2, -19, 7, -16, 17, 14, -1, 14, -15, 1, -15, -3, -14, 0, -15, -19, 20, -11, -14, 7, -5, -6, 11, 13, 1, 9, 5, 2, 1, 1, -12, 11], [11, 14, -16, 19, -18, 6, 2, -20, 4, -15, 9, 14, 20, -19, 13, 3, -20, -13, 6, 6, -11, -5, -10, 20, 4, -10, 0, -7, 4, 7, 13, -2, -3, -17, 10, -1, -13, -1, -11, -9, -17, 9, -19, 17, 10, -18, 0, -14], [-8, -9, 2, -7, 17, -5, 18, 10, 18, 12, -6, 8, -9, -3, 5, -9, -1, 20, 15, 15, 10, -4, 11, 5, 1, 15, -15, 10, -6, 5, -17, -7, -12, 4, 13, 13, -3, -17, -5, -20, 10, 3, 8, -5, 6, 18, -10, 6], [-10, 0, -11, -4, 13, -12, 20, 19, -3, 13, 14, -17, -11, 16, -9, -20, -7, -11, -12, -15, 2, -3, 19, 13, -14, 10, 9, -15, 17, 14, 12, -1, -19, -8, 6, -8, -15, 8, -7, -18, 14, 6, 13, 11, -10, -1, 0, -1], [5, -16, 15, -1, 9, -16, 3, -16, -12, -14, 5, 9, -13, 8, -20, 4, 10, -5, -2, 16, -13, 9, -20, -7, 19, -11, -2, 20, 4, 14, -1, 1, 5, 15, -15, -4, -8, -8, 4, -13, 1, -1, -3, 16, 10, 20, 1, 8], [4, -15, -14, -11, 19, -14, -12, 20, -9, -9, -8, 5, -18, 9, 17, -15, -14, -6, -18, -10, -13, 7, 6, -16, 1, 7, 12, -12, -7, -11, 4, 10, 1, 6, 19, -20, 5, 19, 0, -5, 18, 13, -19, -4, 1, -8, 1, -1], [8, -14, 15, 4, -7, 12, 1, -2, -14, 19, -10, -4, 14, -1, 15, -6, 2, 19, 12, 12, -11, 16, -8, 13, -8, 16, -19, 20, -8, -15, -12, -5, 10, 16, 6, 1, 1, -15, 3, -3, 9, -13, 8, -12, -5, 16, 14, 14], [15, -16, 15, -4, -10, 1, 18, -11, -13, -20, -2, 3, -5, 16, 3, -10, -9, 18, 15, -16, 9, -18, 5, -9, -12, -1, 4, 19, 17, 20, -19, -10, -8, 6, 9, -18, -11, 13, 4, -13, 16, 5, -9, 1, 13, -12, -4, -5], [16, 1, -17, -18, -11, 5, 11, 18, -14, 10, 2, 6, 19, 16, 6, -2, 11, 9, 6, 7, -13, 16, -13, 13, 1, 13, 13, 7, 6, -19, 0, -17, -2, 19, 7, 4, 18, 0, -1, 17, -16, -5, -13, 8, -5, 12, 5, -17], [10, -14, 13, -5, 14, -1, 5, -5, -16, 3, 14, 6, 16, -10, -6, 6, 16, -13, -16, -14, 13, -12, -13, 14, 16, 9, -20, -2, -5, -1, -19, 0, -9, -16, 8, 8, 13, 5, -11, 2, 17, -6, -18, -1, -19, 9, 0, -1], [0, 11, -11, 10, -7, -8, -2, -17, -8, 0, 2, 10, -19, -9, 20, 15, -8, 14, 20, -5, -8, -17, -14, -1, 0, -3, 6, -12, 1, 8, 6, -15, -10, -6, -1, -13, -8, -3, -9, -5, 12, -2, -3, 3, 13, -13, 17, 13], [-6, -1, -9, -6, -3, -12, 20, -15, 9, -16, 8, 13, -16, 13, -18, -20, 18, 17, -2, 14, -4, 7, 16, -15, -10, -2, -8, -5, -9, -3, 15, -19, -9, -11, -18, 19, 9, 17, 4, -20, 11, -17, -9, -16, 15, 3, 0, 10], [-18, 13, -2, 12, 20, 13, 14, -9, 18, -10, -13, 18, 7, -5, 8, 15, -4, -5, -4, 11, 14, -6, 17, 18, 11, -4, -18, -8, 18, -17, 16, 8, -9, 0, -11, 18, -19, 18, 11, 7, 12, 8, -4, -19, -16, -13, -9, 16]]> : tensor<32x48xi8>} : tensor<32x48xi8>
  %b = hl.constant {value = dense<[155, 56, 93, 310, 239, -257, 138, -351, -445, -182, -65, -457, 212, -179, 339, 136, 256, 38, 299, -229, 283, 102, 10, -410, 165, 340, 22, -325, -113, -240, -246, -337]> : tensor<32xi32>} : tensor<32xi32>
  %y = hl.gemm %x, %w, %b {trans_b = true} : (tensor<2x48xi8>, tensor<32x48xi8>, tensor<32xi32>) -> tensor<2x32xi32>
  %f = hl.dequantize %y {scale = array<f32: 0.001>} : (tensor<2x32xi32>) -> tensor<2x32xf32>
  return %f : tensor<2x32xf32>
}
