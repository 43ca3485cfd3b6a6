// --mlir-timing: MLIR's execution time report, one row per pass instance,
// nested pipelines indented under their 'op' Pipeline row.
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,cse),symbol-dce)' --mlir-timing -o /dev/null 2>&1 | FileCheck %s --strict-whitespace

// CHECK:      {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}                         ... Execution time report ...{{$}}
// CHECK-NEXT: {{^}}===-------------------------------------------------------------------------==={{$}}
// CHECK-NEXT: {{^}}  Total Execution Time: {{[0-9]+\.[0-9]+}} seconds{{$}}
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}  ----Wall Time----  ----Name----{{$}}
// CHECK:      {{^}}  {{ *[0-9]+\.[0-9]+ \( *[0-9]+\.[0-9]%\)}}  'func.func' Pipeline{{$}}
// CHECK-NEXT: {{^}}  {{ *[0-9]+\.[0-9]+ \( *[0-9]+\.[0-9]%\)}}    canonicalize{{$}}
// CHECK-NEXT: {{^}}  {{ *[0-9]+\.[0-9]+ \( *[0-9]+\.[0-9]%\)}}    cse{{$}}
// CHECK-NEXT: {{^}}  {{ *[0-9]+\.[0-9]+ \( *[0-9]+\.[0-9]%\)}}  symbol-dce{{$}}
// CHECK:      {{^}}  {{ *[0-9]+\.[0-9]+ \( *[0-9]+\.[0-9]%\)}}  Rest{{$}}
// CHECK-NEXT: {{^}}  {{ *[0-9]+\.[0-9]+ \(100\.0%\)}}  Total{{$}}

func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hl.add %a, %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}
