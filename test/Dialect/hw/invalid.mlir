// Every verifier error of the hw ops.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'hw.tile' op requires attribute 'x'}}
hw.tile ({
  hw.program ({
  })
}) {y = 0}

// -----

// expected-error @+1 {{'hw.tile' op requires attribute 'y'}}
hw.tile ({
  hw.program ({
  })
}) {x = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'x' failed to satisfy constraint: 64-bit signless integer attribute}}
hw.tile ({
  hw.program ({
  })
}) {x = "zero", y = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'x' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
  hw.program ({
  })
}) {x = -1, y = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'y' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
  hw.program ({
  })
}) {x = 0, y = -3}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'chip' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
  hw.program ({
  })
}) {chip = -1, x = 0, y = 0}

// -----

// expected-error @+1 {{'hw.tile' op requires one region}}
"hw.tile"() {x = 0, y = 0} : () -> ()

// -----

// expected-error @+1 {{'hw.tile' op region should have no arguments}}
"hw.tile"() ({
^bb0(%a: i32):
  hw.program ({
  })
}) {x = 0, y = 0} : () -> ()

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'hw.tile' op expects parent op 'builtin.module'}}
  "hw.tile"() ({
    hw.program ({
    })
  }) {x = 0, y = 0} : () -> ()
  return
}

// -----

// expected-error @+1 {{'hw.tile' op has no hw.program}}
hw.tile ({
  hw.buffer {sym_name = "b", type = tensor<4xi8>}
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.program ({
  })
  // expected-error @+1 {{'hw.buffer' op is out of place: a hw.tile holds at most one tile.array, then hw.buffers, then one hw.program}}
  hw.buffer {sym_name = "b", type = tensor<4xi8>}
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.program ({
  })
  // expected-error @+1 {{'hw.program' op is the second hw.program of its tile}}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hl.constant' op is out of place: a hw.tile holds at most one tile.array, then hw.buffers, then one hw.program}}
  %0 = hl.constant {value = dense<1> : tensor<4xi8>} : tensor<4xi8>
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+1 {{'hw.tile' op is at (2, 0), outside the 2 x 2 grid of target 'tiny'}}
  hw.tile ({
    hw.program ({
    })
  }) {x = 2, y = 0}
}

// -----

module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+1 {{'hw.tile' op is on chip 2, but target 'tiny' has 2 chip(s)}}
  hw.tile ({
    hw.program ({
    })
  }) {chip = 2, x = 0, y = 0}
}

// -----

module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.tile ({
    // expected-error @+1 {{'tile.array' op is 8 x 4, but the arrays of target 'tiny' are 4 x 4}}
    tile.array ({
    }) {cols = 4, rows = 8, sym_name = "a"}
    hw.program ({
    })
  }) {x = 0, y = 0}
}

// -----

hw.tile ({
  hw.program ({
  })
}) {x = 1, y = 0}
// expected-note @+1 {{the other hw.tile is here}}
hw.tile ({
  hw.program ({
  })
}) {x = 0, y = 1}
// expected-error @+1 {{'hw.tile' op is at (0, 0, 1), as is another hw.tile}}
hw.tile ({
  hw.program ({
  })
}) {chip = 0, x = 0, y = 1}

// -----

// expected-error @+1 {{'hw.host' op requires attribute 'function_type'}}
hw.host ({
  hw.program ({
  })
})

// -----

hw.host ({
  hw.program ({
  })
}) {function_type = () -> ()}
// expected-error @+1 {{'hw.host' op is the second hw.host of the module}}
hw.host ({
  hw.program ({
  })
}) {function_type = () -> ()}

// -----

// expected-error @+1 {{'hw.host' op has 2 arg_names for 1 inputs}}
hw.host ({
  hw.program ({
  })
}) {arg_names = ["a", "b"], function_type = (tensor<4xi8>) -> ()}

// -----

