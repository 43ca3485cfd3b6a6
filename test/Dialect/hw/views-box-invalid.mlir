// Box views (hw.buffer with `base` and `base_index`) that the verifiers
// reject: a box outside its base, of another rank or element type, with
// an index of the wrong length, with both `base_offset` and `base_index`,
// without `base`, a contiguous view of a strided box, and an offset that
// is not its first element's.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics
// A chain of 10,000 box views ends with an error at link 257, quickly (each
// chain is walked once per buffer, with one symbol table per tile):
// RUN: python3 -c "print('hw.tile ({'); print('  hw.buffer {sym_name = \"b0\", type = tensor<4x4xi8>}'); [print('  hw.buffer {base = @b%d, base_index = array<i64: 0, 0>, sym_name = \"b%d\", type = tensor<4x4xi8>}' % (i - 1, i)) for i in range(1, 10000)]; print('  hw.program ({\n  })\n}) {x = 0, y = 0}')" > %t.deep.mlir
// RUN: not ipu-opt %t.deep.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEEP
// DEEP: error: 'hw.buffer' op is a view at the end of a chain of more than 256 bases
// DEEP-NEXT: hw.buffer {base = @b256, base_index = array<i64: 0, 0>, sym_name = "b257", type = tensor<4x4xi8>}

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is a box view of elements [4, 9) of dim 2 of its base, which has 8}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 4, 0>, sym_name = "v", type = tensor<1x2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is a box view of elements [-1, 3) of dim 3 of its base, which has 4}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 0, -1>, sym_name = "v", type = tensor<1x2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is a box view of type 'tensor<2x5x4xi8>' in a base of type 'tensor<1x2x8x4xi8>'; a box has its base's rank and element type}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 0>, sym_name = "v", type = tensor<2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is a box view of type 'tensor<1x2x5x4xi16>' in a base of type 'tensor<1x2x8x4xi8>'; a box has its base's rank and element type}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 0, 0>, sym_name = "v", type = tensor<1x2x5x4xi16>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op has 'base_index' with 2 entries; a box view of rank 4 needs one per dim}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0>, sym_name = "v", type = tensor<1x2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op has both 'base_offset' and 'base_index'; a view is either contiguous or a box}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 0, 0>, base_offset = 16, sym_name = "v", type = tensor<1x2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  // expected-error @+1 {{'hw.buffer' op has 'base_index' but no 'base'}}
  hw.buffer {base_index = array<i64: 0, 0, 0, 0>, sym_name = "v", type = tensor<1x2x5x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {sym_name = "map", type = tensor<1x2x8x4xi8>}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 2, 0>, sym_name = "band", type = tensor<1x2x4x4xi8>}
  // expected-error @+1 {{'hw.buffer' op is a contiguous view (base_offset) of @band, a box view whose bytes are strided}}
  hw.buffer {base = @band, base_offset = 16, sym_name = "v", type = tensor<1x1x4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}

// -----

hw.tile ({
  hw.buffer {offset = 32, sym_name = "map", type = tensor<1x2x8x4xi8>}
  // expected-error @+1 {{'hw.buffer' op has offset 32, but as a view of @map (offset 32) at byte 8 it is at 40}}
  hw.buffer {base = @map, base_index = array<i64: 0, 0, 2, 0>, offset = 32, sym_name = "band", type = tensor<1x2x4x4xi8>}
  hw.program ({
  })
}) {x = 0, y = 0}
