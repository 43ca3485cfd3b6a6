// hl-to-tile on grouped convs: each group's product goes through its own
// chain right after its mvm (transpose, reshape, its slice of the bias,
// then the layer's channel-separable epilogue: per-channel requantize
// sliced, per-channel constants sliced, scalars kept, the hard-swish's
// requantize / add / mul ops), one tile.simd a group whose only
// non-constant operand is its product; the groups' values are joined on
// axis 1 in a tile.simd alone, where the sinking stops: before an op that
// is not position-wise (global_avgpool), or that reads another
// non-constant value (a residual add), leaving out an op that only widens
// a value for such a reader (the i8 value is joined, not its i32 copy).
// With an array budget and a target whose tile SRAM cannot hold the
// layer (256 bytes: input 144 + output 144 + 8 streamed), the groups
// split into 2 parts of 2, each with arrays of its own and its own join,
// then a join of the parts. The tile IR equals the hl to the bit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' | FileCheck %s
// RUN: ipu-opt %s --split-input-file --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: ipu-opt %s --split-input-file --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/parts.mlir 2>&1 | FileCheck %s --check-prefix=PSTATS
// RUN: FileCheck %s --check-prefix=PARTS < %t/parts.mlir
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir})' | FileCheck %s --check-prefix=NOBUDGET
// Bit-exact: the first function, lowered with and without parts.
// RUN: awk '/^\/\/ -----/{exit} {print}' %s > %t/dw.mlir
// RUN: ipu-opt %t/dw.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' -o %t/dw-tile.mlir
// RUN: ipu-opt %t/dw.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/dw-parts.mlir
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x4x6x6 5
// RUN: mkdir -p %t/hl && ipu-run %t/dw.mlir --input 0=%t/x.npy -o %t/hl
// RUN: ipu-run %t/dw-tile.mlir --input 0=%t/x.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/dw-parts.mlir --input 0=%t/x.npy --expect 0=%t/hl/output_0.npy --expect 1=%t/hl/output_1.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// CHECK-LABEL: func.func @dw
// Group 0: its simd reads its mvm's product only; the bias, the
// per-channel requantize and the per-channel constant are its slices,
// the hard-swish chain follows.
// CHECK: %[[P0:.*]] = tile.mvm %{{.*}} {{{.*}}block = @a0::@l0_g0_k0_n0} : (tensor<36x9xi8>) -> tensor<36x1xi32>
// CHECK-NEXT: %[[C0:.*]] = tile.channel %[[P0]] : tensor<36x1xi32>
// CHECK-NEXT: %[[G0:.*]] = tile.simd %[[C0]] ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<36x1xi32>):
// CHECK-NEXT: hl.transpose {{.*}} : (tensor<36x1xi32>) -> tensor<1x36xi32>
// CHECK-NEXT: hl.reshape {{.*}} -> tensor<1x1x6x6xi32>
// CHECK-NEXT: hl.constant {value = dense<100> : tensor<1x1x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}} {axis = 1 : i64, multiplier = array<i64: 1249353255>, shift = array<i64: 3>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x1x6x6xi32>) -> tensor<1x1x6x6xi8>
// CHECK-NEXT: hl.requantize {{.*}} -> tensor<1x1x6x6xi32>
// CHECK-NEXT: hl.constant {value = dense<196608> : tensor<1x1x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}}clamp_max = 60
// CHECK-NEXT: hl.requantize
// CHECK-NEXT: hl.requantize
// CHECK-NEXT: hl.mul {{.*}} : tensor<1x1x6x6xi32>
// CHECK-NEXT: %[[O0:.*]] = hl.requantize {{.*}} -> tensor<1x1x6x6xi8>
// CHECK-NEXT: tile.yield %[[O0]] : tensor<1x1x6x6xi8>
// CHECK-NEXT: }) : (tensor<36x1xi32>) -> tensor<1x1x6x6xi8>
// Group 1's slices.
// CHECK: block = @a0::@l0_g1_k0_n0
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd
// CHECK: hl.constant {value = dense<-250> : tensor<1x1x1x1xi32>}
// CHECK: hl.requantize {{.*}} {axis = 1 : i64, multiplier = array<i64: 2066108353>, shift = array<i64: 4>
// CHECK: hl.constant {value = dense<131072> : tensor<1x1x1x1xi32>}
// CHECK: block = @a0::@l0_g2_k0_n0
// CHECK: block = @a0::@l0_g3_k0_n0
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd
// CHECK: hl.constant {value = dense<4000> : tensor<1x1x1x1xi32>}
// CHECK: tile.yield
// The join, alone; the widening requantize stays with the pooling.
// CHECK: tile.simd %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<1x1x6x6xi8>, tensor<1x1x6x6xi8>, tensor<1x1x6x6xi8>, tensor<1x1x6x6xi8>) -> tensor<1x4x6x6xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.requantize {{.*}} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi32>
// CHECK-NEXT: hl.global_avgpool
// CHECK: tile.host

