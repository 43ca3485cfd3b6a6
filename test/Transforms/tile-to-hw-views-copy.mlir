// Where tile-to-hw keeps copies: a join's piece that something else on the
// tile also reads stays a buffer of its own (a piece at an offset that is
// not a multiple of 16 bytes becomes a box view instead of a contiguous
// one); code that transposes its source, or a source read later, gets no
// in-place result.
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | FileCheck %s

// The join copies two pieces: @b3 is also sent, @b1 is also read by the
// add; @b5, which starts at byte 20, is a box view at row 5. The transpose writes a buffer of its
// own (@b4); the relu after it writes over it (@b7), and the second relu
// of the input over the input (@b3), which the first relu read before.
// CHECK:      hw.buffer {sym_name = "b0", type = tensor<1x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b1", type = tensor<1x1x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b2", type = tensor<1x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b0, sym_name = "b3", type = tensor<1x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b4", type = tensor<4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b6, base_index = array<i64: 0, 5, 0>, sym_name = "b5", type = tensor<1x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b6", type = tensor<1x9x4xi8>}
// CHECK-NEXT: hw.buffer {base = @b4, sym_name = "b7", type = tensor<4x4xi8>}
// CHECK:      }) {dsts = [@b6], srcs = [@b3, @b1, @b5]}
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k0", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
  func.func @main(%x: tensor<1x4x4xi8>, %z: tensor<1x1x4xi8>) -> (tensor<1x9x4xi8>, tensor<4x4xi8>, tensor<1x4x4xi8>) {
    %cx = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<1x4x4xi8>
    %cz = tile.channel %z {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<1x1x4xi8>
    %p1 = tile.simd %cx ({
    ^bb0(%a: tensor<1x4x4xi8>):
      %r = hl.relu %a : tensor<1x4x4xi8>
      tile.yield %r : tensor<1x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4xi8>) -> tensor<1x4x4xi8>
    %p0 = tile.simd %cx ({
    ^bb0(%a: tensor<1x4x4xi8>):
      %r = hl.relu %a : tensor<1x4x4xi8>
      tile.yield %r : tensor<1x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4xi8>) -> tensor<1x4x4xi8>
    %t = tile.simd %p1 ({
    ^bb0(%a: tensor<1x4x4xi8>):
      %r = hl.reshape %a {shape = array<i64: 4, 4>} : (tensor<1x4x4xi8>) -> tensor<4x4xi8>
      %s = hl.transpose %r {perm = array<i64: 1, 0>} : (tensor<4x4xi8>) -> tensor<4x4xi8>
      tile.yield %s : tensor<4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4xi8>) -> tensor<4x4xi8>
    %q = tile.simd %cz ({
    ^bb0(%a: tensor<1x1x4xi8>):
      %c = hl.constant {value = dense<1> : tensor<1x4x4xi8>} : tensor<1x4x4xi8>
      %r = hl.add %a, %c : (tensor<1x1x4xi8>, tensor<1x4x4xi8>) -> tensor<1x4x4xi8>
      tile.yield %r : tensor<1x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x1x4xi8>) -> tensor<1x4x4xi8>
    %j = tile.simd %p0, %cz, %q ({
    ^bb0(%a: tensor<1x4x4xi8>, %b: tensor<1x1x4xi8>, %c: tensor<1x4x4xi8>):
      %r = hl.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x4x4xi8>, tensor<1x1x4xi8>, tensor<1x4x4xi8>) -> tensor<1x9x4xi8>
      tile.yield %r : tensor<1x9x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4xi8>, tensor<1x1x4xi8>, tensor<1x4x4xi8>) -> tensor<1x9x4xi8>
    %n = tile.simd %t ({
    ^bb0(%a: tensor<4x4xi8>):
      %r = hl.relu %a : tensor<4x4xi8>
      tile.yield %r : tensor<4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<4x4xi8>) -> tensor<4x4xi8>
    %cj = tile.channel %j {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x9x4xi8>
    %cn = tile.channel %n {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<4x4xi8>
    %cp = tile.channel %p0 {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x4x4xi8>
    return %cj, %cn, %cp : tensor<1x9x4xi8>, tensor<4x4xi8>, tensor<1x4x4xi8>
  }
}
