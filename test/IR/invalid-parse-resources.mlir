// The file metadata section: unknown keys and dialects, malformed blobs,
// alignments that are zero or not a power of two.
// RUN: ipu-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

"t.op"() {a = dense_resource<r> : tensor<1xi32>} : () -> ()
// expected-error @+1 {{expected hex string blob for key 'r' to encode alignment in first 4 bytes, but got non-power-of-2 value: 3}}
{-# dialect_resources: { builtin: { r: "0x0300000001000000" } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r' to encode alignment in first 4 bytes, but got non-power-of-2 value: 0}}
{-# dialect_resources: { builtin: { r: "0x0000000001000000" } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r' to encode alignment in first 4 bytes}}
{-# dialect_resources: { builtin: { r: "0x01" } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r'}}
{-# dialect_resources: { builtin: { r: "0x0400000001G" } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r'}}
{-# dialect_resources: { builtin: { r: "hello" } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r'}}
{-# dialect_resources: { builtin: { r: 1 } } #-}

// -----

// expected-error @+1 {{expected hex string blob for key 'r'}}
{-# dialect_resources: { builtin: { r: "0x040000000" } } #-}

// -----

// expected-error @+1 {{dialect 'nosuch' is unknown}}
{-# dialect_resources: { nosuch: { r: "0x04000000" } } #-}

// -----

// expected-error @+1 {{unexpected 'resource' section for dialect 'func'}}
{-# dialect_resources: { func: { r: "0x04000000" } } #-}

// -----

// expected-error @+1 {{unknown key 'other' in file metadata dictionary}}
{-# other: {} #-}

// -----

// expected-error @+1 {{expected ':'}}
{-# dialect_resources {} #-}

// -----

// expected-error @+1 {{expected ',' or '}'}}
{-# dialect_resources: { builtin: { r: "0x04000000" } #-}
