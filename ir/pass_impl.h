/* Internal layout of the pass registry and pass manager, shared by the
 * ir/pass_*.c and ir/pipeline_parser.c files (not part of the public API). */
#ifndef IPU_IR_PASS_IMPL_H
#define IPU_IR_PASS_IMPL_H

#include <stdarg.h>

#include "ipu/pass.h"

/* Deeper pipelines (nested pass managers, named pipelines expanding into
 * each other) are rejected with a diagnostic instead of recursing. */
#define IPU_PASS_MAX_NESTING 64

/* One option's current value. */
typedef struct {
  bool boolValue;
  int64_t intValue;
  double doubleValue;
  char *stringValue;    /* STRING and ENUM; owned, never NULL once set */
  int64_t *listValues;  /* INT_LIST; owned, NULL when empty */
  intptr_t numListValues;
} IpuPassOptionValue;

/* A named pipeline of the registry (strings owned by the registry). */
typedef struct {
  char *name;
  char *summary;
  char *text;
  const IpuPassOptionDef *options; /* borrowed, like pass definitions */
  intptr_t numOptions;
} IpuPassPipelineDef;

struct IpuPassRegistry {
  IpuContext *ctx;
  const IpuPassDef **passes; /* borrowed definitions */
  intptr_t numPasses, capPasses;
  IpuPassPipelineDef *pipelines;
  intptr_t numPipelines, capPipelines;
};

/* One element of a pass manager's list: a pass or a nested pass manager. */
typedef struct {
  const IpuPassDef *def;        /* NULL for a nested pass manager */
  IpuPassManager *nested;       /* owned; NULL for a pass */
  IpuPassOptionValue *options;  /* def->numOptions values, owned */
  int64_t *statistics;          /* def->numStatistics counters, owned */
  double seconds;               /* wall time over every run */
} IpuPassEntry;

/* A row of the timing report that the pass manager did not measure itself
 * (the tool's "Parser" and "Output"). */
typedef struct {
  char *name;      /* owned */
  double seconds;
  bool afterRun;   /* recorded after the first run: printed after it */
} IpuPassTimingRow;

struct IpuPassManager {
  IpuContext *ctx;
  const IpuPassRegistry *reg;
  char *anchor;                /* owned: "builtin.module", "any", ... */
  IpuPassManager *parent;      /* NULL for the root */
  int depth;                   /* 0 for the root */
  IpuPassEntry *entries;       /* owned */
  intptr_t numEntries, capEntries;

  /* Root only: instrumentation. */
  bool verify;
  bool timing;
  bool statistics;
  bool printing;
  IpuIRPrintingConfig printCfg; /* before/after strings owned */
  bool hasRun;
  double runSeconds;            /* wall time of every ipuPassManagerRun */
  double printSeconds;          /* of that, time spent dumping IR */
  IpuPassTimingRow *rows;       /* owned */
  intptr_t numRows, capRows;
};

struct IpuPassRun {
  IpuPassManager *root;
  IpuPassEntry *entry;
  bool allPreserved;
};

/* ---- Registry (pass_registry.c). ---- */
const IpuPassPipelineDef *ipuPassRegistryLookupPipelineDef(
    const IpuPassRegistry *reg, IpuStringRef name);
const IpuPassDef *ipuPassRegistryLookupRef(const IpuPassRegistry *reg,
                                           IpuStringRef name);

/* ---- Options (pass_options.c). ---- */
/* Where an error in pipeline or option text is reported: the whole text
 * that positions refer to, and its name in the message. */
typedef struct {
  IpuContext *ctx;
  const char *text;
  size_t length;
  const char *bufferName; /* "<pipeline>" */
} IpuPipelineSource;

/* Reports an error at `at` (a pointer into src->text) as an error at an
 * unknown location whose message reads
 *   <pipeline>:1:COL: error: MESSAGE
 *   <the line of text>
 *   <caret under COL>
 * Returns IPU_FAILURE. */
