// Hand-written tile programs of a grouped int8 conv (2 groups, stride 2)
// and a depthwise one (dilation 2, pad 2): one window range and one block
// per group, the blocks packed into shared arrays, the groups' outputs
// joined on the SIMD unit. Accumulators as plain Python
// computes them; 8-bit outputs bit-identical to the hl forms.
// RUN: rm -rf %t.hl_grouped && mkdir -p %t.hl_grouped && ipu-run %s --func hl_grouped --input 0=%S/Inputs/tile_grp_x.npy --expect 1=%S/Inputs/tile_grp_acc.npy --rtol 0 --atol 0 -o %t.hl_grouped | FileCheck %s --check-prefix=HL
// RUN: ipu-run %s --func tile_grouped --input 0=%S/Inputs/tile_grp_x.npy --expect 0=%t.hl_grouped/output_0.npy --expect 1=%S/Inputs/tile_grp_acc.npy --rtol 0 --atol 0 | FileCheck %s
// RUN: rm -rf %t.hl_depthwise && mkdir -p %t.hl_depthwise && ipu-run %s --func hl_depthwise --input 0=%S/Inputs/tile_dw_x.npy --expect 1=%S/Inputs/tile_dw_acc.npy --rtol 0 --atol 0 -o %t.hl_depthwise | FileCheck %s --check-prefix=HL
// RUN: ipu-run %s --func tile_depthwise --input 0=%S/Inputs/tile_dw_x.npy --expect 0=%t.hl_depthwise/output_0.npy --expect 1=%S/Inputs/tile_dw_acc.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok
// HL: output 1: max abs error 0, max rel error 0: ok

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "g0", value = dense<[[2, 5], [1, 4], [-7, -6], [-2, -5], [6, -3], [8, 6], [-4, 9], [-1, -7], [-2, 2], [-5, 9], [-4, 7], [1, -4], [-1, -3], [5, -5], [-8, 5], [0, -4], [3, 4], [-6, -5]]> : tensor<18x2xi8>}
    tile.block {col = 2 : i64, row = 0 : i64, sym_name = "g1", value = dense<[[-6, -7], [-2, -4], [-4, 5], [8, 7], [5, -3], [-8, 8], [4, 7], [-5, 6], [-1, -9], [-9, 6], [6, 2], [-2, 6], [-5, -2], [0, -4], [9, -2], [9, 7], [-3, 3], [8, -7]]> : tensor<18x2xi8>}
  }) {cols = 32 : i64, rows = 32 : i64, sym_name = "grp"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "c0", value = dense<[[9], [-3], [-2], [9], [1], [2], [5], [-5], [4]]> : tensor<9x1xi8>}
    tile.block {col = 1 : i64, row = 0 : i64, sym_name = "c1", value = dense<[[5], [5], [-6], [3], [-7], [4], [-1], [8], [-7]]> : tensor<9x1xi8>}
    tile.block {col = 0 : i64, row = 9 : i64, sym_name = "c2", value = dense<[[5], [-7], [1], [0], [-4], [-5], [6], [7], [5]]> : tensor<9x1xi8>}
  }) {cols = 32 : i64, rows = 32 : i64, sym_name = "dw"}
  func.func @tile_grouped(%x: tensor<1x4x4x4xi8>) -> (tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>) {
    %w0 = tile.windows %x {channel_begin = 0 : i64, channel_count = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xi8>) -> tensor<4x18xi8>
    %w1 = tile.windows %x {channel_begin = 2 : i64, channel_count = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xi8>) -> tensor<4x18xi8>
    %p0 = tile.mvm %w0 {block = @grp::@g0} : (tensor<4x18xi8>) -> tensor<4x2xi32>
    %p1 = tile.mvm %w1 {block = @grp::@g1} : (tensor<4x18xi8>) -> tensor<4x2xi32>
    %y:2 = tile.simd %p0, %p1 ({
    ^bb0(%a: tensor<4x2xi32>, %b: tensor<4x2xi32>):
      %j = hl.concat %a, %b {axis = 1 : i64} : (tensor<4x2xi32>, tensor<4x2xi32>) -> tensor<4x4xi32>
      %t = hl.transpose %j {perm = array<i64: 1, 0>} : (tensor<4x4xi32>) -> tensor<4x4xi32>
      %r = hl.reshape %t {shape = array<i64: 1, 4, 2, 2>} : (tensor<4x4xi32>) -> tensor<1x4x2x2xi32>
      %bias = hl.constant {value = dense<[[[[1]], [[2]], [[-3]], [[40]]]]> : tensor<1x4x1x1xi32>} : tensor<1x4x1x1xi32>
      %sum = hl.add %r, %bias : (tensor<1x4x2x2xi32>, tensor<1x4x1x1xi32>) -> tensor<1x4x2x2xi32>
      %q = hl.requantize %sum {multiplier = array<i64: 47453133>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi8>
      tile.yield %q, %sum : (tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>) -> ()
    }) : (tensor<4x2xi32>, tensor<4x2xi32>) -> (tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>)
    return %y#0, %y#1 : tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>
  }
  func.func @hl_grouped(%x: tensor<1x4x4x4xi8>) -> (tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>) {
    %w = hl.constant {value = dense<[[[[2, 1, -7], [-2, 6, 8], [-4, -1, -2]], [[-5, -4, 1], [-1, 5, -8], [0, 3, -6]]], [[[5, 4, -6], [-5, -3, 6], [9, -7, 2]], [[9, 7, -4], [-3, -5, 5], [-4, 4, -5]]], [[[-6, -2, -4], [8, 5, -8], [4, -5, -1]], [[-9, 6, -2], [-5, 0, 9], [9, -3, 8]]], [[[-7, -4, 5], [7, -3, 8], [7, 6, -9]], [[6, 2, 6], [-2, -4, -2], [7, 3, -7]]]]> : tensor<4x2x3x3xi8>} : tensor<4x2x3x3xi8>
    %b = hl.constant {value = dense<[1, 2, -3, 40]> : tensor<4xi32>} : tensor<4xi32>
    %y = hl.conv2d %x, %w, %b {groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x2x2xi32>
    %q = hl.requantize %y {multiplier = array<i64: 47453133>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi8>
    return %q, %y : tensor<1x4x2x2xi8>, tensor<1x4x2x2xi32>
  }
  func.func @tile_depthwise(%x: tensor<1x3x5x5xi8>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) {
    %w0 = tile.windows %x {channel_begin = 0 : i64, channel_count = 1 : i64, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x3x5x5xi8>) -> tensor<25x9xi8>
    %p0 = tile.mvm %w0 {block = @dw::@c0} : (tensor<25x9xi8>) -> tensor<25x1xi32>
    %w1 = tile.windows %x {channel_begin = 1 : i64, channel_count = 1 : i64, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x3x5x5xi8>) -> tensor<25x9xi8>
    %p1 = tile.mvm %w1 {block = @dw::@c1} : (tensor<25x9xi8>) -> tensor<25x1xi32>
    %w2 = tile.windows %x {channel_begin = 2 : i64, channel_count = 1 : i64, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x3x5x5xi8>) -> tensor<25x9xi8>
    %p2 = tile.mvm %w2 {block = @dw::@c2} : (tensor<25x9xi8>) -> tensor<25x1xi32>
    %y:2 = tile.simd %p0, %p1, %p2 ({
    ^bb0(%a: tensor<25x1xi32>, %b: tensor<25x1xi32>, %c: tensor<25x1xi32>):
      %j = hl.concat %a, %b, %c {axis = 1 : i64} : (tensor<25x1xi32>, tensor<25x1xi32>, tensor<25x1xi32>) -> tensor<25x3xi32>
      %t = hl.transpose %j {perm = array<i64: 1, 0>} : (tensor<25x3xi32>) -> tensor<3x25xi32>
      %r = hl.reshape %t {shape = array<i64: 1, 3, 5, 5>} : (tensor<3x25xi32>) -> tensor<1x3x5x5xi32>
      %bias = hl.constant {value = dense<[[[[0]], [[5]], [[-5]]]]> : tensor<1x3x1x1xi32>} : tensor<1x3x1x1xi32>
      %sum = hl.add %r, %bias : (tensor<1x3x5x5xi32>, tensor<1x3x1x1xi32>) -> tensor<1x3x5x5xi32>
      %q = hl.requantize %sum {multiplier = array<i64: 134217728>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x3x5x5xi32>) -> tensor<1x3x5x5xi8>
      tile.yield %q, %sum : (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) -> ()
    }) : (tensor<25x1xi32>, tensor<25x1xi32>, tensor<25x1xi32>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>)
    return %y#0, %y#1 : tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>
  }
  func.func @hl_depthwise(%x: tensor<1x3x5x5xi8>) -> (tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>) {
    %w = hl.constant {value = dense<[[[[9, -3, -2], [9, 1, 2], [5, -5, 4]]], [[[5, 5, -6], [3, -7, 4], [-1, 8, -7]]], [[[5, -7, 1], [0, -4, -5], [6, 7, 5]]]]> : tensor<3x1x3x3xi8>} : tensor<3x1x3x3xi8>
    %b = hl.constant {value = dense<[0, 5, -5]> : tensor<3xi32>} : tensor<3xi32>
    %y = hl.conv2d %x, %w, %b {dilations = array<i64: 2, 2>, groups = 3 : i64, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x3x5x5xi8>, tensor<3x1x3x3xi8>, tensor<3xi32>) -> tensor<1x3x5x5xi32>
    %q = hl.requantize %y {multiplier = array<i64: 134217728>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x3x5x5xi32>) -> tensor<1x3x5x5xi8>
    return %q, %y : tensor<1x3x5x5xi8>, tensor<1x3x5x5xi32>
  }
}
