// tile-to-hw on hand-placed and hand-routed tile IR (hw.tile / hw.route
// written as place and route-noc would): tiles sorted by (chip, y, x) with
// their arrays, buffers, routes with a send after the producer and a
// receive before the first consumer, windows fused into their mvms, the
// ADC epilogue streamed right after its mvm, an add of a sum and a partial
// already on the tile streamed as the accumulate's epilogue, local channels
// as aliases, and the host program (input, exec, output).
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | FileCheck %s
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// The output verifies and round-trips.
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --tile-to-hw | ipu-opt --split-input-file | FileCheck %s
// The whole way from hl: hl-to-tile, place, route-noc, tile-to-hw and
// plan-memory give three tiles (sorted by chip, y, x) and the host.
// RUN: ipu-opt %S/Inputs/tile-to-hw-gemm.mlir --pass-pipeline='builtin.module(hl-to-tile{target=%S/Inputs/tiny-16x8.ir},cleanup,place,route-noc,tile-to-hw,plan-memory)' | FileCheck %s --check-prefix=PIPE
// PIPE-NOT:  func.func
// PIPE:      hw.route
// PIPE:      hw.buffer {offset = {{[0-9]+}} : i64
// PIPE:      }) {chip = 0 : i64, x = 0 : i64, y = 0 : i64}
// PIPE:      }) {chip = 0 : i64, x = 1 : i64, y = 0 : i64}
// PIPE:      }) {chip = 0 : i64, x = 0 : i64, y = 1 : i64}
// PIPE:      hw.host ({
// PIPE:        hw.input {dst = @{{.*}}, index = 0 : i64}
// PIPE:        hw.input {dst = @{{.*}}, index = 1 : i64}
// PIPE:        hw.output {index = 0 : i64, src = @{{.*}}}
// PIPE-NOT:  func.func
// Instructions keep the locations of the tile ops they come from.
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --tile-to-hw --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

// Statistics add up over both modules.
// STATS: 17 num-buffers
// STATS-NEXT: 1 num-fused-windows
// STATS-NEXT: 0 num-in-place-execs
// STATS-NEXT: 24 num-instructions
// STATS-NEXT: 0 num-join-views
// STATS-NEXT: 5 num-routes
// STATS-NEXT: 0 num-slice-views
// STATS-NEXT: 2 num-streamed-epilogues
// STATS-NEXT: 3 num-tiles

// LOC: hw.mvm {block = @a0::@k, {{.*}}} loc("conv1")
// LOC: hw.send {route = @r1, src = @b2} loc("c1")
// LOC: hw.recv {dst = @b0, route = @r1} loc("c1")

