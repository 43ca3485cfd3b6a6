// The ONNX importer on small hand-made models (Inputs/make_models.py): conv
// with auto_pad resolved to explicit pads, pools, Gemm, Softmax, Clip in
// both opset forms; the output parses back and verifies with ipu-opt.
// RUN: ipu-translate --import-onnx %S/Inputs/conv_same.onnx | FileCheck %s --check-prefix=CONV
// RUN: ipu-translate --import-onnx %S/Inputs/conv_same.onnx | ipu-opt | FileCheck %s --check-prefix=CONV
// RUN: ipu-translate --import-onnx %S/Inputs/conv_same.onnx --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC
// RUN: ipu-translate --import-onnx %S/Inputs/pool_gemm.onnx | FileCheck %s --check-prefix=POOL
// RUN: ipu-translate --import-onnx %S/Inputs/clip7.onnx | FileCheck %s --check-prefix=CLIP
// RUN: ipu-translate --import-onnx %S/Inputs/clip13.onnx | FileCheck %s --check-prefix=CLIP13
// RUN: ipu-translate --import-onnx %S/Inputs/pool_gemm.onnx --mlir-print-op-generic | ipu-opt --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CONV: func.func @main(%arg0: tensor<1x3x9x10xf32> {onnx.name = "x"}) -> (tensor<1x4x5x5xf32> {onnx.name = "y"})
// CONV: hl.constant {value = dense<5.000000e-01> : tensor<4x3x3x3xf32>}
// CONV: hl.conv2d %arg0, %0, %1 {{{.*}}pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>}
// CONV: hl.relu
// CONV: return

// LOC: hl.conv2d {{.*}} loc("conv1"("{{.*}}conv_same.onnx":0:0))
// LOC: hl.relu {{.*}} loc("relu1"(

// POOL: hl.maxpool %arg0 {{{.*}}kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>}
// POOL: hl.global_avgpool
// POOL: hl.flatten {{.*}}{axis = 1 : i64}
// POOL: hl.gemm {{.*}}{alpha = 5.000000e-01 : f32, trans_b = true}
// POOL: hl.softmax {{.*}}{axis = 1 : i64} : tensor<1x5xf32>

// CLIP: hl.clip %arg0 {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<2x3xf32>
// CLIP13: hl.clip %arg0 {max = 1.000000e+00 : f32, min = -1.000000e+00 : f32} : tensor<2x3xf32>

// GENERIC: "func.func"()
// GENERIC: "hl.maxpool"(%arg0)
// GENERIC: "hl.gemm"
