// ipu-run reads hl.constant values held in dense_resource blobs, and
// reports a blob whose size does not match its type.
// RUN: ipu-run %s --input 0=%S/Inputs/b_3.npy --expect 0=%S/Inputs/resource_out0.npy --rtol 0 --atol 0 | FileCheck %s
// CHECK: output 0: max abs error 0, max rel error 0: ok
// RUN: not ipu-run %s --func short --input 0=%S/Inputs/b_3.npy 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: error: dense_resource 'short_blob' holds 8 bytes, its type needs 12

func.func @main(%arg0: tensor<3xf32>) -> tensor<3xf32> {
  %c = hl.constant {value = dense_resource<weights> : tensor<3xf32>} : tensor<3xf32>
  %0 = hl.add %arg0, %c : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @short(%arg0: tensor<3xf32>) -> tensor<3xf32> {
  %c = hl.constant {value = dense_resource<short_blob> : tensor<3xf32>} : tensor<3xf32>
  %0 = hl.add %arg0, %c : tensor<3xf32>
  return %0 : tensor<3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F0000004000004040",
      short_blob: "0x040000000000803F00000040"
    }
  }
#-}
