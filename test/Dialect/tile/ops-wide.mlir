// Round trip of tile.mvm on 16-bit inputs in slices (input_bits,
// input_slices) and of tile.windows on 16-bit inputs.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-NEXT:    %0 = tile.mvm %arg0 {block = @a0::@w0, input_slices = 2 : i64} : (tensor<5x3xi16>) -> tensor<5x2xi32>
// CHECK-NEXT:    %1 = tile.mvm %arg0 {adc_bits = 12 : i64, adc_shift = 3 : i64, block = @a0::@w0, input_bits = 6 : i64, input_slices = 3 : i64} : (tensor<5x3xi16>) -> tensor<5x2xi32>
// CHECK-NEXT:    %2 = tile.mvm %arg1 {block = @a0::@w0, input_bits = 4 : i64, input_slices = 3 : i64} : (tensor<5x3xi8>) -> tensor<5x2xi32>
// CHECK-NEXT:    %3 = tile.windows %arg2 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xi16>) -> tensor<16x18xi16>
// GENERIC: "tile.mvm"(%{{.*}}) <{block = @a0::@w0, input_slices = 2 : i64}> : (tensor<5x3xi16>) -> tensor<5x2xi32>
// GENERIC: "tile.windows"(%{{.*}}) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x2x4x4xi16>) -> tensor<16x18xi16>
module {
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "w0", value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>}
  }) {cols = 4, rows = 4, sym_name = "a0"}
  func.func @main(%x: tensor<5x3xi16>, %y: tensor<5x3xi8>, %img: tensor<1x2x4x4xi16>) -> (tensor<5x2xi32>, tensor<5x2xi32>, tensor<5x2xi32>, tensor<16x18xi16>) {
    %0 = tile.mvm %x {block = @a0::@w0, input_slices = 2} : (tensor<5x3xi16>) -> tensor<5x2xi32>
    %1 = tile.mvm %x {adc_bits = 12, adc_shift = 3, block = @a0::@w0, input_bits = 6, input_slices = 3} : (tensor<5x3xi16>) -> tensor<5x2xi32>
    %2 = tile.mvm %y {block = @a0::@w0, input_bits = 4, input_slices = 3} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    %3 = tile.windows %img {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xi16>) -> tensor<16x18xi16>
    return %0, %1, %2, %3 : tensor<5x2xi32>, tensor<5x2xi32>, tensor<5x2xi32>, tensor<16x18xi16>
  }
}
