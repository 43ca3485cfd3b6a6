// route-noc: XY paths (x first, then y) from the source router to the
// destination router, the host as (-1, 0, 0) at the ports, chips joined
// port to port, channels split per destination and added where a value
// crosses without one, negotiated routing spreading a congested link,
// statistics and the JSON report.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(route-noc)' | FileCheck %s
// RUN: ipu-opt %S/Inputs/route-two-chips.mlir --target=%S/Inputs/two-chips-2x2.ir --pass-pipeline='builtin.module(route-noc)' | FileCheck %s --check-prefix=CHIPS
// RUN: ipu-opt %S/Inputs/route-congested.mlir --target=%S/Inputs/grid-2x2.ir --pass-pipeline='builtin.module(route-noc{link-capacity=200})' | FileCheck %s --check-prefix=NEG
// RUN: ipu-opt %S/Inputs/route-congested.mlir --target=%S/Inputs/grid-2x2.ir --mlir-pass-statistics --pass-pipeline='builtin.module(route-noc{link-capacity=200 report=%t/r.json})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=NEGSTATS
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: ipu-opt %S/Inputs/route-congested.mlir --target=%S/Inputs/grid-2x2.ir --mlir-pass-statistics --pass-pipeline='builtin.module(route-noc{mode=dimension-ordered})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=XY
// After place: every crossing channel has a route.
// RUN: ipu-opt %S/Inputs/place-ring.mlir --target=%S/Inputs/tiny-16x8.ir --pass-pipeline='builtin.module(place,route-noc)' | FileCheck %s --check-prefix=PIPE

// CHECK-LABEL: func.func @xy
// CHECK: tile.channel %arg0 {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 3, 1, 0, 3, 2>} : tensor<4x16xi8>
// CHECK: tile.channel %{{.*}} : tensor<4x8xi32>
// CHECK: tile.channel %{{.*}} {hw.route = array<i64: 0, 3, 2, 0, 2, 2, 0, 1, 2, 0, 1, 1, 0, 1, 0>} : tensor<4x8xi8>
// CHECK: tile.channel %{{.*}} {hw.route = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>} : tensor<4x8xi32>
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 3, 2>, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<8x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 0>, rows = 16 : i64, sym_name = "a1"}
  func.func @xy(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 3, 2>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    // A channel between two units of one tile stays local: no route.
    %2 = tile.channel %1 : tensor<4x8xi32>
    %3 = tile.simd %2 ({
    ^bb0(%a: tensor<4x8xi32>):
      %q = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 36>, zero_point = dense<0> : tensor<1xi8>} : (tensor<4x8xi32>) -> tensor<4x8xi8>
      tile.yield %q : tensor<4x8xi8>
    }) {hw.tile = array<i64: 0, 3, 2>} : (tensor<4x8xi32>) -> tensor<4x8xi8>
    %4 = tile.channel %3 : tensor<4x8xi8>
    %5 = tile.mvm %4 {block = @a1::@w, hw.tile = array<i64: 0, 1, 0>} : (tensor<4x8xi8>) -> tensor<4x8xi32>
    %6 = tile.channel %5 : tensor<4x8xi32>
    return %6 : tensor<4x8xi32>
  }
}

// -----

