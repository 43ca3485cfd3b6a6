// hl-to-tile's row bands: with an array budget, a conv (or an integer
// pool) whose tile could not hold its input map and the value ending its
// epilogue (here 256 bytes of SRAM: 90% is 230) splits into bands of
// output rows. Band p reads the input rows its windows need (an hl.slice
// on axis 2), keeps the top pad only where its windows reach above the
// input and the bottom pad only as the last band, and has its own copy
// of the epilogue (constants with rows sliced, e.g. the 1x1x16x1 one of
// @bands' second conv); the bands are joined by hl.concat on axis 2 (on
// the host here, where a dequantize reads them). Cases: pads 1, dilation
// 2 with pads 2, stride 2, and a 1x3 conv with a quantized leaky relu
// (a DAG: two requantizes and an add) feeding a 3x1 conv (band q reads
// band q and a 2-row halo of band q + 1) and a 2x2 max pool banded like
// its producer (each band's pool reads that band alone); a max pool
// with ceil_mode that overflows alone. Slices fold:
// the 1x3 conv's input is a concat of two slices of %cq, so its bands
// read slices of %cq itself. Each band is a layer with arrays of its
// own; the tile IR equals the hl to the bit. Without a budget nothing
// is split.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/bands.mlir 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s < %t/bands.mlir
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1 report=%t/report.json})' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t/report.json
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir})' | FileCheck %s --check-prefix=NOBUDGET
// RUN: python3 %S/Inputs/rand_npy.py %t/a.npy 1x2x16x4 1
// RUN: python3 %S/Inputs/rand_npy.py %t/b.npy 1x2x20x4 2
// RUN: python3 %S/Inputs/rand_npy.py %t/c.npy 1x2x16x4 3
// RUN: python3 %S/Inputs/rand_npy.py %t/d.npy 1x2x23x4 4
// RUN: mkdir -p %t/hl && ipu-run %s --input 0=%t/a.npy --input 1=%t/b.npy --input 2=%t/c.npy --input 3=%t/d.npy -o %t/hl
// RUN: ipu-run %t/bands.mlir --input 0=%t/a.npy --input 1=%t/b.npy --input 2=%t/c.npy --input 3=%t/d.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --expect 2=%t/hl/output_2.npy --expect 3=%t/hl/output_3.npy --expect 4=%t/hl/output_4.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// STATS: (S) 7 num-banded-layers
// STATS: (S) 10 num-layers
// STATS: (S) 14 num-row-bands
// JSON: "num_banded_layers": 7,
// JSON-NEXT: "num_row_bands": 14,

// Every band conv has an array of its own.
// CHECK: sym_name = "a9"
// CHECK-NOT: sym_name = "a10"
// CHECK-LABEL: func.func @bands

// Pads 1: rows [0, 8) read input rows [0, 9) with the top pad, rows
// [8, 16) read [7, 16) with the bottom pad.
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 9>, starts = array<i64: 0>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x9x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 1>} : (tensor<1x2x9x4xi8>)
// CHECK: hl.requantize {{.*}} -> tensor<1x2x8x4xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 7>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x9x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 1, 1, 1>} : (tensor<1x2x9x4xi8>)
// CHECK: tile.host
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<1x2x8x4xi8>, tensor<1x2x8x4xi8>) -> tensor<1x2x16x4xi8>
// CHECK-NEXT: hl.dequantize

// Dilation 2, pads 2: rows [0, 8) read [0, 10), rows [8, 16) read
// [6, 16); each band adds its rows of the 1x1x16x1 constant.
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 10>, starts = array<i64: 0>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x10x4xi8>
// CHECK: tile.windows {{.*}}dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 2, 2, 0, 2>} : (tensor<1x2x10x4xi8>)
// CHECK: hl.constant {value = dense<{{\[}}[{{\[}}[-100], [-63], [-26], [11], [48], [85], [-78], [-41]]]]> : tensor<1x1x8x1xi32>}
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 6>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x10x4xi8>
// CHECK: tile.windows {{.*}}dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 2, 2, 2>} : (tensor<1x2x10x4xi8>)
// CHECK: hl.constant {value = dense<{{\[}}[{{\[}}[-4], [33], [70], [-93], [-56], [-19], [18], [55]]]]> : tensor<1x1x8x1xi32>}

