// ipu-run's errors around the simulator (issue 5, item 9): the LLVM
// backend's message, simulator-only options with the interpreter, a .ipub
// given to the interpreter, tile IR given to the simulator, wrong and
// missing inputs of a .ipub, a truncated .ipub, bad option values.
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/out
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 2x8 1
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/wrong.npy 2x4 2
// RUN: ipu-compile %s -o %t/ok.ipub --target test-4x4 --calibration %t/calib -q 2>/dev/null
// RUN: ipu-compile %s -o %t/tile.mlir --emit=tile --target test-4x4 --calibration %t/calib -q 2>/dev/null
// RUN: ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy -o %t/out | FileCheck %s --check-prefix=OK
// OK: output 0: float32 2x4

// RUN: not ipu-run %s --backend=llvm --input 0=%t/calib/s0/input_0.npy 2>&1 | FileCheck %s --check-prefix=LLVM
// LLVM: ipu-run: error: --backend=llvm: the LLVM host backend is not built yet; use interp or ipu
// RUN: not ipu-run %s --backend=gpu 2>&1 | FileCheck %s --check-prefix=BACKEND
// BACKEND: ipu-run: error: unknown backend 'gpu' (interp, ipu or llvm)

// RUN: not ipu-run %t/tile.mlir --input 0=%t/calib/s0/input_0.npy --report 2>&1 | FileCheck %s --check-prefix=INTERP
// RUN: not ipu-run %t/tile.mlir --input 0=%t/calib/s0/input_0.npy --report=json 2>&1 | FileCheck %s --check-prefix=INTERP
// RUN: not ipu-run %t/tile.mlir --input 0=%t/calib/s0/input_0.npy --backend=interp --inferences 2 2>&1 | FileCheck %s --check-prefix=INTERP
// INTERP: ipu-run: error: --report, --inferences, --adc-bits and --weight-noise need --backend=ipu
// RUN: not ipu-run %t/ok.ipub --backend=interp --input 0=%t/calib/s0/input_0.npy 2>&1 | FileCheck %s --check-prefix=IPUB
// IPUB: ipu-run: error: '{{.*}}ok.ipub' is a .ipub binary: it runs on the simulated chip (--backend=ipu)
// RUN: not ipu-run %t/tile.mlir --backend=ipu --input 0=%t/calib/s0/input_0.npy 2>&1 | FileCheck %s --check-prefix=TILE
// TILE: tile.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'tile.array' op cannot be emitted into a .ipub binary (only hw.tile, hw.host and hw.route ops may be at module level: run tile-to-hw first)

// RUN: not ipu-run %t/ok.ipub --input 0=%t/wrong.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: ipu-run: error: input '0' ({{.*}}wrong.npy) for input 0: expected float32 2x8, got float32 2x4
// RUN: not ipu-run %t/ok.ipub 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: ipu-run: error: missing input 0 (give --input 0=FILE)
// RUN: not ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy --input 1=%t/wrong.npy 2>&1 | FileCheck %s --check-prefix=EXTRA
// EXTRA: ipu-run: error: input '1' names no input of the binary (it has 1)
// RUN: not ipu-run %t/nosuch.ipub 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: ipu-run: error: could not open input file '{{.*}}nosuch.ipub': No such file or directory
// RUN: head -c 100 %t/ok.ipub > %t/cut.ipub
// RUN: not ipu-run %t/cut.ipub --input 0=%t/calib/s0/input_0.npy 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: cut.ipub: error: byte {{[0-9]+}}: {{.*}}(truncated or damaged)

// RUN: not ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy --inferences 0 2>&1 | FileCheck %s --check-prefix=INF
// INF: ipu-run: error: --inferences expects a whole number from 1 to 1000000, got '0'
// RUN: not ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy --adc-bits 99 2>&1 | FileCheck %s --check-prefix=ADC
// ADC: ipu-run: error: --adc-bits expects a whole number from 1 to 32, got '99'
// RUN: not ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy --weight-noise -1 2>&1 | FileCheck %s --check-prefix=NOISE
// NOISE: ipu-run: error: --weight-noise expects a non-negative number, got '-1'
// RUN: not ipu-run %t/ok.ipub --input 0=%t/calib/s0/input_0.npy --report=xml 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: ipu-run: error: unknown option '--report=xml'

func.func @main(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = hl.constant {value = dense<[[0.1, -0.2, 0.3, 0.4], [0.5, 0.6, -0.7, 0.8], [0.9, 1.0, 1.1, -1.2], [1.3, -1.4, 1.5, 1.6], [-0.1, 0.2, 0.3, 0.4], [0.5, -0.6, 0.7, 0.8], [0.9, 1.0, -1.1, 1.2], [1.3, 1.4, 1.5, -1.6]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %0 = hl.gemm %x, %w : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