IpuLogicalResult ipuPipelineErrorAt(const IpuPipelineSource *src,
                                    const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One `key[=value]` of an options string. `value` is unquoted: outer
 * quotes or one outer pair of braces are stripped. */
typedef struct {
  IpuStringRef key;
  IpuStringRef value;
  bool hasValue;
} IpuPassOptionToken;

/* Reads the next option from text[*pos..length); returns false at the end. */
bool ipuPassOptionNext(const char *text, size_t length, size_t *pos,
                       IpuPassOptionToken *tok);

/* Lists in name order without sorting: the index of the entry whose name
 * comes next after `after` in byte order (NULL: the first), or -1. O(n);
 * the lists it serves (passes, options) are short. */
typedef const char *(*IpuPassNameOf)(intptr_t i, const void *entries);
intptr_t ipuPassNextByName(intptr_t n, IpuPassNameOf nameOf,
                           const void *entries, const char *after);
const char *ipuPassOptionDefName(intptr_t i, const void *defs);

/* Index of the option named `name`, or -1. */
intptr_t ipuPassOptionFind(const IpuPassOptionDef *defs, intptr_t n,
                           IpuStringRef name);

/* Allocates values for `defs` set to their defaults. Returns NULL (with a
 * diagnostic through `src`, at `at`) when a default does not parse or
 * memory runs out; n == 0 gives NULL without error (check n first). */
IpuPassOptionValue *ipuPassOptionsCreateDefaults(
    const IpuPipelineSource *src, const char *at, const char *owner,
    const IpuPassOptionDef *defs, intptr_t n);
void ipuPassOptionsDestroy(IpuContext *ctx, IpuPassOptionValue *values,
                           const IpuPassOptionDef *defs, intptr_t n);

/* Parses `text` (a `key=value ...` list that lies inside src->text) into
 * `values`. Errors are located in src. `owner` names the pass or pipeline
 * in messages. */
IpuLogicalResult ipuPassOptionsParse(const IpuPipelineSource *src,
                                     const char *text, size_t length,
                                     const char *owner,
                                     const IpuPassOptionDef *defs, intptr_t n,
                                     IpuPassOptionValue *values);

/* Parses one value into `out` (freeing what it held). Returns false and
 * writes a short reason ("expected an integer") on error. */
bool ipuPassOptionParseValue(IpuContext *ctx, const IpuPassOptionDef *def,
                             IpuStringRef text, IpuPassOptionValue *out,
                             const char **reason);

/* Prints one value as the pipeline text spells it. */
void ipuPassOptionPrintValue(const IpuPassOptionDef *def,
                             const IpuPassOptionValue *value,
                             IpuStringCallback cb, void *userData);
/* Prints `{a=1 b=true}` (sorted by name), nothing without options. */
void ipuPassOptionsPrint(const IpuPassOptionDef *defs, intptr_t n,
                         const IpuPassOptionValue *values,
                         IpuStringCallback cb, void *userData);

/* ---- Pass manager (pass_manager.c). ---- */
IpuPassManager *ipuPassManagerGetRoot(const IpuPassManager *pm);
/* Appends an entry; returns NULL on allocation failure. */
IpuPassEntry *ipuPassManagerAppendEntry(IpuPassManager *pm);
/* A detached pass manager (no parent) used as a parse target. */
IpuPassManager *ipuPassManagerCreateNested(IpuPassManager *parent,
                                           IpuStringRef anchor);
void ipuPassManagerDestroyTree(IpuPassManager *pm);
/* Moves every entry of `from` to the end of `to`; destroys `from`. With
 * `coalesce`, a leading nested pass manager of `from` merges into a last
 * nested pass manager of `to` with the same anchor (implicit nesting). */
IpuLogicalResult ipuPassManagerAppendAll(IpuPassManager *to,
                                         IpuPassManager *from, bool coalesce);
/* Adds a pass with option text; errors located in src. `nestImplicitly`:
 * a pass restricted to another op is nested instead of rejected. */
IpuLogicalResult ipuPassManagerAddPassDef(IpuPassManager *pm,
                                          const IpuPassDef *def,
                                          const IpuPipelineSource *src,
                                          const char *nameAt,
                                          const char *options,
                                          size_t optionsLength,
                                          bool nestImplicitly);

/* ---- Instrumentation (pass_instrumentation.c). ---- */
double ipuPassClockSeconds(void);
bool ipuPassShouldPrintBefore(const IpuPassManager *root,
                              const IpuPassDef *def);
bool ipuPassShouldPrintAfter(const IpuPassManager *root,
                             const IpuPassDef *def);
/* Prints `// -----// IR Dump Before cse (cse) //----- //` (or `After`,
 * or `After cse Failed`) and then `op`. */
void ipuPassPrintIR(IpuPassManager *root, bool before, bool failed,
                    const IpuPassDef *def, IpuOp *op);

/* ---- Small string output helpers (pass_options.c). ---- */
void ipuPassEmit(IpuStringCallback cb, void *userData, const char *s);
void ipuPassEmitF(IpuStringCallback cb, void *userData, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
