// dense_resource blobs: the trailing {-# dialect_resources #-} section lists
// every referenced blob with data, in order of first use, as MLIR prints it
// (the first four bytes are the alignment, little-endian).
// RUN: ipu-opt --allow-unregistered-dialect %s | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect %s | ipu-opt --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %s | FileCheck %s --check-prefix=GENERIC

// CHECK: module {
// CHECK-NEXT: "t.a"() {r = dense_resource<blob1> : tensor<2xi32>, r2 = dense_resource<blob2> : tensor<1xi8>} : () -> ()
// CHECK-NEXT: "t.b"() {r3 = dense_resource<blob1> : tensor<2xi32>, r4 = [dense_resource<blob1> : tensor<2xi32>]} : () -> ()
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: {-#
// CHECK-NEXT: dialect_resources: {
// CHECK-NEXT: builtin: {
// CHECK-NEXT: blob1: "0x040000000100000002000000",
// CHECK-NEXT: blob2: "0x08000000FF"
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: #-}

// GENERIC: "builtin.module"() ({
// GENERIC-NEXT: "t.a"() {r = dense_resource<blob1> : tensor<2xi32>, r2 = dense_resource<blob2> : tensor<1xi8>} : () -> ()
// GENERIC-NEXT: "t.b"() {r3 = dense_resource<blob1> : tensor<2xi32>, r4 = [dense_resource<blob1> : tensor<2xi32>]} : () -> ()
// GENERIC-NEXT: }) : () -> ()
// GENERIC-EMPTY:
// GENERIC-NEXT: {-#
// GENERIC-NEXT: dialect_resources: {
// GENERIC-NEXT: builtin: {
// GENERIC-NEXT: blob1: "0x040000000100000002000000",
// GENERIC-NEXT: blob2: "0x08000000FF"
// GENERIC-NEXT: }
// GENERIC-NEXT: }
// GENERIC-NEXT: #-}

"t.a"() {r = dense_resource<blob1> : tensor<2xi32>, r2 = dense_resource<blob2> : tensor<1xi8>} : () -> ()
"t.b"() {r3 = dense_resource<blob1> : tensor<2xi32>, r4 = [dense_resource<blob1> : tensor<2xi32>]} : () -> ()
{-#
  dialect_resources: {
    builtin: {
      blob2: "0x08000000FF",
      blob1: "0x040000000100000002000000",
      unused: "0x0400000001"
    }
  }
#-}
