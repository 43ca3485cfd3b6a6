// Where tile-to-hw keeps slices as copies, and joins of joins: a slice
// with a step of 2 copies; a source whose band (a box view) is still read
// later is not overwritten in place by a position-wise exec (the neg
// writes a buffer of its own); a join on axis 1 whose result is a piece
// of a join on axis 2 becomes a strided box, so its own contiguous pieces
// are turned into boxes of it. The .ipub runs bit-exact with the tile IR.
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t/ref
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --plan-memory -o %t/hw.mlir
// RUN: ipu-translate --emit-ipub %t/hw.mlir -o %t/copy.ipub
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x2x8x4 11 i8
// RUN: ipu-run %s --input 0=%t/x.npy -o %t/ref
// RUN: ipu-run %t/copy.ipub --inferences 2 --input 0=%t/x.npy --expect 0=%t/ref/output_0.npy --expect 1=%t/ref/output_1.npy --expect 2=%t/ref/output_2.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// CHECK:      hw.buffer {sym_name = "b0", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b0, sym_name = "b1", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b1, base_index = array<i64: 0, 0, 2, 0>, sym_name = "b2", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b3", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b4", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b7, base_index = array<i64: 0, 0, 0, 0>, sym_name = "b5", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b7, base_index = array<i64: 0, 2, 0, 0>, sym_name = "b6", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b9, base_index = array<i64: 0, 0, 0, 0>, sym_name = "b7", type = tensor<1x4x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b9, base_index = array<i64: 0, 0, 4, 0>, sym_name = "b8", type = tensor<1x4x2x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b9", type = tensor<1x4x6x4xi8>}
// CHECK:      }) {dsts = [@b2], in_place, srcs = [@b1]}
// CHECK:        hl.slice {{.*}}steps = array<i64: 2>
// CHECK:      }) {dsts = [@b3], srcs = [@b1]}
// CHECK:        hl.neg
// CHECK:      }) {dsts = [@b4], srcs = [@b1]}
// CHECK:      }) {dsts = [@b7], in_place, srcs = [@b5, @b6]}
// CHECK:      }) {dsts = [@b9], in_place, srcs = [@b7, @b8]}

// OK: output 0: max abs error 0, max rel error 0: ok
// OK: output 1: max abs error 0, max rel error 0: ok
// OK: output 2: max abs error 0, max rel error 0: ok
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k0", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
  func.func @main(%x: tensor<1x2x8x4xi8>) -> (tensor<1x2x4x4xi8>, tensor<1x2x8x4xi8>, tensor<1x4x6x4xi8>) {
    %cx = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<1x2x8x4xi8>
    %s = tile.simd %cx ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.relu %a : tensor<1x2x8x4xi8>
      tile.yield %r : tensor<1x2x8x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x8x4xi8>
    %v = tile.simd %s ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 6>, starts = array<i64: 2>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
      tile.yield %r : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
    %odd = tile.simd %s ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 8>, starts = array<i64: 1>, steps = array<i64: 2>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
      tile.yield %r : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
    %e = tile.simd %s ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.neg %a : tensor<1x2x8x4xi8>
      tile.yield %r : tensor<1x2x8x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x8x4xi8>
    %w = tile.simd %v ({
    ^bb0(%a: tensor<1x2x4x4xi8>):
      %r = hl.relu %a : tensor<1x2x4x4xi8>
      tile.yield %r : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x4x4xi8>
    %q = tile.simd %v ({
    ^bb0(%a: tensor<1x2x4x4xi8>):
      %r = hl.neg %a : tensor<1x2x4x4xi8>
      tile.yield %r : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x4x4xi8>
    %j1 = tile.simd %w, %q ({
    ^bb0(%a: tensor<1x2x4x4xi8>, %b: tensor<1x2x4x4xi8>):
      %r = hl.concat %a, %b {axis = 1 : i64} : (tensor<1x2x4x4xi8>, tensor<1x2x4x4xi8>) -> tensor<1x4x4x4xi8>
      tile.yield %r : tensor<1x4x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x4x4xi8>, tensor<1x2x4x4xi8>) -> tensor<1x4x4x4xi8>
    %top = tile.simd %odd ({
    ^bb0(%a: tensor<1x2x4x4xi8>):
      %c = hl.constant {value = dense<3> : tensor<1x4x2x4xi8>} : tensor<1x4x2x4xi8>
      tile.yield %c : tensor<1x4x2x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x4x4xi8>) -> tensor<1x4x2x4xi8>
    %j2 = tile.simd %j1, %top ({
    ^bb0(%a: tensor<1x4x4x4xi8>, %b: tensor<1x4x2x4xi8>):
      %r = hl.concat %a, %b {axis = 2 : i64} : (tensor<1x4x4x4xi8>, tensor<1x4x2x4xi8>) -> tensor<1x4x6x4xi8>
      tile.yield %r : tensor<1x4x6x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4x4xi8>, tensor<1x4x2x4xi8>) -> tensor<1x4x6x4xi8>
    %co = tile.channel %odd {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x2x4x4xi8>
    %ce = tile.channel %e {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x2x8x4xi8>
    %cj = tile.channel %j2 {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x4x6x4xi8>
    return %co, %ce, %cj : tensor<1x2x4x4xi8>, tensor<1x2x8x4xi8>, tensor<1x4x6x4xi8>
  }
}
