// tile-to-hw's in-place buffers and residual epilogues, and what
// plan-memory makes of them: the three pieces of a join (two epilogues of
// the tile, one received) become views of the join's result, which costs
// its bytes once; a multiply writes over the join it reads (the code
// that reads the join is position-wise; a transpose of its other factor
// does not touch the join's bytes); a region that only reshapes the
// product on (the same bytes) is a view of it too, marked in_place: the
// SIMD unit has nothing to do for it;
// an epilogue adding a residual that is already on its tile still streams
// its product.
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | FileCheck %s
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --plan-memory | FileCheck %s --check-prefix=PLAN
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(tile-to-hw,plan-memory{report=%t/plan.json})' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t/plan.json

// STATS: 2 num-in-place-execs
// STATS: 3 num-join-views
// STATS: 3 num-streamed-epilogues

// Tile (0, 0, 0): the join's pieces are views at their byte offsets and
// the multiply's result a view of the join.
// CHECK:      hw.tile ({
// CHECK:        hw.buffer {sym_name = "b0", type = tensor<16x4xi8>}
// CHECK-NEXT:   hw.buffer {stream_rows = 2 : i64, sym_name = "b1", type = tensor<16x4xi32>}
// CHECK-NEXT:   hw.buffer {base = @b6, sym_name = "b2", type = tensor<1x4x4x4xi8>}
// CHECK-NEXT:   hw.buffer {stream_rows = 2 : i64, sym_name = "b3", type = tensor<16x4xi32>}
// CHECK-NEXT:   hw.buffer {base = @b6, base_offset = 64 : i64, sym_name = "b4", type = tensor<1x4x4x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b6, base_offset = 128 : i64, sym_name = "b5", type = tensor<1x4x4x4xi8>}
// CHECK-NEXT:   hw.buffer {sym_name = "b6", type = tensor<1x12x4x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b6, sym_name = "b7", type = tensor<1x12x4x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b7, sym_name = "b8", type = tensor<1x12x16xi8>}
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:     hw.recv {dst = @b0, route = @r0}
// CHECK-NEXT:     hw.mvm {block = @a0::@k0, dst = @b1, src = @b0}
// CHECK-NEXT:     hw.exec ({
// CHECK:          }) {dsts = [@b2], srcs = [@b1]}
// CHECK-NEXT:     hw.mvm {block = @a0::@k1, dst = @b3, src = @b0}
// CHECK-NEXT:     hw.exec ({
// CHECK:          }) {dsts = [@b4], srcs = [@b3]}
// CHECK-NEXT:     hw.recv {dst = @b5, route = @r2}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.concat
// CHECK:          }) {dsts = [@b6], in_place, srcs = [@b2, @b4, @b5]}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.mul
// CHECK:          }) {dsts = [@b7], srcs = [@b6]}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.reshape
// CHECK:          }) {dsts = [@b8], in_place, srcs = [@b7]}
// CHECK-NEXT:     hw.send {route = @r3, src = @b8}
// CHECK-NEXT:   })
// CHECK-NEXT: }) {chip = 0 : i64, x = 0 : i64, y = 0 : i64}

// Tile (0, 1, 0): the residual (received) is resident before the mvm, its
// product streamed into the epilogue right after it.
// CHECK:      hw.tile ({
// CHECK:        hw.buffer {sym_name = "b0", type = tensor<16x4xi8>}
// CHECK-NEXT:   hw.buffer {stream_rows = 2 : i64, sym_name = "b1", type = tensor<16x4xi32>}
// CHECK-NEXT:   hw.buffer {sym_name = "b2", type = tensor<1x4x4x4xi8>}
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:     hw.recv {dst = @b0, route = @r1}
// CHECK-NEXT:     hw.mvm {block = @a1::@k2, dst = @b1, src = @b0}
// CHECK-NEXT:     hw.exec ({
// CHECK-NEXT:     ^bb0(%arg0: tensor<16x4xi32>, %arg1: tensor<16x4xi8>):
// CHECK:          }) {dsts = [@b2], srcs = [@b1, @b0]}
// CHECK-NEXT:     hw.send {route = @r2, src = @b2}
// CHECK-NEXT:   })
// CHECK-NEXT: }) {chip = 0 : i64, x = 1 : i64, y = 0 : i64}

// The family of the join's result is one allocation of 192 bytes, live
// from the receive of its third piece (the whole program) and with one
// slot; the views sit inside it. The tile's peak is that, the input's
// double buffer and one streamed product: 192 + 128 + 32.
// PLAN:      hw.tile ({
// PLAN:        hw.buffer {base = @b6, offset = [[R:[0-9]+]] : i64, sym_name = "b2"
// PLAN:        hw.buffer {base = @b6, base_offset = 64 : i64, offset = {{[0-9]+}} : i64, sym_name = "b4"
// PLAN-NEXT:   hw.buffer {base = @b6, base_offset = 128 : i64, offset = {{[0-9]+}} : i64, sym_name = "b5"
// PLAN-NEXT:   hw.buffer {offset = [[R]] : i64, sym_name = "b6", type = tensor<1x12x4x4xi8>}
// PLAN-NEXT:   hw.buffer {base = @b6, offset = [[R]] : i64, sym_name = "b7"

