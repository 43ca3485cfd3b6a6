// Input of route-noc.mlir, placed by hand on two chips of 2 x 2: from the
// host to chip 0, from chip 0 to chip 1 through the ports (0, 0), from
// chip 1 back to the host.
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 1>, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 1, 1, 1>, rows = 16 : i64, sym_name = "a1"}
  func.func @two_chips(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 1, 1>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.simd %1 ({
    ^bb0(%a: tensor<4x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x8xi32>) -> tensor<4x8xi8>
      tile.yield %q : tensor<4x8xi8>
    }) {hw.tile = array<i64: 0, 1, 1>} : (tensor<4x8xi32>) -> tensor<4x8xi8>
    %3 = tile.channel %2 : tensor<4x8xi8>
    %4 = tile.mvm %3 {block = @a1::@w, hw.tile = array<i64: 1, 1, 1>} : (tensor<4x8xi8>) -> tensor<4x8xi32>
    %5 = tile.channel %4 : tensor<4x8xi32>
    return %5 : tensor<4x8xi32>
  }
}
