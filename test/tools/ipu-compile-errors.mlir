// ipu-compile's errors (issue 5, item 9): missing calibration, bad target,
// bad option values, unknown and unparsable input files. The function
// below compiles (first RUN lines), so each error is the flag's alone.
// RUN: rm -rf %t && mkdir -p %t/calib/s0
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 2x8 1
// RUN: ipu-compile %s -o %t/ok.ipub --target test-4x4 --calibration %t/calib -q 2>/dev/null
// RUN: ipu-compile %s -o %t/ok.ipub --target test-4x4 --calibration %t/calib/s0/input_0.npy -q 2>/dev/null

// RUN: not ipu-compile %s -o %t/x.ipub --target test-4x4 2>&1 | FileCheck %s --check-prefix=NOCALIB
// NOCALIB: ipu-compile: error: quantization needs calibration inputs: give --calibration DIR
// RUN: not ipu-compile %s -o %t/x.ipub --target test-4x4 --calibration %t/nosuch -q 2>&1 | FileCheck %s --check-prefix=CALIBDIR
// CALIBDIR: error: 'func.func' op calibration input '{{.*}}nosuch' does not exist
// RUN: not ipu-compile %s -o %t/x.ipub --target test-4x4 --calibration %s -q 2>&1 | FileCheck %s --check-prefix=CALIBNPY
// CALIBNPY: error: 'func.func' op cannot read calibration input: {{.*}}: not a .npy file

// RUN: not ipu-compile %s -o %t/x.ipub --target nosuch --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: ipu-compile: error: unknown target 'nosuch' (known: test-4x4, m1076)
// RUN: not ipu-compile %s -o %t/x.ipub --target %t/nosuch.target --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=TARGETFILE
// TARGETFILE: ipu-compile: error: cannot open target file '{{.*}}nosuch.target': No such file or directory

// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --min-cosine 2 2>&1 | FileCheck %s --check-prefix=COSINE
// COSINE: ipu-compile: error: --min-cosine expects a number in [0, 1], got '2'
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --min-cosine abc 2>&1 | FileCheck %s --check-prefix=COSINE2
// COSINE2: ipu-compile: error: --min-cosine expects a number in [0, 1], got 'abc'
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --emit=llvm 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: ipu-compile: error: --emit expects ipub, hw or tile, got 'llvm'
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --effort -1 2>&1 | FileCheck %s --check-prefix=EFFORT
// EFFORT: ipu-compile: error: --effort expects a whole number >= 0, got '-1'
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --seed x 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: ipu-compile: error: --seed expects a whole number >= 0, got 'x'
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --input-shape x 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: ipu-compile: error: bad --input-shape 'x' (expected NAME=1x3x48x192)
// RUN: not ipu-compile %s -o %t/x.ipub --calibration %t/calib --report=xml 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: ipu-compile: error: unknown option '--report=xml'
// REPORT: usage: ipu-compile
// RUN: not ipu-compile %s --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=NOOUT
// NOOUT: ipu-compile: error: no output given (-o FILE)

// RUN: not ipu-compile %t/nosuch.mlir -o %t/x.ipub --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: ipu-compile: error: could not open input file '{{.*}}nosuch.mlir': No such file or directory
// RUN: not ipu-compile %t/nosuch.onnx -o %t/x.ipub --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=NOONNX
// NOONNX: nosuch.onnx: error: cannot open: No such file or directory
// RUN: printf 'module {\n  func.func @f() -> i32 {\n' > %t/bad.mlir
// RUN: not ipu-compile %t/bad.mlir -o %t/x.ipub --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: bad.mlir:{{[0-9]+}}:{{[0-9]+}}: error:
// RUN: printf 'not a model' > %t/bad.onnx
// RUN: not ipu-compile %t/bad.onnx -o %t/x.ipub --calibration %t/calib 2>&1 | FileCheck %s --check-prefix=BADONNX
// BADONNX: bad.onnx: error: damaged or not an ONNX model

// The network does not fit the target: too many arrays (place), too much
// SRAM on a tile (plan-memory).
// RUN: mkdir -p %t/calib16/s0 %t/calib4096/s0
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib16/s0/input_0.npy 2x16 1
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib4096/s0/input_0.npy 4096x16 1
// RUN: not ipu-compile %S/Inputs/too-many-arrays.mlir -o %t/x.ipub --target %S/../Transforms/Inputs/grid-2x2.ir --calibration %t/calib16 -q 2>&1 | FileCheck %s --check-prefix=ARRAYS
// ARRAYS: error: 'tile.array' op the network needs 5 arrays but target 'grid-2x2' has 4 tiles (1 chip(s) x 2 x 2, one array each)
// RUN: not ipu-compile %S/Inputs/sram-overflow.mlir -o %t/x.ipub --target %S/../Transforms/Inputs/grid-2x2.ir --calibration %t/calib4096 -q 2>&1 | FileCheck %s --check-prefix=SRAM
// SRAM: error: 'hw.tile' op tile (0, 0, 0) needs 196608 bytes of SRAM but has 65536

// Nothing is written when compilation fails.
// RUN: test ! -e %t/x.ipub

func.func @main(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = hl.constant {value = dense<[[0.1, -0.2, 0.3, 0.4], [0.5, 0.6, -0.7, 0.8], [0.9, 1.0, 1.1, -1.2], [1.3, -1.4, 1.5, 1.6], [-0.1, 0.2, 0.3, 0.4], [0.5, -0.6, 0.7, 0.8], [0.9, 1.0, -1.1, 1.2], [1.3, 1.4, 1.5, -1.6]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %0 = hl.gemm %x, %w : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
