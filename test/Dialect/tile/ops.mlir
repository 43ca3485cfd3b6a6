// Round trip of the tile ops in their uniform short form and generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func @arrays(%arg0: tensor<288x64xi8>, %arg1: tensor<16x16xi4>) -> tensor<288x64xi8> {
// CHECK-NEXT:    %0 = tile.array %arg0 {cols = 1024 : i64, rows = 1024 : i64, weight_bits = 8 : i64} : tensor<288x64xi8>
// CHECK-NEXT:    %1 = tile.array %arg1 {cols = 16 : i64, rows = 16 : i64, weight_bits = 4 : i64} : tensor<16x16xi4>
// CHECK-NEXT:    %2 = tile.array %arg0 {cols = 64 : i64, ipu.note = "exact fit", rows = 288 : i64} : tensor<288x64xi8>
// CHECK-NEXT:    %3 = hl.constant {value = dense<1> : tensor<2x3xi8>} : tensor<2x3xi8>
// CHECK-NEXT:    %4 = tile.array %3 {cols = 8 : i64, rows = 8 : i64, weight_bits = 1 : i64} : tensor<2x3xi8>
// CHECK-NEXT:    return %0 : tensor<288x64xi8>
// GENERIC-LABEL: sym_name = "arrays"
// GENERIC:         "tile.array"(%{{.*}}) <{cols = 1024 : i64, rows = 1024 : i64, weight_bits = 8 : i64}> : (tensor<288x64xi8>) -> tensor<288x64xi8>
// GENERIC:         "tile.array"(%{{.*}}) <{cols = 16 : i64, rows = 16 : i64, weight_bits = 4 : i64}> : (tensor<16x16xi4>) -> tensor<16x16xi4>
// GENERIC:         "tile.array"(%{{.*}}) <{cols = 64 : i64, rows = 288 : i64}> {ipu.note = "exact fit"} : (tensor<288x64xi8>) -> tensor<288x64xi8>
func.func @arrays(%w: tensor<288x64xi8>, %v: tensor<16x16xi4>) -> tensor<288x64xi8> {
  %0 = tile.array %w {cols = 1024 : i64, rows = 1024 : i64, weight_bits = 8 : i64} : tensor<288x64xi8>
  %1 = tile.array %v {rows = 16, cols = 16, weight_bits = 4} : tensor<16x16xi4>
  %2 = "tile.array"(%w) {rows = 288 : i64, cols = 64 : i64, ipu.note = "exact fit"} : (tensor<288x64xi8>) -> tensor<288x64xi8>
  %3 = hl.constant {value = dense<1> : tensor<2x3xi8>} : tensor<2x3xi8>
  %4 = tile.array %3 {rows = 8, cols = 8, weight_bits = 1} : tensor<2x3xi8>
  return %0 : tensor<288x64xi8>
}
