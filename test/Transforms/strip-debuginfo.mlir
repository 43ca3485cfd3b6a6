// RUN: ipu-opt %s --strip-debuginfo --mlir-print-debuginfo --mlir-print-local-scope --allow-unregistered-dialect | FileCheck %s
// RUN: ipu-opt %s --strip-debuginfo --mlir-pass-statistics --allow-unregistered-dialect -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS

// CHECK-LABEL: func.func @f
// CHECK-SAME: (%{{.*}}: i32 loc(unknown))
func.func @f(%a: i32 loc("args.py":3:4)) -> i32 {
  // CHECK: "x.op"(%{{.*}}) : (i32) -> i32 loc(unknown)
  %0 = "x.op"(%a) : (i32) -> i32 loc("model.onnx":10:2)
  // CHECK: return %{{.*}} : i32 loc(unknown)
  return %0 : i32 loc(fused["a.py":1:1, "b.py":2:2])
} loc("f.py":1:1)
// CHECK-NOT: loc("

// STATS: strip-debuginfo
// STATS: (S) {{[0-9]+}} num-stripped
