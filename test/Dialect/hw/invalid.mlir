// Every verifier error of the hw ops.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'hw.tile' op requires attribute 'x'}}
hw.tile ({
}) {y = 0}

// -----

// expected-error @+1 {{'hw.tile' op requires attribute 'y'}}
hw.tile ({
}) {x = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'x' failed to satisfy constraint: 64-bit signless integer attribute}}
hw.tile ({
}) {x = "zero", y = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'x' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
}) {x = -1, y = 0}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'y' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
}) {x = 0, y = -3}

// -----

// expected-error @+1 {{'hw.tile' op attribute 'chip' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
hw.tile ({
}) {chip = -1, x = 0, y = 0}

// -----

// expected-error @+1 {{'hw.tile' op requires one region}}
"hw.tile"() {x = 0, y = 0} : () -> ()

// -----

// expected-error @+1 {{'hw.tile' op region should have no arguments}}
"hw.tile"() ({
^bb0(%a: i32):
}) {x = 0, y = 0} : () -> ()

// -----

// expected-error @+1 {{'hw.tile' op expects region #0 to have 0 or 1 blocks}}
"hw.tile"() ({
^bb0:
  "hw.tile"() ({
  }) {x = 0, y = 0} : () -> ()
^bb1:
}) {x = 1, y = 1} : () -> ()

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'hw.tile' op requires zero operands}}
  "hw.tile"(%a) ({
  }) {x = 0, y = 0} : (i32) -> ()
  return
}
