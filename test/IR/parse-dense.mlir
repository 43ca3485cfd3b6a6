// Dense elements: nested lists, splats, hex (decoded straight into the
// attribute), complex elements, empty literals, and dense_resource with the
// file's resource section.
// RUN: ipu-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ipu-opt --allow-unregistered-dialect | FileCheck %s

// CHECK: "t.dense"() {a = dense<[1, 2, 3]> : tensor<3xi32>, b = dense<{{\[}}[1.500000e+00, 2.000000e+00], [-3.000000e+00, 4.250000e+00]]> : tensor<2x2xf32>, c = dense<7> : tensor<2x3xi8>, d = dense<1.000000e+00> : vector<4xf16>, e = dense<[true, false]> : tensor<2xi1>, f = dense<[1, 2]> : tensor<2xi32>, g = dense<1.000000e+00> : tensor<4xf32>, h = dense<[(1.000000e+00,2.000000e+00), (3.000000e+00,-4.000000e+00)]> : tensor<2xcomplex<f32>>, i = dense<(1,2)> : tensor<complex<i32>>, j = dense<> : tensor<0xi32>, k = dense<> : tensor<2x0xf32>, l = dense<[0x7FC00000, 1.000000e+00]> : tensor<2xf32>, n = dense<[true, false]> : tensor<2xi1>, o = dense<-1> : tensor<2xi8>, q = dense<[1, 2]> : vector<2xindex>, r = dense<[1, 2]> : tensor<2xui64>, s = dense<[-1, 2]> : tensor<2xsi16>} : () -> ()
"t.dense"() {
  a = dense<[1, 2, 3]> : tensor<3xi32>,
  b = dense<[[1.5, 2.0], [-3.0, 4.25]]> : tensor<2x2xf32>,
  c = dense<7> : tensor<2x3xi8>,
  d = dense<1.0> : vector<4xf16>,
  e = dense<[true, false]> : tensor<2xi1>,
  f = dense<"0x0100000002000000"> : tensor<2xi32>,
  g = dense<"0x0000803F"> : tensor<4xf32>,
  h = dense<[(1.0, 2.0), (3.0, -4.0)]> : tensor<2xcomplex<f32>>,
  i = dense<(1, 2)> : tensor<complex<i32>>,
  j = dense<[]> : tensor<0xi32>,
  k = dense<[[], []]> : tensor<2x0xf32>,
  l = dense<[0x7FC00000, 1.0]> : tensor<2xf32>,
  n = dense<[1, 0]> : tensor<2xi1>,
  o = dense<[255, -1]> : tensor<2xi8>,
  q = dense<[1, 2]> : vector<2xindex>,
  r = dense<[1, 2]> : tensor<2xui64>,
  s = dense<[-1, 2]> : tensor<2xsi16>
} : () -> ()

// More than 100 elements print as hex.
// CHECK: "t.hex"() {a = dense<"0x000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F60616263646566676869"> : tensor<106xi8>} : () -> ()
"t.hex"() {a = dense<"0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263646566676869"> : tensor<106xi8>} : () -> ()

// CHECK: "t.res"() {a = dense_resource<blob1> : tensor<2xi32>, c = dense_resource<unfilled> : tensor<4xf32>} : () -> ()
"t.res"() {a = dense_resource<blob1> : tensor<2xi32>, c = dense_resource<unfilled> : tensor<4xf32>} : () -> ()

// CHECK: {-#
// CHECK-NEXT: dialect_resources: {
// CHECK-NEXT: builtin: {
// CHECK-NEXT: blob1: "0x040000000100000002000000"
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: #-}
{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000100000002000000",
      extra: "0x08000000"
    }
  }
#-}
