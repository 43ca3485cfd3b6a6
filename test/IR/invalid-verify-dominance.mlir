// SSA dominance: every use must be dominated by its definition, in the
// same block, across the CFG and across nested regions; graph regions and
// unreachable blocks are exempt, as in MLIR (mlir-opt gives the same
// diagnostics for this file).
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

func.func @same_block() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  %0 = "foo.use"(%1) : (i32) -> i32
  // expected-note @+1 {{operand defined here (op in the same block)}}
  %1 = "foo.def"() : () -> i32
  return
}

// -----

func.func @second_operand(%a: i32) {
  // expected-error @+1 {{operand #1 does not dominate this use}}
  "foo.use"(%a, %1) : (i32, i32) -> ()
  // expected-note @+1 {{operand defined here (op in the same block)}}
  %1 = "foo.def"() : () -> i32
  return
}

// -----

func.func @same_region(%c: i1) {
  "foo.cond_br"(%c)[^bb1, ^bb2] : (i1) -> ()
^bb1:
  // expected-note @+1 {{operand defined here (op in the same region)}}
  %0 = "foo.def"() : () -> i32
  "foo.br"()[^bb3] : () -> ()
^bb2:
  "foo.br"()[^bb3] : () -> ()
^bb3:
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "foo.use"(%0) : (i32) -> ()
  return
}

// -----

func.func @parent_region() {
  // expected-note @+1 {{operand defined here (op in a parent region)}}
  %0 = "foo.def"() ({
    // expected-error @+1 {{operand #0 does not dominate this use}}
    "foo.use"(%0) : (i32) -> ()
  }) : () -> i32
  return
}

// -----

func.func @parent_region_later() {
  "foo.region"() ({
    // expected-error @+1 {{operand #0 does not dominate this use}}
    "foo.use"(%0) : (i32) -> ()
  }) : () -> ()
  // expected-note @+1 {{operand defined here (op in a parent region)}}
  %0 = "foo.def"() : () -> i32
  return
}

// -----

func.func @child_region() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "foo.use"(%0) : (i32) -> ()
  "foo.region"() ({
    // expected-note @+1 {{operand defined here (op in a child region)}}
    %0 = "foo.def"() : () -> i32
  }) : () -> ()
  return
}

// -----

func.func @sibling_region() {
  "foo.region"() ({
    // expected-error @+1 {{operand #0 does not dominate this use}}
    "foo.use"(%0) : (i32) -> ()
  }) : () -> ()
  "foo.region"() ({
    // expected-note @+1 {{operand defined here (op is neither in a parent nor in a child region)}}
    %0 = "foo.def"() : () -> i32
  }) : () -> ()
  return
}

// -----

// expected-note @+1 {{operand defined as a block argument (block #1 in the same region)}}
func.func @block_argument() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "foo.use"(%arg) : (i32) -> ()
  "foo.br"()[^bb1] : () -> ()
^bb1(%arg: i32):
  return
}

// -----

func.func @block_argument_parent_region() {
  // expected-note @+1 {{operand defined as a block argument (block #1 in a parent region)}}
  "foo.region"() ({
    "foo.cond_br"()[^bb1, ^bb2] : () -> ()
  ^bb1(%arg: i32):
    "foo.br"()[^bb2] : () -> ()
  ^bb2:
    "foo.inner"() ({
      // expected-error @+1 {{operand #0 does not dominate this use}}
      "foo.use"(%arg) : (i32) -> ()
    }) : () -> ()
    "foo.end"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Only the first dominance error of a function is reported.
func.func @first_only() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "foo.use"(%0) : (i32) -> ()
  // expected-note @+1 {{operand defined here (op in the same block)}}
  %0 = "foo.def"() : () -> i32
  "foo.use"(%1) : (i32) -> ()
  %1 = "foo.def"() : () -> i32
  return
}

// -----

// Valid: uses in unreachable blocks, loops through block arguments, uses
// in nested regions of values defined above, and graph regions.
func.func @valid(%a: i32) {
  %0 = "foo.def"() : () -> i32
  "foo.br"()[^bb1] : () -> ()
^bb1:
  "foo.region"() ({
    "foo.use"(%0, %a) : (i32, i32) -> ()
  }) : () -> ()
  "foo.br"()[^bb3] : () -> ()
^bb2:
  "foo.use"(%2) : (i32) -> ()
  %2 = "foo.def"() : () -> i32
  "foo.br"()[^bb3] : () -> ()
^bb3:
  return
}
"foo.use_before_def_at_module_level"(%later) : (i32) -> ()
%later = "foo.def"() : () -> i32
