// The hw.target module attribute: a builtin dictionary, so it round-trips
// through both forms unchanged (and through mlir-opt: tcl/mlir-interop.test).
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// Entries print sorted by name, integers as i64 and reals as f64.
// CHECK-LABEL: module attributes {hw.target = {adc_bits = 16 : i64, array_cols = 128 : i64, array_rows = 64 : i64, array_step_cycles = 10 : i64, bit_serial_inputs = false, chip_link_bytes_per_second = 5.000000e+08 : f64, chip_link_latency_seconds = 2.000000e-06 : f64, chips = 2 : i64, clock_hz = 5.000000e+08 : f64, energy_analog_mac_pj = 1.250000e-01 : f64, energy_host_link_byte_pj = 5.000000e+01 : f64, energy_noc_byte_hop_pj = 5.000000e-01 : f64, energy_simd_op_pj = 0.000000e+00 : f64, energy_sram_byte_pj = 3.000000e+00 : f64, grid_cols = 3 : i64, grid_rows = 2 : i64, host_link_bytes_per_second = 4.000000e+09 : f64, input_bits = 4 : i64, name = "two-small-chips", noc_hop_latency_cycles = 0 : i64, noc_link_bytes_per_cycle = 1.600000e+01 : f64, simd_lanes = 32 : i64, sram_bytes_per_tile = 131072 : i64, weight_bits = 4 : i64}, sym_visibility = "public"} {
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {x = 2 : i64, y = 1 : i64}
// CHECK-NEXT:  }
// GENERIC:       "builtin.module"() <{sym_visibility = "public"}> ({
// GENERIC:         "hw.tile"() <{x = 2 : i64, y = 1 : i64}> ({
// GENERIC:         }) : () -> ()
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:  }) {hw.target = {adc_bits = 16 : i64, {{.*}}, name = "two-small-chips", {{.*}}, weight_bits = 4 : i64}} : () -> ()
module attributes {
  sym_visibility = "public",
  hw.target = {
    name = "two-small-chips",
    chips = 2, grid_cols = 3, grid_rows = 2,
    chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6,
    array_rows = 64, array_cols = 128, weight_bits = 4, adc_bits = 16,
    input_bits = 4, bit_serial_inputs = false, array_step_cycles = 10,
    sram_bytes_per_tile = 131072, simd_lanes = 32,
    noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 0,
    host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8,
    energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0,
    energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0,
    energy_simd_op_pj = 0.0
  }} {
  hw.tile ({
    hw.program ({
    })
  }) {x = 2, y = 1}
}
