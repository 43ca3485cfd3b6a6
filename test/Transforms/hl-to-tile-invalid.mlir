// hl-to-tile: a module without a target, a bad target option, a function
// of several blocks and an unwritable report are errors.
// RUN: not ipu-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(hl-to-tile)' 2>&1 | FileCheck %s --check-prefix=NOTARGET
// RUN: not ipu-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(hl-to-tile{target=no-such-chip})' 2>&1 | FileCheck %s --check-prefix=BADTARGET
// RUN: not ipu-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(hl-to-tile{target=test-4x4 report=%t/no/such/dir/r.json})' 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: not ipu-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(hl-to-tile{target=test-4x4})' 2>&1 | FileCheck %s --check-prefix=BLOCKS

// NOTARGET: hl-to-tile-invalid.mlir:[[@LINE+4]]:1: error: 'builtin.module' op hl-to-tile: the module has no target ('hw.target'); give one with target=NAME|FILE
// BADTARGET: error: {{.*}}no-such-chip
// REPORT: error: 'builtin.module' op hl-to-tile: cannot write the report '{{.*}}r.json'
// BLOCKS-NOT: error
module {
  func.func @f(%x: tensor<2x4xi8>) -> tensor<2x3xi32> {
    %w = hl.constant {value = dense<[[1, 2, 3], [4, 5, 6], [7, 8, 9], [-1, -2, -3]]> : tensor<4x3xi8>} : tensor<4x3xi8>
    %y = hl.gemm %x, %w : (tensor<2x4xi8>, tensor<4x3xi8>) -> tensor<2x3xi32>
    return %y : tensor<2x3xi32>
  }
}

// -----

// BLOCKS: hl-to-tile-invalid.mlir:[[@LINE+1]]:1: error: 'func.func' op hl-to-tile handles single-block functions only
func.func @g(%x: tensor<2xi32>) -> tensor<2xi32> {
  "test.br"()[^bb1] : () -> ()
^bb1:
  return %x : tensor<2xi32>
}
