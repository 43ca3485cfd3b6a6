// ipu-compile must print the notes of its errors, e.g. plan-memory's
// memory map, also for an error located at a whole file (no line: every
// location of an ONNX model, and here the module's), which the tools'
// printer shows as FILE: error: (it once dropped the notes there).
// RUN: rm -rf %t && mkdir -p %t/calib/s0
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 4096x16 1
// RUN: not ipu-compile %S/Inputs/sram-overflow.mlir -o %t/x.ipub --target %S/../Transforms/Inputs/grid-2x2.ir --calibration %t/calib -q 2>&1 | FileCheck %s
// CHECK: error: 'hw.tile' op tile (0, 0, 0) needs 196608 bytes of SRAM but has 65536
// CHECK: note: memory map
