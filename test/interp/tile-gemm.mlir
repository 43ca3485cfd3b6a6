// A hand-written tile program of an int8 gemm (2x6 by 6x5 plus bias): the
// weight matrix's columns split into blocks of 3 and 2 in two arrays,
// joined, biased and requantized on the SIMD unit. Accumulators as plain
// Python computes them; 8-bit outputs bit-identical to the same gemm in hl
// (hl.gemm on i8 with an i32 bias, then hl.requantize).
// RUN: rm -rf %t.hl_gemm && mkdir -p %t.hl_gemm && ipu-run %s --func hl_gemm --input 0=%S/Inputs/tile_gemm_x.npy --expect 1=%S/Inputs/tile_gemm_acc.npy --rtol 0 --atol 0 -o %t.hl_gemm | FileCheck %s --check-prefix=HL
// RUN: ipu-run %s --func tile_gemm --input 0=%S/Inputs/tile_gemm_x.npy --expect 0=%t.hl_gemm/output_0.npy --expect 1=%S/Inputs/tile_gemm_acc.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// CHECK: output 1: max abs error 0, max rel error 0: ok
// HL: output 1: max abs error 0, max rel error 0: ok

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "n0", value = dense<[[-110, 67, 32], [-48, 51, 59], [53, 15, -87], [-64, 62, 57], [-13, -83, -31], [-74, -31, 79]]> : tensor<6x3xi8>}
  }) {cols = 3 : i64, rows = 8 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 1 : i64, row = 2 : i64, sym_name = "n1", value = dense<[[91, 35], [50, 23], [-83, -62], [-21, -97], [-54, -123], [-57, 37]]> : tensor<6x2xi8>}
  }) {cols = 3 : i64, rows = 8 : i64, sym_name = "a1"}
  func.func @tile_gemm(%x: tensor<2x6xi8>) -> (tensor<2x5xi8>, tensor<2x5xi32>) {
    %c0 = tile.channel %x : tensor<2x6xi8>
    %c1 = tile.channel %x : tensor<2x6xi8>
    %p0 = tile.mvm %c0 {block = @a0::@n0} : (tensor<2x6xi8>) -> tensor<2x3xi32>
    %p1 = tile.mvm %c1 {block = @a1::@n1} : (tensor<2x6xi8>) -> tensor<2x2xi32>
    %y:2 = tile.simd %p0, %p1 ({
    ^bb0(%a: tensor<2x3xi32>, %b: tensor<2x2xi32>):
      %j = hl.concat %a, %b {axis = 1 : i64} : (tensor<2x3xi32>, tensor<2x2xi32>) -> tensor<2x5xi32>
      %bias = hl.constant {value = dense<[1000, -1000, 0, 3, -3]> : tensor<5xi32>} : tensor<5xi32>
      %sum = hl.add %j, %bias : (tensor<2x5xi32>, tensor<5xi32>) -> tensor<2x5xi32>
      %q = hl.requantize %sum {multiplier = array<i64: 8388608>, shift = array<i64: 31>, zero_point = dense<3> : tensor<1xi8>} : (tensor<2x5xi32>) -> tensor<2x5xi8>
      tile.yield %q, %sum : (tensor<2x5xi8>, tensor<2x5xi32>) -> ()
    }) : (tensor<2x3xi32>, tensor<2x2xi32>) -> (tensor<2x5xi8>, tensor<2x5xi32>)
    return %y#0, %y#1 : tensor<2x5xi8>, tensor<2x5xi32>
  }
  func.func @hl_gemm(%x: tensor<2x6xi8>) -> (tensor<2x5xi8>, tensor<2x5xi32>) {
    %w = hl.constant {value = dense<[[-110, 67, 32, 91, 35], [-48, 51, 59, 50, 23], [53, 15, -87, -83, -62], [-64, 62, 57, -21, -97], [-13, -83, -31, -54, -123], [-74, -31, 79, -57, 37]]> : tensor<6x5xi8>} : tensor<6x5xi8>
    %b = hl.constant {value = dense<[1000, -1000, 0, 3, -3]> : tensor<5xi32>} : tensor<5xi32>
    %y = hl.gemm %x, %w, %b : (tensor<2x6xi8>, tensor<6x5xi8>, tensor<5xi32>) -> tensor<2x5xi32>
    %q = hl.requantize %y {multiplier = array<i64: 8388608>, shift = array<i64: 31>, zero_point = dense<3> : tensor<1xi8>} : (tensor<2x5xi32>) -> tensor<2x5xi8>
    return %q, %y : tensor<2x5xi8>, tensor<2x5xi32>
  }
}
