// Input of route-noc-invalid.mlir, placed by hand: a channel used on two
// tiles, and an accumulate reading a partial from another tile without a
// channel (errors with split-channels=false).
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 0>, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<2> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 1>, rows = 16 : i64, sym_name = "a1"}
  func.func @strict(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 1, 0>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.mvm %0 {block = @a1::@w, hw.tile = array<i64: 0, 0, 1>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %3 = tile.accumulate %1, %2 {hw.tile = array<i64: 0, 1, 0>} : tensor<4x8xi32>
    %4 = tile.channel %3 : tensor<4x8xi32>
    return %4 : tensor<4x8xi32>
  }
}

// -----

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 0>, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<2> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 1>, rows = 16 : i64, sym_name = "a1"}
  func.func @crossing(%arg0: tensor<4x16xi8>, %arg1: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.channel %arg1 : tensor<4x16xi8>
    %2 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 1, 0>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %3 = tile.mvm %1 {block = @a1::@w, hw.tile = array<i64: 0, 0, 1>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %4 = tile.accumulate %2, %3 {hw.tile = array<i64: 0, 1, 0>} : tensor<4x8xi32>
    %5 = tile.channel %4 : tensor<4x8xi32>
    return %5 : tensor<4x8xi32>
  }
}
