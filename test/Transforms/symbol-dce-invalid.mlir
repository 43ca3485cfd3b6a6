// symbol-dce needs a symbol table.
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(symbol-dce))' 2>&1 | FileCheck %s

// CHECK: error: 'func.func' op was scheduled to run under SymbolDCE, but does not define a symbol table
func.func @f() {
  return
}