// expected-error @+1 {{'hw.host' op 'result_names' #0 is not a string}}
hw.host ({
  hw.program ({
  })
}) {function_type = () -> tensor<4xi8>, result_names = [1]}

// -----

hw.host ({
  // expected-error @+1 {{'tile.array' op is out of place: a hw.host holds hw.buffers, then one hw.program}}
  tile.array ({
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.program ({
  })
}) {function_type = () -> ()}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op attribute 'type' must be a statically shaped tensor of integers (1, 8, 16, 32, 64 bits) or floats (16, 32, 64 bits), but got 'tensor<?xi8>'}}
  hw.buffer {sym_name = "b", type = tensor<?xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op attribute 'type' must be a statically shaped tensor of integers (1, 8, 16, 32, 64 bits) or floats (16, 32, 64 bits), but got 'tensor<4xi4>'}}
  hw.buffer {sym_name = "b", type = tensor<4xi4>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has 3 slots; a buffer has 1, or 2 when double-buffered}}
  hw.buffer {slots = 3, sym_name = "b", type = tensor<4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has stream_rows = 5, not in [1, 4] (dim 0 of its type)}}
  hw.buffer {stream_rows = 5, sym_name = "b", type = tensor<4x2xi32>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has offset 8, which is not a non-negative multiple of 16}}
  hw.buffer {offset = 8, sym_name = "b", type = tensor<4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has offset -16, which is not a non-negative multiple of 16}}
  hw.buffer {offset = -16, sym_name = "b", type = tensor<4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.host ({
  // expected-error @+1 {{'hw.buffer' op has an offset, but host buffers live in host memory}}
  hw.buffer {offset = 0, sym_name = "b", type = tensor<4xi8>}
  hw.program ({
  })
}) {function_type = () -> ()}

// -----

module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.tile ({
    // expected-error @+1 {{'hw.buffer' op ends at byte 1040 (offset 512 + 2 slot(s) of 264 bytes), beyond the 1024 bytes of SRAM of a tile of target 'tiny'}}
    hw.buffer {offset = 512, slots = 2, sym_name = "b", type = tensor<66xi32>}
    hw.program ({
    })
  }) {x = 0, y = 0}
}

// -----

// expected-error @+1 {{'hw.buffer' op expects parent op to be one of 'hw.tile,hw.host'}}
hw.buffer {sym_name = "b", type = tensor<4xi8>}

// -----

hw.tile ({
  hw.program ({
    // expected-error @+1 {{'hl.constant' op cannot be held by 'hw.program', which holds only hw instructions}}
    %0 = hl.constant {value = dense<1> : tensor<4xi8>} : tensor<4xi8>
  })
}) {x = 0, y = 0}

// -----

hw.route {bytes = 16, path = array<i64: -1, 0, 0, 0, 0, 0>, sym_name = "r"}
hw.tile ({
  // expected-note @+1 {{@a is live at instructions [0, 2]}}
  hw.buffer {offset = 0, sym_name = "a", type = tensor<4x4xi8>}
  // expected-note @+1 {{@b is live at instructions [1, 2]}}
  hw.buffer {offset = 0, sym_name = "b", type = tensor<4x4xi8>}
  hw.buffer {offset = 16, sym_name = "c", type = tensor<4x4xi8>}
  // expected-error @+1 {{'hw.program' op buffers @a (bytes [0, 16)) and @b (bytes [0, 16)) overlap and are both live at instruction 1}}
  hw.program ({
    hw.recv {dst = @a, route = @r}
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>):
      hw.yield %x : tensor<4x4xi8>
    }) {dsts = [@b], srcs = [@c]}
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>):
      hw.yield %x : tensor<4x4xi8>
    }) {dsts = [@c], srcs = [@b]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {offset = 0, sym_name = "a", type = tensor<4x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is streamed (stream_rows), so it must be written by one hw.mvm or hw.accumulate and read only by the hw.exec right after it}}
  hw.buffer {offset = 16, stream_rows = 1, sym_name = "b", type = tensor<4x4xi8>}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>):
      hw.yield %x : tensor<4x4xi8>
    }) {dsts = [@b], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

// expected-error @+1 {{'hw.recv' op expects parent op 'hw.program'}}
hw.recv {dst = @a, route = @r}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.recv' op 'route' @r does not name a hw.route of the module}}
    hw.recv {dst = @a, route = @r}
  })
}) {x = 0, y = 0}

