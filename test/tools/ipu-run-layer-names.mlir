// ipu-run --report names each layer in its energy table by the name
// locations fused into it (the ONNX nodes), joined by " + ", not by the
// whole location; the JSON report keeps the whole location.
// RUN: rm -rf %t && mkdir -p %t/calib/s0
// RUN: python3 %S/../Transforms/Inputs/rand_npy.py %t/calib/s0/input_0.npy 4x8 1
// RUN: ipu-compile %s --target test-4x4 --calibration %t/calib -q -o %t/m.ipub
// RUN: ipu-run %t/m.ipub --input 0=%t/calib/s0/input_0.npy --report | FileCheck %s
// RUN: ipu-run %t/m.ipub --input 0=%t/calib/s0/input_0.npy --report=json | FileCheck %s --check-prefix=JSON
// CHECK: Energy per layer
// CHECK: MACs  MatMul_0 + Relu_1{{$}}
// JSON: "name": "loc(fused[\"MatMul_0\"(\"model.onnx\":0:0), \"Relu_1\"(\"model.onnx\":0:0)])"

func.func @main(%x: tensor<4x8xf32>) -> tensor<4x4xf32> {
  %w = hl.constant {value = dense<[[0.5, -0.25, 0.125, 1.0], [0.1, 0.2, 0.3, 0.4], [-0.5, 0.25, -0.125, -1.0], [0.9, -0.8, 0.7, -0.6], [0.5, -0.25, 0.125, 1.0], [0.1, 0.2, 0.3, 0.4], [-0.5, 0.25, -0.125, -1.0], [0.9, -0.8, 0.7, -0.6]]> : tensor<8x4xf32>} : tensor<8x4xf32>
  %y = hl.matmul %x, %w : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32> loc("MatMul_0"("model.onnx":0:0))
  %r = hl.relu %y : tensor<4x4xf32> loc("Relu_1"("model.onnx":0:0))
  return %r : tensor<4x4xf32>
}
