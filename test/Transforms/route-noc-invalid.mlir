// route-noc: flows that do not fit the link capacity (named in notes at
// their channels), units without a tile or with a bad one, a channel used
// on two tiles and a crossing without a channel (with split-channels=false),
// a module without a target and an unwritable report are errors.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --target=%S/Inputs/grid-2x2.ir --pass-pipeline='builtin.module(route-noc{link-capacity=200})'
// RUN: not ipu-opt %S/Inputs/route-congested.mlir --target=%S/Inputs/grid-2x2.ir --pass-pipeline='builtin.module(route-noc{link-capacity=200 mode=dimension-ordered})' 2>&1 | FileCheck %s --check-prefix=XY
// RUN: not ipu-opt %S/Inputs/route-strict.mlir --target=%S/Inputs/tiny-16x8.ir --split-input-file --pass-pipeline='builtin.module(route-noc{split-channels=false})' 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: not ipu-opt %S/Inputs/route-strict.mlir --split-input-file --pass-pipeline='builtin.module(route-noc)' 2>&1 | FileCheck %s --check-prefix=NOTARGET
// RUN: not ipu-opt %S/Inputs/route-strict.mlir --split-input-file --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(route-noc{report=%t/no/such/dir/r.json})' 2>&1 | FileCheck %s --check-prefix=REPORT

// Dimension-ordered routes cannot avoid the overloaded link.
// XY: route-congested.mlir:4:1: error: 'builtin.module' op cannot route 2 flows within link capacity 200 bytes
// XY-NEXT: module {
// XY: route-congested.mlir:11:10: note: flow of 128 bytes from tile (0, 0, 0) to tile (0, 1, 1) over the link (0, 0, 0) -> (0, 1, 0), loaded with 256 bytes
// XY: route-congested.mlir:12:10: note: flow of 128 bytes from tile (0, 0, 0) to tile (0, 1, 1) over the link (0, 0, 0) -> (0, 1, 0), loaded with 256 bytes
// TWO: route-strict.mlir:12:10: error: 'tile.channel' op is used at two places, (0, 1, 0) and (0, 0, 1) (chip, x, y; -1: the host): a channel has one destination
// TWO: route-strict.mlir:13:10: note: first user here
// TWO: route-strict.mlir:14:10: note: other user here
// TWO: route-strict.mlir:35:10: error: 'tile.accumulate' op operand #1 crosses from tile (0, 0, 1) without a tile.channel
// NOTARGET: route-strict.mlir:4:1: error: 'builtin.module' op route-noc: the module has no target ('hw.target')
// REPORT: error: 'builtin.module' op route-noc: cannot write the report '{{.*}}r.json'

// One flow of 256 bytes (the 128-byte input fits) never fits links of 200, whatever its path.
// expected-error@+1 {{'builtin.module' op cannot route 1 flows within link capacity 200 bytes}}
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 1>, rows = 16 : i64, sym_name = "a0"}
  func.func @big(%arg0: tensor<8x16xi8>) -> tensor<8x8xi32> {
    %0 = tile.channel %arg0 : tensor<8x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 1, 1>} : (tensor<8x16xi8>) -> tensor<8x8xi32>
    %2 = tile.simd %1 ({
    ^bb0(%a: tensor<8x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<8x8xi32>) -> tensor<8x8xi8>
      tile.yield %q : tensor<8x8xi8>
    }) {hw.tile = array<i64: 0, 1, 1>} : (tensor<8x8xi32>) -> tensor<8x8xi8>
    // expected-note@+1 {{flow of 256 bytes from tile (0, 1, 1) to the host over the link (0, 1, 1) -> (0, 0, 1), loaded with 256 bytes}}
    %3 = tile.channel %1 : tensor<8x8xi32>
    return %3 : tensor<8x8xi32>
  }
}

// -----

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  func.func @unplaced(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    // expected-error@+1 {{'tile.mvm' op is not placed: it has no 'hw.tile' (run place first)}}
    %1 = tile.mvm %0 {block = @a0::@w} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.channel %1 : tensor<4x8xi32>
    return %2 : tensor<4x8xi32>
  }
}

// -----

module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  func.func @outside(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    // expected-error@+1 {{'tile.mvm' op has a bad 'hw.tile': expected array<i64: chip, x, y> inside the grid of target 'grid-2x2' (1 chip(s) x 2 x 2)}}
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 2, 0>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.channel %1 : tensor<4x8xi32>
    return %2 : tensor<4x8xi32>
  }
}
