// hl.global_avgpool on integers (quantize-integer.mlir runs it): each
// plane's mean rounded to nearest, ties away from zero.
func.func @main() -> tensor<1x4x1x1xi8> {
  %c = hl.constant {value = dense<[[[[1, 4], [3, 2]], [[-1, -4], [-3, -2]], [[1, 2], [1, 1]], [[-1, -1], [-1, 0]]]]> : tensor<1x4x2x2xi8>} : tensor<1x4x2x2xi8>
  %p = hl.global_avgpool %c : (tensor<1x4x2x2xi8>) -> tensor<1x4x1x1xi8>
  return %p : tensor<1x4x1x1xi8>
}
