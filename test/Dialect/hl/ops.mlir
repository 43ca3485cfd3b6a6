// Round trip of every hl op in the uniform short form and the generic
// form, including the generic form through MLIR's own mlir-opt.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | mlir-opt --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt | FileCheck %s


// CHECK-LABEL: func.func @constants() -> (tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>) {
// CHECK-NEXT:    %0 = hl.constant {value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
// CHECK-NEXT:    %1 = hl.constant {value = dense<7> : tensor<4xi32>} : tensor<4xi32>
// CHECK-NEXT:    %2 = hl.constant {ipu.name = "w", value = dense<{{\[\[}}1, -2], [3, -4]]> : tensor<2x2xi8>} : tensor<2x2xi8>
// CHECK-NEXT:    %3 = hl.constant {value = dense_resource<blob> : tensor<2xi32>} : tensor<2xi32>
// CHECK-NEXT:    return %0, %1, %2, %3 : tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>
// GENERIC-LABEL: sym_name = "constants"
// GENERIC:        %{{.*}} = "hl.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
// GENERIC:        %{{.*}} = "hl.constant"() <{value = dense<7> : tensor<4xi32>}> : () -> tensor<4xi32>
// GENERIC:        %{{.*}} = "hl.constant"() <{value = dense<{{\[\[}}1, -2], [3, -4]]> : tensor<2x2xi8>}> {ipu.name = "w"} : () -> tensor<2x2xi8>
// GENERIC:        %{{.*}} = "hl.constant"() <{value = dense_resource<blob> : tensor<2xi32>}> : () -> tensor<2xi32>
func.func @constants() -> (tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>) {
  %0 = hl.constant {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %1 = hl.constant {value = dense<7> : tensor<4xi32>} : tensor<4xi32>
  %2 = hl.constant {value = dense<[[1, -2], [3, -4]]> : tensor<2x2xi8>, ipu.name = "w"} : tensor<2x2xi8>
  %3 = "hl.constant"() <{value = dense_resource<blob> : tensor<2xi32>}> : () -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<4xi32>, tensor<2x2xi8>, tensor<2xi32>
}

// CHECK-LABEL: func.func @unary(%arg0: tensor<2x3xf32>, %arg1: tensor<4xi8>, %arg2: tensor<*xf32>) {
// CHECK-NEXT:    %0 = hl.neg %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %1 = hl.abs %arg1 : tensor<4xi8>
// CHECK-NEXT:    %2 = hl.sqrt %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %3 = hl.exp %arg2 : tensor<*xf32>
// CHECK-NEXT:    %4 = hl.log %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %5 = hl.relu %arg1 {ipu.tag} : tensor<4xi8>
// CHECK-NEXT:    %6 = hl.leaky_relu %arg0 {alpha = 2.000000e-01 : f32} : tensor<2x3xf32>
// CHECK-NEXT:    %7 = hl.leaky_relu %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %8 = hl.clip %arg0 {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<2x3xf32>
// CHECK-NEXT:    %9 = hl.clip %arg1 {max = 1.000000e+02 : f32} : tensor<4xi8>
// CHECK-NEXT:    %10 = hl.sigmoid %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %11 = hl.tanh %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %12 = hl.hard_sigmoid %arg0 {alpha = 2.500000e-01 : f32} : tensor<2x3xf32>
// CHECK-NEXT:    %13 = hl.hard_swish %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %14 = hl.softmax %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    %15 = hl.softmax %arg0 {axis = -2 : i64} : tensor<2x3xf32>
// CHECK-NEXT:    %16 = hl.identity %arg1 : tensor<4xi8>
// CHECK-NEXT:    %17 = hl.dropout %arg0 {ratio = 2.500000e-01 : f32} : tensor<2x3xf32>
// CHECK-NEXT:    %18 = hl.cast %arg0 {to = f16} : (tensor<2x3xf32>) -> tensor<2x3xf16>
// CHECK-NEXT:    %19 = hl.cast %arg1 {to = i1} : (tensor<4xi8>) -> tensor<4xi1>
// CHECK-NEXT:    %20 = hl.cast %arg2 {to = i32} : (tensor<*xf32>) -> tensor<*xi32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "unary"
// GENERIC:        %{{.*}} = "hl.neg"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.abs"(%{{.*}}) : (tensor<4xi8>) -> tensor<4xi8>
// GENERIC:        %{{.*}} = "hl.sqrt"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.exp"(%{{.*}}) : (tensor<*xf32>) -> tensor<*xf32>
// GENERIC:        %{{.*}} = "hl.log"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.relu"(%{{.*}}) {ipu.tag} : (tensor<4xi8>) -> tensor<4xi8>
// GENERIC:        %{{.*}} = "hl.leaky_relu"(%{{.*}}) <{alpha = 2.000000e-01 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.leaky_relu"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.clip"(%{{.*}}) <{max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.clip"(%{{.*}}) <{max = 1.000000e+02 : f32}> : (tensor<4xi8>) -> tensor<4xi8>
// GENERIC:        %{{.*}} = "hl.sigmoid"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.tanh"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.hard_sigmoid"(%{{.*}}) <{alpha = 2.500000e-01 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.hard_swish"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.softmax"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.softmax"(%{{.*}}) <{axis = -2 : i64}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.identity"(%{{.*}}) : (tensor<4xi8>) -> tensor<4xi8>
// GENERIC:        %{{.*}} = "hl.dropout"(%{{.*}}) <{ratio = 2.500000e-01 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.cast"(%{{.*}}) <{to = f16}> : (tensor<2x3xf32>) -> tensor<2x3xf16>
// GENERIC:        %{{.*}} = "hl.cast"(%{{.*}}) <{to = i1}> : (tensor<4xi8>) -> tensor<4xi1>
// GENERIC:        %{{.*}} = "hl.cast"(%{{.*}}) <{to = i32}> : (tensor<*xf32>) -> tensor<*xi32>
func.func @unary(%a: tensor<2x3xf32>, %i: tensor<4xi8>, %u: tensor<*xf32>) {
  %0 = hl.neg %a : tensor<2x3xf32>
  %1 = hl.abs %i : tensor<4xi8>
  %2 = hl.sqrt %a : tensor<2x3xf32>
  %3 = hl.exp %u : tensor<*xf32>
  %4 = hl.log %a : tensor<2x3xf32>
  %5 = hl.relu %i {ipu.tag} : tensor<4xi8>
  %6 = hl.leaky_relu %a {alpha = 0.2 : f32} : tensor<2x3xf32>
  %7 = hl.leaky_relu %a : tensor<2x3xf32>
  %8 = hl.clip %a {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x3xf32>
  %9 = hl.clip %i {max = 100.0 : f32} : tensor<4xi8>
  %10 = hl.sigmoid %a : tensor<2x3xf32>
  %11 = hl.tanh %a : tensor<2x3xf32>
  %12 = hl.hard_sigmoid %a {alpha = 0.25 : f32} : tensor<2x3xf32>
  %13 = hl.hard_swish %a : tensor<2x3xf32>
  %14 = hl.softmax %a : tensor<2x3xf32>
  %15 = hl.softmax %a {axis = -2} : tensor<2x3xf32>
  %16 = hl.identity %i : tensor<4xi8>
  %17 = hl.dropout %a {ratio = 0.25 : f32} : tensor<2x3xf32>
  %18 = hl.cast %a {to = f16} : (tensor<2x3xf32>) -> tensor<2x3xf16>
  %19 = hl.cast %i {to = i1} : (tensor<4xi8>) -> tensor<4xi1>
  %20 = "hl.cast"(%u) <{to = i32}> : (tensor<*xf32>) -> tensor<*xi32>
  return
}

// CHECK-LABEL: func.func @broadcast(%arg0: tensor<2x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<2x1xf32>, %arg3: tensor<f32>, %arg4: tensor<?x3xf32>, %arg5: tensor<1x1xf32>, %arg6: tensor<*xf32>, %arg7: tensor<4xi32>, %arg8: tensor<4xi64>) {
// CHECK-NEXT:    %0 = hl.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %1 = hl.sub %arg2, %arg1 : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %2 = hl.mul %arg3, %arg0 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %3 = hl.div %arg4, %arg5 : (tensor<?x3xf32>, tensor<1x1xf32>) -> tensor<?x3xf32>
// CHECK-NEXT:    %4 = hl.max %arg4, %arg2 : (tensor<?x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %5 = hl.min %arg6, %arg0 : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xf32>
// CHECK-NEXT:    %6 = hl.pow %arg0, %arg3 : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %7 = hl.pow %arg7, %arg8 : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi32>
// CHECK-NEXT:    %8 = hl.add %arg7, %arg7 : tensor<4xi32>
// CHECK-NEXT:    %9 = hl.mul %arg0, %arg0 {ipu.tag} : tensor<2x3xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "broadcast"
// GENERIC:        %{{.*}} = "hl.add"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.sub"(%{{.*}}, %{{.*}}) : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.mul"(%{{.*}}, %{{.*}}) : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.div"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<1x1xf32>) -> tensor<?x3xf32>
// GENERIC:        %{{.*}} = "hl.max"(%{{.*}}, %{{.*}}) : (tensor<?x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.min"(%{{.*}}, %{{.*}}) : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xf32>
// GENERIC:        %{{.*}} = "hl.pow"(%{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// GENERIC:        %{{.*}} = "hl.pow"(%{{.*}}, %{{.*}}) : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi32>
// GENERIC:        %{{.*}} = "hl.add"(%{{.*}}, %{{.*}}) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
// GENERIC:        %{{.*}} = "hl.mul"(%{{.*}}, %{{.*}}) {ipu.tag} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @broadcast(%a: tensor<2x3xf32>, %row: tensor<3xf32>, %col: tensor<2x1xf32>, %s: tensor<f32>, %d: tensor<?x3xf32>, %one: tensor<1x1xf32>, %u: tensor<*xf32>, %i: tensor<4xi32>, %n: tensor<4xi64>) {
  %0 = hl.add %a, %row : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = hl.sub %col, %row : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = hl.mul %s, %a : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = hl.div %d, %one : (tensor<?x3xf32>, tensor<1x1xf32>) -> tensor<?x3xf32>
  %4 = hl.max %d, %col : (tensor<?x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %5 = hl.min %u, %a : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  %6 = hl.pow %a, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %7 = hl.pow %i, %n : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi32>
  %8 = hl.add %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %9 = "hl.mul"(%a, %a) {ipu.tag} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @conv(%arg0: tensor<1x3x48x192xf32>, %arg1: tensor<16x3x3x3xf32>, %arg2: tensor<16xf32>, %arg3: tensor<16x1x3x3xf32>, %arg4: tensor<?x16x24x96xf32>, %arg5: tensor<1x4x8x8xi8>, %arg6: tensor<8x4x1x1xui8>, %arg7: tensor<8xi32>, %arg8: tensor<1x8x4x4xf32>, %arg9: tensor<8x4x3x3xf32>, %arg10: tensor<4xf32>) {
// CHECK-NEXT:    %0 = hl.conv2d %arg0, %arg1, %arg2 {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
// CHECK-NEXT:    %1 = hl.conv2d %arg0, %arg1 : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x46x190xf32>
// CHECK-NEXT:    %2 = hl.conv2d %arg4, %arg3 {dilations = array<i64: 2, 2>, groups = 16 : i64, pads = array<i64: 2, 2, 2, 2>} : (tensor<?x16x24x96xf32>, tensor<16x1x3x3xf32>) -> tensor<?x16x24x96xf32>
// CHECK-NEXT:    %3 = hl.conv2d %arg0, %arg1 {pads = array<i64: 0, 1, 2, 3>, strides = array<i64: 3, 1>} : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x16x194xf32>
// CHECK-NEXT:    %4 = hl.conv2d %arg5, %arg6, %arg7 : (tensor<1x4x8x8xi8>, tensor<8x4x1x1xui8>, tensor<8xi32>) -> tensor<1x8x8x8xi32>
// CHECK-NEXT:    %5 = hl.conv_transpose %arg8, %arg9, %arg10 {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x9x9xf32>
// CHECK-NEXT:    %6 = hl.conv_transpose %arg8, %arg9 {dilations = array<i64: 1, 2>, groups = 2 : i64, output_padding = array<i64: 1, 0>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 3>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x12xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "conv"
// GENERIC:        %{{.*}} = "hl.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) <{pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
// GENERIC:        %{{.*}} = "hl.conv2d"(%{{.*}}, %{{.*}}) : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x46x190xf32>
// GENERIC:        %{{.*}} = "hl.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 2, 2>, groups = 16 : i64, pads = array<i64: 2, 2, 2, 2>}> : (tensor<?x16x24x96xf32>, tensor<16x1x3x3xf32>) -> tensor<?x16x24x96xf32>
// GENERIC:        %{{.*}} = "hl.conv2d"(%{{.*}}, %{{.*}}) <{pads = array<i64: 0, 1, 2, 3>, strides = array<i64: 3, 1>}> : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x16x194xf32>
// GENERIC:        %{{.*}} = "hl.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x4x8x8xi8>, tensor<8x4x1x1xui8>, tensor<8xi32>) -> tensor<1x8x8x8xi32>
// GENERIC:        %{{.*}} = "hl.conv_transpose"(%{{.*}}, %{{.*}}, %{{.*}}) <{strides = array<i64: 2, 2>}> : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x9x9xf32>
// GENERIC:        %{{.*}} = "hl.conv_transpose"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 2>, groups = 2 : i64, output_padding = array<i64: 1, 0>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 3>}> : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x12xf32>
func.func @conv(%x: tensor<1x3x48x192xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<16xf32>, %dw: tensor<16x1x3x3xf32>, %y: tensor<?x16x24x96xf32>, %qx: tensor<1x4x8x8xi8>, %qw: tensor<8x4x1x1xui8>, %qb: tensor<8xi32>, %t: tensor<1x8x4x4xf32>, %tw: tensor<8x4x3x3xf32>, %tb: tensor<4xf32>) {
  %0 = hl.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
  %1 = hl.conv2d %x, %w : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x46x190xf32>
  %2 = hl.conv2d %y, %dw {dilations = array<i64: 2, 2>, groups = 16, pads = array<i64: 2, 2, 2, 2>} : (tensor<?x16x24x96xf32>, tensor<16x1x3x3xf32>) -> tensor<?x16x24x96xf32>
  %3 = hl.conv2d %x, %w {pads = array<i64: 0, 1, 2, 3>, strides = array<i64: 3, 1>} : (tensor<1x3x48x192xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x16x194xf32>
  %4 = hl.conv2d %qx, %qw, %qb : (tensor<1x4x8x8xi8>, tensor<8x4x1x1xui8>, tensor<8xi32>) -> tensor<1x8x8x8xi32>
  %5 = hl.conv_transpose %t, %tw, %tb {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x9x9xf32>
  %6 = hl.conv_transpose %t, %tw {groups = 2, output_padding = array<i64: 1, 0>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 3>, dilations = array<i64: 1, 2>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x12xf32>
  return
}

// CHECK-LABEL: func.func @matmul(%arg0: tensor<8x1x64x32xf32>, %arg1: tensor<4x32x16xf32>, %arg2: tensor<32xf32>, %arg3: tensor<64x32xf32>, %arg4: tensor<?x32xf32>, %arg5: tensor<2x3xi8>, %arg6: tensor<3x5xi8>, %arg7: tensor<1x1536xf32>, %arg8: tensor<128x1536xf32>, %arg9: tensor<128xf32>, %arg10: tensor<1536x1xf32>, %arg11: tensor<f32>) {
// CHECK-NEXT:    %0 = hl.matmul %arg0, %arg1 : (tensor<8x1x64x32xf32>, tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32>
// CHECK-NEXT:    %1 = hl.matmul %arg2, %arg1 : (tensor<32xf32>, tensor<4x32x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT:    %2 = hl.matmul %arg3, %arg2 : (tensor<64x32xf32>, tensor<32xf32>) -> tensor<64xf32>
// CHECK-NEXT:    %3 = hl.matmul %arg2, %arg2 : (tensor<32xf32>, tensor<32xf32>) -> tensor<f32>
// CHECK-NEXT:    %4 = hl.matmul %arg4, %arg4 : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
// CHECK-NEXT:    %5 = hl.matmul %arg5, %arg6 : (tensor<2x3xi8>, tensor<3x5xi8>) -> tensor<2x5xi32>
// CHECK-NEXT:    %6 = hl.gemm %arg7, %arg8, %arg9 {trans_b = true} : (tensor<1x1536xf32>, tensor<128x1536xf32>, tensor<128xf32>) -> tensor<1x128xf32>
// CHECK-NEXT:    %7 = hl.gemm %arg10, %arg8 {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true} : (tensor<1536x1xf32>, tensor<128x1536xf32>) -> tensor<1x128xf32>
// CHECK-NEXT:    %8 = hl.gemm %arg7, %arg10, %arg11 : (tensor<1x1536xf32>, tensor<1536x1xf32>, tensor<f32>) -> tensor<1x1xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "matmul"
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<8x1x64x32xf32>, tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32>
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<32xf32>, tensor<4x32x16xf32>) -> tensor<4x16xf32>
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<64x32xf32>, tensor<32xf32>) -> tensor<64xf32>
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<32xf32>, tensor<32xf32>) -> tensor<f32>
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
// GENERIC:        %{{.*}} = "hl.matmul"(%{{.*}}, %{{.*}}) : (tensor<2x3xi8>, tensor<3x5xi8>) -> tensor<2x5xi32>
// GENERIC:        %{{.*}} = "hl.gemm"(%{{.*}}, %{{.*}}, %{{.*}}) <{trans_b = true}> : (tensor<1x1536xf32>, tensor<128x1536xf32>, tensor<128xf32>) -> tensor<1x128xf32>
// GENERIC:        %{{.*}} = "hl.gemm"(%{{.*}}, %{{.*}}) <{alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true}> : (tensor<1536x1xf32>, tensor<128x1536xf32>) -> tensor<1x128xf32>
// GENERIC:        %{{.*}} = "hl.gemm"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x1536xf32>, tensor<1536x1xf32>, tensor<f32>) -> tensor<1x1xf32>
func.func @matmul(%m: tensor<8x1x64x32xf32>, %n: tensor<4x32x16xf32>, %v: tensor<32xf32>, %k: tensor<64x32xf32>, %d: tensor<?x32xf32>, %qa: tensor<2x3xi8>, %qb: tensor<3x5xi8>, %a: tensor<1x1536xf32>, %w: tensor<128x1536xf32>, %bias: tensor<128xf32>, %at: tensor<1536x1xf32>, %c: tensor<f32>) {
  %0 = hl.matmul %m, %n : (tensor<8x1x64x32xf32>, tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32>
  %1 = hl.matmul %v, %n : (tensor<32xf32>, tensor<4x32x16xf32>) -> tensor<4x16xf32>
  %2 = hl.matmul %k, %v : (tensor<64x32xf32>, tensor<32xf32>) -> tensor<64xf32>
  %3 = hl.matmul %v, %v : (tensor<32xf32>, tensor<32xf32>) -> tensor<f32>
  %4 = hl.matmul %d, %d : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
  %5 = hl.matmul %qa, %qb : (tensor<2x3xi8>, tensor<3x5xi8>) -> tensor<2x5xi32>
  %6 = hl.gemm %a, %w, %bias {trans_b = true} : (tensor<1x1536xf32>, tensor<128x1536xf32>, tensor<128xf32>) -> tensor<1x128xf32>
  %7 = hl.gemm %at, %w {alpha = 0.5 : f32, beta = 2.0 : f32, trans_a = true, trans_b = true} : (tensor<1536x1xf32>, tensor<128x1536xf32>) -> tensor<1x128xf32>
  %8 = hl.gemm %a, %at, %c : (tensor<1x1536xf32>, tensor<1536x1xf32>, tensor<f32>) -> tensor<1x1xf32>
  return
}

// CHECK-LABEL: func.func @pool(%arg0: tensor<1x16x24x96xf32>, %arg1: tensor<1x8x6x6xf32>, %arg2: tensor<1x2x5x5xui8>, %arg3: tensor<?x8x?x?xf32>, %arg4: tensor<2x4x10xf32>) {
// CHECK-NEXT:    %0 = hl.maxpool %arg0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x24x96xf32>) -> tensor<1x16x12x48xf32>
// CHECK-NEXT:    %1 = hl.maxpool %arg1 {ceil_mode = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x4x4xf32>
// CHECK-NEXT:    %2 = hl.maxpool %arg2 {dilations = array<i64: 2, 1>, kernel_shape = array<i64: 2, 2>} : (tensor<1x2x5x5xui8>) -> tensor<1x2x3x4xui8>
// CHECK-NEXT:    %3 = hl.avgpool %arg1 {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
// CHECK-NEXT:    %4 = hl.avgpool %arg3 {kernel_shape = array<i64: 3, 3>} : (tensor<?x8x?x?xf32>) -> tensor<?x8x?x?xf32>
// CHECK-NEXT:    %5 = hl.global_avgpool %arg0 : (tensor<1x16x24x96xf32>) -> tensor<1x16x1x1xf32>
// CHECK-NEXT:    %6 = hl.global_maxpool %arg4 : (tensor<2x4x10xf32>) -> tensor<2x4x1xf32>
// CHECK-NEXT:    %7 = hl.global_avgpool %arg3 : (tensor<?x8x?x?xf32>) -> tensor<?x8x1x1xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "pool"
// GENERIC:        %{{.*}} = "hl.maxpool"(%{{.*}}) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x16x24x96xf32>) -> tensor<1x16x12x48xf32>
// GENERIC:        %{{.*}} = "hl.maxpool"(%{{.*}}) <{ceil_mode = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x8x6x6xf32>) -> tensor<1x8x4x4xf32>
// GENERIC:        %{{.*}} = "hl.maxpool"(%{{.*}}) <{dilations = array<i64: 2, 1>, kernel_shape = array<i64: 2, 2>}> : (tensor<1x2x5x5xui8>) -> tensor<1x2x3x4xui8>
// GENERIC:        %{{.*}} = "hl.avgpool"(%{{.*}}) <{ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}> : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
// GENERIC:        %{{.*}} = "hl.avgpool"(%{{.*}}) <{kernel_shape = array<i64: 3, 3>}> : (tensor<?x8x?x?xf32>) -> tensor<?x8x?x?xf32>
// GENERIC:        %{{.*}} = "hl.global_avgpool"(%{{.*}}) : (tensor<1x16x24x96xf32>) -> tensor<1x16x1x1xf32>
// GENERIC:        %{{.*}} = "hl.global_maxpool"(%{{.*}}) : (tensor<2x4x10xf32>) -> tensor<2x4x1xf32>
// GENERIC:        %{{.*}} = "hl.global_avgpool"(%{{.*}}) : (tensor<?x8x?x?xf32>) -> tensor<?x8x1x1xf32>
func.func @pool(%x: tensor<1x16x24x96xf32>, %s: tensor<1x8x6x6xf32>, %q: tensor<1x2x5x5xui8>, %d: tensor<?x8x?x?xf32>, %v: tensor<2x4x10xf32>) {
  %0 = hl.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x24x96xf32>) -> tensor<1x16x12x48xf32>
  %1 = hl.maxpool %s {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x4x4xf32>
  %2 = hl.maxpool %q {dilations = array<i64: 2, 1>, kernel_shape = array<i64: 2, 2>} : (tensor<1x2x5x5xui8>) -> tensor<1x2x3x4xui8>
  %3 = hl.avgpool %s {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  %4 = hl.avgpool %d {kernel_shape = array<i64: 3, 3>} : (tensor<?x8x?x?xf32>) -> tensor<?x8x?x?xf32>
  %5 = hl.global_avgpool %x : (tensor<1x16x24x96xf32>) -> tensor<1x16x1x1xf32>
  %6 = hl.global_maxpool %v : (tensor<2x4x10xf32>) -> tensor<2x4x1xf32>
  %7 = hl.global_avgpool %d : (tensor<?x8x?x?xf32>) -> tensor<?x8x1x1xf32>
  return
}

// CHECK-LABEL: func.func @norm(%arg0: tensor<1x16x24x96xf32>, %arg1: tensor<16xf32>, %arg2: tensor<2x16xf32>) {
// CHECK-NEXT:    %0 = hl.batchnorm %arg0, %arg1, %arg1, %arg1, %arg1 {epsilon = 1.000000e-03 : f32} : (tensor<1x16x24x96xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
// CHECK-NEXT:    %1 = hl.batchnorm %arg2, %arg1, %arg1, %arg1, %arg1 : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "norm"
// GENERIC:        %{{.*}} = "hl.batchnorm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{epsilon = 1.000000e-03 : f32}> : (tensor<1x16x24x96xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
// GENERIC:        %{{.*}} = "hl.batchnorm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
func.func @norm(%x: tensor<1x16x24x96xf32>, %p: tensor<16xf32>, %v: tensor<2x16xf32>) {
  %0 = hl.batchnorm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : (tensor<1x16x24x96xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x24x96xf32>
  %1 = hl.batchnorm %v, %p, %p, %p, %p : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return
}

// CHECK-LABEL: func.func @shape(%arg0: tensor<1x4x4xf32>, %arg1: tensor<?x3x4xf32>, %arg2: tensor<2x10xf32>, %arg3: tensor<1x8x4x4xf32>, %arg4: tensor<1x24x4x4xf32>, %arg5: tensor<1x?x4x4xf32>, %arg6: tensor<1x3x8x8xf32>, %arg7: tensor<1x8x12x48xf32>) {
// CHECK-NEXT:    %0 = hl.reshape %arg0 {shape = array<i64: 1, 16>} : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
// CHECK-NEXT:    %1 = hl.reshape %arg1 {shape = array<i64: 2, 6, 4>} : (tensor<?x3x4xf32>) -> tensor<2x6x4xf32>
// CHECK-NEXT:    %2 = hl.flatten %arg0 : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
// CHECK-NEXT:    %3 = hl.flatten %arg1 {axis = 0 : i64} : (tensor<?x3x4xf32>) -> tensor<1x?xf32>
// CHECK-NEXT:    %4 = hl.flatten %arg1 {axis = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT:    %5 = hl.flatten %arg0 {axis = 3 : i64} : (tensor<1x4x4xf32>) -> tensor<16x1xf32>
// CHECK-NEXT:    %6 = hl.transpose %arg1 {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
// CHECK-NEXT:    %7 = hl.transpose %arg1 : (tensor<?x3x4xf32>) -> tensor<4x3x?xf32>
// CHECK-NEXT:    %8 = hl.concat %arg3, %arg4 {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x32x4x4xf32>
// CHECK-NEXT:    %9 = hl.concat %arg3, %arg5, %arg4 {axis = -3 : i64} : (tensor<1x8x4x4xf32>, tensor<1x?x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x?x4x4xf32>
// CHECK-NEXT:    %10 = hl.concat %arg3 {axis = 0 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
// CHECK-NEXT:    %11 = hl.slice %arg2 {axes = array<i64: 1>, ends = array<i64: 9223372036854775807>, starts = array<i64: 1>, steps = array<i64: 2>} : (tensor<2x10xf32>) -> tensor<2x5xf32>
// CHECK-NEXT:    %12 = hl.slice %arg2 {ends = array<i64: -9223372036854775808, -100>, starts = array<i64: -1, 20>, steps = array<i64: -1, -3>} : (tensor<2x10xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    %13 = hl.slice %arg1 {axes = array<i64: 0, -1>, ends = array<i64: 1, 3>, starts = array<i64: 0, 1>} : (tensor<?x3x4xf32>) -> tensor<?x3x2xf32>
// CHECK-NEXT:    %14 = hl.slice %arg2 {ends = array<i64: 2>, starts = array<i64: 5>} : (tensor<2x10xf32>) -> tensor<0x10xf32>
// CHECK-NEXT:    %15 = hl.pad %arg6 {pads = array<i64: 0, 0, 1, 2, 0, 0, 1, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x12xf32>
// CHECK-NEXT:    %16 = hl.pad %arg6 {mode = "reflect", pads = array<i64: 0, 0, 7, 0, 0, 0, 0, 7>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x15x15xf32>
// CHECK-NEXT:    %17 = hl.pad %arg6 {mode = "edge", pads = array<i64: 0, 0, -2, 0, 0, 1, 0, -8>, value = 1.500000e+00 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x4x6x0xf32>
// CHECK-NEXT:    %18 = hl.pad %arg1 {mode = "wrap", pads = array<i64: 1, 0, 0, 1, 0, 0>} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
// CHECK-NEXT:    %19 = hl.resize %arg7 {scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x24x96xf32>
// CHECK-NEXT:    %20 = hl.resize %arg7 {coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: 1, 8, 5, 7>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x5x7xf32>
// CHECK-NEXT:    %21 = hl.resize %arg7 {cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = "cubic", scales = array<f32: 1.000000e+00, 1.000000e+00, 6.000000e-01, 3.000000e-01>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x7x14xf32>
// CHECK-NEXT:    %22 = hl.resize %arg7 {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.000000e+00 : f32, nearest_mode = "ceil", roi = array<f32: 0.000000e+00, 0.000000e+00, 2.500000e-01, 5.000000e-01, 1.000000e+00, 1.000000e+00, 7.500000e-01, 1.000000e+00>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x12x48xf32>
// CHECK-NEXT:    %23 = hl.resize %arg1 {scales = array<f32: 1.000000e+00, 1.500000e+00, 5.000000e-01>} : (tensor<?x3x4xf32>) -> tensor<?x4x2xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "shape"
// GENERIC:        %{{.*}} = "hl.reshape"(%{{.*}}) <{shape = array<i64: 1, 16>}> : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
// GENERIC:        %{{.*}} = "hl.reshape"(%{{.*}}) <{shape = array<i64: 2, 6, 4>}> : (tensor<?x3x4xf32>) -> tensor<2x6x4xf32>
// GENERIC:        %{{.*}} = "hl.flatten"(%{{.*}}) : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
// GENERIC:        %{{.*}} = "hl.flatten"(%{{.*}}) <{axis = 0 : i64}> : (tensor<?x3x4xf32>) -> tensor<1x?xf32>
// GENERIC:        %{{.*}} = "hl.flatten"(%{{.*}}) <{axis = -1 : i64}> : (tensor<?x3x4xf32>) -> tensor<?x4xf32>
// GENERIC:        %{{.*}} = "hl.flatten"(%{{.*}}) <{axis = 3 : i64}> : (tensor<1x4x4xf32>) -> tensor<16x1xf32>
// GENERIC:        %{{.*}} = "hl.transpose"(%{{.*}}) <{perm = array<i64: 2, 0, 1>}> : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
// GENERIC:        %{{.*}} = "hl.transpose"(%{{.*}}) : (tensor<?x3x4xf32>) -> tensor<4x3x?xf32>
// GENERIC:        %{{.*}} = "hl.concat"(%{{.*}}, %{{.*}}) <{axis = 1 : i64}> : (tensor<1x8x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x32x4x4xf32>
// GENERIC:        %{{.*}} = "hl.concat"(%{{.*}}, %{{.*}}, %{{.*}}) <{axis = -3 : i64}> : (tensor<1x8x4x4xf32>, tensor<1x?x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x?x4x4xf32>
// GENERIC:        %{{.*}} = "hl.concat"(%{{.*}}) <{axis = 0 : i64}> : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
// GENERIC:        %{{.*}} = "hl.slice"(%{{.*}}) <{axes = array<i64: 1>, ends = array<i64: 9223372036854775807>, starts = array<i64: 1>, steps = array<i64: 2>}> : (tensor<2x10xf32>) -> tensor<2x5xf32>
// GENERIC:        %{{.*}} = "hl.slice"(%{{.*}}) <{ends = array<i64: -9223372036854775808, -100>, starts = array<i64: -1, 20>, steps = array<i64: -1, -3>}> : (tensor<2x10xf32>) -> tensor<2x4xf32>
// GENERIC:        %{{.*}} = "hl.slice"(%{{.*}}) <{axes = array<i64: 0, -1>, ends = array<i64: 1, 3>, starts = array<i64: 0, 1>}> : (tensor<?x3x4xf32>) -> tensor<?x3x2xf32>
// GENERIC:        %{{.*}} = "hl.slice"(%{{.*}}) <{ends = array<i64: 2>, starts = array<i64: 5>}> : (tensor<2x10xf32>) -> tensor<0x10xf32>
// GENERIC:        %{{.*}} = "hl.pad"(%{{.*}}) <{pads = array<i64: 0, 0, 1, 2, 0, 0, 1, 2>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x12xf32>
// GENERIC:        %{{.*}} = "hl.pad"(%{{.*}}) <{mode = "reflect", pads = array<i64: 0, 0, 7, 0, 0, 0, 0, 7>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x15x15xf32>
// GENERIC:        %{{.*}} = "hl.pad"(%{{.*}}) <{mode = "edge", pads = array<i64: 0, 0, -2, 0, 0, 1, 0, -8>, value = 1.500000e+00 : f32}> : (tensor<1x3x8x8xf32>) -> tensor<1x4x6x0xf32>
// GENERIC:        %{{.*}} = "hl.pad"(%{{.*}}) <{mode = "wrap", pads = array<i64: 1, 0, 0, 1, 0, 0>}> : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
// GENERIC:        %{{.*}} = "hl.resize"(%{{.*}}) <{scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>}> : (tensor<1x8x12x48xf32>) -> tensor<1x8x24x96xf32>
// GENERIC:        %{{.*}} = "hl.resize"(%{{.*}}) <{coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: 1, 8, 5, 7>}> : (tensor<1x8x12x48xf32>) -> tensor<1x8x5x7xf32>
// GENERIC:        %{{.*}} = "hl.resize"(%{{.*}}) <{cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = "cubic", scales = array<f32: 1.000000e+00, 1.000000e+00, 6.000000e-01, 3.000000e-01>}> : (tensor<1x8x12x48xf32>) -> tensor<1x8x7x14xf32>
// GENERIC:        %{{.*}} = "hl.resize"(%{{.*}}) <{coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.000000e+00 : f32, nearest_mode = "ceil", roi = array<f32: 0.000000e+00, 0.000000e+00, 2.500000e-01, 5.000000e-01, 1.000000e+00, 1.000000e+00, 7.500000e-01, 1.000000e+00>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>}> : (tensor<1x8x12x48xf32>) -> tensor<1x8x12x48xf32>
// GENERIC:        %{{.*}} = "hl.resize"(%{{.*}}) <{scales = array<f32: 1.000000e+00, 1.500000e+00, 5.000000e-01>}> : (tensor<?x3x4xf32>) -> tensor<?x4x2xf32>
func.func @shape(%x: tensor<1x4x4xf32>, %y: tensor<?x3x4xf32>, %z: tensor<2x10xf32>, %c1: tensor<1x8x4x4xf32>, %c2: tensor<1x24x4x4xf32>, %c3: tensor<1x?x4x4xf32>, %p: tensor<1x3x8x8xf32>, %r: tensor<1x8x12x48xf32>) {
  %0 = hl.reshape %x {shape = array<i64: 1, 16>} : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
  %1 = hl.reshape %y {shape = array<i64: 2, 6, 4>} : (tensor<?x3x4xf32>) -> tensor<2x6x4xf32>
  %2 = hl.flatten %x : (tensor<1x4x4xf32>) -> tensor<1x16xf32>
  %3 = hl.flatten %y {axis = 0} : (tensor<?x3x4xf32>) -> tensor<1x?xf32>
  %4 = hl.flatten %y {axis = -1} : (tensor<?x3x4xf32>) -> tensor<?x4xf32>
  %5 = hl.flatten %x {axis = 3} : (tensor<1x4x4xf32>) -> tensor<16x1xf32>
  %6 = hl.transpose %y {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
  %7 = hl.transpose %y : (tensor<?x3x4xf32>) -> tensor<4x3x?xf32>
  %8 = hl.concat %c1, %c2 {axis = 1} : (tensor<1x8x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x32x4x4xf32>
  %9 = hl.concat %c1, %c3, %c2 {axis = -3} : (tensor<1x8x4x4xf32>, tensor<1x?x4x4xf32>, tensor<1x24x4x4xf32>) -> tensor<1x?x4x4xf32>
  %10 = hl.concat %c1 {axis = 0} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %11 = hl.slice %z {starts = array<i64: 1>, ends = array<i64: 9223372036854775807>, axes = array<i64: 1>, steps = array<i64: 2>} : (tensor<2x10xf32>) -> tensor<2x5xf32>
  %12 = hl.slice %z {starts = array<i64: -1, 20>, ends = array<i64: -9223372036854775808, -100>, steps = array<i64: -1, -3>} : (tensor<2x10xf32>) -> tensor<2x4xf32>
  %13 = hl.slice %y {starts = array<i64: 0, 1>, ends = array<i64: 1, 3>, axes = array<i64: 0, -1>} : (tensor<?x3x4xf32>) -> tensor<?x3x2xf32>
  %14 = hl.slice %z {starts = array<i64: 5>, ends = array<i64: 2>} : (tensor<2x10xf32>) -> tensor<0x10xf32>
  %15 = hl.pad %p {pads = array<i64: 0, 0, 1, 2, 0, 0, 1, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x12xf32>
  %16 = hl.pad %p {mode = "reflect", pads = array<i64: 0, 0, 7, 0, 0, 0, 0, 7>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x15x15xf32>
  %17 = hl.pad %p {mode = "edge", pads = array<i64: 0, 0, -2, 0, 0, 1, 0, -8>, value = 1.5 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x4x6x0xf32>
  %18 = hl.pad %y {mode = "wrap", pads = array<i64: 1, 0, 0, 1, 0, 0>} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  %19 = hl.resize %r {scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x24x96xf32>
  %20 = hl.resize %r {mode = "linear", coordinate_transformation_mode = "align_corners", sizes = array<i64: 1, 8, 5, 7>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x5x7xf32>
  %21 = hl.resize %r {mode = "cubic", cubic_coeff_a = -0.5 : f32, exclude_outside = true, scales = array<f32: 1.0, 1.0, 0.6, 0.3>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x7x14xf32>
  %22 = hl.resize %r {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.0 : f32, nearest_mode = "ceil", roi = array<f32: 0.0, 0.0, 0.25, 0.5, 1.0, 1.0, 0.75, 1.0>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x8x12x48xf32>) -> tensor<1x8x12x48xf32>
  %23 = hl.resize %y {scales = array<f32: 1.0, 1.5, 0.5>} : (tensor<?x3x4xf32>) -> tensor<?x4x2xf32>
  return
}

// CHECK-LABEL: func.func @reduce(%arg0: tensor<1x16x96xf32>, %arg1: tensor<2x3x4xf32>, %arg2: tensor<2x3xi32>, %arg3: tensor<?x3xf32>) {
// CHECK-NEXT:    %0 = hl.reduce_mean %arg0 {axes = array<i64: -1>} : (tensor<1x16x96xf32>) -> tensor<1x16x1xf32>
// CHECK-NEXT:    %1 = hl.reduce_sum %arg1 {axes = array<i64: 1>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    %2 = hl.reduce_max %arg2 : (tensor<2x3xi32>) -> tensor<1x1xi32>
// CHECK-NEXT:    %3 = hl.reduce_min %arg3 {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?x1xf32>
// CHECK-NEXT:    %4 = hl.reduce_prod %arg1 {keepdims = false} : (tensor<2x3x4xf32>) -> tensor<f32>
// CHECK-NEXT:    %5 = hl.reduce_sum %arg1 {axes = array<i64: 2, 0>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %6 = hl.reduce_mean %arg1 {axes = array<i64>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "reduce"
// GENERIC:        %{{.*}} = "hl.reduce_mean"(%{{.*}}) <{axes = array<i64: -1>}> : (tensor<1x16x96xf32>) -> tensor<1x16x1xf32>
// GENERIC:        %{{.*}} = "hl.reduce_sum"(%{{.*}}) <{axes = array<i64: 1>, keepdims = false}> : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// GENERIC:        %{{.*}} = "hl.reduce_max"(%{{.*}}) : (tensor<2x3xi32>) -> tensor<1x1xi32>
// GENERIC:        %{{.*}} = "hl.reduce_min"(%{{.*}}) <{axes = array<i64: 1>}> : (tensor<?x3xf32>) -> tensor<?x1xf32>
// GENERIC:        %{{.*}} = "hl.reduce_prod"(%{{.*}}) <{keepdims = false}> : (tensor<2x3x4xf32>) -> tensor<f32>
// GENERIC:        %{{.*}} = "hl.reduce_sum"(%{{.*}}) <{axes = array<i64: 2, 0>, keepdims = false}> : (tensor<2x3x4xf32>) -> tensor<3xf32>
// GENERIC:        %{{.*}} = "hl.reduce_mean"(%{{.*}}) <{axes = array<i64>}> : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
func.func @reduce(%x: tensor<1x16x96xf32>, %y: tensor<2x3x4xf32>, %i: tensor<2x3xi32>, %d: tensor<?x3xf32>) {
  %0 = hl.reduce_mean %x {axes = array<i64: -1>} : (tensor<1x16x96xf32>) -> tensor<1x16x1xf32>
  %1 = hl.reduce_sum %y {axes = array<i64: 1>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %2 = hl.reduce_max %i : (tensor<2x3xi32>) -> tensor<1x1xi32>
  %3 = hl.reduce_min %d {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?x1xf32>
  %4 = hl.reduce_prod %y {keepdims = false} : (tensor<2x3x4xf32>) -> tensor<f32>
  %5 = hl.reduce_sum %y {axes = array<i64: 2, 0>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %6 = hl.reduce_mean %y {axes = array<i64>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  return
}

// CHECK-LABEL: func.func @lstm(%arg0: tensor<5x1x4xf32>, %arg1: tensor<1x32x4xf32>, %arg2: tensor<1x32x8xf32>, %arg3: tensor<1x64xf32>, %arg4: tensor<3x5x4xf32>, %arg5: tensor<2x32x4xf32>, %arg6: tensor<2x32x8xf32>, %arg7: tensor<3x2x8xf32>, %arg8: tensor<3xi32>, %arg9: tensor<2x24xf32>) {
// CHECK-NEXT:    %0:3 = hl.lstm %arg0, %arg1, %arg2, %arg3 {hidden_size = 8 : i64} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
// CHECK-NEXT:    %1:3 = hl.lstm %arg0, %arg1, %arg2 {clip = 3.000000e+00 : f32, direction = "reverse", hidden_size = 8 : i64} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
// CHECK-NEXT:    %2:3 = hl.lstm %arg4, %arg5, %arg6, %arg8, %arg7, %arg7, %arg9 {activation_alpha = array<f32: 2.000000e-01>, activation_beta = array<f32: 5.000000e-01>, activations = ["Sigmoid", "Tanh", "Tanh", "HardSigmoid", "Relu", "Tanh"], direction = "bidirectional", hidden_size = 8 : i64, input_forget = true, layout = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 1, 1, 1>} : (tensor<3x5x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<3xi32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>, tensor<2x24xf32>) -> (tensor<3x5x2x8xf32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>)
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "lstm"
// GENERIC:        %{{.*}} = "hl.lstm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{hidden_size = 8 : i64}> : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
// GENERIC:        %{{.*}} = "hl.lstm"(%{{.*}}, %{{.*}}, %{{.*}}) <{clip = 3.000000e+00 : f32, direction = "reverse", hidden_size = 8 : i64}> : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
// GENERIC:        %{{.*}} = "hl.lstm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{activation_alpha = array<f32: 2.000000e-01>, activation_beta = array<f32: 5.000000e-01>, activations = ["Sigmoid", "Tanh", "Tanh", "HardSigmoid", "Relu", "Tanh"], direction = "bidirectional", hidden_size = 8 : i64, input_forget = true, layout = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 1, 1, 1>}> : (tensor<3x5x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<3xi32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>, tensor<2x24xf32>) -> (tensor<3x5x2x8xf32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>)
func.func @lstm(%x: tensor<5x1x4xf32>, %w: tensor<1x32x4xf32>, %r: tensor<1x32x8xf32>, %b: tensor<1x64xf32>, %xb: tensor<3x5x4xf32>, %w2: tensor<2x32x4xf32>, %r2: tensor<2x32x8xf32>, %h2: tensor<3x2x8xf32>, %lens: tensor<3xi32>, %p2: tensor<2x24xf32>) {
  %0:3 = hl.lstm %x, %w, %r, %b {hidden_size = 8} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>, tensor<1x64xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  %1:3 = hl.lstm %x, %w, %r {hidden_size = 8, direction = "reverse", clip = 3.0 : f32} : (tensor<5x1x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>) -> (tensor<5x1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>)
  %y, %h, %c = hl.lstm %xb, %w2, %r2, %lens, %h2, %h2, %p2 {activations = ["Sigmoid", "Tanh", "Tanh", "HardSigmoid", "Relu", "Tanh"], activation_alpha = array<f32: 0.2>, activation_beta = array<f32: 0.5>, direction = "bidirectional", hidden_size = 8, input_forget = true, layout = 1, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 1, 1, 1>} : (tensor<3x5x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<3xi32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>, tensor<2x24xf32>) -> (tensor<3x5x2x8xf32>, tensor<3x2x8xf32>, tensor<3x2x8xf32>)
  return
}

// CHECK-LABEL: func.func @quant(%arg0: tensor<1x16xf32>, %arg1: tensor<2x8xui8>, %arg2: tensor<1x2x8x8xi32>, %arg3: tensor<16xi32>, %arg4: tensor<*xf32>) {
// CHECK-NEXT:    %0 = hl.quantize %arg0 {scale = array<f32: 2.350000e-02>, zero_point = dense<-3> : tensor<1xi8>} : (tensor<1x16xf32>) -> tensor<1x16xi8>
// CHECK-NEXT:    %1 = hl.quantize %arg0 {axis = -1 : i64, scale = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00>, zero_point = dense<128> : tensor<16xui8>} : (tensor<1x16xf32>) -> tensor<1x16xui8>
// CHECK-NEXT:    %2 = hl.quantize %arg4 {scale = array<f32: 5.000000e-01>, zero_point = dense<0> : tensor<1xsi8>} : (tensor<*xf32>) -> tensor<*xsi8>
// CHECK-NEXT:    %3 = hl.dequantize %arg1 {axis = 0 : i64, scale = array<f32: 5.000000e-01, 2.500000e-01>, zero_point = dense<[0, 3]> : tensor<2xui8>} : (tensor<2x8xui8>) -> tensor<2x8xf32>
// CHECK-NEXT:    %4 = hl.dequantize %arg3 {scale = array<f32: 1.000000e-03>} : (tensor<16xi32>) -> tensor<16xf32>
// CHECK-NEXT:    %5 = hl.requantize %arg2 {axis = 1 : i64, multiplier = array<i64: 1518500250, 1073741824>, shift = array<i64: 38, 37>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xi8>
// CHECK-NEXT:    %6 = hl.requantize %arg2 {multiplier = array<i64: -2147483648>, shift = array<i64: -128>, zero_point = dense<5> : tensor<1xui8>} : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xui8>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "quant"
// GENERIC:        %{{.*}} = "hl.quantize"(%{{.*}}) <{scale = array<f32: 2.350000e-02>, zero_point = dense<-3> : tensor<1xi8>}> : (tensor<1x16xf32>) -> tensor<1x16xi8>
// GENERIC:        %{{.*}} = "hl.quantize"(%{{.*}}) <{axis = -1 : i64, scale = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00>, zero_point = dense<128> : tensor<16xui8>}> : (tensor<1x16xf32>) -> tensor<1x16xui8>
// GENERIC:        %{{.*}} = "hl.quantize"(%{{.*}}) <{scale = array<f32: 5.000000e-01>, zero_point = dense<0> : tensor<1xsi8>}> : (tensor<*xf32>) -> tensor<*xsi8>
// GENERIC:        %{{.*}} = "hl.dequantize"(%{{.*}}) <{axis = 0 : i64, scale = array<f32: 5.000000e-01, 2.500000e-01>, zero_point = dense<[0, 3]> : tensor<2xui8>}> : (tensor<2x8xui8>) -> tensor<2x8xf32>
// GENERIC:        %{{.*}} = "hl.dequantize"(%{{.*}}) <{scale = array<f32: 1.000000e-03>}> : (tensor<16xi32>) -> tensor<16xf32>
// GENERIC:        %{{.*}} = "hl.requantize"(%{{.*}}) <{axis = 1 : i64, multiplier = array<i64: 1518500250, 1073741824>, shift = array<i64: 38, 37>, zero_point = dense<0> : tensor<1xi8>}> : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xi8>
// GENERIC:        %{{.*}} = "hl.requantize"(%{{.*}}) <{multiplier = array<i64: -2147483648>, shift = array<i64: -128>, zero_point = dense<5> : tensor<1xui8>}> : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xui8>
func.func @quant(%x: tensor<1x16xf32>, %q: tensor<2x8xui8>, %acc: tensor<1x2x8x8xi32>, %b: tensor<16xi32>, %u: tensor<*xf32>) {
  %0 = hl.quantize %x {scale = array<f32: 0.0235>, zero_point = dense<-3> : tensor<1xi8>} : (tensor<1x16xf32>) -> tensor<1x16xi8>
  %1 = hl.quantize %x {axis = -1, scale = array<f32: 1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0>, zero_point = dense<128> : tensor<16xui8>} : (tensor<1x16xf32>) -> tensor<1x16xui8>
  %2 = hl.quantize %u {scale = array<f32: 0.5>, zero_point = dense<0> : tensor<1xsi8>} : (tensor<*xf32>) -> tensor<*xsi8>
  %3 = hl.dequantize %q {axis = 0, scale = array<f32: 0.5, 0.25>, zero_point = dense<[0, 3]> : tensor<2xui8>} : (tensor<2x8xui8>) -> tensor<2x8xf32>
  %4 = hl.dequantize %b {scale = array<f32: 0.001>} : (tensor<16xi32>) -> tensor<16xf32>
  %5 = hl.requantize %acc {axis = 1, multiplier = array<i64: 1518500250, 1073741824>, shift = array<i64: 38, 37>, zero_point = dense<0> : tensor<1xi8>} : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xi8>
  %6 = hl.requantize %acc {multiplier = array<i64: -2147483648>, shift = array<i64: -128>, zero_point = dense<5> : tensor<1xui8>} : (tensor<1x2x8x8xi32>) -> tensor<1x2x8x8xui8>
  return
}

// CHECK-LABEL: func.func @shorthand(%arg0: tensor<4xf32>, %arg1: tensor<1xf32>) {
// CHECK-NEXT:    %0 = hl.add %arg0, %arg0 : tensor<4xf32>
// CHECK-NEXT:    %1 = hl.pow %arg0, %arg0 : tensor<4xf32>
// CHECK-NEXT:    %2 = hl.sub %arg0, %arg1 : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %3 = hl.max %arg1, %arg1 : tensor<1xf32>
// CHECK-NEXT:    return
// GENERIC-LABEL: sym_name = "shorthand"
// GENERIC:        %{{.*}} = "hl.add"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// GENERIC:        %{{.*}} = "hl.pow"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// GENERIC:        %{{.*}} = "hl.sub"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
// GENERIC:        %{{.*}} = "hl.max"(%{{.*}}, %{{.*}}) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
func.func @shorthand(%a: tensor<4xf32>, %b: tensor<1xf32>) {
  %0 = hl.add %a, %a : tensor<4xf32>
  %1 = hl.pow %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = hl.sub %a, %b : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  %3 = "hl.max"(%b, %b) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000100000002000000"
    }
  }
#-}

