// Round trip of builtin.module in custom and generic form.
// RUN: ipu-opt %s | FileCheck %s
// RUN: ipu-opt %s | ipu-opt | FileCheck %s
// RUN: ipu-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ipu-opt %s --mlir-print-op-generic | ipu-opt | FileCheck %s

// CHECK-LABEL: module {
// CHECK-NEXT:    module @empty {
// CHECK-NEXT:    }
// CHECK-NEXT:    module @attrs attributes {ipu.target = "test", ipu.version = 2 : i64} {
// CHECK-NEXT:      func.func private @decl()
// CHECK-NEXT:    }
// CHECK-NEXT:    module @hidden attributes {sym_visibility = "private"} {
// CHECK-NEXT:    }
// CHECK-NEXT:    module {
// CHECK-NEXT:    }
// CHECK-NEXT:    module @generic {
// CHECK-NEXT:    }
// CHECK-NEXT:    module @props {
// CHECK-NEXT:    }
// CHECK-NEXT:  }

// GENERIC-LABEL: "builtin.module"() ({
// GENERIC-NEXT:    "builtin.module"() <{sym_name = "empty"}> ({
// GENERIC-NEXT:    ^bb0:
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:    "builtin.module"() <{sym_name = "attrs"}> ({
// GENERIC-NEXT:      "func.func"() <{function_type = () -> (), sym_name = "decl", sym_visibility = "private"}> ({
// GENERIC-NEXT:      }) : () -> ()
// GENERIC-NEXT:    }) {ipu.target = "test", ipu.version = 2 : i64} : () -> ()
// GENERIC-NEXT:    "builtin.module"() <{sym_name = "hidden", sym_visibility = "private"}> ({
// GENERIC-NEXT:    ^bb0:
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:    "builtin.module"() ({
// GENERIC-NEXT:    ^bb0:
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:    "builtin.module"() <{sym_name = "generic"}> ({
// GENERIC-NEXT:    ^bb0:
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:    "builtin.module"() <{sym_name = "props"}> ({
// GENERIC-NEXT:    ^bb0:
// GENERIC-NEXT:    }) : () -> ()
// GENERIC-NEXT:  }) : () -> ()

module {
  module @empty {
  }
  module @attrs attributes {ipu.target = "test", ipu.version = 2 : i64} {
    func.func private @decl()
  }
  module @hidden attributes {sym_visibility = "private"} {}
  module {
  }
  // Inherent attributes given in the discardable dictionary move into the
  // properties, as MLIR does.
  "builtin.module"() ({
  ^bb0:
  }) {sym_name = "generic"} : () -> ()
  "builtin.module"() <{sym_name = "props"}> ({
  ^bb0:
  }) : () -> ()
}
