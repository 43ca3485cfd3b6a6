// Input of route-noc.mlir and route-noc-invalid.mlir, placed by hand on a
// 2 x 2 grid: two 128-byte channels from (0, 0) to (1, 1), which XY routes
// both over the link (0, 0) -> (1, 0).
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 0>, rows = 16 : i64, sym_name = "a0"}
  func.func @congested(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 0, 0>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.channel %1 : tensor<4x8xi32>
    %3 = tile.channel %1 : tensor<4x8xi32>
    %4 = tile.simd %2, %3 ({
    ^bb0(%a: tensor<4x8xi32>, %b: tensor<4x8xi32>):
      %s = hl.add %a, %b : tensor<4x8xi32>
      tile.yield %s : tensor<4x8xi32>
    }) {hw.tile = array<i64: 0, 1, 1>} : (tensor<4x8xi32>, tensor<4x8xi32>) -> tensor<4x8xi32>
    %5 = tile.channel %4 : tensor<4x8xi32>
    return %5 : tensor<4x8xi32>
  }
}
