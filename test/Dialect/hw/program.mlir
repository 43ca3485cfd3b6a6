// Round trip of a whole hw program (tiles, arrays, buffers, routes, the
// host) in the uniform short form and the generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: module attributes {hw.target = {{.*}}name = "tiny"
// CHECK-NEXT:    hw.route {bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}
// CHECK-NEXT:    hw.route {bytes = 128 : i64, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      tile.array ({
// CHECK-NEXT:        tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w0", value = dense<1> : tensor<4x2xi8>}
// CHECK-NEXT:      }) {cols = 4 : i64, rows = 4 : i64, sym_name = "a0"}
// CHECK-NEXT:      hw.buffer {offset = 0 : i64, slots = 2 : i64, sym_name = "x", type = tensor<16x4xi8>}
// CHECK-NEXT:      hw.buffer {offset = 128 : i64, sym_name = "y", type = tensor<16x2xi32>}
// CHECK-NEXT:      hw.buffer {offset = 256 : i64, sym_name = "z", type = tensor<16x2xi32>}
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:        hw.recv {dst = @x, route = @r0}
// CHECK-NEXT:        hw.mvm {block = @a0::@w0, dst = @y, src = @x}
// CHECK-NEXT:        hw.exec ({
// CHECK-NEXT:        ^bb0(%arg0: tensor<16x2xi32>):
// CHECK-NEXT:          %0 = hl.relu %arg0 : tensor<16x2xi32>
// CHECK-NEXT:          hw.yield %0 : tensor<16x2xi32>
// CHECK-NEXT:        }) {dsts = [@z], srcs = [@y]}
// CHECK-NEXT:        hw.send {route = @r1, src = @z}
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {x = 1 : i64, y = 0 : i64}
// CHECK-NEXT:    hw.host ({
// CHECK-NEXT:      hw.buffer {sym_name = "in0", type = tensor<16x4xi8>}
// CHECK-NEXT:      hw.buffer {sym_name = "out0", type = tensor<16x2xi32>}
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:        hw.input {dst = @in0, index = 0 : i64}
// CHECK-NEXT:        hw.send {route = @r0, src = @in0}
// CHECK-NEXT:        hw.recv {dst = @out0, route = @r1}
// CHECK-NEXT:        hw.output {index = 0 : i64, src = @out0}
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {arg_names = ["x"], function_type = (tensor<16x4xi8>) -> tensor<16x2xi32>, result_names = ["y"]}
// CHECK-NEXT:  }

// GENERIC:      "hw.route"() <{bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}> : () -> ()
// GENERIC:      "hw.tile"() <{x = 1 : i64, y = 0 : i64}> ({
// GENERIC:        "hw.buffer"() <{offset = 0 : i64, slots = 2 : i64, sym_name = "x", type = tensor<16x4xi8>}> : () -> ()
// GENERIC:        "hw.program"() ({
// GENERIC-NEXT:     "hw.recv"() <{dst = @x, route = @r0}> : () -> ()
// GENERIC-NEXT:     "hw.mvm"() <{block = @a0::@w0, dst = @y, src = @x}> : () -> ()
// GENERIC-NEXT:     "hw.exec"() <{dsts = [@z], srcs = [@y]}> ({
// GENERIC:            "hw.yield"(%{{.*}}) : (tensor<16x2xi32>) -> ()
// GENERIC:        "hw.host"() <{arg_names = ["x"], function_type = (tensor<16x4xi8>) -> tensor<16x2xi32>, result_names = ["y"]}> ({
// GENERIC:          "hw.input"() <{dst = @in0, index = 0 : i64}> : () -> ()
// GENERIC:          "hw.output"() <{index = 0 : i64, src = @out0}> : () -> ()
module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.route {bytes = 64 : i64, path = array<i64: -1, 0, 0, 0, 0, 0, 0, 1, 0>, sym_name = "r0"}
  hw.route {bytes = 128, path = array<i64: 0, 1, 0, 0, 0, 0, -1, 0, 0>, sym_name = "r1"}
  hw.tile ({
    tile.array ({
      tile.block {col = 0 : i64, row = 0 : i64, sym_name = "w0", value = dense<1> : tensor<4x2xi8>}
    }) {cols = 4 : i64, rows = 4 : i64, sym_name = "a0"}
    hw.buffer {offset = 0 : i64, slots = 2 : i64, sym_name = "x", type = tensor<16x4xi8>}
    hw.buffer {offset = 128 : i64, sym_name = "y", type = tensor<16x2xi32>}
    hw.buffer {offset = 256 : i64, sym_name = "z", type = tensor<16x2xi32>}
    hw.program ({
      hw.recv {dst = @x, route = @r0}
      hw.mvm {block = @a0::@w0, dst = @y, src = @x}
      hw.exec ({
      ^bb0(%a: tensor<16x2xi32>):
        %r = hl.relu %a : tensor<16x2xi32>
        hw.yield %r : tensor<16x2xi32>
      }) {dsts = [@z], srcs = [@y]}
      hw.send {route = @r1, src = @z}
    })
  }) {x = 1, y = 0}
  "hw.host"() <{function_type = (tensor<16x4xi8>) -> tensor<16x2xi32>}> ({
    hw.buffer {sym_name = "in0", type = tensor<16x4xi8>}
    hw.buffer {sym_name = "out0", type = tensor<16x2xi32>}
    hw.program ({
      hw.input {dst = @in0, index = 0 : i64}
      hw.send {route = @r0, src = @in0}
      hw.recv {dst = @out0, route = @r1}
      hw.output {index = 0 : i64, src = @out0}
    })
  }) {arg_names = ["x"], result_names = ["y"]} : () -> ()
}
