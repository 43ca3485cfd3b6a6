// Input of place.mlir: ten arrays in a chain with skip connections (each
// simd also adds the output of the simd three steps back), for annealing.
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
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a5"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a6"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a7"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a8"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a9"}
  func.func @ring(%arg0: tensor<32x8xi8>) -> tensor<32x8xi32> {
    %c0 = tile.channel %arg0 : tensor<32x8xi8>
    %m0 = tile.mvm %c0 {block = @a0::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k0 = tile.channel %m0 : tensor<32x8xi32>
    %q0 = tile.simd %k0 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p0 = tile.channel %q0 : tensor<32x8xi8>
    %m1 = tile.mvm %p0 {block = @a1::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k1 = tile.channel %m1 : tensor<32x8xi32>
    %q1 = tile.simd %k1 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p1 = tile.channel %q1 : tensor<32x8xi8>
    %m2 = tile.mvm %p1 {block = @a2::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k2 = tile.channel %m2 : tensor<32x8xi32>
    %q2 = tile.simd %k2 ({
    ^bb0(%a: tensor<32x8xi32>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      tile.yield %r : tensor<32x8xi8>
    }) : (tensor<32x8xi32>) -> tensor<32x8xi8>
    %p2 = tile.channel %q2 : tensor<32x8xi8>
    %m3 = tile.mvm %p2 {block = @a3::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k3 = tile.channel %m3 : tensor<32x8xi32>
    %s3 = tile.channel %q0 : tensor<32x8xi8>
    %q3 = tile.simd %k3, %s3 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p3 = tile.channel %q3 : tensor<32x8xi8>
    %m4 = tile.mvm %p3 {block = @a4::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k4 = tile.channel %m4 : tensor<32x8xi32>
    %s4 = tile.channel %q1 : tensor<32x8xi8>
    %q4 = tile.simd %k4, %s4 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p4 = tile.channel %q4 : tensor<32x8xi8>
    %m5 = tile.mvm %p4 {block = @a5::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k5 = tile.channel %m5 : tensor<32x8xi32>
    %s5 = tile.channel %q2 : tensor<32x8xi8>
    %q5 = tile.simd %k5, %s5 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p5 = tile.channel %q5 : tensor<32x8xi8>
    %m6 = tile.mvm %p5 {block = @a6::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k6 = tile.channel %m6 : tensor<32x8xi32>
    %s6 = tile.channel %q3 : tensor<32x8xi8>
    %q6 = tile.simd %k6, %s6 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p6 = tile.channel %q6 : tensor<32x8xi8>
    %m7 = tile.mvm %p6 {block = @a7::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k7 = tile.channel %m7 : tensor<32x8xi32>
    %s7 = tile.channel %q4 : tensor<32x8xi8>
    %q7 = tile.simd %k7, %s7 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p7 = tile.channel %q7 : tensor<32x8xi8>
    %m8 = tile.mvm %p7 {block = @a8::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k8 = tile.channel %m8 : tensor<32x8xi32>
    %s8 = tile.channel %q5 : tensor<32x8xi8>
    %q8 = tile.simd %k8, %s8 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p8 = tile.channel %q8 : tensor<32x8xi8>
    %m9 = tile.mvm %p8 {block = @a9::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %k9 = tile.channel %m9 : tensor<32x8xi32>
    %s9 = tile.channel %q6 : tensor<32x8xi8>
    %q9 = tile.simd %k9, %s9 ({
    ^bb0(%a: tensor<32x8xi32>, %b: tensor<32x8xi8>):
      %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<32x8xi32>) -> tensor<32x8xi8>
      %t = hl.add %r, %b : tensor<32x8xi8>
      tile.yield %t : tensor<32x8xi8>
    }) : (tensor<32x8xi32>, tensor<32x8xi8>) -> tensor<32x8xi8>
    %p9 = tile.channel %q9 : tensor<32x8xi8>
    %out = tile.mvm %p9 {block = @a0::@w} : (tensor<32x8xi8>) -> tensor<32x8xi32>
    %oc = tile.channel %out : tensor<32x8xi32>
    return %oc : tensor<32x8xi32>
  }
}
