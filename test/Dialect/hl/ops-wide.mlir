// Round trip of the 16-bit activation forms of the hl quantization ops and
// integer products: 16-bit storage types with clamps, and 16-bit inputs
// times 8-bit weights giving i32.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func @quant(
// CHECK-NEXT:    %0 = hl.quantize %arg0 {clamp_max = 16383 : i64, clamp_min = -16384 : i64, scale = array<f32: 5.000000e-01>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi16>
// CHECK-NEXT:    %1 = hl.quantize %arg0 {axis = 0 : i64, scale = array<f32: 5.000000e-01, 2.500000e-01>, zero_point = dense<[0, 32768]> : tensor<2xui16>} : (tensor<2x4xf32>) -> tensor<2x4xui16>
// CHECK-NEXT:    %2 = hl.quantize %arg0 {clamp_min = 0 : i64, scale = array<f32: 5.000000e-01>, zero_point = dense<3> : tensor<1xsi16>} : (tensor<2x4xf32>) -> tensor<2x4xsi16>
// CHECK-NEXT:    %3 = hl.quantize %arg0 {clamp_max = 100 : i64, scale = array<f32: 5.000000e-01>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
// CHECK-NEXT:    %4 = hl.dequantize %0 {scale = array<f32: 5.000000e-01>, zero_point = dense<-7> : tensor<1xi16>} : (tensor<2x4xi16>) -> tensor<2x4xf32>
// CHECK-NEXT:    %5 = hl.dequantize %1 {axis = 0 : i64, scale = array<f32: 5.000000e-01, 2.500000e-01>} : (tensor<2x4xui16>) -> tensor<2x4xf32>
// CHECK-NEXT:    %6 = hl.requantize %0 {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xi16>) -> tensor<2x4xi8>
// CHECK-NEXT:    %7 = hl.requantize %arg1 {clamp_max = 16383 : i64, clamp_min = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 4>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xi32>) -> tensor<2x4xi16>
// CHECK-NEXT:    %8 = hl.requantize %1 {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<5> : tensor<1xui16>} : (tensor<2x4xui16>) -> tensor<2x4xui16>
// GENERIC-LABEL: sym_name = "quant"
// GENERIC:        "hl.quantize"(%{{.*}}) <{clamp_max = 16383 : i64, clamp_min = -16384 : i64, scale = array<f32: 5.000000e-01>, zero_point = dense<0> : tensor<1xi16>}> : (tensor<2x4xf32>) -> tensor<2x4xi16>
func.func @quant(%x: tensor<2x4xf32>, %acc: tensor<2x4xi32>) -> (tensor<2x4xi16>, tensor<2x4xui16>, tensor<2x4xsi16>, tensor<2x4xi8>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi8>, tensor<2x4xi16>, tensor<2x4xui16>) {
  %0 = hl.quantize %x {clamp_max = 16383, clamp_min = -16384, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xf32>) -> tensor<2x4xi16>
  %1 = hl.quantize %x {scale = array<f32: 0.5, 0.25>, axis = 0, zero_point = dense<[0, 32768]> : tensor<2xui16>} : (tensor<2x4xf32>) -> tensor<2x4xui16>
  %2 = hl.quantize %x {clamp_min = 0, scale = array<f32: 0.5>, zero_point = dense<3> : tensor<1xsi16>} : (tensor<2x4xf32>) -> tensor<2x4xsi16>
  %3 = hl.quantize %x {clamp_max = 100, scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xf32>) -> tensor<2x4xi8>
  %4 = hl.dequantize %0 {scale = array<f32: 0.5>, zero_point = dense<-7> : tensor<1xi16>} : (tensor<2x4xi16>) -> tensor<2x4xf32>
  %5 = hl.dequantize %1 {axis = 0, scale = array<f32: 0.5, 0.25>} : (tensor<2x4xui16>) -> tensor<2x4xf32>
  %6 = hl.requantize %0 {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x4xi16>) -> tensor<2x4xi8>
  %7 = hl.requantize %acc {clamp_max = 16383, clamp_min = 0, multiplier = array<i64: 1073741824>, shift = array<i64: 4>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x4xi32>) -> tensor<2x4xi16>
  %8 = hl.requantize %1 {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<5> : tensor<1xui16>} : (tensor<2x4xui16>) -> tensor<2x4xui16>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2x4xi16>, tensor<2x4xui16>, tensor<2x4xsi16>, tensor<2x4xi8>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi8>, tensor<2x4xi16>, tensor<2x4xui16>
}

// CHECK-LABEL: func.func @products(
// CHECK-NEXT:    %0 = hl.conv2d %arg0, %arg1, %arg2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xi16>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x8x8xi32>
// CHECK-NEXT:    %1 = hl.conv2d %arg3, %arg4 : (tensor<1x3x8x8xui16>, tensor<4x3x3x3xui8>) -> tensor<1x4x6x6xi32>
// CHECK-NEXT:    %2 = hl.gemm %arg5, %arg6, %arg7 {trans_b = true} : (tensor<2x6xi16>, tensor<5x6xi8>, tensor<5xi32>) -> tensor<2x5xi32>
// CHECK-NEXT:    %3 = hl.matmul %arg8, %arg9 : (tensor<3x2x6xi16>, tensor<6x5xui8>) -> tensor<3x2x5xi32>
func.func @products(%x: tensor<1x3x8x8xi16>, %w: tensor<4x3x3x3xi8>, %b: tensor<4xi32>, %xu: tensor<1x3x8x8xui16>, %wu: tensor<4x3x3x3xui8>, %a: tensor<2x6xi16>, %bt: tensor<5x6xi8>, %c: tensor<5xi32>, %l: tensor<3x2x6xi16>, %r: tensor<6x5xui8>) -> (tensor<1x4x8x8xi32>, tensor<1x4x6x6xi32>, tensor<2x5xi32>, tensor<3x2x5xi32>) {
  %0 = hl.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xi16>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x8x8xi32>
  %1 = hl.conv2d %xu, %wu : (tensor<1x3x8x8xui16>, tensor<4x3x3x3xui8>) -> tensor<1x4x6x6xi32>
  %2 = hl.gemm %a, %bt, %c {trans_b = true} : (tensor<2x6xi16>, tensor<5x6xi8>, tensor<5xi32>) -> tensor<2x5xi32>
  %3 = hl.matmul %l, %r : (tensor<3x2x6xi16>, tensor<6x5xui8>) -> tensor<3x2x5xi32>
  return %0, %1, %2, %3 : tensor<1x4x8x8xi32>, tensor<1x4x6x6xi32>, tensor<2x5xi32>, tensor<3x2x5xi32>
}
