// Box views: buffers holding a strided sub-box of another buffer of their
// tile (base, base_index), as tile-to-hw makes them for row bands sliced
// out of a map and for the pieces of a join on an inner axis. Their offset
// is their first element's (not aligned); overlapping bands of one map,
// and a box of a box, are one family and may be live at once.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// The binary carries a box view's strides (its base's); its offset is its
// first element's.
// RUN: ipu-translate --emit-ipub %s -o %t.ipub
// RUN: ipu-translate --disasm %t.ipub | FileCheck %s --check-prefix=DIS

// DIS:      0 @map: int8[1x2x8x4] at 0, 64 bytes
// DIS-NEXT: 1 @top: int8[1x2x5x4] at 0, 40 bytes, strides [64, 32, 4, 1]
// DIS-NEXT: 2 @bottom: int8[1x2x5x4] at 12, 40 bytes, strides [64, 32, 4, 1]
// DIS-NEXT: 3 @corner: int8[1x1x2x2] at 50, 4 bytes, strides [64, 32, 4, 1]
// DIS-NEXT: 4 @cat: int8[1x2x7x4] at 64, 56 bytes
// DIS-NEXT: 5 @p0: int8[1x2x4x4] at 64, 32 bytes, strides [56, 28, 4, 1]
// DIS-NEXT: 6 @p1: int8[1x2x3x4] at 80, 24 bytes, strides [56, 28, 4, 1]

// CHECK:      hw.buffer {offset = 0 : i64, sym_name = "map", type = tensor<1x2x8x4xi8>}
// CHECK-NEXT: hw.buffer {base = @map, base_index = array<i64: 0, 0, 0, 0>, offset = 0 : i64, sym_name = "top", type = tensor<1x2x5x4xi8>}
// CHECK-NEXT: hw.buffer {base = @map, base_index = array<i64: 0, 0, 3, 0>, offset = 12 : i64, sym_name = "bottom", type = tensor<1x2x5x4xi8>}
// CHECK-NEXT: hw.buffer {base = @bottom, base_index = array<i64: 0, 1, 1, 2>, offset = 50 : i64, sym_name = "corner", type = tensor<1x1x2x2xi8>}
// CHECK-NEXT: hw.buffer {offset = 64 : i64, sym_name = "cat", type = tensor<1x2x7x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_index = array<i64: 0, 0, 0, 0>, offset = 64 : i64, sym_name = "p0", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_index = array<i64: 0, 0, 4, 0>, offset = 80 : i64, sym_name = "p1", type = tensor<1x2x3x4xi8>}
// CHECK:      }) {dsts = [@top], in_place, srcs = [@map]}
// CHECK:      }) {dsts = [@cat], in_place, srcs = [@p0, @p1]}
module attributes {hw.target = {name = "tiny", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0>, sym_name = "r0"}
  hw.route {bytes = 56 : i64, path = array<i64: 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
  hw.route {bytes = 4 : i64, path = array<i64: 0, 0, 0, -1, 0, 0>, sym_name = "r2"}
  hw.tile ({
    hw.buffer {offset = 0 : i64, sym_name = "map", type = tensor<1x2x8x4xi8>}
    hw.buffer {base = @map, base_index = array<i64: 0, 0, 0, 0>, offset = 0 : i64, sym_name = "top", type = tensor<1x2x5x4xi8>}
    hw.buffer {base = @map, base_index = array<i64: 0, 0, 3, 0>, offset = 12 : i64, sym_name = "bottom", type = tensor<1x2x5x4xi8>}
    hw.buffer {base = @bottom, base_index = array<i64: 0, 1, 1, 2>, offset = 50 : i64, sym_name = "corner", type = tensor<1x1x2x2xi8>}
    hw.buffer {offset = 64 : i64, sym_name = "cat", type = tensor<1x2x7x4xi8>}
    hw.buffer {base = @cat, base_index = array<i64: 0, 0, 0, 0>, offset = 64 : i64, sym_name = "p0", type = tensor<1x2x4x4xi8>}
    hw.buffer {base = @cat, base_index = array<i64: 0, 0, 4, 0>, offset = 80 : i64, sym_name = "p1", type = tensor<1x2x3x4xi8>}
    hw.program ({
      hw.recv {dst = @map, route = @r0}
      hw.exec ({
      ^bb0(%a: tensor<1x2x8x4xi8>):
        %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 0>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x5x4xi8>
        hw.yield %r : tensor<1x2x5x4xi8>
      }) {dsts = [@top], in_place, srcs = [@map]}
      hw.exec ({
      ^bb0(%a: tensor<1x2x8x4xi8>):
        %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 8>, starts = array<i64: 3>} : (tensor<1x2x8x4xi8>) -> tensor<1x2x5x4xi8>
        hw.yield %r : tensor<1x2x5x4xi8>
      }) {dsts = [@bottom], in_place, srcs = [@map]}
      hw.exec ({
      ^bb0(%a: tensor<1x2x5x4xi8>):
        %r = hl.slice %a {ends = array<i64: 1, 2, 3, 4>, starts = array<i64: 0, 1, 1, 2>} : (tensor<1x2x5x4xi8>) -> tensor<1x1x2x2xi8>
        hw.yield %r : tensor<1x1x2x2xi8>
      }) {dsts = [@corner], in_place, srcs = [@bottom]}
      hw.exec ({
      ^bb0(%a: tensor<1x2x5x4xi8>):
        %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 4>, starts = array<i64: 0>} : (tensor<1x2x5x4xi8>) -> tensor<1x2x4x4xi8>
        hw.yield %r : tensor<1x2x4x4xi8>
      }) {dsts = [@p0], srcs = [@top]}
      hw.exec ({
      ^bb0(%a: tensor<1x2x5x4xi8>):
        %r = hl.slice %a {axes = array<i64: 2>, ends = array<i64: 5>, starts = array<i64: 2>} : (tensor<1x2x5x4xi8>) -> tensor<1x2x3x4xi8>
        hw.yield %r : tensor<1x2x3x4xi8>
      }) {dsts = [@p1], srcs = [@bottom]}
      hw.exec ({
      ^bb0(%a: tensor<1x2x4x4xi8>, %b: tensor<1x2x3x4xi8>):
        %r = hl.concat %a, %b {axis = 2 : i64} : (tensor<1x2x4x4xi8>, tensor<1x2x3x4xi8>) -> tensor<1x2x7x4xi8>
        hw.yield %r : tensor<1x2x7x4xi8>
      }) {dsts = [@cat], in_place, srcs = [@p0, @p1]}
      hw.send {route = @r1, src = @cat}
      hw.send {route = @r2, src = @corner}
    })
  }) {x = 0, y = 0}
  hw.host ({
    hw.buffer {sym_name = "x", type = tensor<1x2x8x4xi8>}
    hw.buffer {sym_name = "y", type = tensor<1x2x7x4xi8>}
    hw.buffer {sym_name = "z", type = tensor<1x1x2x2xi8>}
    hw.program ({
      hw.input {dst = @x, index = 0}
      hw.send {route = @r0, src = @x}
      hw.recv {dst = @y, route = @r1}
      hw.recv {dst = @z, route = @r2}
      hw.output {index = 0, src = @y}
      hw.output {index = 1, src = @z}
    })
  }) {function_type = (tensor<1x2x8x4xi8>) -> (tensor<1x2x7x4xi8>, tensor<1x1x2x2xi8>)}
}
