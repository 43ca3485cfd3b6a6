// ipu-run follows func.call into another function of the module and runs
// the function chosen with --func.
// RUN: ipu-run %s --func main --input 0=%S/Inputs/x_2x3.npy --expect 0=%S/Inputs/call_out0.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// RUN: ipu-run %s --func @helper --input 0=%S/Inputs/x_2x3.npy | FileCheck %s --check-prefix=HELPER
// HELPER: output 0: float32 2x3

func.func private @helper(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hl.add %arg0, %arg0 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

func.func @main(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = call @helper(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = hl.mul %0, %arg0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