// STATS: (S) 0 num-layer-parts
// STATS: (S) 9 num-sunk-ops
// (8 of @dw, 1 of @res)

// The same layer in 2 parts: groups 0-1 on a0, 2-3 on a1 (@res fits in
// one part; the statistics add up over the functions).
// PSTATS: (S) 1 num-layer-parts
// PARTS: tile.block {{.*}}sym_name = "l0_g0_k0_n0"
// PARTS-NEXT: tile.block {{.*}}sym_name = "l0_g1_k0_n0"
// PARTS-NEXT: }) {{{.*}}sym_name = "a0"
// PARTS: tile.block {{.*}}sym_name = "l0_g2_k0_n0"
// PARTS-NEXT: tile.block {{.*}}sym_name = "l0_g3_k0_n0"
// PARTS-NEXT: }) {{{.*}}sym_name = "a1"
// PARTS-LABEL: func.func @dw
// PARTS: block = @a0::@l0_g0_k0_n0
// PARTS: block = @a0::@l0_g1_k0_n0
// PARTS: block = @a1::@l0_g2_k0_n0
// PARTS: block = @a1::@l0_g3_k0_n0
// PARTS: %[[A:.*]] = tile.simd %{{.*}}, %{{.*}} ({
// PARTS-NEXT: ^bb0
// PARTS-NEXT: hl.concat {{.*}} : (tensor<1x1x6x6xi8>, tensor<1x1x6x6xi8>) -> tensor<1x2x6x6xi8>
// PARTS: %[[B:.*]] = tile.simd %{{.*}}, %{{.*}} ({
// PARTS-NEXT: ^bb0
// PARTS-NEXT: hl.concat {{.*}} : (tensor<1x1x6x6xi8>, tensor<1x1x6x6xi8>) -> tensor<1x2x6x6xi8>
// PARTS: tile.simd %{{.*}}, %{{.*}} ({
// PARTS-NEXT: ^bb0
// PARTS-NEXT: hl.concat {{.*}} : (tensor<1x2x6x6xi8>, tensor<1x2x6x6xi8>) -> tensor<1x4x6x6xi8>

// Without an array budget: one part.
// NOBUDGET-LABEL: func.func @dw
// NOBUDGET-NOT: tensor<1x2x6x6xi8>
// NOBUDGET: hl.concat {{.*}} -> tensor<1x4x6x6xi8>

// OK: output 0: max abs error 0, max rel error 0: ok
// OK: output 1: max abs error 0, max rel error 0: ok

