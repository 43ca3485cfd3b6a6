// Box views from tile-to-hw on hand-written placed tile IR: a producer
// tile (0, 0, 0) cuts its map (1x2x8x4) into two overlapping row bands
// (rows 0-4 and 4-7, one halo row) sent to tiles (0, 1, 0) and (0, 0, 1),
// which compute their rows of a vertical 2-max and send them to tile
// (0, 1, 1), which joins them on axis 2 (H). The bands are box views of
// the map and the received pieces box views of the join, so the producer
// holds its map once and the joining tile its result once; the .ipub
// carries the views' strides and the execs' in_place flag (no SIMD time)
// and runs bit-exact with the tile IR.
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | FileCheck %s
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --plan-memory --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: rm -rf %t && mkdir -p %t/ref
// RUN: ipu-opt %s --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(tile-to-hw,plan-memory{report=%t/plan.json})' -o %t/hw.mlir
// RUN: FileCheck %s --check-prefix=JSON < %t/plan.json
// RUN: ipu-translate --emit-ipub %t/hw.mlir -o %t/bands.ipub
// RUN: ipu-translate --disasm %t/bands.ipub | FileCheck %s --check-prefix=DIS
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x2x8x4 7 i8
// RUN: ipu-run %s --input 0=%t/x.npy -o %t/ref
// RUN: ipu-run %t/bands.ipub --input 0=%t/x.npy --expect 0=%t/ref/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-run %t/bands.ipub --inferences 3 --input 0=%t/x.npy --expect 0=%t/ref/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// The producer: the relu writes over the received input (a contiguous
// view), each band is a box of it and its slice is in place.
// CHECK:      hw.tile ({
// CHECK-NEXT:   hw.buffer {sym_name = "b0", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b0, sym_name = "b1", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b1, base_index = array<i64: 0, 0, 0, 0>, sym_name = "b2", type = tensor<1x2x5x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b1, base_index = array<i64: 0, 0, 4, 0>, sym_name = "b3", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:     hw.recv {dst = @b0, route = @r0}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.relu
// CHECK:          }) {dsts = [@b1], srcs = [@b0]}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.slice
// CHECK:          }) {dsts = [@b2], in_place, srcs = [@b1]}
// CHECK-NEXT:     hw.send {route = @r1, src = @b2}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.slice
// CHECK:          }) {dsts = [@b3], in_place, srcs = [@b1]}
// CHECK-NEXT:     hw.send {route = @r2, src = @b3}
// CHECK-NEXT:   })
// CHECK-NEXT: }) {chip = 0 : i64, x = 0 : i64, y = 0 : i64}
// The band tiles compute with slices inside a larger region: no views.
// CHECK:      hw.tile ({
// CHECK-NEXT:   hw.buffer {sym_name = "b0", type = tensor<1x2x5x4xi8>}
// CHECK-NEXT:   hw.buffer {sym_name = "b1", type = tensor<1x2x4x4xi8>}
// CHECK:      }) {chip = 0 : i64, x = 1 : i64, y = 0 : i64}
// CHECK:      }) {chip = 0 : i64, x = 0 : i64, y = 1 : i64}
// The joining tile receives each piece straight into its rows of the
// result.
// CHECK:      hw.tile ({
// CHECK-NEXT:   hw.buffer {base = @b2, base_index = array<i64: 0, 0, 0, 0>, sym_name = "b0", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT:   hw.buffer {base = @b2, base_index = array<i64: 0, 0, 4, 0>, sym_name = "b1", type = tensor<1x2x3x4xi8>}
// CHECK-NEXT:   hw.buffer {sym_name = "b2", type = tensor<1x2x7x4xi8>}
// CHECK-NEXT:   hw.program ({
// CHECK-NEXT:     hw.recv {dst = @b0, route = @r3}
// CHECK-NEXT:     hw.recv {dst = @b1, route = @r4}
// CHECK-NEXT:     hw.exec ({
// CHECK:            hl.concat
// CHECK:          }) {dsts = [@b2], in_place, srcs = [@b0, @b1]}
// CHECK-NEXT:     hw.send {route = @r5, src = @b2}
// CHECK-NEXT:   })
// CHECK-NEXT: }) {chip = 0 : i64, x = 1 : i64, y = 1 : i64}

// STATS:      tile-to-hw
// STATS:        2 num-join-views
// STATS:        2 num-slice-views
// STATS:      plan-memory
// STATS:        6 num-buffers
// STATS:        2 num-double-buffers
// STATS:        5 num-views

