// Errors in pass pipelines: one diagnostic at an unknown location whose
// message gives the position in the pipeline text, the text and a caret.
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(foo)' 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNKNOWN
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(func.func(cse)' 2>&1 | FileCheck %s --check-prefix=UNBALANCED
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse))' 2>&1 | FileCheck %s --check-prefix=EXTRA
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse dce)' 2>&1 | FileCheck %s --check-prefix=SPACE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse{x=1})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=ten})' 2>&1 | FileCheck %s --strict-whitespace --check-prefix=VALUE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(canonicalize{region-simplify=maybe})' 2>&1 | FileCheck %s --check-prefix=ENUM
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations})' 2>&1 | FileCheck %s --check-prefix=NOVALUE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(canonicalize{top-down=maybe})' 2>&1 | FileCheck %s --check-prefix=BOOL
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse{)' 2>&1 | FileCheck %s --check-prefix=BRACE
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse,,dce)' 2>&1 | FileCheck %s --check-prefix=EMPTYNAME
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cse}' 2>&1 | FileCheck %s --check-prefix=COMMA
// RUN: not ipu-opt %s --pass-pipeline='cse' 2>&1 | FileCheck %s --check-prefix=WRAP
// RUN: not ipu-opt %s --pass-pipeline='func.func(cse)' 2>&1 | FileCheck %s --check-prefix=ANCHOR
// RUN: not ipu-opt %s --pass-pipeline='builtin.module(cleanup{nope=1})' 2>&1 | FileCheck %s --check-prefix=NAMED
// RUN: not ipu-opt %s '--canonicalize=max-iterations=x' 2>&1 | FileCheck %s --check-prefix=FLAG

// UNKNOWN:      <unknown>:0: error: <pipeline>:1:16: error: 'foo' does not refer to a registered pass or pass pipeline
// UNKNOWN-NEXT: {{^}}builtin.module(foo)
// UNKNOWN-NEXT: {{^}}               ^

// UNBALANCED: error: <pipeline>:1:30: error: encountered unbalanced parentheses while parsing pipeline

// EXTRA: error: <pipeline>:1:20: error: encountered extra closing ')' creating unbalanced parentheses while parsing pipeline

// SPACE: error: <pipeline>:1:16: error: 'cse dce' does not refer to a registered pass or pass pipeline

// OPTION: error: <pipeline>:1:20: error: no such option 'x' for 'cse'

// VALUE:      error: <pipeline>:1:44: error: invalid value 'ten' for option 'max-iterations' of 'canonicalize': expected an integer
// VALUE-NEXT: {{^}}builtin.module(canonicalize{max-iterations=ten})
// VALUE-NEXT: {{^}}                                           ^

// ENUM: error: <pipeline>:1:45: error: invalid value 'maybe' for option 'region-simplify' of 'canonicalize': expected one of disabled,normal,aggressive

// NOVALUE: error: <pipeline>:1:29: error: option 'max-iterations' of 'canonicalize' expects a value

// BOOL: error: <pipeline>:1:38: error: invalid value 'maybe' for option 'top-down' of 'canonicalize': expected 'true' or 'false'

// BRACE: error: <pipeline>:1:19: error: missing closing '}' while processing pass options

// EMPTYNAME: error: <pipeline>:1:20: error: expected pass or pipeline name

// COMMA: error: <pipeline>:1:19: error: expected ',' after parsing pipeline

// WRAP: error: <pipeline>:1:1: error: expected pass pipeline to be wrapped with the anchor operation type, e.g. 'builtin.module(...)'

// ANCHOR: error: <pipeline>:1:1: error: can't add a 'func.func' pipeline to a pass manager that runs on 'builtin.module'

// NAMED: error: <pipeline>:1:24: error: no such option 'nope' for 'cleanup'

// Options given to a pass flag are reported in `pass{options}` form.
// FLAG:      error: <pipeline>:1:29: error: invalid value 'x' for option 'max-iterations' of 'canonicalize': expected an integer
// FLAG-NEXT: canonicalize{max-iterations=x}

func.func @f() {
  return
}
