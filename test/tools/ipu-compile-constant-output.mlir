// A network with a constant output (ONNX Shape and Size fold to one) must
// compile and run through .ipub: hl-to-tile gives the returned constant a
// copy in a tile.host region, so the host makes that output as it makes
// every other (it once stayed outside any unit and tile-to-hw rejected it:
// "'hl.constant' op cannot be lowered to hw").
// RUN: rm -rf %t && mkdir -p %t/calib/s0 %t/out %t/ref
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 3x4 1
// RUN: ipu-compile %s -o %t/c.ipub --target test-4x4 --calibration %t/calib -q
// RUN: ipu-run %t/c.ipub --input 0=%t/calib/s0/input_0.npy -o %t/out | FileCheck %s
// RUN: ipu-run %s --input 0=%t/calib/s0/input_0.npy -o %t/ref
// RUN: ipu-run %t/c.ipub --input 0=%t/calib/s0/input_0.npy --expect 0=%t/ref/output_0.npy --atol 0 --rtol 0 | FileCheck %s --check-prefix=EXACT
// CHECK: output 0: int64 2
// EXACT: output 0: max abs error 0{{.*}}: ok

func.func @main(%x: tensor<3x4xf32>) -> tensor<2xi64> {
  %c = hl.constant {value = dense<[3, 4]> : tensor<2xi64>} : tensor<2xi64>
  return %c : tensor<2xi64>
}