// CHECK-LABEL: module attributes {hw.target = {{.*}}} {
// CHECK-NEXT: hw.route {bytes = 16 : i64, path = array<i64: -1, 0, 0, 0, 0, 0>, sym_name = "r0"}
// CHECK-NEXT: hw.route {bytes = 64 : i64, path = array<i64: 0, 0, 0, 0, 1, 0>, sym_name = "r1"}
// CHECK-NEXT: hw.route {bytes = 256 : i64, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r2"}
// CHECK-NEXT: hw.tile ({
// CHECK-NEXT: tile.array ({
// CHECK-NEXT: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<9x4xi8>}
// CHECK-NEXT: }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
// CHECK-NEXT: hw.buffer {sym_name = "b0", type = tensor<1x1x4x4xi8>}
// CHECK-NEXT: hw.buffer {stream_rows = 2 : i64, sym_name = "b1", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.buffer {sym_name = "b2", type = tensor<16x4xi8>}
// CHECK-NEXT: hw.program ({
// CHECK-NEXT: hw.recv {dst = @b0, route = @r0}
// CHECK-NEXT: hw.mvm {block = @a0::@k, dst = @b1, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, src = @b0}
// CHECK-NEXT: hw.exec ({
// CHECK-NEXT: ^bb0(%arg0: tensor<16x4xi32>):
// CHECK-NEXT: %0 = hl.relu %arg0 : tensor<16x4xi32>
// CHECK-NEXT: %1 = hl.requantize %0 {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
// CHECK-NEXT: hw.yield %1 : tensor<16x4xi8>
// CHECK-NEXT: }) {dsts = [@b2], srcs = [@b1]}
// CHECK-NEXT: hw.send {route = @r1, src = @b2}
// CHECK-NEXT: })
// CHECK-NEXT: }) {chip = 0 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: hw.tile ({
// CHECK-NEXT: tile.array ({
// CHECK-NEXT: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k2", value = dense<2> : tensor<4x4xi8>}
// CHECK-NEXT: tile.block {col = 4 : i64, row = 0 : i64, sym_name = "k3", value = dense<-1> : tensor<4x4xi8>}
// CHECK-NEXT: }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1"}
// CHECK-NEXT: hw.buffer {sym_name = "b0", type = tensor<16x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b1", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.buffer {sym_name = "b2", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.buffer {stream_rows = 2 : i64, sym_name = "b3", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.buffer {sym_name = "b4", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.program ({
// CHECK-NEXT: hw.recv {dst = @b0, route = @r1}
// CHECK-NEXT: hw.mvm {block = @a1::@k2, dst = @b1, src = @b0}
// CHECK-NEXT: hw.mvm {block = @a1::@k3, dst = @b2, src = @b0}
// CHECK-NEXT: hw.accumulate {dst = @b3, srcs = [@b1, @b2]}
// CHECK-NEXT: hw.exec ({
// CHECK-NEXT: ^bb0(%arg0: tensor<16x4xi32>, %arg1: tensor<16x4xi32>):
// CHECK-NEXT: %0 = hl.add %arg0, %arg1 : tensor<16x4xi32>
// CHECK-NEXT: hw.yield %0 : tensor<16x4xi32>
// CHECK-NEXT: }) {dsts = [@b4], srcs = [@b3, @b1]}
// CHECK-NEXT: hw.send {route = @r2, src = @b4}
// CHECK-NEXT: })
// CHECK-NEXT: }) {chip = 0 : i64, x = 1 : i64, y = 0 : i64}
// CHECK-NEXT: hw.host ({
// CHECK-NEXT: hw.buffer {sym_name = "b0", type = tensor<1x1x4x4xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b1", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.buffer {sym_name = "b2", type = tensor<16x4xi32>}
// CHECK-NEXT: hw.program ({
// CHECK-NEXT: hw.input {dst = @b0, index = 0 : i64}
// CHECK-NEXT: hw.send {route = @r0, src = @b0}
// CHECK-NEXT: hw.recv {dst = @b1, route = @r2}
// CHECK-NEXT: hw.exec ({
// CHECK-NEXT: ^bb0(%arg0: tensor<16x4xi32>):
// CHECK-NEXT: %0 = hl.neg %arg0 : tensor<16x4xi32>
// CHECK-NEXT: hw.yield %0 : tensor<16x4xi32>
// CHECK-NEXT: }) {dsts = [@b2], srcs = [@b1]}
// CHECK-NEXT: hw.output {index = 0 : i64, src = @b2}
// CHECK-NEXT: })
// CHECK-NEXT: }) {arg_names = ["x"], function_type = (tensor<1x1x4x4xi8>) -> tensor<16x4xi32>, result_names = ["y"]}
// CHECK-NEXT: }
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<9x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 0, 0>}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k2", value = dense<2> : tensor<4x4xi8>}
    tile.block {col = 4 : i64, row = 0 : i64, sym_name = "k3", value = dense<-1> : tensor<4x4xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a1", hw.tile = array<i64: 0, 1, 0>}
  func.func @main(%x: tensor<1x1x4x4xi8> {onnx.name = "x"}) -> (tensor<16x4xi32> {onnx.name = "y"}) {
    %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0>} : tensor<1x1x4x4xi8>
    %w = tile.windows %c0 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, hw.tile = array<i64: 0, 0, 0>} : (tensor<1x1x4x4xi8>) -> tensor<16x9xi8>
    %m = tile.mvm %w {block = @a0::@k, hw.tile = array<i64: 0, 0, 0>} : (tensor<16x9xi8>) -> tensor<16x4xi32> loc("conv1")
    %e = tile.simd %m ({
    ^bb0(%a: tensor<16x4xi32>):
      %r = hl.relu %a : tensor<16x4xi32>
      %q = hl.requantize %r {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
      tile.yield %q : tensor<16x4xi8>
    }) {hw.tile = array<i64: 0, 0, 0>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
    %c1 = tile.channel %e {hw.route = array<i64: 0, 0, 0, 0, 1, 0>} : tensor<16x4xi8> loc("c1")
    %m2 = tile.mvm %c1 {block = @a1::@k2, hw.tile = array<i64: 0, 1, 0>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
    %m3 = tile.mvm %c1 {block = @a1::@k3, hw.tile = array<i64: 0, 1, 0>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
    %s = tile.accumulate %m2, %m3 {hw.tile = array<i64: 0, 1, 0>} : tensor<16x4xi32>
    %c2 = tile.channel %s : tensor<16x4xi32>
    %c3 = tile.channel %m2 : tensor<16x4xi32>
    %y = tile.simd %c2, %c3 ({
    ^bb0(%a: tensor<16x4xi32>, %b: tensor<16x4xi32>):
      %r = hl.add %a, %b : tensor<16x4xi32>
      tile.yield %r : tensor<16x4xi32>
    }) {hw.tile = array<i64: 0, 1, 0>} : (tensor<16x4xi32>, tensor<16x4xi32>) -> tensor<16x4xi32>
    %c4 = tile.channel %y {hw.route = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>} : tensor<16x4xi32>
    %h = tile.host %c4 ({
    ^bb0(%a: tensor<16x4xi32>):
      %n = hl.neg %a : tensor<16x4xi32>
      tile.yield %n : tensor<16x4xi32>
    }) : (tensor<16x4xi32>) -> tensor<16x4xi32>
    %c5 = tile.channel %h : tensor<16x4xi32>
    return %c5 : tensor<16x4xi32>
  }
}

// -----

// A windows result also read by a tile.simd stays a hw.windows in a buffer;
// a simd with a non-position-wise op (concat) is no epilogue; a result used
// by two units is not streamed.
// CHECK-LABEL: module attributes {hw.target = {{.*}}} {
// CHECK-NEXT: hw.route {bytes = 4 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1>, sym_name = "r0"}
// CHECK-NEXT: hw.route {bytes = 48 : i64, path = array<i64: 0, 1, 1, 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
// CHECK-NEXT: hw.tile ({
// CHECK-NEXT: tile.array ({
// CHECK-NEXT: tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<1x2xi8>}
// CHECK-NEXT: }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0"}
// CHECK-NEXT: hw.buffer {sym_name = "b0", type = tensor<1x1x2x2xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b1", type = tensor<4x1xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b2", type = tensor<4x2xi32>}
// CHECK-NEXT: hw.buffer {sym_name = "b3", type = tensor<4x3xi32>}
// CHECK-NEXT: hw.program ({
// CHECK-NEXT: hw.recv {dst = @b0, route = @r0}
// CHECK-NEXT: hw.windows {dst = @b1, kernel_shape = array<i64: 1, 1>, src = @b0}
// CHECK-NEXT: hw.mvm {block = @a0::@k, dst = @b2, src = @b1}
// CHECK-NEXT: hw.exec ({
// CHECK-NEXT: ^bb0(%arg0: tensor<4x2xi32>, %arg1: tensor<4x1xi8>):
// CHECK-NEXT: %0 = hl.requantize %arg1 {multiplier = array<i64: 1073741824>, shift = array<i64: 30>, zero_point = dense<0> : tensor<1xi32>} : (tensor<4x1xi8>) -> tensor<4x1xi32>
// CHECK-NEXT: %1 = hl.concat %arg0, %0 {axis = 1 : i64} : (tensor<4x2xi32>, tensor<4x1xi32>) -> tensor<4x3xi32>
// CHECK-NEXT: hw.yield %1 : tensor<4x3xi32>
// CHECK-NEXT: }) {dsts = [@b3], srcs = [@b2, @b1]}
// CHECK-NEXT: hw.send {route = @r1, src = @b3}
// CHECK-NEXT: })
// CHECK-NEXT: }) {chip = 0 : i64, x = 1 : i64, y = 1 : i64}
// CHECK-NEXT: hw.host ({
// CHECK-NEXT: hw.buffer {sym_name = "b0", type = tensor<1x1x2x2xi8>}
// CHECK-NEXT: hw.buffer {sym_name = "b1", type = tensor<4x3xi32>}
// CHECK-NEXT: hw.program ({
// CHECK-NEXT: hw.input {dst = @b0, index = 0 : i64}
// CHECK-NEXT: hw.send {route = @r0, src = @b0}
// CHECK-NEXT: hw.recv {dst = @b1, route = @r1}
// CHECK-NEXT: hw.output {index = 0 : i64, src = @b1}
// CHECK-NEXT: })
// CHECK-NEXT: }) {function_type = (tensor<1x1x2x2xi8>) -> tensor<4x3xi32>}
// CHECK-NEXT: }
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<1x2xi8>}
  }) {cols = 8 : i64, rows = 16 : i64, sym_name = "a0", hw.tile = array<i64: 0, 1, 1>}
  func.func @main(%x: tensor<1x1x2x2xi8>) -> tensor<4x3xi32> {
    %c0 = tile.channel %x {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1>} : tensor<1x1x2x2xi8>
    %w = tile.windows %c0 {kernel_shape = array<i64: 1, 1>, hw.tile = array<i64: 0, 1, 1>} : (tensor<1x1x2x2xi8>) -> tensor<4x1xi8>
    %m = tile.mvm %w {block = @a0::@k, hw.tile = array<i64: 0, 1, 1>} : (tensor<4x1xi8>) -> tensor<4x2xi32>
    %y = tile.simd %m, %w ({
    ^bb0(%a: tensor<4x2xi32>, %b: tensor<4x1xi8>):
      %e = hl.requantize %b {multiplier = array<i64: 1073741824>, shift = array<i64: 30>, zero_point = dense<0> : tensor<1xi32>} : (tensor<4x1xi8>) -> tensor<4x1xi32>
      %r = hl.concat %a, %e {axis = 1 : i64} : (tensor<4x2xi32>, tensor<4x1xi32>) -> tensor<4x3xi32>
      tile.yield %r : tensor<4x3xi32>
    }) {hw.tile = array<i64: 0, 1, 1>} : (tensor<4x2xi32>, tensor<4x1xi8>) -> tensor<4x3xi32>
    %c1 = tile.channel %y {hw.route = array<i64: 0, 1, 1, 0, 1, 0, 0, 0, 0, -1, 0, 0>} : tensor<4x3xi32>
    return %c1 : tensor<4x3xi32>
  }
}
