// ipu-run on each tile op: tile.mvm exact and through a 6-bit ADC with a
// shift (rounding half up, saturating), tile.accumulate wrapping around
// i32, tile.windows with strides, pads, dilations and a channel range,
// tile.channel; expected values from Inputs/gen_npy_tile.py.
// RUN: ipu-run %s --func mvm --input 0=%S/Inputs/tile_x_5x3.npy --expect 0=%S/Inputs/tile_mvm_out0.npy --expect 1=%S/Inputs/tile_mvm_out1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=TWO
// RUN: ipu-run %s --func acc --input 0=%S/Inputs/tile_big_2x2.npy --expect 0=%S/Inputs/tile_acc_out0.npy --rtol 0 --atol 0 | FileCheck %s
// RUN: ipu-run %s --func win --input 0=%S/Inputs/tile_img_1x2x4x5.npy --expect 0=%S/Inputs/tile_win_out0.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// TWO: output 0: max abs error 0, max rel error 0: ok
// TWO: output 1: max abs error 0, max rel error 0: ok

module {
  tile.array ({
    tile.block {col = 1 : i64, row = 2 : i64, sym_name = "w", value = dense<[[1, 2], [3, -4], [127, -127]]> : tensor<3x2xi8>}
  }) {cols = 4 : i64, rows = 8 : i64, sym_name = "a"}
  func.func @mvm(%x: tensor<5x3xi8>) -> (tensor<5x2xi32>, tensor<5x2xi32>) {
    %c = tile.channel %x : tensor<5x3xi8>
    %0 = tile.mvm %c {block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    %1 = tile.mvm %c {adc_bits = 6 : i64, adc_shift = 3 : i64, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    return %0, %1 : tensor<5x2xi32>, tensor<5x2xi32>
  }
  func.func @acc(%p: tensor<2x2xi32>) -> tensor<2x2xi32> {
    %0 = tile.accumulate %p, %p, %p : tensor<2x2xi32>
    return %0 : tensor<2x2xi32>
  }
  func.func @win(%x: tensor<1x2x4x5xi8>) -> tensor<6x6xi8> {
    %0 = tile.windows %x {channel_begin = 1 : i64, dilations = array<i64: 1, 2>, kernel_shape = array<i64: 2, 3>, pads = array<i64: 1, 0, 0, 2>, strides = array<i64: 2, 1>} : (tensor<1x2x4x5xi8>) -> tensor<6x6xi8>
    return %0 : tensor<6x6xi8>
  }
}
