// Every verifier error of the tile ops, one per chunk.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'tile.array' op requires attribute 'rows'}}
tile.array ({
}) {cols = 4, sym_name = "a"}

// -----

// expected-error @+1 {{'tile.array' op attribute 'rows' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
tile.array ({
}) {rows = 0, cols = 4, sym_name = "a"}

// -----

// expected-error @+1 {{'tile.array' op attribute 'cols' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
tile.array ({
}) {rows = 4, cols = -4, sym_name = "a"}

// -----

// expected-error @+1 {{'tile.array' op attribute 'weight_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 8}}
tile.array ({
}) {rows = 4, cols = 4, weight_bits = 9, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'hl.constant' op cannot be held by 'tile.array', which holds only 'tile.block' ops}}
  %0 = hl.constant {value = dense<1> : tensor<2xi8>} : tensor<2xi8>
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w0", value = dense<1> : tensor<4x2xi8>}
  // expected-error @+1 {{'tile.block' op block of 4 x 3 at row 0, column 2 does not fit array @a of 4 x 4}}
  tile.block {row = 0, col = 2, sym_name = "w1", value = dense<1> : tensor<4x3xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  tile.block {row = 1, col = 1, sym_name = "w0", value = dense<1> : tensor<2x2xi8>}
  // expected-error @+1 {{'tile.block' op overlaps block @w0 at row 2, column 2}}
  tile.block {row = 2, col = 2, sym_name = "w1", value = dense<1> : tensor<2x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op weight -8 at [1, 0] is outside the signed 4-bit range [-7, 7] of its array}}
  tile.block {row = 0, col = 0, sym_name = "w0", value = dense<[[7, -7], [-8, 0]]> : tensor<2x2xi8>}
}) {rows = 4, cols = 4, weight_bits = 4, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op weight -128 at [0, 0] is outside the signed 8-bit range [-127, 127] of its array}}
  tile.block {row = 0, col = 0, sym_name = "w0", value = dense<-128> : tensor<2x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<2x2xi8>}
  // expected-error @+2 {{redefinition of symbol named 'w'}}
  // expected-note @-2 {{see existing symbol definition here}}
  tile.block {row = 2, col = 2, sym_name = "w", value = dense<1> : tensor<2x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

func.func @f() {
  // expected-error @+1 {{'tile.array' op expects parent op to be one of 'builtin.module,hw.tile'}}
  tile.array ({
  }) {rows = 4, cols = 4, sym_name = "a"}
  return
}

// -----

// expected-error @+1 {{'tile.block' op expects parent op 'tile.array'}}
tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<2x2xi8>}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op attribute 'row' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0}}
  tile.block {row = -1, col = 0, sym_name = "w", value = dense<1> : tensor<2x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op attribute 'value' must be a statically shaped 2-D tensor of i8 with at least one row and column, but got 'tensor<2x2xi16>'}}
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<2x2xi16>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op attribute 'value' must be a statically shaped 2-D tensor of i8 with at least one row and column, but got 'tensor<4xi8>'}}
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<4xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op requires attribute 'value'}}
  tile.block {row = 0, col = 0, sym_name = "w"}
}) {rows = 4, cols = 4, sym_name = "a"}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi8>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'adc_bits' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 32}}
  %0 = tile.mvm %x {adc_bits = 33, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi8>) {
  // expected-error @+1 {{'tile.mvm' op attribute 'adc_shift' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 31}}
  %0 = tile.mvm %x {adc_shift = 32, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xui8>) {
  // expected-error @+1 {{'tile.mvm' op operand #0 must be 2-D tensor of i8 or i16 values, but got 'tensor<5x3xui8>'}}
  %0 = tile.mvm %x {block = @a::@w} : (tensor<5x3xui8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi8>) {
  // expected-error @+1 {{'tile.mvm' op '@a::@v' does not reference a valid tile.block}}
  %0 = tile.mvm %x {block = @a::@v} : (tensor<5x3xi8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi8>) {
  // expected-error @+1 {{'tile.mvm' op '@a' does not reference a valid tile.block}}
  %0 = tile.mvm %x {block = @a} : (tensor<5x3xi8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x4xi8>) {
  // expected-error @+1 {{'tile.mvm' op input vectors have 4 elements, but block '@a::@w' has 3 rows}}
  %0 = tile.mvm %x {block = @a::@w} : (tensor<5x4xi8>) -> tensor<5x2xi32>
  return
}

// -----

tile.array ({
  tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
func.func @f(%x: tensor<5x3xi8>) {
  // expected-error @+1 {{'tile.mvm' op result type 'tensor<5x3xi32>' does not match the expected 'tensor<5x2xi32>' (M x N of the block, i32)}}
  %0 = tile.mvm %x {block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x3xi32>
  return
}

// -----

func.func @f(%p: tensor<5x2xi32>) {
  // expected-error @+1 {{'tile.accumulate' op expects at least 2 partial sums, got 1}}
  %0 = tile.accumulate %p : tensor<5x2xi32>
  return
}

// -----

func.func @f(%p: tensor<5x2xi8>) {
  // expected-error @+1 {{'tile.accumulate' op operand #0 must be ranked tensor of i32 values, but got 'tensor<5x2xi8>'}}
  %0 = tile.accumulate %p, %p : tensor<5x2xi8>
  return
}

// -----

func.func @f(%p: tensor<5x2xi32>, %q: tensor<5x3xi32>) {
  // expected-error @+1 {{'tile.accumulate' op requires the same type for all operands and results}}
  %0 = "tile.accumulate"(%p, %q) : (tensor<5x2xi32>, tensor<5x3xi32>) -> tensor<5x2xi32>
  return
}

// -----

func.func @f(%x: tensor<2x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op expects a batch of 1, got 2}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>} : (tensor<2x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'tile.windows' op operand #0 must be tensor of integer values, but got 'tensor<1x2x4x4xf32>'}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>} : (tensor<1x2x4x4xf32>) -> tensor<4x18xf32>
  return
}

// -----

func.func @f(%x: tensor<1x2x?x4xi8>) {
  // expected-error @+1 {{'tile.windows' op expects a statically shaped input, got 'tensor<1x2x?x4xi8>'}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>} : (tensor<1x2x?x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op requires attribute 'kernel_shape'}}
  %0 = "tile.windows"(%x) : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op attribute 'strides' expects 2 elements, got 1}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op attribute 'kernel_shape' must be positive, got 0 at index 1}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 0>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op attribute 'pads' must be non-negative, got -1 at index 2}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, -1, 0>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op channel_begin 2 is out of range for 2 channels}}
  %0 = tile.windows %x {channel_begin = 2, kernel_shape = array<i64: 3, 3>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op channel_count 2 is out of range: channels [1, 1 + count) of 2}}
  %0 = tile.windows %x {channel_begin = 1, channel_count = 2, kernel_shape = array<i64: 3, 3>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+1 {{'tile.windows' op the dilated kernel does not fit the padded input on spatial axis 1}}
  %0 = tile.windows %x {dilations = array<i64: 1, 2>, kernel_shape = array<i64: 3, 3>} : (tensor<1x2x4x4xi8>) -> tensor<4x18xi8>
  return
}

// -----

func.func @f(%x: tensor<1x2x4x4xi8>) {
  // expected-error @+2 {{'tile.windows' op inferred type(s) 'tensor<4x18xi8>' are incompatible with return type(s) of operation 'tensor<4x9xi8>'}}
  // expected-error @+1 {{'tile.windows' op failed to infer returned types}}
  %0 = tile.windows %x {kernel_shape = array<i64: 3, 3>} : (tensor<1x2x4x4xi8>) -> tensor<4x9xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  %0 = tile.simd %x ({
  ^bb0(%a: tensor<4xi32>):
    // expected-error @+1 {{'tile.channel' op cannot run on the SIMD unit: a 'tile.simd' region holds only hl ops and 'tile.yield'}}
    %c = tile.channel %a : tensor<4xi32>
    tile.yield %c : tensor<4xi32>
  }) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tile.simd' op region takes 2 arguments, but the op has 1 operands}}
  %0 = tile.simd %x ({
  ^bb0(%a: tensor<4xi32>, %b: tensor<4xi32>):
    tile.yield %a : tensor<4xi32>
  }) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tile.simd' op type 'tensor<4xi8>' of region argument #0 does not match operand type 'tensor<4xi32>'}}
  %0 = tile.simd %x ({
  ^bb0(%a: tensor<4xi8>):
    tile.yield %a : tensor<4xi8>
  }) : (tensor<4xi32>) -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  %0 = tile.simd %x ({
  ^bb0(%a: tensor<4xi32>):
    // expected-error @+1 {{'tile.yield' op yields 2 values, but its parent has 1 results}}
    tile.yield %a, %a : tensor<4xi32>
  }) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  %0 = tile.host %x ({
  ^bb0(%a: tensor<4xi32>):
    // expected-error @+1 {{'tile.yield' op type 'tensor<4xi32>' of yielded value #0 does not match the parent's result type 'tensor<4xi8>'}}
    tile.yield %a : tensor<4xi32>
  }) : (tensor<4xi32>) -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  %0 = tile.host %x ({
  ^bb0(%a: tensor<4xi32>):
    // expected-error @+1 {{'tile.channel' op cannot run on the host: a 'tile.host' region holds no tile ops but 'tile.yield'}}
    %c = tile.channel %a : tensor<4xi32>
    tile.yield %c : tensor<4xi32>
  }) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tile.host' op expects a region with one block}}
  %0 = tile.host %x ({
  }) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'tile.yield' op expects parent op to be one of 'tile.simd,tile.host'}}
  tile.yield
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+1 {{'tile.channel' op requires the same type for all operands and results}}
  %0 = "tile.channel"(%x) : (tensor<4xi32>) -> tensor<4xi8>
  return
}

