// Importer paths of the ops added for ONNX conformance; the models come
// from Inputs/make_models_axis_ops.py and ONNX's own node tests.
// RUN: ipu-translate --import-onnx %S/Inputs/logsoftmax11.onnx | ipu-opt | FileCheck %s --check-prefix=LSM11
// RUN: ipu-translate --import-onnx %S/Inputs/split11.onnx | ipu-opt | FileCheck %s --check-prefix=SPLIT11
// RUN: ipu-translate --import-onnx %S/Inputs/range_neg.onnx | ipu-opt | FileCheck %s --check-prefix=RANGE
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_gather_negative_indices/model.onnx | FileCheck %s --check-prefix=GATHER
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_depthtospace_crd_mode_example/model.onnx | FileCheck %s --check-prefix=D2S
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_spacetodepth_example/model.onnx | FileCheck %s --check-prefix=S2D
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_size_example/model.onnx | FileCheck %s --check-prefix=SIZE
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_layer_normalization_2d_axis0/model.onnx | FileCheck %s --check-prefix=LN
// RUN: not ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_expand_dim_changed/model.onnx 2>&1 | FileCheck %s --check-prefix=EXPAND
// RUN: not ipu-translate --import-onnx %S/Inputs/depthtospace_bad_mode.onnx 2>&1 | FileCheck %s --check-prefix=D2SMODE

// Before opset 13: flatten at the axis, the op on axis 1, reshape back.
// LSM11:      %0 = hl.flatten %arg0 {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
// LSM11-NEXT: %1 = hl.log_softmax %0 {axis = 1 : i64} : tensor<2x12xf32>
// LSM11-NEXT: %2 = hl.reshape %1 {shape = array<i64: 2, 3, 4>} : (tensor<2x12xf32>) -> tensor<2x3x4xf32>
// LSM11-NEXT: %3 = hl.flatten %arg0 {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
// LSM11-NEXT: %4 = hl.hardmax %3 {axis = 1 : i64} : tensor<2x12xf32>
// LSM11-NEXT: %5 = hl.reshape %4

// Split becomes one hl.slice per output.
// SPLIT11:      hl.slice %arg0 {axes = array<i64: 1>, ends = array<i64: 1>, starts = array<i64: 0>} : (tensor<2x4xf32>) -> tensor<2x1xf32>
// SPLIT11-NEXT: hl.slice %arg0 {axes = array<i64: 1>, ends = array<i64: 4>, starts = array<i64: 1>} : (tensor<2x4xf32>) -> tensor<2x3xf32>
// SPLIT11-NEXT: hl.slice %arg0 {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 0>} : (tensor<2x4xf32>) -> tensor<2x2xf32>
// SPLIT11-NEXT: hl.slice %arg0 {axes = array<i64: 1>, ends = array<i64: 4>, starts = array<i64: 2>} : (tensor<2x4xf32>) -> tensor<2x2xf32>

// Range on constants and Neg of a known shape fold at import.
// RANGE:      %0 = hl.reshape %arg0 {shape = array<i64: 6>} : (tensor<2x3xf32>) -> tensor<6xf32>
// RANGE-NEXT: %1 = hl.constant {value = dense<[10, 8, 6]> : tensor<3xi64>} : tensor<3xi64>
// RANGE-NEXT: return %1, %0

// Gather on runtime data and indices is hl.gather.
// GATHER: hl.gather %arg0, %arg1 {axis = 0 : i64} : (tensor<10xf32>, tensor<3xi64>) -> tensor<3xf32>

// DepthToSpace / SpaceToDepth: reshape to 6-D, transpose, reshape back.
// D2S:      hl.reshape %arg0 {shape = array<i64: 1, 2, 2, 2, 2, 3>}
// D2S-NEXT: hl.transpose %0 {perm = array<i64: 0, 1, 4, 2, 5, 3>}
// D2S-NEXT: hl.reshape %1 {shape = array<i64: 1, 2, 4, 6>}
// S2D:      hl.reshape %arg0 {shape = array<i64: 1, 1, 2, 2, 3, 2>}
// S2D-NEXT: hl.transpose %0 {perm = array<i64: 0, 3, 5, 1, 2, 4>}
// S2D-NEXT: hl.reshape %1 {shape = array<i64: 1, 4, 2, 3>}

// SIZE: %0 = hl.constant {value = dense<6> : tensor<i64>} : tensor<i64>

// LN: %0:3 = hl.layer_norm %arg0, %arg1, %arg2 {axis = 0 : i64, epsilon = 9.99999974E-6 : f32}

// Expand's shape must be known at import.
// EXPAND: error: Expand node: input 1 must be known at import

// D2SMODE: depthtospace_bad_mode.onnx: error: node 'd2s' (DepthToSpace): mode must be "DCR" or "CRD", got "XYZ"
