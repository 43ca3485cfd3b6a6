// plan-memory: offsets of a small tile exactly (largest first, first fit
// among the buffers live at the same time, so a dead buffer's bytes are
// reused), double-buffered receive buffers, alignment, statistics and the
// JSON report.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --plan-memory | FileCheck %s
// RUN: ipu-opt %s --pass-pipeline='builtin.module(plan-memory{double-buffer=false alignment=64})' | FileCheck %s --check-prefix=SINGLE
// RUN: ipu-opt %s --plan-memory --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: ipu-opt %s --pass-pipeline='builtin.module(plan-memory{report=%t/plan.json})' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t/plan.json
// The planned IR verifies (offsets, no live overlap) and round-trips.
// RUN: ipu-opt %s --plan-memory | ipu-opt | FileCheck %s

// x is received (2 slots, 128 bytes, live throughout); y [1, 2], z [2, 3]
// and w [3, 4] are live from their writer to their last reader. Largest
// first: y at 0, z at 256 (live with y), x at 512, w at 0 (y is dead by
// then). Peak 640 = the bound (x, y and z live at instruction 2).
// CHECK-LABEL: hw.tile ({
// CHECK-NEXT:    hw.buffer {offset = 512 : i64, slots = 2 : i64, sym_name = "x", type = tensor<16x4xi8>}
// CHECK-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "y", type = tensor<16x4xi32>}
// CHECK-NEXT:    hw.buffer {offset = 256 : i64, sym_name = "z", type = tensor<16x4xi32>}
// CHECK-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "w", type = tensor<16x4xi8>}
// CHECK:         hw.tile ({
// CHECK-NEXT:    hw.buffer {offset = 48 : i64, sym_name = "a", type = tensor<5xi32>}
// CHECK-NEXT:    hw.buffer {offset = 80 : i64, sym_name = "b", type = tensor<5xi32>}
// CHECK-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "c", type = tensor<10xi32>}
// Without double buffers x takes 64 bytes; offsets are multiples of 64.
// SINGLE-LABEL: hw.tile ({
// SINGLE-NEXT:    hw.buffer {offset = 512 : i64, sym_name = "x", type = tensor<16x4xi8>}
// SINGLE-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "y", type = tensor<16x4xi32>}
// SINGLE-NEXT:    hw.buffer {offset = 256 : i64, sym_name = "z", type = tensor<16x4xi32>}
// SINGLE-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "w", type = tensor<16x4xi8>}
// SINGLE:         hw.tile ({
// SINGLE-NEXT:    hw.buffer {offset = 64 : i64, sym_name = "a", type = tensor<5xi32>}
// SINGLE-NEXT:    hw.buffer {offset = 128 : i64, sym_name = "b", type = tensor<5xi32>}
// SINGLE-NEXT:    hw.buffer {offset = 0 : i64, sym_name = "c", type = tensor<10xi32>}

// JSON:      "tiles": [
// JSON-NEXT:   {"chip": 0, "x": 1, "y": 0, "peak": 640, "bound": 640, "buffers": [
// JSON-NEXT:     {"name": "x", "offset": 512, "bytes": 128, "slots": 2, "first": 0, "last": 4},
// JSON-NEXT:     {"name": "y", "offset": 0, "bytes": 256, "slots": 1, "first": 1, "last": 2},
// JSON-NEXT:     {"name": "z", "offset": 256, "bytes": 256, "slots": 1, "first": 2, "last": 3},
// JSON-NEXT:     {"name": "w", "offset": 0, "bytes": 64, "slots": 1, "first": 3, "last": 4}
// JSON-NEXT:   ]},
// JSON-NEXT:   {"chip": 0, "x": 0, "y": 0, "peak": 100, "bound": 80, "buffers": [
// JSON-NEXT:     {"name": "a", "offset": 48, "bytes": 20, "slots": 1, "first": 0, "last": 1},
// JSON-NEXT:     {"name": "b", "offset": 80, "bytes": 20, "slots": 1, "first": 0, "last": 1},
// JSON-NEXT:     {"name": "c", "offset": 0, "bytes": 40, "slots": 1, "first": 1, "last": 1}
// JSON-NEXT:   ]}
// JSON-NEXT: ]

// Peaks and bounds: the max over tiles, the ratio of their sums
// (740 / 720) and the worst tile's (100 / 80).
// STATS:      640 lower-bound-bytes
// STATS-NEXT:   7 num-buffers
// STATS-NEXT:   1 num-double-buffers
// STATS-NEXT:   0 num-views
// STATS-NEXT: 640 peak-bytes
// STATS-NEXT: 1250000 peak-ratio-max-ppm
// STATS-NEXT: 1027777 peak-ratio-ppm
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}
  hw.route {bytes = 64, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
  hw.tile ({
    hw.buffer {sym_name = "x", type = tensor<16x4xi8>}
    hw.buffer {sym_name = "y", type = tensor<16x4xi32>}
    hw.buffer {sym_name = "z", type = tensor<16x4xi32>}
    hw.buffer {sym_name = "w", type = tensor<16x4xi8>}
    hw.program ({
      hw.recv {dst = @x, route = @r0}
      hw.exec ({
      ^bb0(%a: tensor<16x4xi8>):
        %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 30>, zero_point = dense<0> : tensor<1xi32>} : (tensor<16x4xi8>) -> tensor<16x4xi32>
        hw.yield %r : tensor<16x4xi32>
      }) {dsts = [@y], srcs = [@x]}
      hw.exec ({
      ^bb0(%a: tensor<16x4xi32>):
        %r = hl.relu %a : tensor<16x4xi32>
        hw.yield %r : tensor<16x4xi32>
      }) {dsts = [@z], srcs = [@y]}
      hw.exec ({
      ^bb0(%a: tensor<16x4xi32>):
        %r = hl.requantize %a {multiplier = array<i64: 1073741824>, shift = array<i64: 31>, zero_point = dense<0> : tensor<1xi8>} : (tensor<16x4xi32>) -> tensor<16x4xi8>
        hw.yield %r : tensor<16x4xi8>
      }) {dsts = [@w], srcs = [@z]}
      hw.send {route = @r1, src = @w}
    })
  }) {x = 1, y = 0}
  // Alignment: c (40 bytes, the largest) at 0, then a and b (20 bytes
  // each), live with c at instruction 1, at the next multiples of 16 (of
  // 64 with alignment=64). Peak 100 against a bound of 80.
  hw.tile ({
    hw.buffer {sym_name = "a", type = tensor<5xi32>}
    hw.buffer {sym_name = "b", type = tensor<5xi32>}
    hw.buffer {sym_name = "c", type = tensor<10xi32>}
    hw.program ({
      hw.exec ({
        %r = hl.constant {value = dense<1> : tensor<5xi32>} : tensor<5xi32>
        hw.yield %r, %r : (tensor<5xi32>, tensor<5xi32>) -> ()
      }) {dsts = [@a, @b], srcs = []}
      hw.exec ({
      ^bb0(%x: tensor<5xi32>, %y: tensor<5xi32>):
        %r = hl.concat %x, %y {axis = 0 : i64} : (tensor<5xi32>, tensor<5xi32>) -> tensor<10xi32>
        hw.yield %r : tensor<10xi32>
      }) {dsts = [@c], srcs = [@a, @b]}
    })
  }) {x = 0, y = 0}
}
