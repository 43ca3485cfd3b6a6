// Views: buffers inside another buffer of their tile (base, base_offset),
// as tile-to-hw makes them for in-place joins and in-place SIMD code. A
// view family may share bytes while its members are live at once.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK:      hw.buffer {offset = 0 : i64, sym_name = "cat", type = tensor<1x48x2x2xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, offset = 0 : i64, sym_name = "p0", type = tensor<1x16x2x2xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_offset = 64 : i64, offset = 64 : i64, sym_name = "p1", type = tensor<1x16x2x2xi8>}
// CHECK-NEXT: hw.buffer {base = @p1, base_offset = 32 : i64, offset = 96 : i64, sym_name = "q", type = tensor<1x8x2x2xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_offset = 128 : i64, offset = 128 : i64, sym_name = "p2", type = tensor<1x16x2x2xi8>}
// CHECK:      hw.exec
// CHECK:      }) {dsts = [@cat], in_place, srcs = [@p0, @p1, @p2]}
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}
  hw.route {bytes = 192 : i64, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
  hw.tile ({
    hw.buffer {offset = 0 : i64, sym_name = "cat", type = tensor<1x48x2x2xi8>}
    hw.buffer {base = @cat, offset = 0 : i64, sym_name = "p0", type = tensor<1x16x2x2xi8>}
    hw.buffer {base = @cat, base_offset = 64 : i64, offset = 64 : i64, sym_name = "p1", type = tensor<1x16x2x2xi8>}
    hw.buffer {base = @p1, base_offset = 32 : i64, offset = 96 : i64, sym_name = "q", type = tensor<1x8x2x2xi8>}
    hw.buffer {base = @cat, base_offset = 128 : i64, offset = 128 : i64, sym_name = "p2", type = tensor<1x16x2x2xi8>}
    hw.program ({
      hw.recv {dst = @p0, route = @r0}
      hw.exec ({
      ^bb0(%a: tensor<1x16x2x2xi8>):
        hw.yield %a : tensor<1x16x2x2xi8>
      }) {dsts = [@p1], srcs = [@p0]}
      hw.exec ({
      ^bb0(%a: tensor<1x16x2x2xi8>):
        %s = hl.relu %a : tensor<1x16x2x2xi8>
        hw.yield %s : tensor<1x16x2x2xi8>
      }) {dsts = [@p2], srcs = [@p1]}
      hw.exec ({
      ^bb0(%a: tensor<1x16x2x2xi8>, %b: tensor<1x16x2x2xi8>, %c: tensor<1x16x2x2xi8>):
        %r = hl.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x16x2x2xi8>, tensor<1x16x2x2xi8>, tensor<1x16x2x2xi8>) -> tensor<1x48x2x2xi8>
        hw.yield %r : tensor<1x48x2x2xi8>
      }) {dsts = [@cat], in_place, srcs = [@p0, @p1, @p2]}
      hw.send {route = @r1, src = @cat}
    })
  }) {x = 1 : i64, y = 0 : i64}
  hw.host ({
    hw.buffer {sym_name = "in0", type = tensor<1x16x2x2xi8>}
    hw.buffer {sym_name = "out0", type = tensor<1x48x2x2xi8>}
    hw.program ({
      hw.input {dst = @in0, index = 0 : i64}
      hw.send {route = @r0, src = @in0}
      hw.recv {dst = @out0, route = @r1}
      hw.output {index = 0 : i64, src = @out0}
    })
  }) {function_type = (tensor<1x16x2x2xi8>) -> tensor<1x48x2x2xi8>}
}
