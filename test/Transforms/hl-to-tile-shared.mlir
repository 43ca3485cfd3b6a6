// hl-to-tile: layers whose weight matrices are equal share one set of
// blocks (one tile.block each, placed once) with a tile.mvm per use: one
// constant read by a gemm and a matmul, and two equal constants (what the
// quantize pass leaves for an unrolled LSTM's steps). The same constant
// read as W and as W^T gives two different matrices, so two blocks.
// Weights count once in the packing figures, the MACs of every use count.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' | FileCheck %s
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir report=%t/r.json})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json

// Seven blocks: the 20 x 12 matrix's four, the 8 x 6 one, the two 2 x 2.
// CHECK-COUNT-7: tile.block
// CHECK-NOT: tile.block
// CHECK-LABEL: func.func @same_value
// CHECK: tile.mvm %[[A0:.*]] {{{.*}}block = @[[B00:.*]]::@l0_k0_n0} : (tensor<2x16xi8>) -> tensor<2x8xi32>
// CHECK: tile.mvm %[[A1:.*]] {{{.*}}block = @[[B10:.*]]::@l0_k1_n0} : (tensor<2x4xi8>) -> tensor<2x8xi32>
// CHECK: tile.mvm %[[A0]] {{{.*}}block = @[[B01:.*]]::@l0_k0_n1} : (tensor<2x16xi8>) -> tensor<2x4xi32>
// CHECK: tile.mvm %[[A1]] {{{.*}}block = @[[B11:.*]]::@l0_k1_n1} : (tensor<2x4xi8>) -> tensor<2x4xi32>
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[B00]]::@l0_k0_n0} : (tensor<1x16xi8>) -> tensor<1x8xi32>
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[B10]]::@l0_k1_n0} : (tensor<1x4xi8>) -> tensor<1x8xi32>
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[B01]]::@l0_k0_n1} : (tensor<1x16xi8>) -> tensor<1x4xi32>
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[B11]]::@l0_k1_n1} : (tensor<1x4xi8>) -> tensor<1x4xi32>
// CHECK-LABEL: func.func @equal_constants
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[E:.*]]::@l2_k0_n0}
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @[[E]]::@l2_k0_n0}
// CHECK-LABEL: func.func @transposed
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @{{.*}}::@l4_k0_n0}
// CHECK: tile.mvm %{{.*}} {{{.*}}block = @{{.*}}::@l5_k0_n0}

// Weight cells 240 + 48 + 8 = 296 fill 3 arrays of 128; array a0 holds
// the 16 x 8 block, used by 2 + 1 input rows: 384 MACs; all MACs
// (2 + 1) * 240 + 2 * 96 + 2 * 4 = 920 over 3 arrays.
// STATS: (S) {{ *}}770833 array-utilization-ppm
// STATS: (S) {{ *}}3 arrays-lower-bound
// STATS: (S) {{ *}}384 macs-per-array-max
// STATS: (S) {{ *}}306 macs-per-array-mean
// STATS: (S) {{ *}}3 num-arrays
// STATS: (S) {{ *}}7 num-blocks
// STATS: (S) {{ *}}6 num-layers
// JSON: "num_blocks": 7,
// JSON: "weight_cells": 296,
// JSON: {"name": "l0_k0_n0", "row": 0, "col": 0, "rows": 16, "cols": 8, "uses": 2}
// JSON: {"name": "l2_k0_n0", "row": {{[0-9]+}}, "col": {{[0-9]+}}, "rows": 8, "cols": 6, "uses": 2}
module {
  func.func @same_value(%x1: tensor<2x20xi8>, %x2: tensor<1x20xi8>) -> (tensor<2x12xi32>, tensor<1x12xi32>) {
    %w = hl.constant {value = dense<3> : tensor<20x12xi8>} : tensor<20x12xi8>
    %y1 = hl.gemm %x1, %w : (tensor<2x20xi8>, tensor<20x12xi8>) -> tensor<2x12xi32>
    %y2 = hl.matmul %x2, %w : (tensor<1x20xi8>, tensor<20x12xi8>) -> tensor<1x12xi32>
    return %y1, %y2 : tensor<2x12xi32>, tensor<1x12xi32>
  }
  func.func @equal_constants(%x: tensor<2x8xi8>) -> tensor<2x6xi32> {
    %w1 = hl.constant {value = dense<5> : tensor<6x8xi8>} : tensor<6x8xi8>
    %y1 = hl.gemm %x, %w1 {trans_b = true} : (tensor<2x8xi8>, tensor<6x8xi8>) -> tensor<2x6xi32>
    %w2 = hl.constant {value = dense<5> : tensor<6x8xi8>} : tensor<6x8xi8>
    %y2 = hl.gemm %x, %w2 {trans_b = true} : (tensor<2x8xi8>, tensor<6x8xi8>) -> tensor<2x6xi32>
    %s = hl.add %y1, %y2 : tensor<2x6xi32>
    return %s : tensor<2x6xi32>
  }
  func.func @transposed(%x: tensor<1x2xi8>) -> (tensor<1x2xi32>, tensor<1x2xi32>) {
    %w = hl.constant {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>} : tensor<2x2xi8>
    %y1 = hl.gemm %x, %w : (tensor<1x2xi8>, tensor<2x2xi8>) -> tensor<1x2xi32>
    %y2 = hl.gemm %x, %w {trans_b = true} : (tensor<1x2xi8>, tensor<2x2xi8>) -> tensor<1x2xi32>
    return %y1, %y2 : tensor<1x2xi32>, tensor<1x2xi32>
  }
}