// Stride 2, pads 1: rows [0, 5) read [0, 10), rows [5, 10) read [9, 20).
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 10>, starts = array<i64: 0>} : (tensor<1x2x20x4xi8>) -> tensor<1x2x10x4xi8>
// CHECK: tile.windows {{.*}}pads = array<i64: 1, 1, 0, 1>, strides = array<i64: 2, 1>} : (tensor<1x2x10x4xi8>) -> tensor<20x9xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 20>, starts = array<i64: 9>} : (tensor<1x2x20x4xi8>) -> tensor<1x2x11x4xi8>
// CHECK: tile.windows {{.*}}pads = array<i64: 0, 1, 1, 1>, strides = array<i64: 2, 1>} : (tensor<1x2x11x4xi8>) -> tensor<20x9xi8>

// The chain. The 1x3 conv's bands read rows of %cq (the concat of its
// slices folded away), each with its copy of the leaky relu.
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 8>, starts = array<i64: 0>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x8x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 1, 3>{{.*}} : (tensor<1x2x8x4xi8>)
// CHECK: %[[L0:.*]] = tile.simd
// CHECK: hl.requantize {{.*}}clamp_min = 0 {{.*}} -> tensor<1x2x8x4xi32>
// CHECK-NEXT: hl.requantize {{.*}}clamp_max = 0 {{.*}} -> tensor<1x2x8x4xi32>
// CHECK-NEXT: hl.add {{.*}} : tensor<1x2x8x4xi32>
// CHECK-NEXT: hl.requantize {{.*}}clamp_min = -2 {{.*}} -> tensor<1x2x8x4xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 8>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x8x4xi8>
// CHECK: %[[L1:.*]] = tile.simd
// CHECK: hl.requantize {{.*}}clamp_min = -2 {{.*}} -> tensor<1x2x8x4xi8>
// The 3x1 conv: band 0 reads band 0 and 2 rows of band 1, band 1 reads
// band 1 alone.
// CHECK: %[[H:.*]] = tile.simd %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 2>, starts = array<i64: 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x2x4xi8>
// CHECK: tile.simd %{{.*}}, %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<1x2x8x4xi8>, tensor<1x2x2x4xi8>) -> tensor<1x2x10x4xi8>
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 3, 1>} : (tensor<1x2x10x4xi8>) -> tensor<32x6xi8>
// The pool, a region a band, each reading its band's value.
// CHECK: tile.windows {{.*}}kernel_shape = array<i64: 3, 1>} : (tensor<1x2x8x4xi8>)
// CHECK: tile.yield {{.*}} : tensor<1x2x6x4xi8>
// CHECK: tile.simd %{{.*}} ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<1x2x8x4xi8>):
// CHECK-NEXT: hl.maxpool {{.*}} -> tensor<1x2x4x2xi8>
// CHECK-NEXT: tile.yield
// CHECK-NEXT: })
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd %{{.*}} ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<1x2x6x4xi8>):
// CHECK-NEXT: hl.maxpool {{.*}} -> tensor<1x2x3x2xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.host
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat %{{.*}}, %{{.*}} {axis = 2 : i64} : (tensor<1x2x4x2xi8>, tensor<1x2x3x2xi8>) -> tensor<1x2x7x2xi8>

