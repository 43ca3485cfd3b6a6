// 10,000 nested regions print (and re-parse) without deep C recursion: the
// printer walks regions with an explicit stack.
// RUN: (for i in $(seq 10000); do echo '"t.n"() ({'; done; echo '"t.leaf"() : () -> ()'; for i in $(seq 10000); do echo '}) : () -> ()'; done) > %t
// RUN: ipu-opt --allow-unregistered-dialect %t | FileCheck --strict-whitespace %s
// RUN: ipu-opt --allow-unregistered-dialect %t | count 20003
// RUN: ipu-opt --allow-unregistered-dialect --mlir-print-op-generic %t | ipu-opt --allow-unregistered-dialect | count 20003

// CHECK: module {
// CHECK-NEXT: {{^  }}"t.n"() ({
// CHECK-NEXT: {{^    }}"t.n"() ({
// CHECK: "t.leaf"() : () -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK: {{^  [}][)] : [(][)] -> [(][)]$}}
// CHECK-NEXT: {{^}}}