// -----

hw.route {bytes = 4, path = array<i64: 0, 1, 0, 0, 0, 0>, sym_name = "r"}
hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.recv' op 'dst' @r does not name a hw.buffer of its tile}}
    hw.recv {dst = @r, route = @r}
  })
}) {x = 0, y = 0}

// -----

hw.route {bytes = 8, path = array<i64: 0, 1, 0, 0, 0, 0>, sym_name = "r"}
hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.recv' op receives a buffer of 4 bytes over route @r of 8 bytes}}
    hw.recv {dst = @a, route = @r}
  })
}) {x = 0, y = 0}

// -----

hw.route {bytes = 4, path = array<i64: 0, 1, 0, 0, 0, 0>, sym_name = "r"}
hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.send' op is on (0, 0, 0), but route @r starts at (0, 1, 0)}}
    hw.send {route = @r, src = @a}
  })
}) {x = 0, y = 0}

// -----

hw.route {bytes = 4, path = array<i64: 0, 0, 0, -1, 0, 0>, sym_name = "r"}
hw.host ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.send' op is on the host, but route @r starts at (0, 0, 0)}}
    hw.send {route = @r, src = @a}
    hw.recv {dst = @a, route = @r}
  })
}) {function_type = () -> ()}

// -----

// A module with a hw.host is a whole program: each route is sent once and
// received once.
// expected-error @+1 {{'hw.route' op has 1 hw.send(s) and 0 hw.recv(s); a route has one of each}}
hw.route {bytes = 4, path = array<i64: -1, 0, 0, 0, 0, 0>, sym_name = "r"}
hw.host ({
  hw.buffer {sym_name = "a", type = tensor<4xi8>}
  hw.program ({
    hw.send {route = @r, src = @a}
  })
}) {function_type = () -> ()}

// -----

hw.host ({
  hw.buffer {sym_name = "x", type = tensor<2x4xi8>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op is only allowed in the program of a hw.tile}}
    hw.mvm {block = @a::@k, dst = @y, src = @x}
  })
}) {function_type = () -> ()}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<2x4xi8>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op 'block' @a::@q does not name a tile.block of the tile's array}}
    hw.mvm {block = @a::@q, dst = @y, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<2x4xi32>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op 'src' must be a 2-D tensor of i8 or i16, but got 'tensor<2x4xi32>'}}
    hw.mvm {block = @a::@k, dst = @y, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<2x3xi8>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op streams vectors of 3 values through block @a::@k of 4 rows}}
    hw.mvm {block = @a::@k, dst = @y, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<2x4xi8>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op 'dst' must be tensor<2x4xi32>, but got 'tensor<2x4xi8>'}}
    hw.mvm {block = @a::@k, dst = @y, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<2x4xi8>}
  hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op attribute 'adc_shift' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 31}}
    hw.mvm {adc_shift = 32, block = @a::@k, dst = @y, src = @x}
  })
}) {x = 0, y = 0}

// -----

