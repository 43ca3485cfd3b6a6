// place's rule for joins (a tile.simd holding only an hl.concat along an
// axis after dims of 1): with every piece from one tile, the join stays
// there; otherwise it goes where the joined tensor is used, the first
// windows, mvm or accumulate among its consumers (through simds).
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place{effort=0})' | FileCheck %s

// CHECK-LABEL: func.func @joins
// The per-part join of a0's two pieces stays on a0's tile.
// CHECK:      hl.concat {{.*}} -> tensor<8x4xi8>
// CHECK:      }) {hw.tile = array<i64: 0, 0, 0>}
// The join of pieces from a0 and a1 goes to a2, where an mvm reads it
// after a relu (which follows its operand, the join).
// CHECK:      hl.concat {{.*}} -> tensor<12x4xi8>
// CHECK:      }) {hw.tile = array<i64: 0, 3, 3>}
// CHECK:      hl.relu
// CHECK:      }) {hw.tile = array<i64: 0, 3, 3>}
// CHECK:      tile.mvm %{{.*}} {block = @a2::@w3, hw.tile = array<i64: 0, 3, 3>}
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w0", value = dense<1> : tensor<4x4xi8>}
    tile.block {col = 4 : i64, row = 0 : i64, sym_name = "w1", value = dense<2> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", pin = [0, 0]}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w2", value = dense<3> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1", pin = [1, 0]}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w3", value = dense<4> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a2", pin = [3, 3]}
  func.func @joins(%x: tensor<4x4xi8>) -> tensor<12x4xi32> {
    %c = tile.channel %x : tensor<4x4xi8>
    %m0 = tile.mvm %c {block = @a0::@w0} : (tensor<4x4xi8>) -> tensor<4x4xi32>
    %e0 = tile.simd %m0 ({
    ^bb0(%a: tensor<4x4xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x4xi32>) -> tensor<4x4xi8>
      tile.yield %q : tensor<4x4xi8>
    }) : (tensor<4x4xi32>) -> tensor<4x4xi8>
    %m1 = tile.mvm %c {block = @a0::@w1} : (tensor<4x4xi8>) -> tensor<4x4xi32>
    %e1 = tile.simd %m1 ({
    ^bb0(%a: tensor<4x4xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x4xi32>) -> tensor<4x4xi8>
      tile.yield %q : tensor<4x4xi8>
    }) : (tensor<4x4xi32>) -> tensor<4x4xi8>
    %j1 = tile.simd %e0, %e1 ({
    ^bb0(%a: tensor<4x4xi8>, %b: tensor<4x4xi8>):
      %r = hl.concat %a, %b {axis = 0 : i64} : (tensor<4x4xi8>, tensor<4x4xi8>) -> tensor<8x4xi8>
      tile.yield %r : tensor<8x4xi8>
    }) : (tensor<4x4xi8>, tensor<4x4xi8>) -> tensor<8x4xi8>
    %m2 = tile.mvm %c {block = @a1::@w2} : (tensor<4x4xi8>) -> tensor<4x4xi32>
    %e2 = tile.simd %m2 ({
    ^bb0(%a: tensor<4x4xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x4xi32>) -> tensor<4x4xi8>
      tile.yield %q : tensor<4x4xi8>
    }) : (tensor<4x4xi32>) -> tensor<4x4xi8>
    %j2 = tile.simd %j1, %e2 ({
    ^bb0(%a: tensor<8x4xi8>, %b: tensor<4x4xi8>):
      %r = hl.concat %a, %b {axis = 0 : i64} : (tensor<8x4xi8>, tensor<4x4xi8>) -> tensor<12x4xi8>
      tile.yield %r : tensor<12x4xi8>
    }) : (tensor<8x4xi8>, tensor<4x4xi8>) -> tensor<12x4xi8>
    %r = tile.simd %j2 ({
    ^bb0(%a: tensor<12x4xi8>):
      %y = hl.relu %a : tensor<12x4xi8>
      tile.yield %y : tensor<12x4xi8>
    }) : (tensor<12x4xi8>) -> tensor<12x4xi8>
    %m3 = tile.mvm %r {block = @a2::@w3} : (tensor<12x4xi8>) -> tensor<12x4xi32>
    %o = tile.channel %m3 : tensor<12x4xi32>
    return %o : tensor<12x4xi32>
  }
}
