// CSE run on the module: its body is a graph region, where a use that the
// walk has not reached yet may precede its definition.
// RUN: ipu-opt %s --allow-unregistered-dialect --cse | FileCheck %s

// CHECK-LABEL: module
// CHECK-NEXT:    "test.use"(%[[C:.*]]) : (tensor<2xi32>) -> ()
// CHECK-NEXT:    %[[C]] = hl.constant {value = dense<7> : tensor<2xi32>}
// CHECK-NEXT:    "test.use"(%[[C]], %[[C]])
// CHECK-NEXT:    func.func @f
// CHECK-NEXT:      %[[D:.*]] = hl.constant {value = dense<7> : tensor<2xi32>}
// CHECK-NEXT:      return %[[D]], %[[D]]
"test.use"(%g1) : (tensor<2xi32>) -> ()
%g0 = hl.constant {value = dense<7> : tensor<2xi32>} : tensor<2xi32>
%g1 = hl.constant {value = dense<7> : tensor<2xi32>} : tensor<2xi32>
"test.use"(%g0, %g1) : (tensor<2xi32>, tensor<2xi32>) -> ()
// Functions are isolated from above: their bodies do not see the module's
// constants.
func.func @f() -> (tensor<2xi32>, tensor<2xi32>) {
  %0 = hl.constant {value = dense<7> : tensor<2xi32>} : tensor<2xi32>
  %1 = hl.constant {value = dense<7> : tensor<2xi32>} : tensor<2xi32>
  return %0, %1 : tensor<2xi32>, tensor<2xi32>
}
