/* Passes and the pass manager: registered passes with typed options, nested
 * pipelines anchored on op names, MLIR's textual pipeline syntax, named
 * pipelines, and instrumentation (IR printing, timing, statistics,
 * verification after each pass). */
#ifndef IPU_PASS_H
#define IPU_PASS_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  IPU_OPTION_BOOL,
  IPU_OPTION_INT,    /* int64 */
  IPU_OPTION_DOUBLE,
  IPU_OPTION_STRING,
  IPU_OPTION_ENUM,   /* one of `enumValues` ("low,medium,high") */
  IPU_OPTION_INT_LIST, /* comma-separated int64 list */
} IpuPassOptionKind;

typedef struct {
  const char *name;
  IpuPassOptionKind kind;
  const char *defaultValue; /* textual; NULL: false / 0 / "" / empty */
  const char *help;
  const char *enumValues;   /* IPU_OPTION_ENUM only */
} IpuPassOptionDef;

typedef struct {
  const char *name;
  const char *description;
} IpuPassStatisticDef;

typedef struct IpuPassRun IpuPassRun; /* one run of a pass on one op */

typedef struct IpuPassDef {
  const char *argument;  /* "canonicalize": the flag and pipeline name */
  const char *summary;
  const char *description; /* may be NULL */
  /* Op name the pass runs on ("func.func"); NULL: any op. */
  const char *anchor;
  const IpuPassOptionDef *options;
  intptr_t numOptions;
  const IpuPassStatisticDef *statistics;
  intptr_t numStatistics;
  /* Runs on `op`. Failure means the pass failed (and should have reported
   * why through a diagnostic). */
  IpuLogicalResult (*run)(IpuOp *op, IpuPassRun *run);
} IpuPassDef;

/* Inside a pass: its options and statistics. */
IpuContext *ipuPassRunGetContext(IpuPassRun *run);
bool ipuPassRunGetBool(IpuPassRun *run, const char *option);
int64_t ipuPassRunGetInt(IpuPassRun *run, const char *option);
double ipuPassRunGetDouble(IpuPassRun *run, const char *option);
/* Strings and enums; the spelling is owned by the pass manager. */
const char *ipuPassRunGetString(IpuPassRun *run, const char *option);
intptr_t ipuPassRunGetIntList(IpuPassRun *run, const char *option,
                              const int64_t **values);
/* Adds `delta` to a statistic declared in the pass definition. */
void ipuPassRunAddStatistic(IpuPassRun *run, const char *name, int64_t delta);
/* Tells the pass manager the IR did not change (skips re-verification). */
void ipuPassRunMarkAllPreserved(IpuPassRun *run);

/* ---- Registry of passes and named pipelines. -------------------------- */
typedef struct IpuPassRegistry IpuPassRegistry;
IpuPassRegistry *ipuPassRegistryCreate(IpuContext *ctx);
void ipuPassRegistryDestroy(IpuPassRegistry *reg);
void ipuPassRegistryAddPass(IpuPassRegistry *reg, const IpuPassDef *def);
/* A named pipeline: its text is parsed where it is used. Options given in
 * braces at the use are substituted for `${NAME}` in `pipeline`, with
 * defaults from `options`. */
void ipuPassRegistryAddPipeline(IpuPassRegistry *reg, const char *name,
                                const char *summary, const char *pipeline,
                                const IpuPassOptionDef *options,
                                intptr_t numOptions);
const IpuPassDef *ipuPassRegistryLookup(const IpuPassRegistry *reg,
                                        const char *argument);
/* True if `argument` names a registered pass or named pipeline (what a
 * tool's --NAME flag may refer to). */
bool ipuPassRegistryContains(const IpuPassRegistry *reg, const char *argument);
intptr_t ipuPassRegistryGetNumPasses(const IpuPassRegistry *reg);
const IpuPassDef *ipuPassRegistryGetPass(const IpuPassRegistry *reg,
                                         intptr_t i);
/* The --list-passes text: every pass and pipeline with its summary and
 * options, sorted by name. */
void ipuPassRegistryPrintList(const IpuPassRegistry *reg, IpuStringCallback cb,
                              void *userData);

/* ---- The pass manager. ------------------------------------------------ */
typedef struct IpuPassManager IpuPassManager;

/* A pass manager anchored on `anchor` ("builtin.module", or "any"). A
 * nested pass manager runs on every op of its anchor's name directly inside
 * the regions of the op its parent runs on; an "any" one runs on those
 * that are registered, isolated from above, and accepted by each of its
 * passes' anchors (MLIR's OpToOpPassAdaptor, run sequentially). Nested
 * pass managers belong to their parent (destroying one is a no-op). */
IpuPassManager *ipuPassManagerCreate(IpuContext *ctx,
                                     const IpuPassRegistry *reg,
                                     const char *anchor);
