// Input of ipu-compile-errors.mlir: one 16 x 8 layer on 4096 rows, whose
// activations (64 KiB of int8 in, 128 KiB of i32 out) cannot fit a 64 KiB
// tile.
func.func @main(%x: tensor<4096x16xf32>) -> tensor<4096x8xf32> {
  %w = hl.constant {value = dense<0.25> : tensor<16x8xf32>} : tensor<16x8xf32>
  %0 = hl.gemm %x, %w : (tensor<4096x16xf32>, tensor<16x8xf32>) -> tensor<4096x8xf32>
  return %0 : tensor<4096x8xf32>
}
