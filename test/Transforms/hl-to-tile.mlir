// hl-to-tile: each lowering pattern on a tiny target (16 x 8 arrays): K
// split into row blocks (gemm input slices, conv channel ranges), N into
// column blocks, one tile.mvm a block, tile.accumulate over row blocks,
// the joins, bias and requantization in one tile.simd, float ops in
// tile.host, channels between units, packing, statistics and the report.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir})' | FileCheck %s
// RUN: ipu-opt %s --split-input-file --mlir-pass-statistics --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir report=%t/r.json})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// The module's own target wins over the option; the option's is attached.
// RUN: ipu-opt %s --split-input-file --pass-pipeline='builtin.module(hl-to-tile{target=test-4x4})' | FileCheck %s --check-prefix=T44

// A gemm of K = 20, N = 12: row blocks of 16 and 4 rows (the input, made
// on the host, sliced there: only the slices cross the host link), column
// blocks of 8 and 4; the 16 x 8 block fills an
// array, the 16 x 4 and 4 x 4 ones share one, the 4 x 8 one takes a third.
// CHECK-LABEL: module attributes {hw.target = {{{.*}}name = "tiny-16x8"
// CHECK: tile.array ({
// CHECK-NEXT: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_k0_n0", value = dense<3> : tensor<16x8xi8>}
// CHECK-NEXT: }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", weight_bits = 8 : i64}
// CHECK: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_k0_n1", value = dense<3> : tensor<16x4xi8>}
// CHECK-NEXT: tile.block {col = 4 : i64, row = 0 : i64, sym_name = "l0_k1_n1", value = dense<3> : tensor<4x4xi8>}
// CHECK-NEXT: }) {{{.*}}sym_name = "a1"
// CHECK: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_k1_n0", value = dense<3> : tensor<4x8xi8>}
// CHECK-NEXT: }) {{{.*}}sym_name = "a2"
// CHECK-LABEL: func.func @gemm
// CHECK: %[[B:.*]] = tile.channel %arg1 : tensor<12xi32>
// CHECK: %[[X:.*]] = tile.channel %arg0 : tensor<2x20xi8>
// CHECK: %[[S:.*]]:2 = tile.host %[[X]] ({
// CHECK: hl.slice %{{.*}} {axes = array<i64: 1>, ends = array<i64: 16>, starts = array<i64: 0>} : (tensor<2x20xi8>) -> tensor<2x16xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 1>, ends = array<i64: 20>, starts = array<i64: 16>} : (tensor<2x20xi8>) -> tensor<2x4xi8>
// CHECK: %[[X1:.*]] = tile.channel %[[S]]#1 : tensor<2x4xi8>
// CHECK: %[[X0:.*]] = tile.channel %[[S]]#0 : tensor<2x16xi8>
// CHECK: %[[P0:.*]] = tile.mvm %[[X0]] {adc_bits = 32 : i64, adc_shift = 0 : i64, block = @a0::@l0_k0_n0} : (tensor<2x16xi8>) -> tensor<2x8xi32>
// CHECK: %[[P1:.*]] = tile.mvm %[[X1]] {{{.*}}block = @a2::@l0_k1_n0} : (tensor<2x4xi8>) -> tensor<2x8xi32>
// CHECK: %[[A0:.*]] = tile.accumulate %[[P0]], %[[P1]] : tensor<2x8xi32>
// CHECK: %[[C0:.*]] = tile.channel %[[A0]]
// CHECK: tile.mvm %[[X0]] {{{.*}}block = @a1::@l0_k0_n1} : (tensor<2x16xi8>) -> tensor<2x4xi32>
// CHECK: tile.mvm %[[X1]] {{{.*}}block = @a1::@l0_k1_n1}
// CHECK: %[[A1:.*]] = tile.accumulate
// CHECK: %[[C1:.*]] = tile.channel %[[A1]]
// CHECK: %[[R:.*]] = tile.simd %[[C0]], %[[C1]], %[[B]] ({
// CHECK-NEXT: ^bb0(%[[ARG0:.*]]: tensor<2x8xi32>, %[[ARG1:.*]]: tensor<2x4xi32>, %[[ARG2:.*]]: tensor<12xi32>):
// CHECK-NEXT: %[[J:.*]] = hl.concat %[[ARG0]], %[[ARG1]] {axis = 1 : i64}
// CHECK-NEXT: %[[SUM:.*]] = hl.add %[[J]], %[[ARG2]]
// CHECK-NEXT: %[[Q:.*]] = hl.requantize %[[SUM]] {clamp_min = 0 : i64
// CHECK-NEXT: tile.yield %[[Q]] : tensor<2x12xi8>
// CHECK: %[[OUT:.*]] = tile.channel %[[R]] : tensor<2x12xi8>
// CHECK-NEXT: return %[[OUT]]
// T44-LABEL: module attributes {hw.target = {{{.*}}name = "test-4x4"
// T44-COUNT-1: tile.array
// T44-NOT: tile.array
// T44: tile.mvm %{{.*}} {{{.*}}block = @a0::@l0_k0_n0} : (tensor<2x20xi8>) -> tensor<2x12xi32>
module {
  func.func @gemm(%x: tensor<2x20xi8>, %b: tensor<12xi32>) -> tensor<2x12xi8> {
    %w = hl.constant {value = dense<3> : tensor<20x12xi8>} : tensor<20x12xi8>
    %y = hl.gemm %x, %w, %b : (tensor<2x20xi8>, tensor<20x12xi8>, tensor<12xi32>) -> tensor<2x12xi32>
    %r = hl.requantize %y {clamp_min = 0 : i64, multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x12xi32>) -> tensor<2x12xi8>
    return %r : tensor<2x12xi8>
  }
}