module attributes {hw.target = {name = "tiny4", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 4, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  hw.tile ({
    tile.array ({
      tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
    }) {cols = 4, rows = 4, sym_name = "a"}
    hw.buffer {sym_name = "x", type = tensor<2x4xi8>}
    hw.buffer {sym_name = "y", type = tensor<2x4xi32>}
    hw.program ({
      // expected-error @+1 {{'hw.mvm' op has input_bits = 8, more than the 4 of target 'tiny4'}}
      hw.mvm {block = @a::@k, dst = @y, src = @x}
    })
  }) {x = 0, y = 0}
}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<1x2x3x3xi8>}
  hw.buffer {sym_name = "y", type = tensor<4x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op has channel_begin = 2 outside the 2 channels of 'src'}}
    hw.mvm {block = @a::@k, channel_begin = 2, dst = @y, kernel_shape = array<i64: 1, 1>, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  tile.array ({
    tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<4x4xi8>}
  }) {cols = 4, rows = 4, sym_name = "a"}
  hw.buffer {sym_name = "x", type = tensor<1x1x3x3xi8>}
  hw.buffer {sym_name = "y", type = tensor<4x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.mvm' op 'pads' must have 4 elements}}
    hw.mvm {block = @a::@k, dst = @y, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1>, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "x", type = tensor<1x1x3x3xi8>}
  hw.buffer {sym_name = "y", type = tensor<4x3xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.windows' op 'dst' must be tensor<4x4xi8>, but got 'tensor<4x3xi8>'}}
    hw.windows {dst = @y, kernel_shape = array<i64: 2, 2>, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "x", type = tensor<1x1x3x3xi8>}
  hw.buffer {sym_name = "y", type = tensor<1x9xi8>}
  hw.program ({
    // expected-error @+1 {{'hw.windows' op has a kernel larger than its padded input}}
    hw.windows {dst = @y, kernel_shape = array<i64: 3, 3>, dilations = array<i64: 2, 1>, src = @x}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<2x4xi32>}
  hw.buffer {sym_name = "s", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.accumulate' op needs at least two 'srcs', got 1}}
    hw.accumulate {dst = @s, srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<2x4xi32>}
  hw.buffer {sym_name = "b", type = tensor<4x2xi32>}
  hw.buffer {sym_name = "s", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.accumulate' op 'srcs' #1 has type 'tensor<4x2xi32>', but 'dst' has 'tensor<2x4xi32>'}}
    hw.accumulate {dst = @s, srcs = [@a, @b]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<2x4xi32>}
  hw.buffer {sym_name = "s", type = tensor<2x4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.accumulate' op 'srcs' #1 @nope does not name a hw.buffer of its tile}}
    hw.accumulate {dst = @s, srcs = [@a, @nope]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.exec' op region has 2 argument(s) for 1 'srcs'}}
    hw.exec ({
    ^bb0(%x: tensor<4xi32>, %y: tensor<4xi32>):
      hw.yield %x : tensor<4xi32>
    }) {dsts = [@a], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.exec' op region argument #0 has type 'tensor<4xi8>', but 'srcs' #0 holds 'tensor<4xi32>'}}
    hw.exec ({
    ^bb0(%x: tensor<4xi8>):
      hw.yield %x : tensor<4xi8>
    }) {dsts = [@a], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.buffer {sym_name = "b", type = tensor<4xi8>}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4xi32>):
      // expected-error @+1 {{'hw.yield' op yields 'tensor<4xi32>' as #0, but 'dsts' #0 holds 'tensor<4xi8>'}}
      hw.yield %x : tensor<4xi32>
    }) {dsts = [@b], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4xi32>):
      // expected-error @+1 {{'hw.yield' op yields 0 value(s) for 1 'dsts'}}
      hw.yield
    }) {dsts = [@a], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4xi32>):
      // expected-error @+1 {{'tile.channel' op cannot be held by 'hw.exec', which holds hl ops and a final 'hw.yield'}}
      %c = tile.channel %x : tensor<4xi32>
      hw.yield %c : tensor<4xi32>
    }) {dsts = [@a], srcs = [@a]}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.exec' op attribute 'srcs' failed to satisfy constraint: array attribute}}
    hw.exec ({
    ^bb0(%x: tensor<4xi32>):
      hw.yield %x : tensor<4xi32>
    }) {dsts = [@a], srcs = @a}
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.input' op is only allowed in the program of hw.host}}
    hw.input {dst = @a, index = 0}
  })
}) {x = 0, y = 0}

// -----

