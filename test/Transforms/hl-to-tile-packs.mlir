// hl-to-tile packs consecutive groups of a grouped conv into one
// block-diagonal weight block: G groups' K = Cg x kh x kw window rows
// stacked down the block (one tile.windows over their G x Cg channels),
// their Mg outputs side by side, each group's weights on the diagonal and
// zeros elsewhere: one mvm of P steps for G groups. G is as large as the
// array allows (G x K <= rows, G x Mg <= cols), the packs of a layer (or
// of each of its parts) balanced; each pack's product goes through its
// own chain (transpose, reshape, bias slice, the sunk epilogue with its
// per-channel constants sliced per pack) in a tile.simd that streams on
// it, and the packs are joined on axis 1 (here the join feeds only the
// host's dequantize, so it may run there).
// On tiny-16x8 (16 x 8 arrays):
// - @rows, depthwise 2x2 (K = 4, Mg = 1): 4 groups a pack by the rows,
//   6 groups in 2 packs of 3 (12 x 3 blocks);
// - @cols, 4 groups of Cg = 2 inputs, Mg = 3 outputs, 1x2 kernel (K = 4):
//   2 groups a pack by the columns (8 x 6 blocks);
// - @parts, depthwise 1x3 (K = 3): 5 groups a pack by the rows, 6 groups
//   in 2 packs of 3; with tile SRAM of 256 bytes and an array budget it
//   splits into 3 parts of 2 groups (each on its own array): the parts
//   limit the packs to 2 groups (its one output row cannot be split into
//   row bands; @rows and @cols are, and keep their packs in each band);
// - with an 18-bit ADC (exact sums of at most 8 rows), the packs still
//   take 12 rows: each column sums its own group's 4 products only, so
//   the ADC reads what it reads for the group alone.
// The tile IR equals the hl to the bit in each case.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' -o %t/tiny.mlir --mlir-pass-statistics 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s < %t/tiny.mlir
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir report=%t/r.json})' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-sram256.ir array-budget=-1})' -o %t/parts.mlir
// RUN: FileCheck %s --check-prefix=PARTS < %t/parts.mlir
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8-adc18.ir})' -o %t/adc.mlir
// RUN: FileCheck %s --check-prefix=ADC < %t/adc.mlir
// RUN: python3 %S/Inputs/rand_npy.py %t/rows_x.npy 1x6x5x5 31
// RUN: python3 %S/Inputs/rand_npy.py %t/cols_x.npy 1x8x4x4 32
// RUN: python3 %S/Inputs/rand_npy.py %t/parts_x.npy 1x6x1x22 33
// RUN: mkdir -p %t/rows_hl %t/cols_hl %t/parts_hl
// RUN: ipu-run %s --func parts --input 0=%t/parts_x.npy -o %t/parts_hl
// RUN: ipu-run %s --func rows --input 0=%t/rows_x.npy -o %t/rows_hl
// RUN: ipu-run %s --func cols --input 0=%t/cols_x.npy -o %t/cols_hl
// RUN: ipu-run %t/tiny.mlir --func rows --input 0=%t/rows_x.npy --expect 0=%t/rows_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/parts.mlir --func rows --input 0=%t/rows_x.npy --expect 0=%t/rows_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/adc.mlir --func rows --input 0=%t/rows_x.npy --expect 0=%t/rows_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/tiny.mlir --func cols --input 0=%t/cols_x.npy --expect 0=%t/cols_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/parts.mlir --func cols --input 0=%t/cols_x.npy --expect 0=%t/cols_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/adc.mlir --func cols --input 0=%t/cols_x.npy --expect 0=%t/cols_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/tiny.mlir --func parts --input 0=%t/parts_x.npy --expect 0=%t/parts_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/parts.mlir --func parts --input 0=%t/parts_x.npy --expect 0=%t/parts_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/adc.mlir --func parts --input 0=%t/parts_x.npy --expect 0=%t/parts_hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// OK: output 0: max abs error 0, max rel error 0: ok

// STATS: (S) 6 num-blocks
// STATS: (S) 6 num-group-packs
// STATS: (S) 0 num-layer-parts
// JSON: "num_layer_parts": 0,
// JSON-NEXT: "num_group_packs": 6,

