// IsolatedFromAbove: a value from outside used inside. MLIR's parser gives
// generic-form regions no name scope of their own (only custom forms such
// as func.func's isolate names), so the verifier is what reports this; the
// expectations are mlir-opt's.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

func.func @isolation(%a: i32) {
  "foo.region"() ({
    // expected-note @+1 {{required by region isolation constraints}}
    "func.func"() <{function_type = () -> (), sym_name = "inner"}> ({
      // expected-error @+1 {{'foo.use' op using value defined outside the region}}
      "foo.use"(%a) : (i32) -> ()
      "func.return"() : () -> ()
    }) : () -> ()
  }) : () -> ()
  return
}
