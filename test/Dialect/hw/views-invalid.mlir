// Views (hw.buffer with `base`) that the verifiers reject, and overlap
// between views of one root, which hw.program allows.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op 'base' @nowhere does not name a hw.buffer of its tile}}
  hw.buffer {base = @nowhere, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4x8xi8>}
  // expected-error @+1 {{'hw.buffer' op is a view of bytes [32, 48) of base @a, which has 32 bytes (base_offset must be a non-negative multiple of 16 and the view inside its base)}}
  hw.buffer {base = @a, base_offset = 32, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4x8xi8>}
  // expected-error @+1 {{'hw.buffer' op is a view of bytes [8, 24) of base @a, which has 32 bytes (base_offset must be a non-negative multiple of 16 and the view inside its base)}}
  hw.buffer {base = @a, base_offset = 8, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op is a view whose chain of bases comes back on itself}}
  hw.buffer {base = @b, sym_name = "a", type = tensor<4x4xi8>}
  hw.buffer {base = @a, sym_name = "b", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op is a view whose chain of bases comes back on itself}}
  hw.buffer {base = @a, sym_name = "a", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "a", type = tensor<4x8xi8>}
  // expected-error @+1 {{'hw.buffer' op is a view (it has a 'base'), so it has one slot, not 2}}
  hw.buffer {base = @a, slots = 2, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {slots = 2, sym_name = "a", type = tensor<4x8xi8>}
  // expected-error @+1 {{'hw.buffer' op has base @a, which is double-buffered; a view's base holds its whole tensor once}}
  hw.buffer {base = @a, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has 'base_offset' but no 'base'}}
  hw.buffer {base_offset = 16, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {offset = 32, sym_name = "a", type = tensor<4x8xi8>}
  // expected-error @+1 {{'hw.buffer' op has offset 32, but as a view of @a (offset 32) at byte 16 it is at 48}}
  hw.buffer {base = @a, base_offset = 16, offset = 32, sym_name = "v", type = tensor<4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

// A view family shares bytes while its members are live: allowed.
hw.tile ({
  hw.buffer {offset = 0, sym_name = "a", type = tensor<4x8xi8>}
  hw.buffer {base = @a, base_offset = 16, offset = 16, sym_name = "v", type = tensor<4x4xi8>}
  hw.buffer {offset = 32, sym_name = "c", type = tensor<4x4xi8>}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>):
      hw.yield %x : tensor<4x4xi8>
    }) {dsts = [@v], srcs = [@c]}
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>, %y: tensor<4x4xi8>):
      %r = hl.concat %x, %y {axis = 1 : i64} : (tensor<4x4xi8>, tensor<4x4xi8>) -> tensor<4x8xi8>
      hw.yield %r : tensor<4x8xi8>
    }) {dsts = [@a], srcs = [@c, @v]}
  })
}) {x = 0, y = 0}

// -----

// Two families sharing bytes while live: rejected.
hw.tile ({
  // expected-note @+1 {{@a is live at instructions [1, 1]}}
  hw.buffer {offset = 0, sym_name = "a", type = tensor<4x8xi8>}
  // expected-note @+1 {{@v is live at instructions [0, 1]}}
  hw.buffer {base = @c, offset = 16, sym_name = "v", type = tensor<4x4xi8>}
  hw.buffer {offset = 16, sym_name = "c", type = tensor<4x4xi8>}
  hw.buffer {offset = 48, sym_name = "d", type = tensor<4x4xi8>}
  // expected-error @+1 {{'hw.program' op buffers @a (bytes [0, 32)) and @v (bytes [16, 32)) overlap and are both live at instruction 1}}
  hw.program ({
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>):
      hw.yield %x : tensor<4x4xi8>
    }) {dsts = [@v], srcs = [@d]}
    hw.exec ({
    ^bb0(%x: tensor<4x4xi8>, %y: tensor<4x4xi8>):
      %r = hl.concat %x, %y {axis = 1 : i64} : (tensor<4x4xi8>, tensor<4x4xi8>) -> tensor<4x8xi8>
      hw.yield %r : tensor<4x8xi8>
    }) {dsts = [@a], srcs = [@d, @v]}
  })
}) {x = 0, y = 0}