// Each family is one allocation: the producer's map once (64 bytes, not
// 64 + 40 + 32), the joined result once (56 bytes, not 56 + 2 x (32 +
// 24) with double-buffered pieces); the bands' receive buffers keep two
// slots.
// JSON: {"chip": 0, "x": 0, "y": 0, "peak": 64, "bound": 64, "buffers": [
// JSON: {"name": "b2", "offset": 0, "bytes": 40, "slots": 1, "first": 2, "last": 3, "view_of": "b0", "box": true},
// JSON: {"name": "b3", "offset": 16, "bytes": 32, "slots": 1, "first": 4, "last": 5, "view_of": "b0", "box": true}
// JSON: {"chip": 0, "x": 1, "y": 0, "peak": 112, "bound": 112, "buffers": [
// JSON: {"chip": 0, "x": 0, "y": 1, "peak": 88, "bound": 88, "buffers": [
// JSON: {"chip": 0, "x": 1, "y": 1, "peak": 56, "bound": 56, "buffers": [
// JSON: {"name": "b1", "offset": 16, "bytes": 24, "slots": 1, "first": 0, "last": 3, "view_of": "b2", "box": true},

// DIS:      2 @b2: int8[1x2x5x4] at 0, 40 bytes, strides [64, 32, 4, 1]
// DIS-NEXT: 3 @b3: int8[1x2x4x4] at 16, 32 bytes, strides [64, 32, 4, 1]
// DIS:      exec {{.*}}(@b1) -> @b2 in_place
// DIS:      exec {{.*}}(@b1) -> @b3 in_place
// DIS:      0 @b0: int8[1x2x4x4] at 0, 32 bytes, strides [56, 28, 4, 1]
// DIS-NEXT: 1 @b1: int8[1x2x3x4] at 16, 24 bytes, strides [56, 28, 4, 1]
// DIS-NEXT: 2 @b2: int8[1x2x7x4] at 0, 56 bytes
// DIS:      exec {{.*}}(@b0, @b1) -> @b2 in_place

// OK: output 0: max abs error 0, max rel error 0: ok
module {
  func.func @main(%x: tensor<1x2x8x4xi8>) -> tensor<1x2x7x4xi8> {
    %cx = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<1x2x8x4xi8>
    %s = tile.simd %cx ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.relu %a : tensor<1x2x8x4xi8>
      tile.yield %r : tensor<1x2x8x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x8x4xi8>
    %v1 = tile.simd %s ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x5x4xi8>
      tile.yield %r : tensor<1x2x5x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x5x4xi8>
    %v2 = tile.simd %s ({
    ^bb0(%a: tensor<1x2x8x4xi8>):
      %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 8>, starts = array<i64: 4>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
      tile.yield %r : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x4x4xi8>
    %c1 = tile.channel %v1 {hw.route = array<i64: 0, 0, 0, 0, 1, 0>} : tensor<1x2x5x4xi8>
    %c2 = tile.channel %v2 {hw.route = array<i64: 0, 0, 0, 0, 0, 1>} : tensor<1x2x4x4xi8>
    %y1 = tile.simd %c1 ({
    ^bb0(%a: tensor<1x2x5x4xi8>):
      %t = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 4>, starts = array<i64: 0>} : (tensor<1x2x5x4xi8>) -> tensor<1x2x4x4xi8>
      %b = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 1>} : (tensor<1x2x5x4xi8>) -> tensor<1x2x4x4xi8>
      %m = hl.max %t, %b : tensor<1x2x4x4xi8>
      tile.yield %m : tensor<1x2x4x4xi8>
    }) {hw.tile = array<i64: 0, 1, 0>} : (tensor<1x2x5x4xi8>) -> tensor<1x2x4x4xi8>
    %y2 = tile.simd %c2 ({
    ^bb0(%a: tensor<1x2x4x4xi8>):
      %t = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 3>, starts = array<i64: 0>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x3x4xi8>
      %b = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 4>, starts = array<i64: 1>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x3x4xi8>
      %m = hl.max %t, %b : tensor<1x2x3x4xi8>
      tile.yield %m : tensor<1x2x3x4xi8>
    }) {hw.tile = array<i64: 0, 0, 1>} : (tensor<1x2x4x4xi8>) -> tensor<1x2x3x4xi8>
    %d1 = tile.channel %y1 {hw.route = array<i64: 0, 1, 0, 0, 1, 1>} : tensor<1x2x4x4xi8>
    %d2 = tile.channel %y2 {hw.route = array<i64: 0, 0, 1, 0, 1, 1>} : tensor<1x2x3x4xi8>
    %j = tile.simd %d1, %d2 ({
    ^bb0(%a: tensor<1x2x4x4xi8>, %b: tensor<1x2x3x4xi8>):
      %r = hl.concat %a, %b {axis = 2 : i64} : (tensor<1x2x4x4xi8>, tensor<1x2x3x4xi8>) -> tensor<1x2x7x4xi8>
      tile.yield %r : tensor<1x2x7x4xi8>
    }) {hw.tile = array<i64: 0, 1, 1>} : (tensor<1x2x4x4xi8>, tensor<1x2x3x4xi8>) -> tensor<1x2x7x4xi8>
    %cj = tile.channel %j {hw.route = array<i64: 0, 1, 1, 0, 0, 1, 0, 0, 0, -1, 0, 0>} : tensor<1x2x7x4xi8>
    return %cj : tensor<1x2x7x4xi8>
  }
}
