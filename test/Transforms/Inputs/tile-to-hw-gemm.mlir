// Input of tile-to-hw.mlir's pipeline run: a quantized gemm (K = 20, N = 12)
// that hl-to-tile splits over three arrays of tiny-16x8.
module {
  func.func @gemm(%x: tensor<2x20xi8>, %b: tensor<12xi32>) -> tensor<2x12xi8> {
    %w = hl.constant {value = dense<3> : tensor<20x12xi8>} : tensor<20x12xi8>
    %y = hl.gemm %x, %w, %b : (tensor<2x20xi8>, tensor<20x12xi8>, tensor<12xi32>) -> tensor<2x12xi32>
    %r = hl.requantize %y {clamp_min = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x12xi32>) -> tensor<2x12xi8>
    return %r : tensor<2x12xi8>
  }
}
