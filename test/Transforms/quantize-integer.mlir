// quantize leaves a function that computes nothing in float (an already
// quantized network) as it is without any calibration input, and
// ipu-compile then needs no --calibration. hl.global_avgpool on integers
// rounds the mean to nearest, ties away from zero.
// RUN: rm -rf %t && mkdir -p %t/out
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize))' | FileCheck %s
// RUN: ipu-compile %s -o %t/int.ipub --target test-4x4 -q
// RUN: ipu-run %S/Inputs/int-global-avgpool.mlir -o %t/out
// RUN: python3 -c "import sys; b = open(sys.argv[1], 'rb').read(); print('pooled', list(b[-4:]))" %t/out/output_0.npy | FileCheck %s --check-prefix=POOL

// CHECK-LABEL: func.func @main
// CHECK-NEXT: hl.quantize
// CHECK-NEXT: hl.constant
// CHECK-NEXT: hl.matmul {{.*}} : (tensor<1x8xi8>, tensor<8x4xi8>) -> tensor<1x4xi32>
// CHECK-NEXT: hl.dequantize
func.func @main(%x: tensor<1x8xf32>) -> tensor<1x4xf32> {
  %q = hl.quantize %x {scale = array<f32: 0.01>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x8xf32>) -> tensor<1x8xi8>
  %w = hl.constant {value = dense<[[1, -2, 3, 4], [5, 6, -7, 8], [9, 10, 11, -12], [13, 14, 15, 16], [-17, 18, 19, 20], [21, -22, 23, 24], [25, 26, -27, 28], [29, 30, 31, -32]]> : tensor<8x4xi8>} : tensor<8x4xi8>
  %m = hl.matmul %q, %w : (tensor<1x8xi8>, tensor<8x4xi8>) -> tensor<1x4xi32>
  %d = hl.dequantize %m {scale = array<f32: 1.0e-04>} : (tensor<1x4xi32>) -> tensor<1x4xf32>
  return %d : tensor<1x4xf32>
}

// Means 2.5 -> 3, -2.5 -> -3, 1.25 -> 1, -0.75 -> -1 (Inputs/int-global-avgpool.mlir;
// as bytes: 3, 253, 1, 255).
// POOL: pooled [3, 253, 1, 255]
