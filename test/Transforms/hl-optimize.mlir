// The hl-optimize pipeline on a small network: a constant subgraph, an
// identity, a dropout, conv + batchnorm + relu and gemm + batchnorm + clip
// become two ops with folded weights and fused activations, computing the
// same (up to the rounding of the folded weights).
// RUN: ipu-opt %s --hl-optimize | FileCheck %s
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-optimize)' | FileCheck %s
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-optimize{max-elements=16})' | FileCheck %s --check-prefix=LIMIT
// RUN: ipu-opt %s --hl-optimize --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE
// RUN: rm -rf %t && mkdir -p %t/before
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x2x4x4 51
// RUN: ipu-opt %s --hl-optimize -o %t/optimized.mlir
// RUN: ipu-run %s --input 0=%t/x.npy -o %t/before
// RUN: ipu-run %t/optimized.mlir --input 0=%t/x.npy --expect 0=%t/before/output_0.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME

// CHECK-LABEL: func.func @main
// CHECK-COUNT-4: hl.constant
// CHECK-NEXT: hl.conv2d %arg0, %{{.*}}, %{{.*}} {activation = "relu", pads = array<i64: 1, 1, 1, 1>}
// CHECK-NEXT: hl.flatten
// CHECK-NEXT: hl.gemm %{{.*}}, %{{.*}}, %{{.*}} {activation = "clip", activation_params = array<f32: 0.000000e+00, 6.000000e+00>}
// CHECK-NEXT: return
// With the 36-element weight product too large to fold, the batchnorm
// after the convolution stays (canonicalize folds the product later).
// LIMIT-LABEL: func.func @main
// LIMIT: %[[C:.*]] = hl.conv2d %arg0
// LIMIT-NEXT: %[[B:.*]] = hl.batchnorm %[[C]]
// LIMIT-NEXT: hl.relu %[[B]]
// PIPELINE: builtin.module(hl-infer-shapes,hl-drop-identities,hl-fold-constants{max-elements=1048576},hl-fold-batchnorm,hl-fuse-activations,canonicalize{{.*}},cse)
// SAME: output 0: max abs error {{.*}}: ok
func.func @main(%x: tensor<1x2x4x4xf32>) -> tensor<1x3xf32> {
  %w0 = hl.constant {value = dense<[[[[0.5, -1.0, 0.2], [1.5, 0.25, 0.3], [0.1, 0.1, 0.1]], [[-0.5, 2.0, 0.0], [0.75, -1.25, 1.0], [0.2, 0.3, 0.4]]], [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.3, 0.3, 0.3], [0.3, 0.3, 0.3], [0.3, 0.3, 0.3]]]]> : tensor<2x2x3x3xf32>} : tensor<2x2x3x3xf32>
  %half = hl.constant {value = dense<0.5> : tensor<2x2x3x3xf32>} : tensor<2x2x3x3xf32>
  %w = hl.mul %w0, %half : tensor<2x2x3x3xf32>
  %xi = hl.identity %x : tensor<1x2x4x4xf32>
  %0 = hl.conv2d %xi, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x4x4xf32>
  %s = hl.constant {value = dense<[1.5, 0.5]> : tensor<2xf32>} : tensor<2xf32>
  %b = hl.constant {value = dense<[0.1, -0.2]> : tensor<2xf32>} : tensor<2xf32>
  %m = hl.constant {value = dense<[0.5, -0.5]> : tensor<2xf32>} : tensor<2xf32>
  %v = hl.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.batchnorm %0, %s, %b, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %2 = hl.relu %1 : tensor<1x2x4x4xf32>
  %3 = hl.flatten %2 {axis = 1 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x32xf32>
  %4 = hl.dropout %3 : tensor<1x32xf32>
  %g = hl.constant {value = dense<0.125> : tensor<32x3xf32>} : tensor<32x3xf32>
  %5 = hl.gemm %4, %g : (tensor<1x32xf32>, tensor<32x3xf32>) -> tensor<1x3xf32>
  %s3 = hl.constant {value = dense<[1.0, 2.0, -1.0]> : tensor<3xf32>} : tensor<3xf32>
  %b3 = hl.constant {value = dense<[0.0, 0.5, 1.0]> : tensor<3xf32>} : tensor<3xf32>
  %v3 = hl.constant {value = dense<[1.0, 2.0, 0.5]> : tensor<3xf32>} : tensor<3xf32>
  %6 = hl.batchnorm %5, %s3, %b3, %b3, %v3 : (tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %7 = hl.clip %6 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x3xf32>
  return %7 : tensor<1x3xf32>
}
