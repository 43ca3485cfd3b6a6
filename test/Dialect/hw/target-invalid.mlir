// Every error of the hw.target module attribute (dialects/hw/target.c),
// reported by the verifier through the hw dialect's verifyOperationAttribute
// hook; the same messages come from target files (test/Target/).
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{'hw.target' must be a dictionary of target entries, but got 5 : i64}}
module attributes {hw.target = 5} {
}

// -----

// expected-error @+1 {{'hw.target' must be a dictionary of target entries, but got "test-4x4"}}
module attributes {hw.target = "test-4x4"} {
}

// -----

// An unknown entry is named before the missing one it may misspell.
// expected-error @+1 {{unknown target entry 'clock_mhz'}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8, clock_mhz = 100}} {
}

// -----

// expected-error @+1 {{unknown target entry 'grid_col'}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8, grid_col = 4}} {
}

// -----

// expected-error @+1 {{target entry 'name' is missing}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'name' must be a string, but got 4 : i64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = 4, noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'name' must be 1 to 63 bytes long without NUL bytes, but got ""}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'name' must be 1 to 63 bytes long without NUL bytes}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'name' must be a string, but got "t" : i32}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "t" : i32, noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'simd_lanes' is missing}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'clock_hz' is missing}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'bit_serial_inputs' is missing}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'chips' must be a 64-bit integer (i64), but got 1 : i32}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1 : i32, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'grid_cols' must be a 64-bit integer (i64), but got 4.000000e+00 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4.0, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'weight_bits' must be a 64-bit integer (i64), but got true}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = true}} {
}

// -----

// expected-error @+1 {{target entry 'clock_hz' must be a 64-bit float (f64), but got 100000000 : i64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 100000000, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'clock_hz' must be a 64-bit float (f64), but got 1.000000e+08 : f32}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8 : f32, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'bit_serial_inputs' must be a bool (true or false), but got 1 : i64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = 1, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'chips' must be in [1, 1024], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 0, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'chips' must be in [1, 1024], but got 1025}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1025, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'grid_cols' must be in [1, 4096], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 0, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'grid_rows' must be in [1, 4096], but got 4097}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4097, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'array_rows' must be in [1, 65536], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 0, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'array_cols' must be in [1, 65536], but got 65537}}
module attributes {hw.target = {adc_bits = 32, array_cols = 65537, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'weight_bits' must be in [1, 8], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 0}} {
}

// -----

// expected-error @+1 {{target entry 'weight_bits' must be in [1, 8], but got 9}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 9}} {
}

// -----

// expected-error @+1 {{target entry 'adc_bits' must be in [1, 32], but got 33}}
module attributes {hw.target = {adc_bits = 33, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'input_bits' must be in [1, 8], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 0, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'array_step_cycles' must be in [1, 1000000000], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 0, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'sram_bytes_per_tile' must be in [1, 1099511627776], but got 0}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 0, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'simd_lanes' must be in [1, 65536], but got -1}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = -1, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'noc_hop_latency_cycles' must be in [0, 1000000], but got -1}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = -1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'clock_hz' must be a finite number > 0, but got 0.000000e+00 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 0.0, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'noc_link_bytes_per_cycle' must be a finite number > 0, but got -1.000000e+00 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = -1.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'host_link_bytes_per_second' must be a finite number > 0, but got 0x7FF0000000000000 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 0x7FF0000000000000 : f64, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'energy_analog_mac_pj' must be a finite number >= 0, but got -5.000000e-01 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = -0.5, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'chip_link_latency_seconds' must be a finite number >= 0, but got 0x7FF8000000000000 : f64}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 0x7FF8000000000000 : f64, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{target entry 'chip_link_bytes_per_second' must be > 0 when there are several chips ('chips' is 2)}}
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 0.0, chip_link_latency_seconds = 1.0e-6, chips = 2, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// Zero energies and a zero chip link on one chip are fine.
module attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 0.0, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 0.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 0, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

// expected-error @+1 {{'func.func' op attribute 'hw.target' is only allowed on a 'builtin.module'}}
func.func @f() attributes {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
  return
}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'hw.target' is only allowed on a 'builtin.module'}}
hw.tile ({
}) {x = 0, y = 0, hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}}

// -----

// The hook runs for unregistered ops too, as MLIR's does.
// expected-error @+1 {{'test.op' op attribute 'hw.target' is only allowed on a 'builtin.module'}}
"test.op"() {hw.target = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op has unknown hw dialect attribute 'hw.traget' (the hw dialect defines 'hw.target', 'hw.tile' and 'hw.route')}}
module attributes {hw.traget = {adc_bits = 32, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
}

// -----

module {
  // A nested module may carry a target: it is checked the same way.
  // expected-error @+1 {{target entry 'adc_bits' must be in [1, 32], but got 0}}
  module attributes {hw.target = {adc_bits = 0, array_cols = 256, array_rows = 256, array_step_cycles = 4, bit_serial_inputs = true, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, chips = 1, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_noc_byte_hop_pj = 1.0, energy_simd_op_pj = 1.0, energy_sram_byte_pj = 2.0, grid_cols = 4, grid_rows = 4, host_link_bytes_per_second = 1.0e9, input_bits = 8, name = "test-4x4", noc_hop_latency_cycles = 1, noc_link_bytes_per_cycle = 4.0, simd_lanes = 8, sram_bytes_per_tile = 65536, weight_bits = 8}} {
  }
}

// -----

// Attributes of other dialects and without a dialect prefix are not hw's.
module attributes {hl.target = 1, target = 2, hw_target = 3} {
}
