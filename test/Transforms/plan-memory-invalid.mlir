// plan-memory's errors: a tile whose buffers do not fit its SRAM (with the
// memory map), a bad alignment; and the remark when only single buffers fit.
// RUN: ipu-opt %s --split-input-file --plan-memory --verify-diagnostics
// RUN: not ipu-opt %s --split-input-file --pass-pipeline='builtin.module(plan-memory{alignment=24})' 2>&1 | FileCheck %s --check-prefix=ALIGN
// The note lists every buffer by offset with its value's location.
// RUN: not ipu-opt %s --split-input-file --plan-memory 2>&1 | FileCheck %s --check-prefix=MAP
// MAP:      note: memory map (at most 1280 bytes are live at once; offset, bytes, slots, live range, value):
// MAP-NEXT:   @y: offset 0, 640 bytes, 1 slot(s), live [0, 1], loc("{{.*}}plan-memory-invalid.mlir":19:5)
// MAP-NEXT:   @x: offset 640, 640 bytes, 1 slot(s), live [1, 1], loc("{{.*}}plan-memory-invalid.mlir":18:5)
// ALIGN: error: 'builtin.module' op plan-memory: alignment 24 is not a positive multiple of 16

// The target's tiles have 1024 bytes: x and y (640 bytes each) are live
// together at instruction 1.
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+2 {{tile (0, 1, 1) needs 1280 bytes of SRAM but has 1024}}
  // expected-note @+1 {{memory map (at most 1280 bytes are live at once; offset, bytes, slots, live range, value):}}
  hw.tile ({
    hw.buffer {sym_name = "x", type = tensor<160xi32>}
    hw.buffer {sym_name = "y", type = tensor<160xi32>}
    hw.program ({
      hw.exec ({
        %r = hl.constant {value = dense<1> : tensor<160xi32>} : tensor<160xi32>
        hw.yield %r : tensor<160xi32>
      }) {dsts = [@y], srcs = []}
      hw.exec ({
      ^bb0(%a: tensor<160xi32>):
        hw.yield %a : tensor<160xi32>
      }) {dsts = [@x], srcs = [@y]}
    })
  }) {x = 1, y = 1}
}

// -----

// Two slots of the received x (2 x 400 bytes) and y (400 bytes) do not fit
// 1024 bytes; one slot does.
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 400, path = array<i64: -1, 0, 0, 0, 0, 0>, sym_name = "r0"}
  // expected-remark @+1 {{tile (0, 0, 0): double buffers need 1200 bytes of SRAM but the tile has 1024; receiving into single buffers}}
  hw.tile ({
    hw.buffer {sym_name = "x", type = tensor<100xi32>}
    hw.buffer {sym_name = "y", type = tensor<100xi32>}
    hw.program ({
      hw.recv {dst = @x, route = @r0}
      hw.exec ({
      ^bb0(%a: tensor<100xi32>):
        %s = hl.relu %a : tensor<100xi32>
        hw.yield %s : tensor<100xi32>
      }) {dsts = [@y], srcs = [@x]}
    })
  }) {x = 0, y = 0}
}
