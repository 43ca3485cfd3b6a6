// --target=NAME|FILE on ipu-translate: attached to the imported module.
// RUN: ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=test-4x4 | FileCheck %s
// RUN: ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target %S/../../targets/m1076.ir | FileCheck %s --check-prefix=FILE
// The result parses and verifies with its target.
// RUN: ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=m1076 | ipu-opt | FileCheck %s --check-prefix=FILE
// CHECK: module attributes {hw.target = {{{.*}} name = "test-4x4"
// CHECK-NEXT: func.func @main
// FILE: module attributes {hw.target = {{{.*}} name = "m1076"
// FILE-NEXT: func.func @main

// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=m1077 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: ipu-translate: error: unknown target 'm1077' (known: test-4x4, m1076)
// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=%S/Inputs/malformed.ir 2>&1 | FileCheck %s --check-prefix=MALFORMED
// MALFORMED: malformed.ir:7:17: error: expected attribute name
// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=%S/Inputs/missing-entry.ir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: missing-entry.ir:2:20: error: target entry 'simd_lanes' is missing
// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=%S/Inputs/out-of-range.ir 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: out-of-range.ir:13:3: error: target entry 'weight_bits' must be in [1, 8], but got 16
// RANGE-NEXT: {{^}}  weight_bits = 16,
// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=%S/Inputs/unknown-entry.ir 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: unknown-entry.ir:21:3: error: unknown target entry 'simd_width'
// RUN: not ipu-translate --import-onnx %S/../onnx/Inputs/conv_same.onnx --target=%S/Inputs/out-of-range.ir 2>/dev/null | count 0
