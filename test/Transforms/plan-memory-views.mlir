// plan-memory with views: a family (a root and the views of it) is one
// allocation, live over the union of its members' lifetimes, with one
// slot even when a member is received; views sit at the root's offset
// plus their base_offset. Here three pieces of 128 bytes joined in place
// and a multiply written over the join cost 384 bytes once; an unrelated
// buffer of 384 bytes, live meanwhile, goes after it.
// RUN: ipu-opt %s --plan-memory | FileCheck %s
// RUN: ipu-opt %s --plan-memory --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(plan-memory{alignment=1024})' 2>&1 | FileCheck %s --check-prefix=MAP

// CHECK:      hw.buffer {offset = 0 : i64, sym_name = "cat", type = tensor<1x24x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, offset = 0 : i64, sym_name = "p0", type = tensor<1x8x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_offset = 128 : i64, offset = 128 : i64, sym_name = "p1", type = tensor<1x8x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, base_offset = 256 : i64, offset = 256 : i64, sym_name = "p2", type = tensor<1x8x4x4xi8>}
// CHECK-NEXT: hw.buffer {base = @cat, offset = 0 : i64, sym_name = "y", type = tensor<1x24x4x4xi8>}
// CHECK-NEXT: hw.buffer {offset = 384 : i64, sym_name = "other", type = tensor<1x24x4x4xi8>}

// The family counts once in the bound too: 384 + 384.
// STATS:      768 lower-bound-bytes
// STATS-NEXT:   2 num-buffers
// STATS-NEXT:   0 num-double-buffers
// STATS-NEXT:   4 num-views
// STATS-NEXT: 768 peak-bytes

// With 1024-byte alignment the tile overflows; the memory map lists the
// views inside their root.
// MAP:      error: 'hw.tile' op tile (0, 1, 0) needs 1408 bytes of SRAM but has 1024
// MAP:      @cat: offset 0, 384 bytes, 1 slot(s), live [0, 6]
// MAP-NEXT: @p0: view of @cat at offset 0, 128 bytes, live [1, 3]
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 128, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}
  hw.route {bytes = 384, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
  hw.tile ({
    hw.buffer {sym_name = "cat", type = tensor<1x24x4x4xi8>}
    hw.buffer {base = @cat, sym_name = "p0", type = tensor<1x8x4x4xi8>}
    hw.buffer {base = @cat, base_offset = 128, sym_name = "p1", type = tensor<1x8x4x4xi8>}
    hw.buffer {base = @cat, base_offset = 256, sym_name = "p2", type = tensor<1x8x4x4xi8>}
    hw.buffer {base = @cat, sym_name = "y", type = tensor<1x24x4x4xi8>}
    hw.buffer {sym_name = "other", type = tensor<1x24x4x4xi8>}
    hw.program ({
      hw.recv {dst = @p2, route = @r0}
      hw.exec ({
      ^bb0(%a: tensor<1x8x4x4xi8>):
        %r = hl.relu %a : tensor<1x8x4x4xi8>
        hw.yield %r : tensor<1x8x4x4xi8>
      }) {dsts = [@p0], srcs = [@p2]}
      hw.exec ({
      ^bb0(%a: tensor<1x8x4x4xi8>):
        %r = hl.relu %a : tensor<1x8x4x4xi8>
        hw.yield %r : tensor<1x8x4x4xi8>
      }) {dsts = [@p1], srcs = [@p2]}
      hw.exec ({
      ^bb0(%a: tensor<1x8x4x4xi8>, %b: tensor<1x8x4x4xi8>, %c: tensor<1x8x4x4xi8>):
        %r = hl.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x8x4x4xi8>, tensor<1x8x4x4xi8>, tensor<1x8x4x4xi8>) -> tensor<1x24x4x4xi8>
        hw.yield %r : tensor<1x24x4x4xi8>
      }) {dsts = [@cat], in_place, srcs = [@p0, @p1, @p2]}
      hw.exec ({
      ^bb0(%a: tensor<1x24x4x4xi8>):
        %r = hl.relu %a : tensor<1x24x4x4xi8>
        hw.yield %r : tensor<1x24x4x4xi8>
      }) {dsts = [@other], srcs = [@cat]}
      hw.exec ({
      ^bb0(%a: tensor<1x24x4x4xi8>, %b: tensor<1x24x4x4xi8>):
        %r = hl.mul %a, %b : tensor<1x24x4x4xi8>
        hw.yield %r : tensor<1x24x4x4xi8>
      }) {dsts = [@y], srcs = [@cat, @other]}
      hw.send {route = @r1, src = @y}
    })
  }) {x = 1 : i64, y = 0 : i64}
  hw.host ({
    hw.buffer {sym_name = "in0", type = tensor<1x8x4x4xi8>}
    hw.buffer {sym_name = "out0", type = tensor<1x24x4x4xi8>}
    hw.program ({
      hw.input {dst = @in0, index = 0 : i64}
      hw.send {route = @r0, src = @in0}
      hw.recv {dst = @out0, route = @r1}
      hw.output {index = 0 : i64, src = @out0}
    })
  }) {function_type = (tensor<1x8x4x4xi8>) -> tensor<1x24x4x4xi8>}
}