// The blocks: group g's 4 x 1 (or 4 x 3) weights at rows 4g.., column g
// (or 3g..) of its pack.
// CHECK: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_p0_k0_n0", value = dense<{{\[}}[1, 0, 0], [-5, 0, 0], [3, 0, 0], [-8, 0, 0], [0, -7, 0], [0, 8, 0], [0, -6, 0], [0, 2, 0], [0, 0, 9], [0, 0, -8], [0, 0, 7], [0, 0, -3]]> : tensor<12x3xi8>}
// CHECK: sym_name = "l0_p1_k0_n0", value = dense<{{\[}}[-8, 0, 0], [-7, 0, 0], [4, 0, 0], [4, 0, 0], [0, -7, 0], [0, -2, 0], [0, -7, 0], [0, 8, 0], [0, 0, 4], [0, 0, -8], [0, 0, 9], [0, 0, -6]]> : tensor<12x3xi8>}
// CHECK: sym_name = "l1_p0_k0_n0", value = dense<{{\[}}[2, 9, 8, 0, 0, 0], [-6, -8, 4, 0, 0, 0], [8, -3, 1, 0, 0, 0], [-7, 6, 5, 0, 0, 0], [0, 0, 0, 9, -2, 9], [0, 0, 0, 5, -4, 0], [0, 0, 0, 2, -2, 7], [0, 0, 0, 0, -7, 6]]> : tensor<8x6xi8>}
// CHECK: sym_name = "l1_p1_k0_n0", value = {{.*}} : tensor<8x6xi8>}

// CHECK-LABEL: func.func @rows
// CHECK: %[[X:.*]] = tile.channel %{{.*}} : tensor<1x6x5x5xi8>
// CHECK-NEXT: %[[W0:.*]] = tile.windows %[[X]] {channel_begin = 0 : i64, channel_count = 3 : i64, kernel_shape = array<i64: 2, 2>} : (tensor<1x6x5x5xi8>) -> tensor<16x12xi8>
// CHECK-NEXT: %[[P0:.*]] = tile.mvm %[[W0]] {{{.*}}block = @a0::@l0_p0_k0_n0} : (tensor<16x12xi8>) -> tensor<16x3xi32>
// CHECK-NEXT: %[[C0:.*]] = tile.channel %[[P0]] : tensor<16x3xi32>
// CHECK-NEXT: %[[S0:.*]] = tile.simd %[[C0]] ({
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<16x3xi32>):
// CHECK-NEXT: hl.transpose {{.*}} : (tensor<16x3xi32>) -> tensor<3x16xi32>
// CHECK-NEXT: hl.reshape {{.*}} -> tensor<1x3x4x4xi32>
// CHECK-NEXT: hl.constant {value = dense<{{\[\[\[\[}}-72]], {{\[\[}}296]], {{\[\[}}-237]]]]> : tensor<1x3x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}} {axis = 1 : i64, multiplier = array<i64: 1180234062, 1548511432, 1173777368>, shift = array<i64: 4, 3, 5>, {{.*}} -> tensor<1x3x4x4xi8>
// CHECK-NEXT: tile.yield
// CHECK-NEXT: }) : (tensor<16x3xi32>) -> tensor<1x3x4x4xi8>
// CHECK-NEXT: %[[J0:.*]] = tile.channel %[[S0]]
// CHECK-NEXT: %[[W1:.*]] = tile.windows %[[X]] {channel_begin = 3 : i64, channel_count = 3 : i64, kernel_shape = array<i64: 2, 2>} : (tensor<1x6x5x5xi8>) -> tensor<16x12xi8>
// CHECK-NEXT: tile.mvm %[[W1]] {{{.*}}block = @a0::@l0_p1_k0_n0} : (tensor<16x12xi8>) -> tensor<16x3xi32>
// CHECK: hl.constant {value = dense<{{\[\[\[\[}}290]], {{\[\[}}299]], {{\[\[}}106]]]]> : tensor<1x3x1x1xi32>}
// CHECK: hl.requantize {{.*}}multiplier = array<i64: 1359732566, 1695673035, 1973836065>, shift = array<i64: 4, 3, 4>
// CHECK: %[[J1:.*]] = tile.channel
// CHECK-NEXT: tile.{{simd|host}} %[[J0]], %[[J1]] ({
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<1x3x4x4xi8>, tensor<1x3x4x4xi8>) -> tensor<1x6x4x4xi8>
// CHECK-NOT: tile.mvm
// CHECK-LABEL: func.func @cols
// CHECK: tile.windows %{{.*}} {channel_begin = 0 : i64, channel_count = 4 : i64, kernel_shape = array<i64: 1, 2>} : (tensor<1x8x4x4xi8>) -> tensor<12x8xi8>
// CHECK-NEXT: tile.mvm {{.*}}block = @a{{.}}::@l1_p0_k0_n0} : (tensor<12x8xi8>) -> tensor<12x6xi32>
// CHECK: hl.transpose {{.*}} : (tensor<12x6xi32>) -> tensor<6x12xi32>
// CHECK-NEXT: hl.reshape {{.*}} -> tensor<1x6x4x3xi32>
// CHECK-NEXT: hl.constant {value = dense<{{\[\[\[\[}}-24]], {{\[\[}}185]], {{\[\[}}-234]], {{\[\[}}-238]], {{\[\[}}17]], {{\[\[}}291]]]]> : tensor<1x6x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize {{.*}}multiplier = array<i64: 1837095188, 1434622963, 1325203132, 2133939461, 1200345472, 1542339453>
// CHECK-NEXT: hl.relu {{.*}} : tensor<1x6x4x3xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.windows %{{.*}} {channel_begin = 4 : i64, channel_count = 4 : i64
// CHECK-NEXT: tile.mvm {{.*}}block = @a{{.}}::@l1_p1_k0_n0}
// CHECK: hl.concat {{.*}} {axis = 1 : i64} : (tensor<1x6x4x3xi8>, tensor<1x6x4x3xi8>) -> tensor<1x12x4x3xi8>
// CHECK-NOT: tile.mvm

