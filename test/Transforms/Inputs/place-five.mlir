// Input of place.mlir: a chain of five arrays, one more than a chip of
// 2 x 2 holds.
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a2"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a3"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a4"}
  func.func @five(%arg0: tensor<32x8xi8>) -> tensor<32x8xi32> {
    %c = tile.channel %arg0 : tensor<32x8xi8>
    %m0 = tile.mvm %c {block = @a0::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %q0 = tile.simd %m0 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p0 = tile.channel %q0 : tensor<32x8xi8>
    %m1 = tile.mvm %p0 {block = @a1::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %q1 = tile.simd %m1 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p1 = tile.channel %q1 : tensor<32x8xi8>
    %m2 = tile.mvm %p1 {block = @a2::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %q2 = tile.simd %m2 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p2 = tile.channel %q2 : tensor<32x8xi8>
    %m3 = tile.mvm %p2 {block = @a3::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %q3 = tile.simd %m3 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p3 = tile.channel %q3 : tensor<32x8xi8>
    %m4 = tile.mvm %p3 {block = @a4::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %o = tile.channel %m4 : tensor<32x8xi32>
    return %o : tensor<32x8xi32>
  }
}