// -----

// Limits of the module's target.
module attributes {hw.target = {name = "small", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6, array_rows = 64, array_cols = 128, weight_bits = 4, adc_bits = 16, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 10, sram_bytes_per_tile = 131072, simd_lanes = 32, noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8, energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0, energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+1 {{'tile.array' op is 64 x 64, but the arrays of target 'small' are 64 x 128}}
  tile.array ({
  }) {rows = 64, cols = 64, weight_bits = 4, sym_name = "a"}
}

// -----

module attributes {hw.target = {name = "small", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6, array_rows = 64, array_cols = 128, weight_bits = 4, adc_bits = 16, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 10, sram_bytes_per_tile = 131072, simd_lanes = 32, noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8, energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0, energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+1 {{'tile.array' op has weight_bits = 8, more than the 4 of target 'small'}}
  tile.array ({
  }) {rows = 64, cols = 128, sym_name = "a"}
}

// -----

module attributes {hw.target = {name = "small", chips = 1, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 5.0e8, chip_link_latency_seconds = 2.0e-6, array_rows = 64, array_cols = 128, weight_bits = 4, adc_bits = 16, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 10, sram_bytes_per_tile = 131072, simd_lanes = 32, noc_link_bytes_per_cycle = 16.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 4.0e9, clock_hz = 5.0e8, energy_analog_mac_pj = 0.125, energy_sram_byte_pj = 3.0, energy_noc_byte_hop_pj = 0.5, energy_host_link_byte_pj = 50.0, energy_simd_op_pj = 1.0}} {
  tile.array ({
    tile.block {row = 0, col = 0, sym_name = "w", value = dense<1> : tensor<3x2xi8>}
  }) {rows = 64, cols = 128, weight_bits = 4, sym_name = "a"}
  func.func @f(%x: tensor<5x3xi8>) {
    %0 = tile.mvm %x {adc_bits = 16, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    // expected-error @+1 {{'tile.mvm' op has adc_bits = 17, more than the 16 of target 'small'}}
    %1 = tile.mvm %x {adc_bits = 17, block = @a::@w} : (tensor<5x3xi8>) -> tensor<5x2xi32>
    return
  }
}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op resource of attribute 'value' holds 5 bytes, expected 6}}
  tile.block {row = 0, col = 0, sym_name = "w", value = dense_resource<blob> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x01000000010203FF05"
    }
  }
#-}

// -----

tile.array ({
  // expected-error @+1 {{'tile.block' op weight -128 at [2, 1] is outside the signed 8-bit range [-127, 127] of its array}}
  tile.block {row = 0, col = 0, sym_name = "w", value = dense_resource<blob> : tensor<3x2xi8>}
}) {rows = 4, cols = 4, sym_name = "a"}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x01000000010203FF0580"
    }
  }
#-}