// @parts on tiny-16x8: 2 packs of 3 groups (9 x 3 blocks).
// CHECK-LABEL: func.func @parts
// CHECK: tile.windows %{{.*}} {channel_begin = 0 : i64, channel_count = 3 : i64, kernel_shape = array<i64: 1, 3>} : (tensor<1x6x1x22xi8>) -> tensor<20x9xi8>
// CHECK-NEXT: tile.mvm {{.*}}block = @a{{.}}::@l2_p0_k0_n0} : (tensor<20x9xi8>) -> tensor<20x3xi32>
// CHECK: tile.windows %{{.*}} {channel_begin = 3 : i64, channel_count = 3 : i64
// CHECK-NEXT: tile.mvm {{.*}}block = @a{{.}}::@l2_p1_k0_n0}
// CHECK-NOT: tile.mvm

// @parts in 3 parts of 2 groups, one pack each (6 x 2 blocks), each on
// an array of its own, the parts' values joined on axis 1.
// PARTS: tile.block {{.*}}sym_name = "[[L:l[0-9]+]]_p0_k0_n0", value = dense<{{\[}}[5, 0], [8, 0], [5, 0], [0, 5], [0, 7], [0, 9]]> : tensor<6x2xi8>}
// PARTS-NEXT: }) {{{.*}}sym_name = "a{{[0-9]+}}"
// PARTS-NEXT: tile.array
// PARTS-NEXT: tile.block {{.*}}sym_name = "[[L]]_p1_k0_n0", value = dense<{{\[}}[-3, 0], [-4, 0], [7, 0], [0, 6], [0, -4], [0, -6]]> : tensor<6x2xi8>}
// PARTS-NEXT: }) {{{.*}}sym_name = "a{{[0-9]+}}"
// PARTS-NEXT: tile.array
// PARTS-NEXT: tile.block {{.*}}sym_name = "[[L]]_p2_k0_n0", value = dense<{{\[}}[5, 0], [0, 0], [-5, 0], [0, -7], [0, 8], [0, -8]]> : tensor<6x2xi8>}
// PARTS-NEXT: }) {{{.*}}sym_name = "a{{[0-9]+}}"
// PARTS-LABEL: func.func @parts
// PARTS: tile.windows {{.*}}channel_begin = 0 : i64, channel_count = 2 : i64{{.*}} -> tensor<20x6xi8>
// PARTS-NEXT: tile.mvm {{.*}}block = @a{{[0-9]+}}::@[[L]]_p0_k0_n0} : (tensor<20x6xi8>) -> tensor<20x2xi32>
// PARTS: tile.windows {{.*}}channel_begin = 2 : i64, channel_count = 2 : i64
// PARTS-NEXT: tile.mvm {{.*}}block = @a{{[0-9]+}}::@[[L]]_p1_k0_n0}
// PARTS: tile.windows {{.*}}channel_begin = 4 : i64, channel_count = 2 : i64
// PARTS-NEXT: tile.mvm {{.*}}block = @a{{[0-9]+}}::@[[L]]_p2_k0_n0}
// PARTS: hl.concat {{.*}} : (tensor<1x2x1x20xi8>, tensor<1x2x1x20xi8>, tensor<1x2x1x20xi8>) -> tensor<1x6x1x20xi8>

// With the 18-bit ADC, the same packs of 12 rows.
// ADC: sym_name = "l0_p0_k0_n0", value = {{.*}} : tensor<12x3xi8>}
// ADC-LABEL: func.func @rows
// ADC: tile.mvm {{.*}}adc_bits = 18 : i64{{.*}}block = @a0::@l0_p0_k0_n0} : (tensor<16x12xi8>) -> tensor<16x3xi32>

