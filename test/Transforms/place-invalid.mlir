// place: more arrays than tiles, pins outside the grid, two arrays pinned
// to one tile, malformed pins, a module without a target, bad options and
// an unwritable report are errors.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --target=%S/Inputs/grid-2x2.ir --pass-pipeline='builtin.module(place)'
// RUN: not ipu-opt %S/Inputs/place-five.mlir --pass-pipeline='builtin.module(place)' 2>&1 | FileCheck %s --check-prefix=NOTARGET
// RUN: not ipu-opt %S/Inputs/place-five.mlir --target=%S/Inputs/two-chips-2x2.ir --pass-pipeline='builtin.module(place{report=%t/no/such/dir/r.json})' 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: not ipu-opt %S/Inputs/place-five.mlir --target=%S/Inputs/two-chips-2x2.ir --pass-pipeline='builtin.module(place{effort=-1})' 2>&1 | FileCheck %s --check-prefix=EFFORT

// NOTARGET: place-five.mlir:3:1: error: 'builtin.module' op place: the module has no target ('hw.target'); attach one (e.g. hl-to-tile{target=NAME})
// REPORT: error: 'builtin.module' op place: cannot write the report '{{.*}}r.json'
// EFFORT: error: 'builtin.module' op place: 'effort' and 'chip-hop-cost' must be >= 0

// Five arrays for four tiles: the error is at the first array too many.
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a2"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a3"}
  // expected-error@+1 {{'tile.array' op the network needs 5 arrays but target 'grid-2x2' has 4 tiles (1 chip(s) x 2 x 2, one array each)}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a4"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op is pinned to tile (0, 2, 0) (chip, x, y), outside the grid of target 'grid-2x2' (1 chip(s) x 2 x 2)}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [2, 0], rows = 16 : i64, sym_name = "a0"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op is pinned to tile (1, 0, 0) (chip, x, y), outside the grid of target 'grid-2x2' (1 chip(s) x 2 x 2)}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [1, 0, 0], rows = 16 : i64, sym_name = "a0"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op is pinned to tile (0, 0, -1) (chip, x, y), outside the grid}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = array<i64: 0, -1>, rows = 16 : i64, sym_name = "a0"}
}

// -----

module {
  // expected-note@+1 {{array 'a0' pinned here}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [1, 1], rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
  // expected-error@+1 {{'tile.array' op is pinned to tile (0, 1, 1) (chip, x, y), as array 'a0' is: a tile holds one array}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [0, 1, 1], rows = 16 : i64, sym_name = "a2"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op has a malformed 'pin': expected [x, y] or [chip, x, y] of integers}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [1], rows = 16 : i64, sym_name = "a0"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op has a malformed 'pin': expected [x, y] or [chip, x, y] of integers}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = "here", rows = 16 : i64, sym_name = "a0"}
}

// -----

module {
  // expected-error@+1 {{'tile.array' op has a malformed 'pin': expected [x, y] or [chip, x, y] of integers}}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, pin = [1.0, 0], rows = 16 : i64, sym_name = "a0"}
}
