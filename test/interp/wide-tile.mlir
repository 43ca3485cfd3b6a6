// ipu-run on tile.mvm with bit-sliced inputs (input_bits b, input_slices
// n): i16 values in [-16384, 16383] through two 8-bit slices give exactly
// the hl.gemm of the same values; beyond that range the top slice
// saturates; i8 values in 4-bit x 3 and 2-bit x 8 slices are exact, in
// 3-bit x 3 slices the top one saturates; tile.windows on i16. Expected
// values from Inputs/gen_npy_wide.py, which applies the definition.
// RUN: rm -rf %t.hl && mkdir -p %t.hl && ipu-run %s --func hl_gemm --input 0=%S/Inputs/wide_tile_x.npy --expect 0=%S/Inputs/wide_tile_exact.npy --rtol 0 --atol 0 -o %t.hl | FileCheck %s
// RUN: ipu-run %s --func tile_gemm --input 0=%S/Inputs/wide_tile_x.npy --expect 0=%t.hl/output_0.npy --expect 1=%S/Inputs/wide_tile_exact.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=TWO
// RUN: ipu-run %s --func beyond --input 0=%S/Inputs/wide_tile_beyond.npy --expect 0=%S/Inputs/wide_tile_sat.npy --rtol 0 --atol 0 | FileCheck %s
// RUN: ipu-run %s --func narrow --input 0=%S/Inputs/wide_tile_x8.npy --expect 0=%S/Inputs/wide_tile_exact8.npy --expect 1=%S/Inputs/wide_tile_exact8.npy --expect 2=%S/Inputs/wide_tile_sat8.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=THREE
// RUN: ipu-run %s --func win --input 0=%S/Inputs/wide_tile_img.npy --expect 0=%S/Inputs/wide_tile_win.npy --rtol 0 --atol 0 | FileCheck %s
// RUN: ipu-run %s --func adc --expect 0=%S/Inputs/wide_tile_adc.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// TWO: output 0: max abs error 0, max rel error 0: ok
// TWO: output 1: max abs error 0, max rel error 0: ok
// THREE: output 0: max abs error 0, max rel error 0: ok
// THREE: output 1: max abs error 0, max rel error 0: ok
// THREE: output 2: max abs error 0, max rel error 0: ok

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<[[69, -64, -8, 120, 76], [-110, 79, 34, 123, -25], [-66, 108, 46, -40, -91], [113, 2, -122, -24, -56], [123, -95, 55, -67, 19], [-12, 48, 104, -117, 30]]> : tensor<6x5xi8>}
    tile.block {col = 5 : i64, row = 0 : i64, sym_name = "h", value = dense<[[3, -1], [2, 5]]> : tensor<2x2xi8>}
  }) {cols = 8 : i64, rows = 8 : i64, sym_name = "a"}

  func.func @hl_gemm(%x: tensor<4x6xi16>) -> tensor<4x5xi32> {
    %w = hl.constant {value = dense<[[69, -64, -8, 120, 76], [-110, 79, 34, 123, -25], [-66, 108, 46, -40, -91], [113, 2, -122, -24, -56], [123, -95, 55, -67, 19], [-12, 48, 104, -117, 30]]> : tensor<6x5xi8>} : tensor<6x5xi8>
    %y = hl.gemm %x, %w : (tensor<4x6xi16>, tensor<6x5xi8>) -> tensor<4x5xi32>
    return %y : tensor<4x5xi32>
  }

  // The slices spelled out and left to the defaults (input_bits = 8, an
  // exact 32-bit ADC): both equal the hl.gemm.
  func.func @tile_gemm(%x: tensor<4x6xi16>) -> (tensor<4x5xi32>, tensor<4x5xi32>) {
    %c = tile.channel %x : tensor<4x6xi16>
    %0 = tile.mvm %c {block = @a::@w, input_bits = 8 : i64, input_slices = 2 : i64} : (tensor<4x6xi16>) -> tensor<4x5xi32>
    %1 = tile.mvm %c {adc_bits = 32 : i64, adc_shift = 0 : i64, block = @a::@w, input_slices = 2 : i64} : (tensor<4x6xi16>) -> tensor<4x5xi32>
    return %0, %1 : tensor<4x5xi32>, tensor<4x5xi32>
  }

  func.func @beyond(%x: tensor<2x6xi16>) -> tensor<2x5xi32> {
    %0 = tile.mvm %x {block = @a::@w, input_slices = 2 : i64} : (tensor<2x6xi16>) -> tensor<2x5xi32>
    return %0 : tensor<2x5xi32>
  }

  func.func @narrow(%x: tensor<3x6xi8>) -> (tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>) {
    %0 = tile.mvm %x {block = @a::@w, input_bits = 4 : i64, input_slices = 3 : i64} : (tensor<3x6xi8>) -> tensor<3x5xi32>
    %1 = tile.mvm %x {block = @a::@w, input_bits = 2 : i64, input_slices = 8 : i64} : (tensor<3x6xi8>) -> tensor<3x5xi32>
    %2 = tile.mvm %x {block = @a::@w, input_bits = 3 : i64, input_slices = 3 : i64} : (tensor<3x6xi8>) -> tensor<3x5xi32>
    return %0, %1, %2 : tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>
  }

  func.func @win(%img: tensor<1x2x3x3xi16>) -> tensor<4x8xi16> {
    %0 = tile.windows %img {kernel_shape = array<i64: 2, 2>} : (tensor<1x2x3x3xi16>) -> tensor<4x8xi16>
    return %0 : tensor<4x8xi16>
  }

  // The ADC reads each pass. x = [300, -200] in two 8-bit slices:
  // 300 = 44 + 2 * 128 and -200 = 56 - 2 * 128, so the passes stream
  // [44, 56] and [2, -2] through w = [[3, -1], [2, 5]]:
  //   pass 0: [44*3 + 56*2, -44 + 56*5] = [244, 236]
  //           adc_shift 2: [(244 + 2) >> 2, (236 + 2) >> 2] = [61, 59]
  //   pass 1: [2*3 - 2*2, -2 - 2*5] = [2, -12]
  //           adc_shift 2: [(2 + 2) >> 2, (-12 + 2) >> 2] = [1, -3]
  //   8-bit ADC: [61 + 1 * 128, 59 - 3 * 128] = [189, -325]
  //   6-bit ADC ([-32, 31]): pass 0 saturates to [31, 31],
  //           [31 + 1 * 128, 31 - 3 * 128] = [159, -353]
  // (the exact product shifted once, [500 / 4, -1300 / 4] = [125, -325],
  // differs: the ADC rounds and saturates every pass).
  func.func @adc() -> tensor<2x2xi32> {
    %x = hl.constant {value = dense<[[300, -200]]> : tensor<1x2xi16>} : tensor<1x2xi16>
    %0 = tile.mvm %x {adc_bits = 8 : i64, adc_shift = 2 : i64, block = @a::@h, input_slices = 2 : i64} : (tensor<1x2xi16>) -> tensor<1x2xi32>
    %1 = tile.mvm %x {adc_bits = 6 : i64, adc_shift = 2 : i64, block = @a::@h, input_slices = 2 : i64} : (tensor<1x2xi16>) -> tensor<1x2xi32>
    %2 = hl.concat %0, %1 {axis = 0 : i64} : (tensor<1x2xi32>, tensor<1x2xi32>) -> tensor<2x2xi32>
    return %2 : tensor<2x2xi32>
  }
}