func.func @rows(%xf: tensor<1x6x5x5xf32>) -> tensor<1x6x4x4xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x6x5x5xf32>) -> tensor<1x6x5x5xi8>
  %w = hl.constant {value = dense<[[[[1, -5], [3, -8]]], [[[-7, 8], [-6, 2]]], [[[9, -8], [7, -3]]], [[[-8, -7], [4, 4]]], [[[-7, -2], [-7, 8]]], [[[4, -8], [9, -6]]]]> : tensor<6x1x2x2xi8>} : tensor<6x1x2x2xi8>
  %b = hl.constant {value = dense<[-72, 296, -237, 290, 299, 106]> : tensor<6xi32>} : tensor<6xi32>
  %y = hl.conv2d %x, %w, %b {groups = 6 : i64} : (tensor<1x6x5x5xi8>, tensor<6x1x2x2xi8>, tensor<6xi32>) -> tensor<1x6x4x4xi32>
  %r = hl.requantize %y {axis = 1 : i64, multiplier = array<i64: 1180234062, 1548511432, 1173777368, 1359732566, 1695673035, 1973836065>, shift = array<i64: 4, 3, 5, 4, 3, 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x6x4x4xi32>) -> tensor<1x6x4x4xi8>
  %f = hl.dequantize %r {scale = array<f32: 0.05>} : (tensor<1x6x4x4xi8>) -> tensor<1x6x4x4xf32>
  return %f : tensor<1x6x4x4xf32>
}



func.func @cols(%xf: tensor<1x8x4x4xf32>) -> tensor<1x12x4x3xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xi8>
  %w = hl.constant {value = dense<[[[[2, -6]], [[8, -7]]], [[[9, -8]], [[-3, 6]]], [[[8, 4]], [[1, 5]]], [[[9, 5]], [[2, 0]]], [[[-2, -4]], [[-2, -7]]], [[[9, 0]], [[7, 6]]], [[[1, 5]], [[0, -7]]], [[[-6, 7]], [[4, -4]]], [[[1, -5]], [[6, 4]]], [[[-8, -7]], [[8, 9]]], [[[1, 1]], [[2, 6]]], [[[9, 5]], [[-7, -7]]]]> : tensor<12x2x1x2xi8>} : tensor<12x2x1x2xi8>
  %b = hl.constant {value = dense<[-24, 185, -234, -238, 17, 291, 156, -9, 95, 55, -277, 172]> : tensor<12xi32>} : tensor<12xi32>
  %y = hl.conv2d %x, %w, %b {groups = 4 : i64} : (tensor<1x8x4x4xi8>, tensor<12x2x1x2xi8>, tensor<12xi32>) -> tensor<1x12x4x3xi32>
  %r = hl.requantize %y {axis = 1 : i64, multiplier = array<i64: 1837095188, 1434622963, 1325203132, 2133939461, 1200345472, 1542339453, 1690997196, 1351497831, 1605490625, 1928220584, 1913299918, 2139981854>, shift = array<i64: 3, 4, 6, 6, 5, 4, 6, 5, 6, 5, 6, 4>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x12x4x3xi32>) -> tensor<1x12x4x3xi8>
  %a = hl.relu %r : tensor<1x12x4x3xi8>
  %f = hl.dequantize %a {scale = array<f32: 0.05>} : (tensor<1x12x4x3xi8>) -> tensor<1x12x4x3xf32>
  return %f : tensor<1x12x4x3xf32>
}

func.func @parts(%xf: tensor<1x6x1x22xf32>) -> tensor<1x6x1x20xf32> {
  %x = hl.quantize %xf {scale = array<f32: 0.0078125>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x6x1x22xf32>) -> tensor<1x6x1x22xi8>
  %w = hl.constant {value = dense<[[[[5, 8, 5]]], [[[5, 7, 9]]], [[[-3, -4, 7]]], [[[6, -4, -6]]], [[[5, 0, -5]]], [[[-7, 8, -8]]]]> : tensor<6x1x1x3xi8>} : tensor<6x1x1x3xi8>
  %b = hl.constant {value = dense<[105, 163, -139, -285, 241, -236]> : tensor<6xi32>} : tensor<6xi32>
  %y = hl.conv2d %x, %w, %b {groups = 6 : i64} : (tensor<1x6x1x22xi8>, tensor<6x1x1x3xi8>, tensor<6xi32>) -> tensor<1x6x1x20xi32>
  %r = hl.requantize %y {axis = 1 : i64, multiplier = array<i64: 1201626857, 1150305586, 1482210949, 1593310492, 1138343690, 2070033495>, shift = array<i64: 5, 6, 4, 4, 5, 6>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x6x1x20xi32>) -> tensor<1x6x1x20xi8>
  %f = hl.dequantize %r {scale = array<f32: 0.05>} : (tensor<1x6x1x20xi8>) -> tensor<1x6x1x20xf32>
  return %f : tensor<1x6x1x20xf32>
}
