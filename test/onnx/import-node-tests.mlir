// ONNX's own node test models (Debian's libonnx-testdata) import.
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding/model.onnx | FileCheck %s --check-prefix=CONV
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_gemm_all_attributes/model.onnx | ipu-opt | FileCheck %s --check-prefix=GEMM
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_relu/model.onnx | FileCheck %s --check-prefix=RELU
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_maxpool_2d_same_upper/model.onnx | FileCheck %s --check-prefix=MAXPOOL

// CONV: hl.conv2d %arg0, %arg1 {{{.*}}pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x1x7x5xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x3xf32>
// GEMM: hl.gemm %arg0, %arg1, %arg2 {alpha = 2.500000e-01 : f32, beta = 3.500000e-01 : f32, trans_a = true, trans_b = true}
// RELU: hl.relu %arg0 : tensor<3x4x5xf32>
// MAXPOOL: hl.maxpool %arg0 {{{.*}}kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>{{.*}}} : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>

// Inputs that carry parameters (starts, axes...) fold when --input-value
// gives them, as the conformance driver does with test_data_set_0.
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_slice/model.onnx --input-value starts=/usr/share/libonnx-testdata/data/node/test_slice/test_data_set_0/input_1.pb --input-value ends=/usr/share/libonnx-testdata/data/node/test_slice/test_data_set_0/input_2.pb --input-value axes=/usr/share/libonnx-testdata/data/node/test_slice/test_data_set_0/input_3.pb --input-value steps=/usr/share/libonnx-testdata/data/node/test_slice/test_data_set_0/input_4.pb | FileCheck %s --check-prefix=SLICE
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_unsqueeze_two_axes/model.onnx --input-value axes=/usr/share/libonnx-testdata/data/node/test_unsqueeze_two_axes/test_data_set_0/input_1.pb | ipu-opt | FileCheck %s --check-prefix=UNSQ
// RUN: not ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_slice/model.onnx 2>&1 | FileCheck %s --check-prefix=NOVALUE

// SLICE: func.func @main(%arg0: tensor<20x10x5xf32> {onnx.name = "x"}) -> (tensor<3x10x5xf32> {onnx.name = "y"})
// SLICE: hl.slice %arg0 {axes = array<i64: 0, 1>, ends = array<i64: 3, 10>, starts = array<i64: 0, 0>, steps = array<i64: 1, 1>}
// UNSQ: func.func @main(%arg0: tensor<3x4x5xf32> {onnx.name = "x"}) -> (tensor<3x1x4x5x1xf32> {onnx.name = "y"})
// UNSQ: hl.reshape %arg0 {shape = array<i64: 3, 1, 4, 5, 1>}
// NOVALUE: error: Slice node: starts, ends, axes and steps must be constants

// 1-D pools become 2-D ones of unit height; ConvTranspose's output_shape
// becomes pads and output padding; scalar zero points become 1-D.
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_maxpool_1d_default/model.onnx | ipu-opt | FileCheck %s --check-prefix=POOL1D
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_convtranspose_output_shape/model.onnx | FileCheck %s --check-prefix=CONVT
// RUN: ipu-translate --import-onnx /usr/share/libonnx-testdata/data/node/test_quantizelinear/model.onnx --input-value y_scale=/usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/input_1.pb --input-value y_zero_point=/usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/input_2.pb | ipu-opt | FileCheck %s --check-prefix=QUANT

// POOL1D: hl.reshape %arg0 {shape = array<i64: 1, 3, 1, 32>}
// POOL1D: hl.maxpool {{.*}}kernel_shape = array<i64: 1, 2>
// POOL1D: hl.reshape {{.*}}{shape = array<i64: 1, 3, 31>}
// CONVT: hl.conv_transpose {{.*}}output_padding = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 3, 2>} {{.*}} -> tensor<1x2x10x8xf32>
// QUANT: hl.quantize %arg0 {scale = array<f32: 2.000000e+00>, zero_point = dense<128> : tensor<1xui8>} : (tensor<6xf32>) -> tensor<6xui8>
