// Verifier errors of tile.mvm's bit-sliced inputs: the input type, the
// ranges of input_bits and input_slices, and the target's input bits.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi16>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'input_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 2 whose maximum value is 8}}
  %0 = tile.mvm %x {block = @a::@w, input_bits = 1} : (tensor<5x3xi16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi16>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'input_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 2 whose maximum value is 8}}
  %0 = tile.mvm %x {block = @a::@w, input_bits = 9} : (tensor<5x3xi16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi16>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'input_slices' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 16}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = 0} : (tensor<5x3xi16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi16>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'input_slices' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 16}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = 17} : (tensor<5x3xi16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi16>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'input_slices' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = "two"} : (tensor<5x3xi16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi32>) {
  // expected-error @+1 {{'tile.mvm' op operand #0 must be 2-D tensor of i8 or i16 values, but got 'tensor<5x3xi32>'}}
  %0 = tile.mvm %x {block = @a::@w} : (tensor<5x3xi32>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xui16>) {
  // expected-error @+1 {{'tile.mvm' op operand #0 must be 2-D tensor of i8 or i16 values, but got 'tensor<5x3xui16>'}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = 2} : (tensor<5x3xui16>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<3xi16>) {
  // expected-error @+1 {{'tile.mvm' op operand #0 must be 2-D tensor of i8 or i16 values, but got 'tensor<3xi16>'}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = 2} : (tensor<3xi16>) -> tensor<2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x4xi16>) {
  // expected-error @+1 {{'tile.mvm' op input vectors have 4 elements, but block '@a::@w' has 3 rows}}
  %0 = tile.mvm %x {block = @a::@w, input_slices = 2} : (tensor<5x4xi16>) -> tensor<5x2xi32>
  return
}

// -----

// The target's DAC applies 4-bit inputs: 4-bit slices pass, 8-bit ones
// (also by default) do not.
module attributes {hw.target = {name = "dac4", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6, array_rows = 64, array_cols = 128, weight_bits = 8, adc_bits = 16, input_bits = 4, bit_serial_inputs = false, array_step_cycles = 10, sram_bytes_per_tile = 131072, simd_lanes = 32, noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8, energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0, energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0, energy_simd_op_pj = 1.0}} {
  tile.array ({
    tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
  }) {rows = 64, cols = 128, sym_name = "a"}
  func.func @f(%x: tensor<5x3xi16>) {
    %0 = tile.mvm %x {adc_bits = 16, block = @a::@w, input_bits = 4, input_slices = 5} : (tensor<5x3xi16>) -> tensor<5x2xi32>
    // expected-error @+1 {{'tile.mvm' op has input_bits = 5, more than the 4 of target 'dac4'}}
    %1 = tile.mvm %x {adc_bits = 16, block = @a::@w, input_bits = 5, input_slices = 4} : (tensor<5x3xi16>) -> tensor<5x2xi32>
    return
  }
}

// -----

module attributes {hw.target = {name = "dac4", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6, array_rows = 64, array_cols = 128, weight_bits = 8, adc_bits = 16, input_bits = 4, bit_serial_inputs = false, array_step_cycles = 10, sram_bytes_per_tile = 131072, simd_lanes = 32, noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8, energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0, energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0, energy_simd_op_pj = 1.0}} {
  tile.array ({
    tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
  }) {rows = 64, cols = 128, sym_name = "a"}
  func.func @f(%x: tensor<5x3xi8>) {
    // expected-error @+1 {{'tile.mvm' op has input_bits = 8, more than the 4 of target 'dac4'}}
    %0 = tile.mvm %x {adc_bits = 16, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    return
  }
}
