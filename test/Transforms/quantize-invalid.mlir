// quantize: bad calibration inputs are errors located at the function.
// RUN: rm -rf %t && mkdir -p %t/s0 %t/empty %t/noinput/s0
// RUN: python3 %S/Inputs/rand_npy.py %t/s0/input_0.npy 1x4 41
// RUN: python3 %S/Inputs/rand_npy.py %t/wrong.npy 1x5 42
// RUN: printf 'not a npy file' > %t/bad.npy
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize))' 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/nothere.npy}))' 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/bad.npy}))' 2>&1 | FileCheck %s --check-prefix=UNREADABLE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/wrong.npy}))' 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/empty}))' 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/noinput}))' 2>&1 | FileCheck %s --check-prefix=NOINPUT
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/s0 percentile=0}))' 2>&1 | FileCheck %s --check-prefix=PERCENTILE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/s0 report=%t/no/such/dir/r.json}))' 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(quantize{calibration=%t/s0,%t/s0/input_0.npy}))' -o /dev/null

// MISSING: quantize-invalid.mlir:[[@LINE+2]]:1: error: 'func.func' op quantize needs calibration inputs (calibration=PATHS)
// NOFILE: quantize-invalid.mlir:[[@LINE+1]]:1: error: 'func.func' op calibration input '{{.*}}nothere.npy' does not exist
func.func @f(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = hl.constant {value = dense<[[0.5, -0.25], [1.0, 0.125], [-0.5, 0.75], [0.25, 0.5]]> : tensor<4x2xf32>} : tensor<4x2xf32>
  %0 = hl.gemm %x, %w : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
// UNREADABLE: error: 'func.func' op cannot read calibration input: {{.*}}bad.npy: {{.*}}
// SHAPE: error: 'func.func' op calibration input '{{.*}}wrong.npy' does not fit argument #0: expected float32 tensor of shape 1x4, got float32 tensor of shape 1x5
// EMPTY: error: 'func.func' op calibration directory '{{.*}}empty' holds neither input_0.npy nor sample directories
// NOINPUT: error: 'func.func' op calibration sample '{{.*}}s0' has no '{{.*}}input_0.npy'
// PERCENTILE: error: 'func.func' op quantize: percentile must be in (0, 100], got 0
// REPORT: error: 'func.func' op cannot write the quantization report '{{.*}}r.json'
