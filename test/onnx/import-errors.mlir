// Import errors: every unsupported op type at once, damaged files, a
// dynamic shape that shape arithmetic needs, bad --input-shape.
// RUN: not ipu-translate --import-onnx %S/Inputs/unsupported.onnx 2>&1 | FileCheck %s --check-prefix=UNSUP
// RUN: not ipu-translate --import-onnx %S/Inputs/truncated.onnx 2>&1 | FileCheck %s --check-prefix=DAMAGED
// RUN: not ipu-translate --import-onnx %S/Inputs/missing.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ipu-translate --import-onnx %S/Inputs/shape_reshape.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// RUN: not ipu-translate --import-onnx %S/Inputs/conv_same.onnx --input-shape x=2x3x9x10 2>&1 | FileCheck %s --check-prefix=MISMATCH
// RUN: not ipu-translate --import-onnx %S/Inputs/conv_same.onnx --input-shape nope=1 2>&1 | FileCheck %s --check-prefix=NONAME
// RUN: not ipu-translate --import-onnx %S/Inputs/conv_same.onnx --input-shape x=1xQ 2>&1 | FileCheck %s --check-prefix=BADARG

// UNSUP: unsupported.onnx: error: unsupported ONNX op types: FancyOp, OtherOp
// UNSUP-NOT: error
// DAMAGED: truncated.onnx: error: damaged or not an ONNX model
// MISSING: missing.onnx: error:
// DYNAMIC: error: node 'shape' (Shape): the input shape must be static (use --input-shape to fix dynamic dims)
// MISMATCH: error: graph input 'x': --input-shape dim 0 is 2, but the model says 1
// NONAME: error: --input-shape names 'nope', which is not an input of the model
// BADARG: ipu-translate: error: bad --input-shape 'x=1xQ'