// -----

// A grouped conv (2 groups of 2 channels, 3x3: 18 rows a group) on the
// module's own target (test-4x4, kept over the option): the two groups
// fit one 256 x 256 array side by side, so they are packed into one
// block-diagonal block (36 rows x 4 columns: group 0's 18 x 2 weights top
// left, group 1's bottom right, zeros elsewhere) read by one windows over
// all 4 channels and one mvm; the pack's product is transposed to NCHW,
// biased and requantized in one tile.simd right after its mvm
// (hl-to-tile-groups.mlir has more); the join of the one pack is a
// one-operand concat in a tile.simd alone (free in memory), so that the
// flatten after it stays out of the streamed epilogue; the float ops
// after the dequantization stay on the host.
// CHECK-LABEL: module attributes {hw.target = {{{.*}}name = "test-4x4"
// CHECK: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "l0_p0_k0_n0", value = dense<"0x020200000202000002020000020200000202000002020000020200000202000002020000020200000202000002020000020200000202000002020000020200000202000002020000000002020000020200000202000002020000020200000202000002020000020200000202000002020000020200000202000002020000020200000202000002020000020200000202"> : tensor<36x4xi8>}
// CHECK-LABEL: func.func @conv
// CHECK: %[[X:.*]] = tile.channel %arg0 : tensor<1x4x4x4xi8>
// CHECK: %[[W0:.*]] = tile.windows %[[X]] {channel_begin = 0 : i64, channel_count = 4 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xi8>) -> tensor<4x36xi8>
// CHECK: %[[P0:.*]] = tile.mvm %[[W0]] {{{.*}}block = @a0::@l0_p0_k0_n0} : (tensor<4x36xi8>) -> tensor<4x4xi32>
// CHECK-NEXT: %[[C0:.*]] = tile.channel %[[P0]]
// CHECK-NEXT: tile.simd %[[C0]] ({
// CHECK: hl.transpose {{.*}} {perm = array<i64: 1, 0>} : (tensor<4x4xi32>) -> tensor<4x4xi32>
// CHECK-NEXT: hl.reshape {{.*}} {shape = array<i64: 1, 4, 2, 2>}
// CHECK-NEXT: hl.constant {value = dense<{{\[\[\[\[}}1]], {{\[\[}}2]], {{\[\[}}-3]], {{\[\[}}40]]]]> : tensor<1x4x1x1xi32>}
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.requantize
// CHECK-NEXT: tile.yield
// CHECK: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.concat {{.*}} {axis = 1 : i64} : (tensor<1x4x2x2xi8>) -> tensor<1x4x2x2xi8>
// CHECK-NEXT: tile.yield
// CHECK: tile.simd
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.reshape
// CHECK-NOT: tile.mvm
// CHECK: tile.host
// CHECK: hl.dequantize
// CHECK-NEXT: hl.softmax
// CHECK-NEXT: tile.yield
// CHECK: %[[OUT:.*]] = tile.channel
// CHECK-NEXT: return %[[OUT]]
module attributes {hw.target = {name = "test-4x4", chips = 1, grid_cols = 4, grid_rows = 4, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 256, array_cols = 256, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = true, array_step_cycles = 4, sram_bytes_per_tile = 65536, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  func.func @conv(%x: tensor<1x4x4x4xi8>) -> tensor<1x16xf32> {
    %w = hl.constant {value = dense<2> : tensor<4x2x3x3xi8>} : tensor<4x2x3x3xi8>
    %b = hl.constant {value = dense<[1, 2, -3, 40]> : tensor<4xi32>} : tensor<4xi32>
    %y = hl.conv2d %x, %w, %b {groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x2x2xi32>
    %q = hl.requantize %y {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi8>
    %f = hl.reshape %q {shape = array<i64: 1, 16>} : (tensor<1x4x2x2xi8>) -> tensor<1x16xi8>
    %d = hl.dequantize %f {scale = array<f32: 0.5>} : (tensor<1x16xi8>) -> tensor<1x16xf32>
    %s = hl.softmax %d {axis = 1 : i64} : tensor<1x16xf32>
    return %s : tensor<1x16xf32>
  }
}

// -----

// A 3-D matmul: the leading axes flattened into the rows of the input
// vectors and restored after. A kernel longer than the array's 16 rows
// (1 x 20): its one channel's windows cut into column slices of 16 and 4.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[X:.*]] = tile.channel %arg0 : tensor<2x3x4xi8>
// CHECK: tile.simd %[[X]]
// CHECK: hl.reshape %{{.*}} {shape = array<i64: 6, 4>} : (tensor<2x3x4xi8>) -> tensor<6x4xi8>
// CHECK: tile.mvm %{{.*}} : (tensor<6x4xi8>) -> tensor<6x5xi32>
// CHECK: hl.reshape %{{.*}} {shape = array<i64: 2, 3, 5>} : (tensor<6x5xi32>) -> tensor<2x3x5xi32>
// CHECK-LABEL: func.func @wide
// CHECK: tile.windows %{{.*}} {channel_begin = 0 : i64, channel_count = 1 : i64, kernel_shape = array<i64: 1, 20>, strides = array<i64: 1, 4>} : (tensor<1x1x1x24xi8>) -> tensor<2x20xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 1>, ends = array<i64: 16>, starts = array<i64: 0>} : (tensor<2x20xi8>) -> tensor<2x16xi8>
// CHECK: hl.slice %{{.*}} {axes = array<i64: 1>, ends = array<i64: 20>, starts = array<i64: 16>} : (tensor<2x20xi8>) -> tensor<2x4xi8>
// CHECK: %[[M0:.*]] = tile.mvm %{{.*}} {{{.*}}block = @a0::@l1_k0_n0} : (tensor<2x16xi8>) -> tensor<2x2xi32>
// CHECK: %[[M1:.*]] = tile.mvm %{{.*}} {{{.*}}block = @a0::@l1_k1_n0} : (tensor<2x4xi8>) -> tensor<2x2xi32>
// CHECK: tile.accumulate %[[M0]], %[[M1]] : tensor<2x2xi32>
func.func @matmul(%x: tensor<2x3x4xi8>) -> tensor<2x3x5xi32> {
  %w = hl.constant {value = dense<1> : tensor<4x5xi8>} : tensor<4x5xi8>
  %y = hl.matmul %x, %w : (tensor<2x3x4xi8>, tensor<4x5xi8>) -> tensor<2x3x5xi32>
  return %y : tensor<2x3x5xi32>
}
func.func @wide(%x: tensor<1x1x1x24xi8>) -> tensor<1x2x1x2xi32> {
  %w = hl.constant {value = dense<1> : tensor<2x1x1x20xi8>} : tensor<2x1x1x20xi8>
  %y = hl.conv2d %x, %w {strides = array<i64: 1, 4>} : (tensor<1x1x1x24xi8>, tensor<2x1x1x20xi8>) -> tensor<1x2x1x2xi32>
  return %y : tensor<1x2x1x2xi32>
}

// -----

// Not lowered, so left on the host: a weight of -128 (outside the arrays'
// symmetric range), weights that are not constant.
// CHECK-LABEL: func.func @host_layers
// CHECK-NOT: tile.mvm
// CHECK: tile.host
// CHECK-NEXT: ^bb0
// CHECK-NEXT: hl.constant
// CHECK-NEXT: hl.gemm
// CHECK-NEXT: hl.gemm
// CHECK-NEXT: tile.yield
func.func @host_layers(%x: tensor<1x2xi8>, %v: tensor<2x2xi8>) -> (tensor<1x2xi32>, tensor<1x2xi32>) {
  %w = hl.constant {value = dense<[[1, -128], [3, 4]]> : tensor<2x2xi8>} : tensor<2x2xi8>
  %a = hl.gemm %x, %w : (tensor<1x2xi8>, tensor<2x2xi8>) -> tensor<1x2xi32>
  %b = hl.gemm %x, %v : (tensor<1x2xi8>, tensor<2x2xi8>) -> tensor<1x2xi32>
  return %a, %b : tensor<1x2xi32>, tensor<1x2xi32>
}

// STATS: hl-to-tile
// STATS: (S) {{ *}}[[#]] array-utilization-ppm
// STATS: (S) {{ *}}[[#]] arrays-lower-bound
// STATS: (S) {{ *}}[[#]] arrays-ratio-ppm
// STATS: (S) {{ *}}[[#]] macs-per-array-max
// STATS: (S) {{ *}}[[#]] macs-per-array-mean
// STATS: (S) {{ *}}5 num-arrays
// STATS: (S) {{ *}}8 num-blocks
// STATS: (S) {{ *}}[[#]] num-channels
// STATS: (S) {{ *}}1 num-group-packs
// STATS: (S) {{ *}}6 num-host-ops
// STATS: (S) {{ *}}4 num-layers
// STATS: (S) {{ *}}[[#]] num-simd-ops
// JSON: "target": "tiny-16x8"
// JSON: "num_arrays": 0,
// JSON: "lower_bound": 0,
// JSON: "fits": true,
// JSON: "num_host_ops": 2,
// JSON: "arrays": [
// JSON-NEXT: ]
