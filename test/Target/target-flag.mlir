// --target=NAME|FILE on ipu-opt: attaches the target to the parsed module
// before the pipeline runs, replacing the one in the file; a bad name or
// file is an error (located in the file), exit status 1.
// RUN: ipu-opt %s --split-input-file --target=m1076 | FileCheck %s
// RUN: ipu-opt %s --split-input-file --target m1076 --cse | FileCheck %s
// RUN: ipu-opt %s --split-input-file --target=%S/Inputs/small.ir | FileCheck %s --check-prefix=FILE
// RUN: ipu-opt %s --split-input-file | FileCheck %s --check-prefix=KEEP
// Each chunk of a split file gets it.
// RUN: ipu-opt %s --split-input-file --target=test-4x4 | FileCheck %s --check-prefix=SPLIT

// CHECK: module attributes {hw.target = {{{.*}} name = "m1076"
// CHECK-NOT: test-4x4
// CHECK: func.func @f
// CHECK: // -----
// CHECK-NEXT: module attributes {hw.target = {{{.*}} name = "m1076"

// FILE: module attributes {hw.target = {{{.*}} chips = 2 : i64{{.*}} name = "small-file"
// KEEP: module attributes {hw.target = {{{.*}} name = "test-4x4"
// KEEP: // -----
// KEEP-NEXT: module {
// SPLIT: name = "test-4x4"
// SPLIT: // -----
// SPLIT: module attributes {hw.target = {{{.*}} name = "test-4x4"
// SPLIT-NEXT: {{^}}}

// RUN: not ipu-opt %s --target=nosuch 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: ipu-opt: error: unknown target 'nosuch' (known: test-4x4, m1076)
// RUN: not ipu-opt %s --target=%S/Inputs/nosuch.ir 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: ipu-opt: error: cannot open target file '{{.*}}nosuch.ir': No such file or directory
// RUN: not ipu-opt %s --target=%S/Inputs 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: ipu-opt: error: target file '{{.*}}Inputs' is not a regular file
// RUN: not ipu-opt %s --target 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: ipu-opt: error: option '--target' needs a target name or file

// RUN: not ipu-opt %s --target=%S/Inputs/malformed.ir 2>&1 | FileCheck %s --check-prefix=MALFORMED
// MALFORMED: malformed.ir:7:17: error: expected attribute name
// MALFORMED-NEXT: {{^}}  grid_rows = 4,,
// MALFORMED-NEXT: {{^}}                ^
// RUN: not ipu-opt %s --target=%S/Inputs/missing-entry.ir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: missing-entry.ir:2:20: error: target entry 'simd_lanes' is missing
// MISSING-NEXT: {{^}}module attributes {hw.target = {
// MISSING-NEXT: {{^}}                   ^
// RUN: not ipu-opt %s --target=%S/Inputs/out-of-range.ir 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: out-of-range.ir:13:3: error: target entry 'weight_bits' must be in [1, 8], but got 16
// RANGE-NEXT: {{^}}  weight_bits = 16,
// RUN: not ipu-opt %s --target=%S/Inputs/unknown-entry.ir 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: unknown-entry.ir:21:3: error: unknown target entry 'simd_width'
// RUN: not ipu-opt %s --target=%S/Inputs/mistyped.ir 2>&1 | FileCheck %s --check-prefix=MISTYPED
// MISTYPED: mistyped.ir:25:3: error: target entry 'clock_hz' must be a 64-bit float (f64), but got 100000000 : i64
// RUN: not ipu-opt %s --target=%S/Inputs/no-target.ir 2>&1 | FileCheck %s --check-prefix=NOTARGET
// NOTARGET: no-target.ir:2:1: error: target file has no 'hw.target' attribute on its module
// RUN: not ipu-opt %s --target=%S/Inputs/two-modules.ir 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: two-modules.ir:1:1: error: target file has no 'hw.target' attribute on its module
// Nothing is printed when the target is bad.
// RUN: not ipu-opt %s --target=%S/Inputs/out-of-range.ir 2>/dev/null | count 0

module attributes {hw.target = {name = "test-4x4", chips = 1, grid_cols = 4, grid_rows = 4, chip_link_bytes_per_second = 1.0e9, chip_link_latency_seconds = 1.0e-6, array_rows = 256, array_cols = 256, weight_bits = 8, adc_bits = 32, input_bits = 8, bit_serial_inputs = true, array_step_cycles = 4, sram_bytes_per_tile = 65536, simd_lanes = 8, noc_link_bytes_per_cycle = 4.0, noc_hop_latency_cycles = 1, host_link_bytes_per_second = 1.0e9, clock_hz = 1.0e8, energy_analog_mac_pj = 1.0, energy_sram_byte_pj = 2.0, energy_noc_byte_hop_pj = 1.0, energy_host_link_byte_pj = 100.0, energy_simd_op_pj = 1.0}} {
  func.func @f(%a: i32) -> i32 {
    return %a : i32
  }
}

// -----

module {
}