void ipuPassManagerDestroy(IpuPassManager *pm);
/* Parses a pipeline such as
 *   builtin.module(func.func(canonicalize,cse),place{seed=3 effort=high})
 * (whose outermost name must match the anchor) or, when `nested` is true,
 * a bare list "canonicalize,cse" added to this pass manager. Errors are
 * reported with the offending position in the text. */
IpuLogicalResult ipuPassManagerParsePipeline(IpuPassManager *pm,
                                             const char *text);
/* Details of the two functions above and the next one:
 * - ipuPassManagerParsePipeline takes `anchor(list)` and nests explicitly,
 *   as MLIR's textual pipelines do: a pass restricted to another op
 *   ("func.func") is an error ("... did you intend to nest?").
 *   ipuPassManagerAddPasses takes a bare list ("canonicalize,cse",
 *   "func.func(cse),symbol-dce") and nests implicitly, as mlir-opt's
 *   one-flag-per-pass does: such a pass goes into a nested pass manager
 *   for its op, reusing the last one when it has the same anchor.
 * - Options: `pass{key=value flag key2="a b" key3={x y}}`; a bool option
 *   without a value means true; unknown keys and malformed values are
 *   errors. A named pipeline's options are substituted for `${key}` in its
 *   text, which is then parsed in place.
 * - Either succeeds completely or leaves `pm` unchanged, and reports the
 *   first error as one diagnostic at an unknown location whose message
 *   names the position, quotes the text and points at it, like MLIR's:
 *     <pipeline>:1:16: error: 'foo' does not refer to a registered pass or pass pipeline
 *     builtin.module(foo)
 *                    ^
 *   (inside a named pipeline's expansion the buffer is `<pipeline NAME>`). */
IpuLogicalResult ipuPassManagerAddPasses(IpuPassManager *pm,
                                         const char *passList);
/* Adds one pass by argument, with options text ("seed=3 effort=high"). */
IpuLogicalResult ipuPassManagerAddPass(IpuPassManager *pm,
                                       const char *argument,
                                       const char *options);
/* A nested pass manager for ops named `anchor` in this one's op. */
IpuPassManager *ipuPassManagerNest(IpuPassManager *pm, const char *anchor);
/* The op name this pass manager runs on ("any" for op-agnostic ones). */
const char *ipuPassManagerGetAnchor(const IpuPassManager *pm);
/* Prints the pipeline in textual form (as --dump-pass-pipeline). */
void ipuPassManagerPrintPipeline(const IpuPassManager *pm,
                                 IpuStringCallback cb, void *userData);

void ipuPassManagerEnableVerifier(IpuPassManager *pm, bool enable);
void ipuPassManagerEnableTiming(IpuPassManager *pm, bool enable);
void ipuPassManagerEnableStatistics(IpuPassManager *pm, bool enable);

/* IR printing around passes. `before`/`after` are comma-separated pass
 * arguments, or NULL; `beforeAll`/`afterAll` select every pass. The IR is
 * printed through `cb` as `// -----// IR Dump After cse (cse) //----- //`
 * followed by the op the pass ran on. */
typedef struct {
  const char *before;
  const char *after;
  bool beforeAll;
  bool afterAll;
  bool generic;       /* print the IR in generic form */
  bool debugInfo;
  IpuStringCallback cb;
  void *userData;
} IpuIRPrintingConfig;
void ipuPassManagerEnableIRPrinting(IpuPassManager *pm,
                                    const IpuIRPrintingConfig *cfg);

/* Runs the pipeline on `op` (whose name must match the anchor). A pass
 * that fails (reporting why; the pass manager adds "pass 'x' failed" when
 * it reported nothing) stops the pipeline. With the verifier enabled (the
 * default), the op a pass ran on is verified after it unless the pass
 * marked everything preserved; a failure there is reported as "verification
 * failed after running pass 'x'" after the verifier's own errors. IR dumps
 * after a failed pass read `IR Dump After x Failed (x)` and are generic. */
IpuLogicalResult ipuPassManagerRun(IpuPassManager *pm, IpuOp *op);

/* Adds a row to the timing report for work done outside the pass manager
 * (a tool's "Parser" or "Output"): rows recorded before the first run are
 * listed before the passes, later ones after them, and all count in the
 * total. Rows with the same name on the same side accumulate. */
void ipuPassManagerRecordTiming(IpuPassManager *pm, const char *name,
                                double seconds);

/* Reports after a run, in MLIR's layout. */
void ipuPassManagerPrintTiming(const IpuPassManager *pm, IpuStringCallback cb,
                               void *userData);
void ipuPassManagerPrintStatistics(const IpuPassManager *pm,
                                   IpuStringCallback cb, void *userData);
/* Value of a statistic summed over all runs of `pass` (0 if never run). */
int64_t ipuPassManagerGetStatistic(const IpuPassManager *pm,
                                   const char *pass, const char *name);

/* ---- The passes this library ships (passes/registry.c). --------------- */
void ipuRegisterAllPasses(IpuPassRegistry *reg);

#ifdef __cplusplus
}
#endif
#endif