// JSON:      {"chip": 0, "x": 0, "y": 0, "peak": 352, "bound": 352, "buffers": [
// JSON-NEXT: {"name": "b0", "offset": 192, "bytes": 128, "slots": 2, "first": 0, "last": 9},
// JSON-NEXT: {"name": "b1", "offset": 320, "bytes": 32, "slots": 1, "first": 1, "last": 2},
// JSON-NEXT: {"name": "b2", "offset": 0, "bytes": 64, "slots": 1, "first": 2, "last": 6, "view_of": "b6"},
// JSON-NEXT: {"name": "b3", "offset": 320, "bytes": 32, "slots": 1, "first": 3, "last": 4},
// JSON-NEXT: {"name": "b4", "offset": 64, "bytes": 64, "slots": 1, "first": 4, "last": 6, "view_of": "b6"},
// JSON-NEXT: {"name": "b5", "offset": 128, "bytes": 64, "slots": 1, "first": 0, "last": 9, "view_of": "b6"},
// JSON-NEXT: {"name": "b6", "offset": 0, "bytes": 192, "slots": 1, "first": 0, "last": 9},
// JSON-NEXT: {"name": "b7", "offset": 0, "bytes": 192, "slots": 1, "first": 7, "last": 8, "view_of": "b6"},
// JSON-NEXT: {"name": "b8", "offset": 0, "bytes": 192, "slots": 1, "first": 8, "last": 9, "view_of": "b6"}
// JSON-NEXT: ]},
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k0", value = dense<1> : tensor<4x4xi8>}
    tile.block {col = 4 : i64, row = 0 : i64, sym_name = "k1", value = dense<2> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k2", value = dense<3> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1", hw.tile = array<i64: 0, 1, 0>}
  func.func @main(%x: tensor<16x4xi8>) -> tensor<1x12x16xi8> {
    %cx = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<16x4xi8>
    %cb = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>} : tensor<16x4xi8>
    %m0 = tile.mvm %cx {block = @a0::@k0, hw.tile = array<i64: 0, 0, 0>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
    %p0 = tile.simd %m0 ({
    ^bb0(%a: tensor<16x4xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
      %r = hl.reshape %q {shape = array<i64: 1, 4, 4, 4>} : (tensor<16x4xi8>) -> tensor<1x4x4x4xi8>
      tile.yield %r : tensor<1x4x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<16x4xi32>) -> tensor<1x4x4x4xi8>
    %m1 = tile.mvm %cx {block = @a0::@k1, hw.tile = array<i64: 0, 0, 0>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
    %p1 = tile.simd %m1 ({
    ^bb0(%a: tensor<16x4xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
      %r = hl.reshape %q {shape = array<i64: 1, 4, 4, 4>} : (tensor<16x4xi8>) -> tensor<1x4x4x4xi8>
      tile.yield %r : tensor<1x4x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<16x4xi32>) -> tensor<1x4x4x4xi8>
    %m2 = tile.mvm %cb {block = @a1::@k2, hw.tile = array<i64: 0, 1, 0>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
    %p2 = tile.simd %m2, %cb ({
    ^bb0(%a: tensor<16x4xi32>, %b: tensor<16x4xi8>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
      %s = hl.add %q, %b : tensor<16x4xi8>
      %r = hl.reshape %s {shape = array<i64: 1, 4, 4, 4>} : (tensor<16x4xi8>) -> tensor<1x4x4x4xi8>
      tile.yield %r : tensor<1x4x4x4xi8>
    }) {hw.tile = array<i64: 0, 1, 0>} : (tensor<16x4xi32>, tensor<16x4xi8>) -> tensor<1x4x4x4xi8>
    %c2 = tile.channel %p2 {hw.route = array<i64: 0, 1, 0, 0, 0, 0>} : tensor<1x4x4x4xi8>
    %j = tile.simd %p0, %p1, %c2 ({
    ^bb0(%a: tensor<1x4x4x4xi8>, %b: tensor<1x4x4x4xi8>, %c: tensor<1x4x4x4xi8>):
      %r = hl.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x4x4x4xi8>, tensor<1x4x4x4xi8>, tensor<1x4x4x4xi8>) -> tensor<1x12x4x4xi8>
      tile.yield %r : tensor<1x12x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x4x4x4xi8>, tensor<1x4x4x4xi8>, tensor<1x4x4x4xi8>) -> tensor<1x12x4x4xi8>
    %y = tile.simd %j ({
    ^bb0(%a: tensor<1x12x4x4xi8>):
      %c0 = hl.constant {value = dense<2> : tensor<12x1x1x1xi8>} : tensor<12x1x1x1xi8>
      %c = hl.transpose %c0 {perm = array<i64: 1, 0, 2, 3>} : (tensor<12x1x1x1xi8>) -> tensor<1x12x1x1xi8>
      %r = hl.mul %a, %c : (tensor<1x12x4x4xi8>, tensor<1x12x1x1xi8>) -> tensor<1x12x4x4xi8>
      tile.yield %r : tensor<1x12x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x12x4x4xi8>) -> tensor<1x12x4x4xi8>
    %z = tile.simd %y ({
    ^bb0(%a: tensor<1x12x4x4xi8>):
      %r = hl.reshape %a {shape = array<i64: 1, 12, 16>} : (tensor<1x12x4x4xi8>) -> tensor<1x12x16xi8>
      tile.yield %r : tensor<1x12x16xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x12x4x4xi8>) -> tensor<1x12x16xi8>
    %cz = tile.channel %z {hw.route = array<i64: 0, 0, 0, -1, 0, 0>} : tensor<1x12x16xi8>
    return %cz : tensor<1x12x16xi8>
  }
}
