// Custom forms: unknown op names and default dialects, module and
// func.func syntax, the uniform short form's types.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// expected-error @+1 {{custom op 'foo.bar' is unknown}}
foo.bar

// -----

// expected-error @+1 {{custom op 'bar' is unknown (tried 'builtin.bar' as well)}}
bar

// -----

module {
  // expected-error @+1 {{custom op 'return' is unknown (tried 'builtin.return' as well)}}
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{custom op 'module' is unknown (tried 'func.module' as well)}}
  module {}
  return
}

// -----

func.func @f() {
  "t.region"() ({
    // Generic ops keep the default dialect of their parent: func here.
    // expected-error @+1 {{custom op 'frobnicate' is unknown (tried 'func.frobnicate' as well)}}
    frobnicate
  }) : () -> ()
  return
}

// -----

func.func @f() {
  hw.tile ({
    // Custom ops of our dialects have no default dialect.
    // expected-error @+1 {{custom op 'return' is unknown}}
    return
  }) {x = 0 : i64, y = 0 : i64}
  return
}

// -----

// expected-error @+1 {{custom op 'func.func' expected non-empty function body}}
func.func @f() {}

// -----

// expected-error @+1 {{invalid block name in region with named arguments}}
func.func @f(%a: i32) { ^bb0: return }

// -----

// expected-error @+1 {{custom op 'func.func' expected SSA identifier}}
func.func @f(%a: i32, i32) { return }

// -----

// expected-error @+1 {{custom op 'func.func' expected type instead of SSA identifier}}
func.func @f(i32, %a: i32) { return }

// -----

// expected-error @+1 {{custom op 'func.func' expected valid '@'-identifier for symbol name}}
func.func wrong @f() { return }

// -----

func.func @f(%a: i32) -> i32 {
  // expected-error @+1 {{1 operands present, but expected 0}}
  return %a
}

// -----

func.func @f(%a: i32) -> i32 {
  // expected-error @+1 {{expected function type}}
  %0 = call @g(%a) : i32
  return %0 : i32
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected a single type for operands and results}}
  %0 = hl.add %a, %a : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected a single type for operands and results}}
  %0 = hl.add %a, %a
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{expected 1 result type but had 2}}
  %0 = hl.constant {value = dense<1.0> : tensor<4xf32>} : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// expected-note @+1 {{prior use here}}
func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{use of value '%a' expects different type than prior uses: 'tensor<8xf32>' vs 'tensor<4xf32>'}}
  %0 = hl.relu %a : tensor<8xf32>
  return
}
