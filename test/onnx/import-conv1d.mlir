// 1-D ConvTranspose imports as a 2-D hl.conv_transpose of unit height
// between reshapes, its attributes extended with the neutral values for
// the height; the model, its inputs and the expected outputs (computed from
// ONNX's definition; ONNX Runtime 1.30 gives the same) come from
// Inputs/make_models_conv1d.py.
// RUN: ipu-translate --import-onnx %S/Inputs/convtranspose_1d.onnx | FileCheck %s
// RUN: ipu-translate --import-onnx %S/Inputs/convtranspose_1d.onnx | ipu-opt | FileCheck %s
// RUN: ipu-translate --import-onnx %S/Inputs/convtranspose_1d.onnx -o %t.ir
// RUN: ipu-run %t.ir --input x1=%S/Inputs/convtranspose_1d_x1.npy --input x2=%S/Inputs/convtranspose_1d_x2.npy --input x3=%S/Inputs/convtranspose_1d_x3.npy --expect y1=%S/Inputs/convtranspose_1d_y1.npy --expect y2=%S/Inputs/convtranspose_1d_y2.npy --expect y3=%S/Inputs/convtranspose_1d_y3.npy --rtol 0 --atol 1e-6 | FileCheck %s --check-prefix=NUM
// RUN: not ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_convtranspose_3d/model.onnx 2>&1 | FileCheck %s --check-prefix=ERR3D

// Strides, dilations, two groups, asymmetric pads, output padding, a bias.
// CHECK:      %[[W1:.*]] = hl.constant {{.*}} : tensor<4x3x3xf32>
// CHECK:      %[[B1:.*]] = hl.constant {{.*}} : tensor<6xf32>
// CHECK-NEXT: %[[X1:.*]] = hl.reshape %arg0 {shape = array<i64: 1, 4, 1, 5>} : (tensor<1x4x5xf32>) -> tensor<1x4x1x5xf32>
// CHECK-NEXT: %[[W14:.*]] = hl.reshape %[[W1]] {shape = array<i64: 4, 3, 1, 3>} : (tensor<4x3x3xf32>) -> tensor<4x3x1x3xf32>
// CHECK-NEXT: %[[Y14:.*]] = hl.conv_transpose %[[X1]], %[[W14]], %[[B1]] {dilations = array<i64: 1, 2>, groups = 2 : i64, output_padding = array<i64: 0, 1>, pads = array<i64: 0, 1, 0, 2>, strides = array<i64: 1, 2>} : (tensor<1x4x1x5xf32>, tensor<4x3x1x3xf32>, tensor<6xf32>) -> tensor<1x6x1x11xf32>
// CHECK-NEXT: %[[Y1:.*]] = hl.reshape %[[Y14]] {shape = array<i64: 1, 6, 11>} : (tensor<1x6x1x11xf32>) -> tensor<1x6x11xf32>

// output_shape 10 where the input gives 11: one column of padding, at the
// beginning.
// CHECK:      hl.conv_transpose {{.*}}output_padding = array<i64: 0, 0>, pads = array<i64: 0, 1, 0, 0>, strides = array<i64: 1, 3>} : (tensor<2x1x1x4xf32>, tensor<1x2x1x2xf32>) -> tensor<2x2x1x10xf32>
// CHECK-NEXT: %[[Y2:.*]] = hl.reshape {{.*}} -> tensor<2x2x10xf32>

// auto_pad SAME_UPPER: the odd padding goes at the end.
// CHECK:      hl.conv_transpose {{.*}}pads = array<i64: 0, 0, 0, 1>, strides = array<i64: 1, 2>} : (tensor<1x1x1x3xf32>, tensor<1x1x1x3xf32>) -> tensor<1x1x1x6xf32>
// CHECK-NEXT: %[[Y3:.*]] = hl.reshape {{.*}} -> tensor<1x1x6xf32>
// CHECK-NEXT: return %[[Y1]], %[[Y2]], %[[Y3]]

// NUM-COUNT-3: max abs error 0, max rel error 0: ok

// ERR3D: error: ConvTranspose node{{.*}}: only 1-D and 2-D transposed convolutions are supported
