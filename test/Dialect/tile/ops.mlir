// Round trip of the tile ops in their uniform short form and generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: module {
// CHECK-NEXT:    tile.array ({
// CHECK-NEXT:      tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w0", value = dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>}
// CHECK-NEXT:      tile.block {col = 2 : i64, ipu.note = "packed", row = 0 : i64, sym_name = "w1", value = dense<-7> : tensor<4x2xi8>}
// CHECK-NEXT:    }) {cols = 4 : i64, rows = 4 : i64, sym_name = "a0"}
// CHECK-NEXT:    tile.array ({
// CHECK-NEXT:      tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<18x2xi8>}
// CHECK-NEXT:    }) {cols = 1024 : i64, rows = 1024 : i64, sym_name = "a1", weight_bits = 4 : i64}
// CHECK-NEXT:    func.func @main(%arg0: tensor<5x3xi8>, %arg1: tensor<1x2x4x4xi8>) -> (tensor<1x2x4x4xi32>, tensor<16x2xi32>) {
// CHECK-NEXT:      %0 = tile.channel %arg0 : tensor<5x3xi8>
// CHECK-NEXT:      %1 = tile.mvm %0 {block = @a0::@w0} : (tensor<5x3xi8>) -> tensor<5x2xi32>
// CHECK-NEXT:      %2 = tile.mvm %0 {adc_bits = 8 : i64, adc_shift = 2 : i64, block = @a0::@w0} : (tensor<5x3xi8>) -> tensor<5x2xi32>
// CHECK-NEXT:      %3 = tile.accumulate %1, %2, %1 : tensor<5x2xi32>
// CHECK-NEXT:      %4 = tile.windows %arg1 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xi8>) -> tensor<16x18xi8>
// CHECK-NEXT:      %5 = tile.windows %arg1 {channel_begin = 1 : i64, channel_count = 1 : i64, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 1, 2>, strides = array<i64: 2, 1>} : (tensor<1x2x4x4xi8>) -> tensor<4x2xi8>
// CHECK-NEXT:      %6 = tile.mvm %4 {block = @a1::@k} : (tensor<16x18xi8>) -> tensor<16x2xi32>
// CHECK-NEXT:      %7:2 = tile.simd %3, %6 ({
// CHECK-NEXT:      ^bb0(%arg2: tensor<5x2xi32>, %arg3: tensor<16x2xi32>):
// CHECK-NEXT:        %10 = hl.transpose %arg3 {perm = array<i64: 1, 0>} : (tensor<16x2xi32>) -> tensor<2x16xi32>
// CHECK-NEXT:        %11 = hl.reshape %10 {shape = array<i64: 1, 2, 4, 4>} : (tensor<2x16xi32>) -> tensor<1x2x4x4xi32>
// CHECK-NEXT:        tile.yield %11, %arg3 : (tensor<1x2x4x4xi32>, tensor<16x2xi32>) -> ()
// CHECK-NEXT:      }) : (tensor<5x2xi32>, tensor<16x2xi32>) -> (tensor<1x2x4x4xi32>, tensor<16x2xi32>)
// CHECK-NEXT:      %8 = tile.host %7#1 ({
// CHECK-NEXT:      ^bb0(%arg2: tensor<16x2xi32>):
// CHECK-NEXT:        tile.yield %arg2 : tensor<16x2xi32>
// CHECK-NEXT:      }) : (tensor<16x2xi32>) -> tensor<16x2xi32>
// CHECK-NEXT:      %9 = tile.channel %8 {ipu.route = "later"} : tensor<16x2xi32>
// CHECK-NEXT:      return %7#0, %9 : tensor<1x2x4x4xi32>, tensor<16x2xi32>
// CHECK-NEXT:    }
// CHECK-NEXT:  }