// The input channel feeds mvms on two tiles: it becomes two channels, one
// per tile. The accumulate on (1, 0) reads a partial made on (0, 1)
// without a channel: it gets one.
// CHECK-LABEL: func.func @legalize
// CHECK: %[[C0:.*]] = tile.channel %arg0 {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>} : tensor<4x16xi8>
// CHECK-NEXT: %[[C1:.*]] = tile.channel %arg0 {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 0, 1>} : tensor<4x16xi8>
// CHECK-NEXT: %[[P0:.*]] = tile.mvm %[[C0]] {block = @a0::@w
// CHECK-NEXT: %[[P1:.*]] = tile.mvm %[[C1]] {block = @a1::@w
// CHECK-NEXT: %[[C2:.*]] = tile.channel %[[P1]] {hw.route = array<i64: 0, 0, 1, 0, 1, 1, 0, 1, 0>} : tensor<4x8xi32>
// CHECK-NEXT: tile.accumulate %[[P0]], %[[C2]] {hw.tile = array<i64: 0, 1, 0>}
module {
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<1> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 1, 0>, rows = 16 : i64, sym_name = "a0"}
  tile.array ({
    tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w", value = dense<2> : tensor<16x8xi8>}
  }) {cols = 8 : i64, hw.tile = array<i64: 0, 0, 1>, rows = 16 : i64, sym_name = "a1"}
  func.func @legalize(%arg0: tensor<4x16xi8>) -> tensor<4x8xi32> {
    %0 = tile.channel %arg0 : tensor<4x16xi8>
    %1 = tile.mvm %0 {block = @a0::@w, hw.tile = array<i64: 0, 1, 0>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %2 = tile.mvm %0 {block = @a1::@w, hw.tile = array<i64: 0, 0, 1>} : (tensor<4x16xi8>) -> tensor<4x8xi32>
    %3 = tile.accumulate %1, %2 {hw.tile = array<i64: 0, 1, 0>} : tensor<4x8xi32>
    %4 = tile.channel %3 : tensor<4x8xi32>
    return %4 : tensor<4x8xi32>
  }
}

// CHIPS: tile.channel %arg0 {hw.route = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1>}
// CHIPS: tile.channel %{{.*}} {hw.route = array<i64: 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1>} : tensor<4x8xi8>
// CHIPS: tile.channel %{{.*}} {hw.route = array<i64: 1, 1, 1, 1, 0, 1, 1, 0, 0, -1, 0, 0>} : tensor<4x8xi32>

// Negotiated: XY would put both 128-byte flows on (0, 0) -> (1, 0), 256
// bytes over the capacity of 200; one round moves the second onto
// (0, 0) -> (0, 1), and no link carries more than 128.
// NEG: tile.channel %{{.*}} {hw.route = array<i64: 0, 0, 0, 0, 1, 0, 0, 1, 1>}
// NEG: tile.channel %{{.*}} {hw.route = array<i64: 0, 0, 0, 0, 0, 1, 0, 1, 1>}
// NEGSTATS: route-noc
// NEGSTATS-DAG: (S)   1 iterations
// NEGSTATS-DAG: (S) 200 link-capacity
// NEGSTATS-DAG: (S) 128 max-link-load -
// NEGSTATS-DAG: (S) 256 max-link-load-xy
// NEGSTATS-DAG: (S)   0 num-overloaded-links
// NEGSTATS-DAG: (S)   4 num-routes
// NEGSTATS-DAG: (S) 768 total-byte-hops
// JSON: "target": "grid-2x2",
// JSON-NEXT: "mode": "negotiated",
// JSON-NEXT: "link_capacity": 200,
// JSON: "max_link_load": 128,
// JSON-NEXT: "max_link_load_xy": 256,
// JSON: "links": [
// JSON-DAG: {"from": [0, 0, 0], "to": [0, 1, 0], "load": 128}
// JSON-DAG: {"from": [0, 0, 0], "to": [0, 0, 1], "load": 128}
// JSON-DAG: {"from": [0, 1, 1], "to": [0, 0, 1], "load": 128}
// JSON: "flows": [
// JSON-NEXT: {"bytes": 64, "from": [-1, 0, 0], "to": [0, 0, 0], "mesh_hops": 0},
// With the derived capacity (8 x 4 x 4 = 128 array cycles on (0, 0) at 4
// bytes a cycle: 512 bytes) XY routes fit.
// XY-DAG: (S)   0 iterations
// XY-DAG: (S) 512 link-capacity
// XY-DAG: (S) 256 max-link-load -
// XY-DAG: (S) 256 max-link-load-xy

// Channels between arrays all get a route; those from an mvm to the simd
// after it stay on their tile.
// PIPE-LABEL: func.func @ring
// PIPE-NOT: tile.channel %{{[0-9]+}} : tensor<32x8xi8>
// PIPE-COUNT-10: tile.channel %{{[0-9]+}} : tensor<32x8xi32>
// PIPE-NOT: tile.channel %{{[0-9]+}} : tensor<32x8xi8>
// PIPE: tile.channel %{{[0-9]+}} {hw.route = array<i64: {{.*}}, -1, 0, 0>} : tensor<32x8xi32>
// PIPE-NEXT: return
