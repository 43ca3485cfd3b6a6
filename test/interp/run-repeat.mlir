// ipu-run's --repeat and --time (the interpreter benchmark uses them) and
// outputs named by their result attributes (an ONNX model's output names).
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-run %s --input x=%S/Inputs/b_3.npy -o %t | FileCheck %s --check-prefix=PLAIN
// PLAIN: output 0: float32 3
// RUN: ipu-run %s --input x=%S/Inputs/b_3.npy --expect y=%t/output_0.npy --repeat 3 --time 2>&1 >/dev/null | FileCheck %s --check-prefix=TIME
// TIME: ipu-run: parse: {{[0-9]+\.[0-9][0-9][0-9]}} ms
// TIME-NEXT: ipu-run: run: median {{[0-9]+\.[0-9][0-9][0-9]}} ms, min {{[0-9]+\.[0-9][0-9][0-9]}} ms (3 runs)
// TIME-NOT: {{.}}
// RUN: ipu-run %s --input x=%S/Inputs/b_3.npy --expect y=%t/output_0.npy --repeat 3 --time 2>/dev/null | FileCheck %s --check-prefix=EXPECT
// EXPECT: output 0: max abs error 0, max rel error 0: ok
// RUN: ipu-run %s --input 0=%S/Inputs/b_3.npy --time 2>&1 >/dev/null | FileCheck %s --check-prefix=ONCE
// ONCE: ipu-run: run: median {{[0-9.]+}} ms, min {{[0-9.]+}} ms (1 run)
// Without --time nothing goes to stderr; the last run's outputs are written.
// RUN: rm -f %t/output_0.npy
// RUN: ipu-run %s --input 0=%S/Inputs/b_3.npy --repeat 2 -o %t 2>&1 >/dev/null | count 0
// RUN: ipu-run %s --input 0=%S/Inputs/b_3.npy --expect output_0=%t/output_0.npy | FileCheck %s --check-prefix=EXPECT
//
// Bad values name the option and exit 1.
// RUN: not ipu-run %s --repeat 0 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got '0'
// RUN: not ipu-run %s --repeat -2 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got '-2'
// RUN: not ipu-run %s --repeat 3x 2>&1 | FileCheck %s --check-prefix=JUNK
// JUNK: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got '3x'
// RUN: not ipu-run %s --repeat '' 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got ''
// RUN: not ipu-run %s --repeat 1000001 2>&1 | FileCheck %s --check-prefix=BIG
// BIG: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got '1000001'
// RUN: not ipu-run %s --repeat 99999999999999999999999 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: ipu-run: error: --repeat expects a whole number from 1 to 1000000, got '99999999999999999999999'
// RUN: not ipu-run %s --repeat 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: ipu-run: error: --repeat needs a value
//
// A run that fails stops the repetition: one error, exit 1, no timing.
// RUN: not ipu-run %s --func unsupported --input 0=%S/Inputs/b_3.npy --repeat 5 --time 2>&1 | FileCheck %s --check-prefix=BROKEN
// BROKEN: ipu-run: parse:
// BROKEN-NEXT: run-repeat.mlir:[[# @LINE + 11]]:3: error: 'builtin.module' op the interpreter does not support 'builtin.module'
// BROKEN-NOT: error:
// BROKEN-NOT: ipu-run: run:

func.func @main(%arg0: tensor<3xf32> {onnx.name = "x"}) -> (tensor<3xf32> {onnx.name = "y"}) {
  %0 = hl.relu %arg0 : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @unsupported(%arg0: tensor<3xf32>) -> tensor<1x3xi8> {
  %r = hl.reshape %arg0 {shape = array<i64: 1, 3>} : (tensor<3xf32>) -> tensor<1x3xf32>
  %q = hl.quantize %r {scale = array<f32: 1.0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x3xf32>) -> tensor<1x3xi8>
  builtin.module {}
  return %q : tensor<1x3xi8>
}