// GENERIC:      "tile.array"() <{cols = 4 : i64, rows = 4 : i64, sym_name = "a0"}> ({
// GENERIC-NEXT:   "tile.block"() <{col = 0 : i64, row = 0 : i64, sym_name = "w0", value = dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>}> : () -> ()
// GENERIC-NEXT:   "tile.block"() <{col = 2 : i64, row = 0 : i64, sym_name = "w1", value = dense<-7> : tensor<4x2xi8>}> {ipu.note = "packed"} : () -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC:      "tile.mvm"(%{{.*}}) <{adc_bits = 8 : i64, adc_shift = 2 : i64, block = @a0::@w0}> : (tensor<5x3xi8>) -> tensor<5x2xi32>
// GENERIC:      "tile.accumulate"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<5x2xi32>, tensor<5x2xi32>, tensor<5x2xi32>) -> tensor<5x2xi32>
// GENERIC:      "tile.simd"(%{{.*}}, %{{.*}}) ({
// GENERIC:        "tile.yield"(%{{.*}}, %{{.*}}) : (tensor<1x2x4x4xi32>, tensor<16x2xi32>) -> ()
// GENERIC:      "tile.host"(%{{.*}}) ({
// GENERIC:      "tile.channel"(%{{.*}}) {ipu.route = "later"} : (tensor<16x2xi32>) -> tensor<16x2xi32>

module {
  tile.array ({
    tile.block {row = 0, col = 0, sym_name = "w0", value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>}
    "tile.block"() {row = 0 : i64, col = 2 : i64, sym_name = "w1", value = dense<-7> : tensor<4x2xi8>, ipu.note = "packed"} : () -> ()
  }) {rows = 4, cols = 4, sym_name = "a0"}
  "tile.array"() <{rows = 1024 : i64, cols = 1024 : i64, sym_name = "a1", weight_bits = 4 : i64}> ({
    tile.block {row = 0, col = 0, sym_name = "k", value = dense<1> : tensor<18x2xi8>}
  }) : () -> ()
  func.func @main(%x: tensor<5x3xi8>, %img: tensor<1x2x4x4xi8>) -> (tensor<1x2x4x4xi32>, tensor<16x2xi32>) {
    %c = tile.channel %x : tensor<5x3xi8>
    %0 = tile.mvm %c {block = @a0::@w0} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    %1 = "tile.mvm"(%c) {block = @a0::@w0, adc_bits = 8, adc_shift = 2} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    %2 = tile.accumulate %0, %1, %0 : tensor<5x2xi32>
    %w = tile.windows %img {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xi8>) -> tensor<16x18xi8>
    %v = tile.windows %img {channel_begin = 1, channel_count = 1, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 1, 2>, strides = array<i64: 2, 1>} : (tensor<1x2x4x4xi8>) -> tensor<4x2xi8>
    %p = tile.mvm %w {block = @a1::@k} : (tensor<16x18xi8>) -> tensor<16x2xi32>
    %3:2 = tile.simd %2, %p ({
    ^bb0(%a: tensor<5x2xi32>, %b: tensor<16x2xi32>):
      %t = hl.transpose %b {perm = array<i64: 1, 0>} : (tensor<16x2xi32>) -> tensor<2x16xi32>
      %r = hl.reshape %t {shape = array<i64: 1, 2, 4, 4>} : (tensor<2x16xi32>) -> tensor<1x2x4x4xi32>
      tile.yield %r, %b : (tensor<1x2x4x4xi32>, tensor<16x2xi32>) -> ()
    }) : (tensor<5x2xi32>, tensor<16x2xi32>) -> (tensor<1x2x4x4xi32>, tensor<16x2xi32>)
    %4 = tile.host %3#1 ({
    ^bb0(%a: tensor<16x2xi32>):
      "tile.yield"(%a) : (tensor<16x2xi32>) -> ()
    }) : (tensor<16x2xi32>) -> tensor<16x2xi32>
    %5 = tile.channel %4 {ipu.route = "later"} : tensor<16x2xi32>
    return %3#0, %5 : tensor<1x2x4x4xi32>, tensor<16x2xi32>
  }
}
