// The output-channel split meets the latency bands (hl-to-tile-latency.mlir):
// 8 output channels of 16 x 4 rows overflow 256 bytes, so the conv splits
// into 4 parts of 2 channels; each part then gets row bands of its own.
func.func @split(%a: tensor<1x1x16x4xf32>) -> tensor<1x8x16x4xf32> {
  %aq = hl.quantize %a {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x1x16x4xf32>) -> tensor<1x1x16x4xi8>
  %w1 = hl.constant {value = dense<[[[[0, -3, 1], [5, -5, -4], [3, -4, 0]]], [[[-2, -4, 3], [1, -5, 4], [-4, -2, 5]]], [[[1, 2, 3], [4, 5, 6], [-7, -8, -9]]], [[[5, -1, 0], [2, 2, -3], [1, -4, 4]]], [[[3, 3, 3], [-1, -1, -1], [2, 0, -2]]], [[[-5, 4, -3], [2, -1, 0], [1, 2, 3]]], [[[0, 0, 1], [0, 1, 0], [1, 0, 0]]], [[[4, -4, 4], [-4, 4, -4], [4, -4, 4]]]]> : tensor<8x1x3x3xi8>} : tensor<8x1x3x3xi8>
  %y1 = hl.conv2d %aq, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x16x4xi8>, tensor<8x1x3x3xi8>) -> tensor<1x8x16x4xi32>
  %r1 = hl.requantize %y1 {multiplier = array<i64: 1073741824>, shift = array<i64: 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x8x16x4xi32>) -> tensor<1x8x16x4xi8>
  %o1 = hl.dequantize %r1 {scale = array<f32: 0.05>} : (tensor<1x8x16x4xi8>) -> tensor<1x8x16x4xf32>
  return %o1 : tensor<1x8x16x4xf32>
}
