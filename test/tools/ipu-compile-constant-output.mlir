// A network with a constant output (ONNX Shape and Size fold to one) must
// compile and run through .ipub. Known bug: hl-to-tile leaves the
// hl.constant in the function outside any tile.host and tile-to-hw rejects
// it ("'hl.constant' op cannot be lowered to hw"); the ONNX node cases
// test_shape* and test_size* fail so. XFAIL until fixed.
// XFAIL: *
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/out
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 3x4 1
// RUN: ipu-compile %s -o %t/c.ipub --target test-4x4 --calibration %t/calib -q
// RUN: ipu-run %t/c.ipub --input 0=%t/calib/s0/input_0.npy -o %t/out | FileCheck %s
// CHECK: output 0: int64 2

func.func @main(%x: tensor<3x4xf32>) -> tensor<2xi64> {
  %c = hl.constant {value = dense<[3, 4]> : tensor<2xi64>} : tensor<2xi64>
  return %c : tensor<2xi64>
}