func.func @dw(%xf: tensor<1x4x6x6xf32>) -> (tensor<1x4x6x6xf32>, tensor<1x4x1x1xf32>) {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xi8>
  %w = hl.constant {value = dense<[[[[1, -2, 3], [-1, 2, 0], [1, -3, 2]]], [[[2, 1, -1], [3, 0, -2], [1, 1, -1]]], [[[-1, 0, 2], [1, -3, 1], [2, 0, 3]]], [[[3, -1, 0], [2, 1, 1], [-2, 1, 0]]]]> : tensor<4x1x3x3xi8>} : tensor<4x1x3x3xi8>
  %b = hl.constant {value = dense<[100, -250, 37, 4000]> : tensor<4xi32>} : tensor<4xi32>
  %y = hl.conv2d %x, %w, %b {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x6x6xi8>, tensor<4x1x3x3xi8>, tensor<4xi32>) -> tensor<1x4x6x6xi32>
  %r = hl.requantize %y {axis = 1 : i64, multiplier = array<i64: 1249353255, 2066108353, 1347009373, 1445262114>, shift = array<i64: 3, 4, 3, 5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x6x6xi32>) -> tensor<1x4x6x6xi8>
  %a = hl.requantize %r {multiplier = array<i64: 1073741824>, shift = array<i64: -17>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi32>
  %c = hl.constant {value = dense<[[[[196608]], [[131072]], [[65536]], [[262144]]]]> : tensor<1x4x1x1xi32>} : tensor<1x4x1x1xi32>
  %s = hl.add %a, %c : (tensor<1x4x6x6xi32>, tensor<1x4x1x1xi32>) -> tensor<1x4x6x6xi32>
  %q = hl.requantize %s {clamp_max = 60 : i64, clamp_min = 0 : i64, multiplier = array<i64: 1647330955>, shift = array<i64: 16>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x6x6xi32>) -> tensor<1x4x6x6xi8>
  %m1 = hl.requantize %r {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi32>
  %m2 = hl.requantize %q {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi32>
  %m = hl.mul %m1, %m2 : tensor<1x4x6x6xi32>
  %o = hl.requantize %m {multiplier = array<i64: 1161645056>, shift = array<i64: 5>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x6x6xi32>) -> tensor<1x4x6x6xi8>
  %o32 = hl.requantize %o {multiplier = array<i64: 1073741824>, shift = array<i64: -17>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi32>
  %p = hl.global_avgpool %o32 : (tensor<1x4x6x6xi32>) -> tensor<1x4x1x1xi32>
  %pq = hl.requantize %p {multiplier = array<i64: 1122015939>, shift = array<i64: 11>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x1x1xi32>) -> tensor<1x4x1x1xi8>
  %of = hl.dequantize %o {scale = array<f32: 0.05>} : (tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xf32>
  %pf = hl.dequantize %pq {scale = array<f32: 0.05>} : (tensor<1x4x1x1xi8>) -> tensor<1x4x1x1xf32>
  return %of, %pf : tensor<1x4x6x6xf32>, tensor<1x4x1x1xf32>
}

// -----

// A residual add reads the conv's value and another non-constant one:
// the sinking stops there. The requantize to i32 before it only widens
// the i8 value for that add, so it is left out and the i8 value joined.
// CHECK-LABEL: func.func @res
// CHECK: block = @a0::@l0_g0_k0_n0
// CHECK-NEXT: tile.channel
// CHECK-NEXT: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.transpose
// CHECK-NEXT: hl.reshape
// CHECK-NEXT: hl.constant {value = dense<7> : tensor<1x1x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}}multiplier = array<i64: 1249353255>{{.*}} -> tensor<1x1x6x6xi8>
// CHECK-NEXT: tile.yield
// CHECK: block = @a0::@l0_g1_k0_n0
// CHECK: hl.concat {{.*}} -> tensor<1x2x6x6xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.requantize {{.*}} : (tensor<1x2x6x6xi8>) -> tensor<1x2x6x6xi32>
// CHECK-NEXT: hl.add {{.*}} : tensor<1x2x6x6xi32>
// CHECK-NEXT: hl.requantize
func.func @res(%xf: tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xi8>
  %x32 = hl.requantize %x {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x2x6x6xi8>) -> tensor<1x2x6x6xi32>
  %w = hl.constant {value = dense<[[[[1, -2, 3], [-1, 2, 0], [1, -3, 2]]], [[[2, 1, -1], [3, 0, -2], [1, 1, -1]]]]> : tensor<2x1x3x3xi8>} : tensor<2x1x3x3xi8>
  %b = hl.constant {value = dense<[7, -9]> : tensor<2xi32>} : tensor<2xi32>
  %y = hl.conv2d %x, %w, %b {groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x6xi8>, tensor<2x1x3x3xi8>, tensor<2xi32>) -> tensor<1x2x6x6xi32>
  %r = hl.requantize %y {axis = 1 : i64, multiplier = array<i64: 1249353255, 2066108353>, shift = array<i64: 3, 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x6x6xi32>) -> tensor<1x2x6x6xi8>
  %r32 = hl.requantize %r {multiplier = array<i64: 1073741824>, shift = array<i64: -1>, zero_point = dense<0> : tensor<1xi32>} : (tensor<1x2x6x6xi8>) -> tensor<1x2x6x6xi32>
  %s = hl.add %r32, %x32 : tensor<1x2x6x6xi32>
  %q = hl.requantize %s {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x6x6xi32>) -> tensor<1x2x6x6xi8>
  %f = hl.dequantize %q {scale = array<f32: 0.05>} : (tensor<1x2x6x6xi8>) -> tensor<1x2x6x6xf32>
  return %f : tensor<1x2x6x6xf32>
}

// -----

// Any layer's position-wise epilogue (here a plain conv's bias and
// requantize) ends its tile.simd before the first op that is not
// position-wise (the max pooling), so that it can stream on the product
// and only its i8 result is kept for the pooling.
// CHECK-LABEL: func.func @pool
// CHECK: %[[P:.*]] = tile.mvm
// CHECK-NEXT: %[[C:.*]] = tile.channel %[[P]]
// CHECK-NEXT: tile.simd %[[C]] ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.transpose
// CHECK-NEXT: hl.reshape
// CHECK-NEXT: hl.constant
// CHECK-NEXT: hl.reshape
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize
// CHECK-NEXT: tile.yield
// CHECK: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.maxpool
func.func @pool(%x: tensor<1x2x6x6xi8>) -> tensor<1x2x3x3xi8> {
  %w = hl.constant {value = dense<[[[[1]], [[2]]], [[[-1]], [[3]]]]> : tensor<2x2x1x1xi8>} : tensor<2x2x1x1xi8>
  %b = hl.constant {value = dense<[5, -6]> : tensor<2xi32>} : tensor<2xi32>
  %y = hl.conv2d %x, %w, %b : (tensor<1x2x6x6xi8>, tensor<2x2x1x1xi8>, tensor<2xi32>) -> tensor<1x2x6x6xi32>
  %r = hl.requantize %y {multiplier = array<i64: 1073741824>, shift = array<i64: 0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x6x6xi32>) -> tensor<1x2x6x6xi8>
  %p = hl.maxpool %r {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x6x6xi8>) -> tensor<1x2x3x3xi8>
  return %p : tensor<1x2x3x3xi8>
}
