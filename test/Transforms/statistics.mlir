// --mlir-pass-statistics: MLIR's pipeline-shaped report; statistics summed
// over the ops a pass ran on, sorted by name and aligned.
// RUN: ipu-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(cse,canonicalize),symbol-dce)' --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --strict-whitespace

// CHECK:      {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}                         ... Pass statistics report ...{{$}}
// CHECK-NEXT: {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}'func.func' Pipeline{{$}}
// CHECK-NEXT: {{^}}  cse{{$}}
// CHECK-NEXT: {{^}}    (S) 3 num-cse'd - Number of operations CSE'd{{$}}
// CHECK-NEXT: {{^}}    (S) 1 num-dce'd - Number of operations DCE'd{{$}}
// CHECK-NEXT: {{^}}  canonicalize{{$}}
// CHECK-NEXT: {{^}}    (S) 0 num-blocks-erased - Number of unreachable blocks erased{{$}}
// CHECK-NEXT: {{^}}    (S) 0 num-erased        - Number of operations erased{{$}}
// CHECK-NEXT: {{^}}    (S) 0 num-folds         - Number of operations folded{{$}}
// CHECK-NEXT: {{^}}    (S) {{[0-9]}} num-iterations    - Number of sweeps of the greedy driver{{$}}
// CHECK-NEXT: {{^}}    (S) 0 num-rewrites      - Number of pattern rewrites applied{{$}}
// CHECK-NEXT: {{^}}symbol-dce{{$}}
// CHECK-NEXT: {{^}}  (S) 2 num-dce'd - Number of symbols DCE'd{{$}}
// CHECK-EMPTY:

func.func @f(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.add %a, %a : tensor<4xf32>
  %1 = hl.add %a, %a : tensor<4xf32>
  %2 = hl.relu %a : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

func.func @g(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.mul %a, %a : tensor<4xf32>
  %1 = hl.mul %a, %a : tensor<4xf32>
  %2 = hl.mul %a, %a : tensor<4xf32>
  "test.use"(%2) : (tensor<4xf32>) -> ()
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

func.func private @dead1()
func.func private @dead2()