// A max pool that overflows alone (184 + 96 bytes), ceil_mode, pads 1:
// rows [0, 6) read [0, 12) with the top pad and no ceil_mode, rows
// [6, 12) read [11, 23) with the bottom pad and ceil_mode.
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 12>, starts = array<i64: 0>} : (tensor<1x2x23x4xi8>) -> tensor<1x2x12x4xi8>
// CHECK: hl.maxpool %{{.*}} {ceil_mode = false, kernel_shape = array<i64: 3, 1>, pads = array<i64: 1, 0, 0, 0>, strides = array<i64: 2, 1>} : (tensor<1x2x12x4xi8>) -> tensor<1x2x6x4xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 2>, ends = array<i64: 23>, starts = array<i64: 11>} : (tensor<1x2x23x4xi8>) -> tensor<1x2x12x4xi8>
// CHECK: hl.maxpool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 3, 1>, pads = array<i64: 0, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x2x12x4xi8>) -> tensor<1x2x6x4xi8>

// NOBUDGET-LABEL: func.func @bands
// NOBUDGET-NOT: tensor<1x2x8x4xi8>
// NOBUDGET-NOT: pads = array<i64: 1, 1, 0, 1>
// NOBUDGET: return

// OK: output 0: max abs error 0, max rel error 0: ok
// OK: output 1: max abs error 0, max rel error 0: ok
// OK: output 2: max abs error 0, max rel error 0: ok
// OK: output 3: max abs error 0, max rel error 0: ok
// OK: output 4: max abs error 0, max rel error 0: ok

