// hl-to-tile array-budget: four gemm layers (8x8, 8x4, 4x4 and 4x8
// weights) on the tiny 16 x 8 arrays. Budget 0 packs into as few arrays as
// possible (2); a budget the layers fit (4, or -1: the target's 16 tiles)
// gives each layer its own array; a smaller one merges the two layers with
// the fewest weight cells (ties: the earlier) until the count fits: 3
// merges the 4x4 with the 8x4 layer, 2 then merges those with the 4x8
// one; 1 cannot be met and ends at the fewest-arrays packing. The tile IR
// equals the hl to the bit whatever the packing.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' | FileCheck %s --check-prefix=B0
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=1})' | FileCheck %s --check-prefix=B0
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=4})' | FileCheck %s --check-prefix=B4
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=-1})' | FileCheck %s --check-prefix=B4
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=3})' -o %t/b3.mlir
// RUN: FileCheck %s --check-prefix=B3 < %t/b3.mlir
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=2})' 2>&1 | FileCheck %s --check-prefix=B2
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir array-budget=-2})' 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 2x8 7
// RUN: mkdir -p %t/hl && ipu-run %s --input 0=%t/x.npy -o %t/hl
// RUN: ipu-run %t/b3.mlir --input 0=%t/x.npy --expect 0=%t/hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// B0: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_k0_n0"
// B0-NEXT: tile.block {col = 0 : i64, row = 8 : i64, sym_name = "l1_k0_n0"
// B0-NEXT: tile.block {col = 4 : i64, row = 8 : i64, sym_name = "l2_k0_n0"
// B0-NEXT: }) {{{.*}}sym_name = "a0"
// B0-NEXT: tile.array ({
// B0-NEXT: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l3_k0_n0"
// B0-NEXT: }) {{{.*}}sym_name = "a1"
// B0-NOT: tile.array

// B4: tile.block {{{.*}}sym_name = "l0_k0_n0"
// B4-NEXT: }) {{{.*}}sym_name = "a0"
// B4: tile.block {{{.*}}sym_name = "l1_k0_n0"
// B4-NEXT: }) {{{.*}}sym_name = "a1"
// B4: tile.block {{{.*}}sym_name = "l2_k0_n0"
// B4-NEXT: }) {{{.*}}sym_name = "a2"
// B4: tile.block {{{.*}}sym_name = "l3_k0_n0"
// B4-NEXT: }) {{{.*}}sym_name = "a3"
// B4-NOT: tile.array

// B3: tile.block {{{.*}}sym_name = "l0_k0_n0"
// B3-NEXT: }) {{{.*}}sym_name = "a0"
// B3: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l1_k0_n0"
// B3-NEXT: tile.block {col = 4 : i64, row = 0 : i64, sym_name = "l2_k0_n0"
// B3-NEXT: }) {{{.*}}sym_name = "a1"
// B3: tile.block {{{.*}}sym_name = "l3_k0_n0"
// B3-NEXT: }) {{{.*}}sym_name = "a2"
// B3-NOT: tile.array
// B3: tile.mvm {{.*}}block = @a0::@l0_k0_n0
// B3: tile.mvm {{.*}}block = @a1::@l1_k0_n0
// B3: tile.mvm {{.*}}block = @a1::@l2_k0_n0
// B3: tile.mvm {{.*}}block = @a2::@l3_k0_n0

// B2: tile.block {{{.*}}sym_name = "l0_k0_n0"
// B2-NEXT: }) {{{.*}}sym_name = "a0"
// B2: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l1_k0_n0"
// B2-NEXT: tile.block {col = 0 : i64, row = 12 : i64, sym_name = "l2_k0_n0"
// B2-NEXT: tile.block {col = 0 : i64, row = 8 : i64, sym_name = "l3_k0_n0"
// B2-NEXT: }) {{{.*}}sym_name = "a1"
// B2-NOT: tile.array
// B2: (S) 2 arrays-lower-bound
// B2: (S) 2 num-arrays

// BAD: error: 'builtin.module' op hl-to-tile: array-budget must be -1 (the target's tiles), 0 (fewest arrays) or positive, got -2

// OK: output 0: max abs error 0, max rel error 0: ok

func.func @chain(%xf: tensor<2x8xf32>) -> tensor<2x8xi8> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x8xf32>) -> tensor<2x8xi8>
  %w0 = hl.constant {value = dense<[[1, -2, 3, -1, 2, 0, 1, -3], [2, 1, -1, 3, 0, -2, 1, 1], [-1, 0, 2, 1, -3, 1, 2, 0], [3, -1, 0, 2, 1, 1, -2, 1], [0, 2, 1, -1, 2, 3, 0, -1], [1, 1, -3, 0, 1, -1, 2, 2], [-2, 3, 1, 1, 0, 2, -1, 0], [1, 0, 2, -2, 3, 1, 1, -1]]> : tensor<8x8xi8>} : tensor<8x8xi8>
  %w1 = hl.constant {value = dense<[[1, -1, 2, 0], [0, 2, -1, 1], [3, 1, 0, -2], [-1, 0, 1, 2], [2, -2, 1, 1], [1, 3, -1, 0], [0, 1, 2, -1], [-2, 0, 1, 3]]> : tensor<8x4xi8>} : tensor<8x4xi8>
  %w2 = hl.constant {value = dense<[[2, -1, 0, 1], [1, 3, -2, 0], [0, 1, 1, -1], [-1, 2, 0, 3]]> : tensor<4x4xi8>} : tensor<4x4xi8>
  %w3 = hl.constant {value = dense<[[1, 0, -1, 2, 3, -2, 1, 0], [0, 1, 2, -1, 1, 0, -3, 2], [2, -1, 1, 0, -1, 3, 0, 1], [-1, 2, 0, 1, 2, 1, 1, -2]]> : tensor<4x8xi8>} : tensor<4x8xi8>
  %a0 = hl.gemm %x, %w0 : (tensor<2x8xi8>, tensor<8x8xi8>) -> tensor<2x8xi32>
  %r0 = hl.requantize %a0 {multiplier = array<i64: 1073741824>, shift = array<i64: 3>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x8xi32>) -> tensor<2x8xi8>
  %a1 = hl.gemm %r0, %w1 : (tensor<2x8xi8>, tensor<8x4xi8>) -> tensor<2x4xi32>
  %r1 = hl.requantize %a1 {multiplier = array<i64: 1073741824>, shift = array<i64: 1>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xi32>) -> tensor<2x4xi8>
  %a2 = hl.gemm %r1, %w2 : (tensor<2x4xi8>, tensor<4x4xi8>) -> tensor<2x4xi32>
  %r2 = hl.requantize %a2 {multiplier = array<i64: 1073741824>, shift = array<i64: 1>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xi32>) -> tensor<2x4xi8>
  %a3 = hl.gemm %r2, %w3 : (tensor<2x4xi8>, tensor<4x8xi8>) -> tensor<2x8xi32>
  %r3 = hl.requantize %a3 {multiplier = array<i64: 1073741824>, shift = array<i64: 1>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x8xi32>) -> tensor<2x8xi8>
  return %r3 : tensor<2x8xi8>
}
