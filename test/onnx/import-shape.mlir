// Shape arithmetic (Shape, Gather, Unsqueeze, Concat) folds at import once
// --input-shape fixes the dynamic batch dim; large initializers become
// dense_resource blobs; Slice with attributes (opset 9).
// RUN: ipu-translate --import-onnx %S/Inputs/shape_reshape.onnx --input-shape x=2x2x3x4 | FileCheck %s --check-prefix=SHAPE
// RUN: ipu-translate --import-onnx %S/Inputs/shape_reshape.onnx --input-shape x=5x2x3x4 | ipu-opt | FileCheck %s --check-prefix=SHAPE5
// RUN: ipu-translate --import-onnx %S/Inputs/large_init.onnx -o %t.ir && ipu-opt %t.ir | FileCheck %s --check-prefix=LARGE
// RUN: ipu-translate --import-onnx %S/Inputs/large_init.onnx --resource-threshold 1000000 | FileCheck %s --check-prefix=SMALL

// SHAPE: func.func @main(%arg0: tensor<2x2x3x4xf32> {onnx.name = "x"}) -> (tensor<2x24xf32> {onnx.name = "y"})
// SHAPE-NEXT: hl.reshape %arg0 {shape = array<i64: 2, 24>}
// SHAPE-NEXT: return
// SHAPE5: hl.reshape %arg0 {shape = array<i64: 5, 24>}

// LARGE: hl.constant {value = dense_resource<big_weight> : tensor<129x128xf32>}
// LARGE: hl.matmul
// LARGE: hl.constant {value = dense<2.500000e-01> : tensor<1x128xf32>}
// LARGE: hl.slice {{.*}}{axes = array<i64: 0, 1>, ends = array<i64: 2, 10>, starts = array<i64: 0, 2>} : (tensor<4x128xf32>) -> tensor<2x8xf32>
// LARGE: dialect_resources
// LARGE: big_weight: "0x40000000

// SMALL-NOT: dense_resource
// SMALL: hl.constant {value = dense<"0x
