// A hand-written tile program of an int8 conv (1x4x5x5 input, 3 filters
// 3x3, pad 1): the K = 36 rows split into two blocks of two channels each,
// packed side by side in one array, accumulated, then bias and
// requantization on the SIMD unit. The i32 accumulators match plain-Python
// ones and the 8-bit outputs are bit-identical to the same conv in hl
// (hl.conv2d on i8 with an i32 bias, then hl.requantize).
// RUN: rm -rf %t.hl_conv && mkdir -p %t.hl_conv && ipu-run %s --func hl_conv --input 0=%S/Inputs/tile_conv_x.npy --expect 1=%S/Inputs/tile_conv_acc.npy --rtol 0 --atol 0 -o %t.hl_conv | FileCheck %s --check-prefix=HL
// RUN: ipu-run %s --func tile_conv --input 0=%S/Inputs/tile_conv_x.npy --expect 0=%t.hl_conv/output_0.npy --expect 1=%S/Inputs/tile_conv_acc.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok
// HL: output 1: max abs error 0, max rel error 0: ok

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k0", value = dense<[[-5, 4, -7], [6, -7, -3], [6, 2, 7], [-7, 2, 9], [4, -2, 5], [-5, -8, 5], [-7, -2, 2], [4, 2, 2], [5, 0, 4], [4, -1, 8], [-6, 1, 0], [9, -2, 5], [2, -9, -4], [-2, 3, -7], [5, 1, 6], [-4, -6, 3], [5, 1, -1], [0, -2, 2]]> : tensor<18x3xi8>}
    tile.block {col = 3 : i64, row = 0 : i64, sym_name = "k1", value = dense<[[-1, -7, -1], [1, -9, 3], [-7, 5, 9], [-9, -3, 3], [-2, 2, 2], [-2, -3, -7], [7, 8, 9], [5, 7, 0], [5, -1, -5], [-6, -9, -7], [-9, 7, -6], [-9, 2, -1], [-1, -8, 3], [4, -9, -5], [7, -7, -7], [2, 0, -3], [-2, 6, -1], [-1, -6, -2]]> : tensor<18x3xi8>}
  }) {cols = 8 : i64, rows = 32 : i64, sym_name = "a0"}
  func.func @tile_conv(%x: tensor<1x4x5x5xi8>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) {
    %w0 = tile.windows %x {channel_begin = 0 : i64, channel_count = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xi8>) -> tensor<25x18xi8>
    %w1 = tile.windows %x {channel_begin = 2 : i64, channel_count = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xi8>) -> tensor<25x18xi8>
    %p0 = tile.mvm %w0 {block = @a0::@k0} : (tensor<25x18xi8>) -> tensor<25x3xi32>
    %p1 = tile.mvm %w1 {block = @a0::@k1} : (tensor<25x18xi8>) -> tensor<25x3xi32>
    %s = tile.accumulate %p0, %p1 : tensor<25x3xi32>
    %c = tile.channel %s : tensor<25x3xi32>
    %y:2 = tile.simd %c ({
    ^bb0(%a: tensor<25x3xi32>):
      %t = hl.transpose %a {perm = array<i64: 1, 0>} : (tensor<25x3xi32>) -> tensor<3x25xi32>
      %r = hl.reshape %t {shape = array<i64: 1, 3, 5, 5>} : (tensor<3x25xi32>) -> tensor<1x3x5x5xi32>
      %b = hl.constant {value = dense<[[[[100]], [[-50]], [[7]]]]> : tensor<1x3x1x1xi32>} : tensor<1x3x1x1xi32>
      %sum = hl.add %r, %b : (tensor<1x3x5x5xi32>, tensor<1x3x1x1xi32>) -> tensor<1x3x5x5xi32>
      %q = hl.requantize %sum {multiplier = array<i64: 33554432>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x3x5x5xi32>) -> tensor<1x3x5x5xi8>
      tile.yield %q, %sum : (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) -> ()
    }) : (tensor<25x3xi32>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>)
    return %y#0, %y#1 : tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>
  }
  func.func @hl_conv(%x: tensor<1x4x5x5xi8>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) {
    %w = hl.constant {value = dense<[[[[-5, 6, 6], [-7, 4, -5], [-7, 4, 5]], [[4, -6, 9], [2, -2, 5], [-4, 5, 0]], [[-1, 1, -7], [-9, -2, -2], [7, 5, 5]], [[-6, -9, -9], [-1, 4, 7], [2, -2, -1]]], [[[4, -7, 2], [2, -2, -8], [-2, 2, 0]], [[-1, 1, -2], [-9, 3, 1], [-6, 1, -2]], [[-7, -9, 5], [-3, 2, -3], [8, 7, -1]], [[-9, 7, 2], [-8, -9, -7], [0, 6, -6]]], [[[-7, -3, 7], [9, 5, 5], [2, 2, 4]], [[8, 0, 5], [-4, -7, 6], [3, -1, 2]], [[-1, 3, 9], [3, 2, -7], [9, 0, -5]], [[-7, -6, -1], [3, -5, -7], [-3, -1, -2]]]]> : tensor<3x4x3x3xi8>} : tensor<3x4x3x3xi8>
    %b = hl.constant {value = dense<[100, -50, 7]> : tensor<3xi32>} : tensor<3xi32>
    %y = hl.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xi8>, tensor<3x4x3x3xi8>, tensor<3xi32>) -> tensor<1x3x5x5xi32>
    %q = hl.requantize %y {multiplier = array<i64: 33554432>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x3x5x5xi32>) -> tensor<1x3x5x5xi8>
    return %q, %y : tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>
  }
}
