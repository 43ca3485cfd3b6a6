// Textual pass pipelines: nesting, options, named pipelines, one flag per
// pass, and --dump-pass-pipeline (options print with their values, sorted).
// RUN: ipu-opt %s --dump-pass-pipeline --pass-pipeline='builtin.module(func.func(cse,canonicalize{max-iterations=3}),symbol-dce)' 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: ipu-opt %s --dump-pass-pipeline --pass-pipeline=' builtin.module ( func.func ( cse ) , any ( dce ) ) ' -o /dev/null 2>&1 | FileCheck %s --check-prefix=SPACES
// RUN: ipu-opt %s --dump-pass-pipeline --canonicalize --cse -o /dev/null 2>&1 | FileCheck %s --check-prefix=FLAGS
// RUN: ipu-opt %s --dump-pass-pipeline '--canonicalize=max-iterations=2 top-down=false test-convergence' -o /dev/null 2>&1 | FileCheck %s --check-prefix=FLAGOPTS
// RUN: ipu-opt %s --dump-pass-pipeline --pass-pipeline='builtin.module(canonicalize{max-iterations="4" region-simplify={disabled}})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=QUOTED
// RUN: ipu-opt %s --dump-pass-pipeline --pass-pipeline='builtin.module(cleanup{max-iterations=7})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=NAMED
// RUN: ipu-opt %s --dump-pass-pipeline --pass-pipeline='builtin.module()' 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: ipu-opt %s --list-passes | FileCheck %s --check-prefix=LIST

// NESTED: builtin.module(func.func(cse,canonicalize{max-iterations=3 max-num-rewrites=-1 region-simplify=normal test-convergence=false top-down=true}),symbol-dce)
// The pipeline ran: the duplicate add is gone and @unused too.
// NESTED-LABEL: func.func @f
// NESTED-NEXT:    %[[X:.*]] = hl.add
// NESTED-NEXT:    return %[[X]], %[[X]]
// NESTED-NOT:   @unused

// SPACES: builtin.module(func.func(cse),any(dce))

// FLAGS: builtin.module(canonicalize{{[{]}}max-iterations=10 max-num-rewrites=-1 region-simplify=normal test-convergence=false top-down=true{{[}]}},cse)

// FLAGOPTS: builtin.module(canonicalize{{[{]}}max-iterations=2 max-num-rewrites=-1 region-simplify=normal test-convergence=true top-down=false{{[}]}})

// QUOTED: builtin.module(canonicalize{{[{]}}max-iterations=4 max-num-rewrites=-1 region-simplify=disabled test-convergence=false top-down=true{{[}]}})

// A named pipeline expands in place, its options substituted.
// NAMED: builtin.module(canonicalize{{[{]}}max-iterations=7 {{.*}}{{[}]}},cse,canonicalize{{[{]}}max-iterations=7 {{.*}}{{[}]}},symbol-dce)

// EMPTY: builtin.module()
// EMPTY-NEXT: module {
// EMPTY-NEXT:   func.func @f

// LIST:      Passes:
// LIST:        --canonicalize {{ *}}-   Canonicalize operations
// LIST-NEXT:     --max-iterations=<long> {{ *}}- Max. iterations between applying patterns / simplifying regions (default: 10)
// LIST-NEXT:     --max-num-rewrites=<long>
// LIST-NEXT:     --region-simplify=<disabled|normal|aggressive>
// LIST-NEXT:     --test-convergence
// LIST-NEXT:     --top-down
// LIST-NEXT:   --cse {{ *}}-   Eliminate common sub-expressions
// LIST-NEXT:   --dce
// LIST:        --symbol-dce {{ *}}-   Eliminate dead symbols
// LIST:      Pass Pipelines:
// LIST-NEXT:   --cleanup
// LIST-NEXT:     --max-iterations=<long>

func.func @f(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hl.add %a, %a : tensor<4xf32>
  %1 = hl.add %a, %a : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

func.func private @unused()
