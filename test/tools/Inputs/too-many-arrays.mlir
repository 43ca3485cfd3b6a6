// Input of ipu-compile-errors.mlir: a gemm whose 16 x 40 weights take five
// full 16 x 8 arrays (distinct after quantization), one more than
// grid-2x2's four tiles.
func.func @main(%x: tensor<2x16xf32>) -> tensor<2x40xf32> {
  %c1 = hl.constant {value = dense<0.1> : tensor<16x8xf32>} : tensor<16x8xf32>
  %c2 = hl.constant {value = dense<0.2> : tensor<16x8xf32>} : tensor<16x8xf32>
  %c3 = hl.constant {value = dense<0.3> : tensor<16x8xf32>} : tensor<16x8xf32>
  %c4 = hl.constant {value = dense<0.4> : tensor<16x8xf32>} : tensor<16x8xf32>
  %c5 = hl.constant {value = dense<0.5> : tensor<16x8xf32>} : tensor<16x8xf32>
  %w = hl.concat %c1, %c2, %c3, %c4, %c5 {axis = 1 : i64} : (tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<16x40xf32>
  %0 = hl.gemm %x, %w : (tensor<2x16xf32>, tensor<16x40xf32>) -> tensor<2x40xf32>
  return %0 : tensor<2x40xf32>
}