func.func @bands(%a: tensor<1x2x16x4xf32>, %b: tensor<1x2x20x4xf32>, %c: tensor<1x2x16x4xf32>, %d: tensor<1x2x23x4xf32>) -> (tensor<1x2x16x4xf32>, tensor<1x2x16x4xf32>, tensor<1x2x10x4xf32>, tensor<1x2x7x2xf32>, tensor<1x2x12x4xf32>) {
  %aq = hl.quantize %a {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xf32>) -> tensor<1x2x16x4xi8>
  %bq = hl.quantize %b {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x20x4xf32>) -> tensor<1x2x20x4xi8>
  %cq = hl.quantize %c {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xf32>) -> tensor<1x2x16x4xi8>
  %bias = hl.constant {value = dense<[100, -250]> : tensor<2xi32>} : tensor<2xi32>
  %w1 = hl.constant {value = dense<[[[[0, -3, 1], [5, -5, -4], [3, -4, 0]], [[4, -5, 3], [-2, -5, -4], [1, 1, -4]]], [[[-2, -4, 3], [1, -5, 4], [-4, -2, 5]], [[5, 4, -5], [4, 4, 1], [-5, -2, -5]]]]> : tensor<2x2x3x3xi8>} : tensor<2x2x3x3xi8>
  %y1 = hl.conv2d %aq, %w1, %bias {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x16x4xi8>, tensor<2x2x3x3xi8>, tensor<2xi32>) -> tensor<1x2x16x4xi32>
  %r1 = hl.requantize %y1 {multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi8>
  %o1 = hl.dequantize %r1 {scale = array<f32: 0.05>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x16x4xf32>
  %w2 = hl.constant {value = dense<[[[[3, -3, -1], [1, -3, 3], [-4, 4, -1]], [[3, 5, -3], [-4, 4, 4], [5, -2, 0]]], [[[-4, 3, -4], [4, -5, 4], [-2, 2, 5]], [[3, 1, 0], [2, 4, 2], [0, -1, -2]]]]> : tensor<2x2x3x3xi8>} : tensor<2x2x3x3xi8>
  %y2 = hl.conv2d %aq, %w2 {dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x2x16x4xi8>, tensor<2x2x3x3xi8>) -> tensor<1x2x16x4xi32>
  %rows = hl.constant {value = dense<[[[[-100],[-63],[-26],[11],[48],[85],[-78],[-41],[-4],[33],[70],[-93],[-56],[-19],[18],[55]]]]> : tensor<1x1x16x1xi32>} : tensor<1x1x16x1xi32>
  %s2 = hl.add %y2, %rows : (tensor<1x2x16x4xi32>, tensor<1x1x16x1xi32>) -> tensor<1x2x16x4xi32>
  %r2 = hl.requantize %s2 {multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi8>
  %o2 = hl.dequantize %r2 {scale = array<f32: 0.05>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x16x4xf32>
  %w3 = hl.constant {value = dense<[[[[-3, -2, -4], [4, -1, 3], [2, 0, 2]], [[-1, 4, -4], [-4, 3, 1], [-3, 0, -3]]], [[[2, 1, -5], [5, -4, 3], [4, 0, 0]], [[0, 4, 2], [4, 2, -4], [-4, -1, 2]]]]> : tensor<2x2x3x3xi8>} : tensor<2x2x3x3xi8>
  %y3 = hl.conv2d %bq, %w3, %bias {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 1>} : (tensor<1x2x20x4xi8>, tensor<2x2x3x3xi8>, tensor<2xi32>) -> tensor<1x2x10x4xi32>
  %r3 = hl.requantize %y3 {multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x10x4xi32>) -> tensor<1x2x10x4xi8>
  %o3 = hl.dequantize %r3 {scale = array<f32: 0.05>} : (tensor<1x2x10x4xi8>) -> tensor<1x2x10x4xf32>
  %w4 = hl.constant {value = dense<[[[[5, -4, -5]], [[-1, 5, 4]]], [[[5, 2, -1]], [[1, 5, 0]]]]> : tensor<2x2x1x3xi8>} : tensor<2x2x1x3xi8>
  %c0 = hl.slice %cq {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 0>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x5x4xi8>
  %c1 = hl.slice %cq {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 5>} : (tensor<1x2x16x4xi8>) -> tensor<1x2x11x4xi8>
  %cj = hl.concat %c0, %c1 {axis = 2 : i64} : (tensor<1x2x5x4xi8>, tensor<1x2x11x4xi8>) -> tensor<1x2x16x4xi8>
  %y4 = hl.conv2d %cj, %w4, %bias {pads = array<i64: 0, 1, 0, 1>} : (tensor<1x2x16x4xi8>, tensor<2x2x1x3xi8>, tensor<2xi32>) -> tensor<1x2x16x4xi32>
  %p4 = hl.requantize %y4 {clamp_min = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi32>
  %n4 = hl.requantize %y4 {clamp_max = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 2>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi32>
  %l4 = hl.add %p4, %n4 : tensor<1x2x16x4xi32>
  %r4 = hl.requantize %l4 {clamp_min = -2 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x16x4xi32>) -> tensor<1x2x16x4xi8>
  %w5 = hl.constant {value = dense<[[[[-5], [2], [0]], [[-3], [4], [-4]]], [[[2], [-5], [-2]], [[-1], [-3], [-2]]]]> : tensor<2x2x3x1xi8>} : tensor<2x2x3x1xi8>
  %y5 = hl.conv2d %r4, %w5, %bias : (tensor<1x2x16x4xi8>, tensor<2x2x3x1xi8>, tensor<2xi32>) -> tensor<1x2x14x4xi32>
  %r5 = hl.requantize %y5 {multiplier = array<i64: 1073741824>, shift = array<i64: 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x14x4xi32>) -> tensor<1x2x14x4xi8>
  %m5 = hl.maxpool %r5 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x14x4xi8>) -> tensor<1x2x7x2xi8>
  %o5 = hl.dequantize %m5 {scale = array<f32: 0.05>} : (tensor<1x2x7x2xi8>) -> tensor<1x2x7x2xf32>
  %dq = hl.quantize %d {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x23x4xf32>) -> tensor<1x2x23x4xi8>
  %m6 = hl.maxpool %dq {ceil_mode = true, kernel_shape = array<i64: 3, 1>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x2x23x4xi8>) -> tensor<1x2x12x4xi8>
  %o6 = hl.dequantize %m6 {scale = array<f32: 0.05>} : (tensor<1x2x12x4xi8>) -> tensor<1x2x12x4xf32>
  return %o1, %o2, %o3, %o5, %o6 : tensor<1x2x16x4xf32>, tensor<1x2x16x4xf32>, tensor<1x2x10x4xf32>, tensor<1x2x7x2xf32>, tensor<1x2x12x4xf32>
}
