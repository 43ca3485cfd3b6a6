// Large inputs (written by Inputs/large_inputs.py): huge dense hex
// constants, which the lexer decodes while it scans them, with their errors
// in MLIR's words; and a file the parser hands back (sourceConsumed) as it
// reads, whose late diagnostics still show early source lines.
// RUN: python3 %S/Inputs/large_inputs.py hex-ok %t.ok.mlir
// RUN: python3 %S/Inputs/large_inputs.py hex-ok-expected %t.ok.expected
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %t.ok.mlir | diff -q %t.ok.expected -
// RUN: cat %t.ok.mlir | ipu-opt --allow-unregistered-dialect --mlir-print-op-generic - | ipu-opt --allow-unregistered-dialect --mlir-print-op-generic | diff -q %t.ok.expected -
// RUN: python3 %S/Inputs/large_inputs.py hex-bad %t.bad.mlir
// RUN: ipu-opt --allow-unregistered-dialect --split-input-file --verify-diagnostics %t.bad.mlir
// RUN: cat %t.bad.mlir | ipu-opt --allow-unregistered-dialect --split-input-file --verify-diagnostics -
// RUN: python3 %S/Inputs/large_inputs.py streaming %t.stream.mlir
// RUN: not ipu-opt --allow-unregistered-dialect %t.stream.mlir 2>&1 | FileCheck %s --check-prefix=STREAM
// RUN: cat %t.stream.mlir | not ipu-opt --allow-unregistered-dialect - 2>&1 | FileCheck %s --check-prefix=STREAM

// STREAM: :2:14: error: use of undeclared SSA value name
// STREAM-NEXT: {{^}}  %x = "t.a"(%undefined) : (i32) -> i32
// STREAM-NEXT: {{^}}             ^