hw.host ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.input' op has index 1, but the network has 1 input(s)}}
    hw.input {dst = @a, index = 1}
  })
}) {function_type = (tensor<4xi32>) -> ()}

// -----

hw.host ({
  hw.buffer {sym_name = "a", type = tensor<4xi32>}
  hw.program ({
    // expected-error @+1 {{'hw.output' op 'src' has type 'tensor<4xi32>', but output #0 of the network is 'tensor<4xf32>'}}
    hw.output {index = 0, src = @a}
  })
}) {function_type = (tensor<4xi32>) -> tensor<4xf32>}

// -----

// expected-error @+1 {{'hw.route' op carries 0 bytes; a route carries at least one}}
hw.route {bytes = 0, path = array<i64: 0, 0, 0, 0, 1, 0>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path must be two or more (chip, x, y) triples, but has 4 values}}
hw.route {bytes = 4, path = array<i64: 0, 0, 0, 0>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path #1: the host may only be the path's source or destination}}
hw.route {bytes = 4, path = array<i64: 0, 0, 0, -1, 0, 0, 1, 0, 0>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path #1: no link from (0, 0, 0) to (0, 1, 1) (a step is one mesh link, the chip link between ports (c, 0, 0) or the host link to a port)}}
hw.route {bytes = 4, path = array<i64: 0, 0, 0, 0, 1, 1>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path #1: no link from the host to (0, 1, 0)}}
hw.route {bytes = 4, path = array<i64: -1, 0, 0, 0, 1, 0>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path #2: no link from (0, 1, 0) to (1, 1, 0)}}
hw.route {bytes = 4, path = array<i64: 0, 0, 0, 0, 1, 0, 1, 1, 0>, sym_name = "r"}

// -----

// expected-error @+1 {{'hw.route' op path #0: (0, -1, 0) is not a router}}
hw.route {bytes = 4, path = array<i64: 0, -1, 0, 0, 0, 0>, sym_name = "r"}

// -----

module attributes {hw.target = {name = "tiny", chips = 2, grid_cols = 2, grid_rows = 2, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 4, array_cols = 4, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = false, array_step_cycles = 4, sram_bytes_per_tile = 1024, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  // expected-error @+1 {{'hw.route' op path #2: (0, 2, 0) is outside target 'tiny' (2 chip(s) of 2 x 2)}}
  hw.route {bytes = 4, path = array<i64: 0, 0, 0, 0, 1, 0, 0, 2, 0>, sym_name = "r"}
}

// -----

// The placement attributes of tile IR.
func.func @f(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'tile.channel' op attribute 'hw.tile' is only allowed on 'tile.array', 'tile.mvm', 'tile.windows', 'tile.accumulate' and 'tile.simd'}}
  %c = tile.channel %x {hw.tile = array<i64: 0, 0, 0>} : tensor<4xi8>
  return %c : tensor<4xi8>
}

// -----

// expected-error @+1 {{'tile.array' op attribute 'hw.tile' must be (chip, x, y), three non-negative integers}}
tile.array ({
}) {cols = 4, rows = 4, sym_name = "a", hw.tile = array<i64: 0, -1, 0>}

// -----

// expected-error @+1 {{'tile.array' op attribute 'hw.tile' must be an array<i64: ...>}}
tile.array ({
}) {cols = 4, rows = 4, sym_name = "a", hw.tile = [0, 1, 0]}

// -----

func.func @f(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'tile.channel' op attribute 'hw.route' must be two or more (chip, x, y) triples}}
  %c = tile.channel %x {hw.route = array<i64: 0, 0, 0, 1>} : tensor<4xi8>
  return %c : tensor<4xi8>
}

// -----

// expected-error @+1 {{'tile.array' op attribute 'hw.route' is only allowed on 'tile.channel'}}
tile.array ({
}) {cols = 4, rows = 4, sym_name = "a", hw.route = array<i64: 0, 0, 0, 0, 1, 0>}
