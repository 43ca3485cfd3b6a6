// Round trip of every hw op and attribute in the uniform short form and the
// generic form (without a target: only the target-free checks apply).
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: module {
// CHECK-NEXT:    hw.route {bytes = 32 : i64, path = array<i64: -1, 0, 0, 1, 0, 0, 1, 0, 1>, sym_name = "in"}
// CHECK-NEXT:    hw.route {bytes = 144 : i64, path = array<i64: 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0>, sym_name = "cross"}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {x = 0 : i64, y = 0 : i64}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      tile.array ({
// CHECK-NEXT:        tile.block {col = 0 : i64, row = 0 : i64, sym_name = "k", value = dense<1> : tensor<8x4xi8>}
// CHECK-NEXT:      }) {cols = 8 : i64, rows = 8 : i64, sym_name = "a"}
// CHECK-NEXT:      hw.buffer {offset = 0 : i64, slots = 2 : i64, sym_name = "map", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT:      hw.buffer {offset = 64 : i64, sym_name = "cols", type = tensor<9x8xi8>}
// CHECK-NEXT:      hw.buffer {offset = 144 : i64, stream_rows = 2 : i64, sym_name = "p0", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.buffer {offset = 176 : i64, sym_name = "p1", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.buffer {offset = 320 : i64, sym_name = "p2", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.buffer {offset = 464 : i64, sym_name = "sum", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.buffer {offset = 608 : i64, sym_name = "out", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:        hw.recv {dst = @map, route = @in}
// CHECK-NEXT:        hw.mvm {adc_bits = 16 : i64, adc_shift = 2 : i64, block = @a::@k, dst = @p0, input_bits = 4 : i64, input_slices = 2 : i64, kernel_shape = array<i64: 2, 2>, src = @map, strides = array<i64: 1, 1>}
// CHECK-NEXT:        hw.exec ({
// CHECK-NEXT:        ^bb0(%arg0: tensor<9x4xi32>):
// CHECK-NEXT:          %0 = hl.relu %arg0 : tensor<9x4xi32>
// CHECK-NEXT:          hw.yield %0 : tensor<9x4xi32>
// CHECK-NEXT:        }) {dsts = [@p1], srcs = [@p0]}
// CHECK-NEXT:        hw.windows {channel_begin = 0 : i64, channel_count = 2 : i64, dilations = array<i64: 1, 1>, dst = @cols, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, src = @map}
// CHECK-NEXT:        hw.mvm {block = @a::@k, dst = @p2, src = @cols}
// CHECK-NEXT:        hw.accumulate {dst = @sum, srcs = [@p1, @p2]}
// CHECK-NEXT:        hw.exec ({
// CHECK-NEXT:        ^bb0(%arg0: tensor<9x4xi32>, %arg1: tensor<9x4xi32>):
// CHECK-NEXT:          %0 = hl.add %arg0, %arg1 : tensor<9x4xi32>
// CHECK-NEXT:          hw.yield %0 : tensor<9x4xi32>
// CHECK-NEXT:        }) {dsts = [@out], srcs = [@sum, @p1]}
// CHECK-NEXT:        hw.send {route = @cross, src = @out}
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {chip = 1 : i64, ipu.note = "two chips", x = 0 : i64, y = 1 : i64}
// CHECK-NEXT:    hw.tile ({
// CHECK-NEXT:      hw.buffer {sym_name = "in", type = tensor<9x4xi32>}
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:        hw.recv {dst = @in, route = @cross}
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {x = 2 : i64, y = 0 : i64}
// CHECK-NEXT:    hw.host ({
// CHECK-NEXT:      hw.buffer {sym_name = "x", type = tensor<1x2x4x4xi8>}
// CHECK-NEXT:      hw.program ({
// CHECK-NEXT:        hw.input {dst = @x, index = 0 : i64}
// CHECK-NEXT:        hw.send {route = @in, src = @x}
// CHECK-NEXT:      })
// CHECK-NEXT:    }) {function_type = (tensor<1x2x4x4xi8>) -> ()}
// CHECK-NEXT:  }

// GENERIC-LABEL: "builtin.module"() ({
// GENERIC-NEXT:    "hw.route"() <{bytes = 32 : i64, path = array<i64: -1, 0, 0, 1, 0, 0, 1, 0, 1>, sym_name = "in"}> : () -> ()
// GENERIC:         "hw.tile"() <{x = 0 : i64, y = 0 : i64}> ({
// GENERIC-NEXT:      "hw.program"() ({
// GENERIC-NEXT:      }) : () -> ()
// GENERIC-NEXT:    }) : () -> ()
// GENERIC:           "hw.accumulate"() <{dst = @sum, srcs = [@p1, @p2]}> : () -> ()
// GENERIC:         }) {ipu.note = "two chips"} : () -> ()
// GENERIC:         "hw.host"() <{function_type = (tensor<1x2x4x4xi8>) -> ()}> ({
module {
  hw.route {bytes = 32, path = array<i64: -1, 0, 0, 1, 0, 0, 1, 0, 1>, sym_name = "in"}
  hw.route {bytes = 144, path = array<i64: 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0>, sym_name = "cross"}
  hw.tile ({
    hw.program ({
    })
  }) {x = 0, y = 0}
  hw.tile ({
    tile.array ({
      tile.block {col = 0, row = 0, sym_name = "k", value = dense<1> : tensor<8x4xi8>}
    }) {cols = 8, rows = 8, sym_name = "a"}
    hw.buffer {offset = 0, slots = 2, sym_name = "map", type = tensor<1x2x4x4xi8>}
    hw.buffer {offset = 64, sym_name = "cols", type = tensor<9x8xi8>}
    hw.buffer {offset = 144, stream_rows = 2, sym_name = "p0", type = tensor<9x4xi32>}
    hw.buffer {offset = 176, sym_name = "p1", type = tensor<9x4xi32>}
    hw.buffer {offset = 320, sym_name = "p2", type = tensor<9x4xi32>}
    hw.buffer {offset = 464, sym_name = "sum", type = tensor<9x4xi32>}
    hw.buffer {offset = 608, sym_name = "out", type = tensor<9x4xi32>}
    hw.program ({
      hw.recv {dst = @map, route = @in}
      hw.mvm {adc_bits = 16, adc_shift = 2, block = @a::@k, dst = @p0, input_bits = 4, input_slices = 2, kernel_shape = array<i64: 2, 2>, src = @map, strides = array<i64: 1, 1>}
      hw.exec ({
      ^bb0(%a: tensor<9x4xi32>):
        %r = hl.relu %a : tensor<9x4xi32>
        hw.yield %r : tensor<9x4xi32>
      }) {dsts = [@p1], srcs = [@p0]}
      hw.windows {channel_begin = 0, channel_count = 2, dilations = array<i64: 1, 1>, dst = @cols, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, src = @map}
      hw.mvm {block = @a::@k, dst = @p2, src = @cols}
      hw.accumulate {dst = @sum, srcs = [@p1, @p2]}
      hw.exec ({
      ^bb0(%a: tensor<9x4xi32>, %b: tensor<9x4xi32>):
        %s = hl.add %a, %b : tensor<9x4xi32>
        hw.yield %s : tensor<9x4xi32>
      }) {dsts = [@out], srcs = [@sum, @p1]}
      hw.send {route = @cross, src = @out}
    })
  }) {chip = 1, x = 0, y = 1, ipu.note = "two chips"}
  hw.tile ({
    hw.buffer {sym_name = "in", type = tensor<9x4xi32>}
    hw.program ({
      hw.recv {dst = @in, route = @cross}
    })
  }) {x = 2, y = 0}
  hw.host ({
    hw.buffer {sym_name = "x", type = tensor<1x2x4x4xi8>}
    hw.program ({
      hw.input {dst = @x, index = 0}
      hw.send {route = @in, src = @x}
    })
  }) {function_type = (tensor<1x2x4x4xi8>) -> ()}
}
