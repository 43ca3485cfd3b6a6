// tile-to-hw's errors: what place and route-noc must have done first, one
// function, a target.
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --verify-diagnostics

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x2xi32> {
  %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<2x4xi8>
  // expected-error @+1 {{'tile.mvm' op is not placed (no 'hw.tile'; run the place pass first)}}
  %m = tile.mvm %c0 {block = @a0::@k} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %c1 = tile.channel %m : tensor<2x2xi32>
  return %c1 : tensor<2x2xi32>
}

// -----

// expected-error @+1 {{'tile.array' op is not placed (no 'hw.tile'; run the place pass first)}}
tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  return %x : tensor<2x4xi8>
}

// -----

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x2xi32> {
  // expected-error @+1 {{'tile.channel' op crosses from the host to (0, 0, 0) but is not routed (no 'hw.route'; run the route-noc pass first)}}
  %c0 = tile.channel %x : tensor<2x4xi8>
  %m = tile.mvm %c0 {block = @a0::@k, hw.tile = array<i64: 0, 0, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %c1 = tile.channel %m {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<2x2xi32>
  return %c1 : tensor<2x2xi32>
}

// -----

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x2xi32> {
  // expected-error @+1 {{'tile.channel' op has a 'hw.route' that does not lead from the host to (0, 0, 0)}}
  %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>} : tensor<2x4xi8>
  %m = tile.mvm %c0 {block = @a0::@k, hw.tile = array<i64: 0, 0, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %c1 = tile.channel %m {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<2x2xi32>
  return %c1 : tensor<2x2xi32>
}

// -----

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x2xi32> {
  %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>} : tensor<2x4xi8>
  // expected-error @+1 {{'tile.mvm' op is placed at (0, 1, 0) but its array is at (0, 0, 0)}}
  %m = tile.mvm %c0 {block = @a0::@k, hw.tile = array<i64: 0, 1, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %c1 = tile.channel %m {hw.route = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>} : tensor<2x2xi32>
  return %c1 : tensor<2x2xi32>
}

// -----

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1", hw.tile = array<i64: 0, 1, 0>}
func.func @main(%x: tensor<2x4xi8>) -> (tensor<2x2xi32>, tensor<2x2xi32>) {
  // expected-error @+1 {{'tile.channel' op has users on (0, 0, 0) and on (0, 1, 0); a channel has one destination}}
  %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<2x4xi8>
  %m = tile.mvm %c0 {block = @a0::@k, hw.tile = array<i64: 0, 0, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %n = tile.mvm %c0 {block = @a1::@k, hw.tile = array<i64: 0, 1, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  %c1 = tile.channel %m {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<2x2xi32>
  %c2 = tile.channel %n {hw.route = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>} : tensor<2x2xi32>
  return %c1, %c2 : tensor<2x2xi32>, tensor<2x2xi32>
}

// -----

func.func @main(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  return %x : tensor<2x4xi8>
}
// expected-error @+1 {{'func.func' op is a second function: tile-to-hw lowers a module with exactly one function}}
func.func @other(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  return %x : tensor<2x4xi8>
}

// -----

// expected-error @+1 {{'builtin.module' op has no function to lower to hw}}
module {
}

// -----

func.func @main(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'hl.relu' op cannot be lowered to hw: tile-to-hw takes tile ops, channels and func.return}}
  %r = hl.relu %x : tensor<2x4xi8>
  return %r : tensor<2x4xi8>
}

// -----

tile.array ({
  tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<4x2xi8>}
}) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x2xi32> {
  %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<2x4xi8>
  %m = tile.mvm %c0 {block = @a0::@k, hw.tile = array<i64: 0, 0, 0>} : (tensor<2x4xi8>) -> tensor<2x2xi32>
  // expected-error @+1 {{'func.return' op reads a value that is not on its place the host (a channel is missing)}}
  return %m : tensor<2x2xi32>
}
