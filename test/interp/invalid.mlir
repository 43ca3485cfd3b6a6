// ipu-run's errors: bad inputs name the input, unsupported ops are located
// errors, and every failure exits 1.
// RUN: not ipu-run %s --input 0=%S/Inputs/x_2x3.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: ipu-run: error: input '0' ({{.*}}x_2x3.npy) for %arg0: expected float32 tensor of shape 3, got float32 tensor of shape 2x3
// RUN: not ipu-run %s --input %%arg0=%S/Inputs/i64_4.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: ipu-run: error: input '%arg0' ({{.*}}i64_4.npy) for %arg0: expected float32 tensor of shape 3, got int64 tensor of shape 4
// RUN: not ipu-run %s --input 0=%S/Inputs/does-not-exist.npy 2>&1 | FileCheck %s --check-prefix=UNREADABLE
// UNREADABLE: ipu-run: error: input '0': {{.*}}does-not-exist.npy: {{.*}}
// RUN: not ipu-run %s --input 0=%s 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: ipu-run: error: input '0': {{.*}}invalid.mlir
// RUN: not ipu-run %s 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: ipu-run: error: missing input %arg0 (give --input %arg0=FILE)
// RUN: not ipu-run %s --input x=%S/Inputs/b_3.npy 2>&1 | FileCheck %s --check-prefix=NONAME
// NONAME: ipu-run: error: input 'x' names no argument of the function (it has 1)
// RUN: not ipu-run %s --input 0=%S/Inputs/b_3.npy --input %%arg0=%S/Inputs/b_3.npy 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: ipu-run: error: input %arg0 is given twice
// RUN: not ipu-run %s --func nope 2>&1 | FileCheck %s --check-prefix=NOFUNC
// NOFUNC: ipu-run: error: no function @nope with a body
// RUN: not ipu-run %s --func unsupported --input 0=%S/Inputs/x_2x3.npy 2>&1 | FileCheck %s --check-prefix=NOEVAL
// NOEVAL: invalid.mlir:[[# @LINE + 13]]:3: error: 'builtin.module' op the interpreter does not support 'builtin.module'
// RUN: not ipu-run %s --func main --input 0=%S/Inputs/b_3.npy --expect 1=%S/Inputs/b_3.npy 2>&1 | FileCheck %s --check-prefix=NOOUT
// NOOUT: ipu-run: error: --expect '1' names no output (the function has 1)
// RUN: not ipu-run %s --input 0=%S/Inputs/b_3.npy --rtol x 2>&1 | FileCheck %s --check-prefix=RTOL
// RTOL: ipu-run: error: --rtol expects a non-negative number, got 'x'

func.func @main(%arg0: tensor<3xf32>) -> tensor<3xf32> {
  %0 = hl.relu %arg0 : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @unsupported(%arg0: tensor<2x3xf32>) -> tensor<2x3xi8> {
  %q = hl.quantize %arg0 {scale = array<f32: 1.0>, zero_point = dense<0> : tensor<1xi8>} : (tensor<2x3xf32>) -> tensor<2x3xi8>
  builtin.module {}
  return %q : tensor<2x3xi8>
}

// A kernel failure is an error located at the op.
// RUN: not ipu-run %s --func divzero --input 0=%S/Inputs/i64_4.npy 2>&1 | FileCheck %s --check-prefix=DIVZERO
// DIVZERO: invalid.mlir:[[# @LINE + 4]]:8: error: 'hl.div' op evaluation failed: {{.*}}
func.func @divzero(%arg0: tensor<4xi64>) -> tensor<4xi64> {
  %z = hl.constant {value = dense<0> : tensor<4xi64>} : tensor<4xi64>
  %s = hl.add %arg0, %z : tensor<4xi64>
  %0 = hl.div %s, %z : tensor<4xi64>
  return %0 : tensor<4xi64>
}
