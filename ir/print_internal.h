/* Private interface between the printer's files (printer.c, print_*.c): the
 * printer state, the task stack that prints nested types and attributes
 * without recursion, SSA names, location aliases and the op forms. */
#ifndef IPU_IR_PRINT_INTERNAL_H
#define IPU_IR_PRINT_INTERNAL_H

#include "ipu/asm.h"
#include "ipu/opdef.h"
#include "print_stream.h"

/* ---- Pointer -> uint32 hash map (open addressing, linear probing). ---- */
typedef struct {
  const void **keys; /* NULL marks an empty slot */
  uint32_t *values;
  size_t cap;        /* a power of two, or 0 */
  size_t count;
  unsigned shift;    /* 64 - log2(cap): multiplicative hashing */
} PrintPtrMap;

void ipuPrintMapDestroy(IpuContext *ctx, PrintPtrMap *m);
/* Inserts or overwrites; returns false on allocation failure (the map is
 * left as it was). */
bool ipuPrintMapPut(IpuContext *ctx, PrintPtrMap *m, const void *key,
                    uint32_t value);
/* Reserves room for `n` entries in all, so bulk inserts never rehash. */
bool ipuPrintMapReserve(IpuContext *ctx, PrintPtrMap *m, size_t n);

static inline size_t ipuPrintMapSlot(const PrintPtrMap *m, const void *key) {
  uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> m->shift);
}

/* Looks `key` up; false when absent. */
static inline bool ipuPrintMapGet(const PrintPtrMap *m, const void *key,
                                  uint32_t *value) {
  if (!m->cap)
    return false;
  size_t mask = m->cap - 1;
  for (size_t i = ipuPrintMapSlot(m, key);; i = (i + 1) & mask) {
    const void *k = m->keys[i];
    if (k == key) {
      *value = m->values[i];
      return true;
    }
    if (!k)
      return false;
  }
}

/* ---- Printer state. ---------------------------------------------------- */
typedef enum { ELIDE_NEVER, ELIDE_MAY, ELIDE_MUST } AttrTypeElision;

/* One pending piece of output: the task stack turns nested types, attributes
 * and locations into a loop, so deep nesting cannot overflow the C stack. */
enum {
  TASK_LIT,  /* ptr: NUL-terminated static text */
  TASK_TYPE, /* ptr: IpuType */
  TASK_ATTR, /* ptr: IpuAttr; flags: AttrTypeElision */
  TASK_LOC,  /* ptr: IpuLocation; flags: LOC_TOP_LEVEL */
  TASK_NAME, /* ptr: IpuIdent, printed as a keyword or a quoted string */
};
/* A location printed at the top of `loc(...)` never uses its own alias. */
enum { LOC_TOP_LEVEL = 1 };

typedef struct {
  uint8_t kind;
  uint8_t flags;
  const void *ptr;
} PrintTask;

typedef struct AliasState AliasState;
typedef struct NameState NameState;

/* Recently printed types, by handle: big IR repeats a few types endlessly,
 * and copying their text beats formatting it again. */
enum { TYPE_CACHE_SIZE = 256, TYPE_CACHE_TEXT = 55 };
typedef struct {
  IpuType type;
  uint8_t len;
  char text[TYPE_CACHE_TEXT];
} TypeCacheEntry;

/* Recently printed op signatures `(T, T) -> T` by their types: most ops
 * of big IR share a handful. */
enum { SIG_CACHE_SIZE = 64, SIG_CACHE_TYPES = 4, SIG_CACHE_TEXT = 120 };
typedef struct {
  IpuType types[SIG_CACHE_TYPES]; /* operand types, then result types */
  uint8_t numOperands, numResults;
  uint8_t len;
  char text[SIG_CACHE_TEXT];
} SigCacheEntry;

/* Recently printed `name = value` entries of attribute dictionaries. */
enum { ENTRY_CACHE_SIZE = 512, ENTRY_CACHE_TEXT = 62 };
typedef struct {
  IpuIdent name;
  IpuAttr value;
  uint8_t len;
  char text[ENTRY_CACHE_TEXT + 1];
} EntryCacheEntry;

typedef struct AsmPrinter {
  IpuContext *ctx;
  PrintStream *os;
  IpuPrintOptions opts;
  AliasState *aliases;     /* location aliases; NULL when not printing them */
  NameState *names;        /* SSA value and block names; NULL outside ops */
  unsigned indent;         /* current indentation in spaces */
  PrintTask *tasks;        /* the task stack */
  size_t numTasks, capTasks;
  /* Resource blobs referenced so far, in first-use order. */
  IpuResourceBlob **resources;
  size_t numResources, capResources;
  PrintPtrMap resourceSet;
  TypeCacheEntry *typeCache; /* TYPE_CACHE_SIZE entries, or NULL */
  SigCacheEntry *sigCache;   /* SIG_CACHE_SIZE entries, or NULL */
  EntryCacheEntry *entryCache; /* ENTRY_CACHE_SIZE entries, or NULL */
  bool recordResources;
  bool oom;                /* an allocation failed: output is cut short */
} AsmPrinter;

/* Sets up a printer on `os`; `opts` may be NULL (defaults). */
void ipuAsmPrinterInit(AsmPrinter *p, IpuContext *ctx, PrintStream *os,
                       const IpuPrintOptions *opts);
void ipuAsmPrinterDispose(AsmPrinter *p);
/* Records an allocation failure once, as a diagnostic. */
void ipuAsmPrinterOutOfMemory(AsmPrinter *p);
/* Grows `*array` (of `elemSize` bytes each) to hold at least `need`. */
bool ipuAsmGrow(AsmPrinter *p, void **array, size_t *cap, size_t need,
                size_t elemSize);

/* The task stack. Push in reverse order of output. */
void ipuAsmPush(AsmPrinter *p, uint8_t kind, uint8_t flags, const void *ptr);
static inline void ipuAsmPushLit(AsmPrinter *p, const char *text) {
  ipuAsmPush(p, TASK_LIT, 0, text);
}
/* Runs tasks until the stack is back to `base` entries. */
void ipuAsmRunTasks(AsmPrinter *p, size_t base);

/* Entry points that print one item completely. */
void ipuAsmPrintType(AsmPrinter *p, IpuType t);
void ipuAsmPrintAttr(AsmPrinter *p, IpuAttr a, AttrTypeElision elision);
/* Prints `loc(...)`: with `allowAlias`, `loc(#locN)` when the location has
 * an alias. */
void ipuAsmPrintLocation(AsmPrinter *p, IpuLocation loc, bool allowAlias);
/* ` loc(...)` after an op or argument, when printing debug info. */
void ipuAsmPrintTrailingLocation(AsmPrinter *p, IpuLocation loc,
                                 bool allowAlias);

/* Task expansion, one level at a time (print_types.c, print_attrs.c,
 * print_locations.c). */
void ipuAsmExpandType(AsmPrinter *p, IpuType t);
void ipuAsmExpandAttr(AsmPrinter *p, IpuAttr a, AttrTypeElision elision);
void ipuAsmExpandLoc(AsmPrinter *p, IpuLocation loc, uint8_t flags);
/* A type that prints without nested tasks (scalars and simple shapes). */
bool ipuAsmTryPrintSimpleType(AsmPrinter *p, IpuType t);

/* Pieces shared by the attribute printers. */
/* `!dialect.body` or `!dialect<body>` (prefix '!' or '#'). */
void ipuAsmPrintDialectSymbol(PrintStream *os, char prefix, IpuIdent dialect,
                              IpuStringRef body);
bool ipuAsmIsBareIdentifier(IpuStringRef s);
void ipuAsmPrintKeywordOrString(PrintStream *os, IpuStringRef s);
void ipuAsmPrintSymbolRef(PrintStream *os, IpuStringRef s);
/* `name` or `name = value` (unit values print as the bare name). */
void ipuAsmPrintNamedAttr(AsmPrinter *p, IpuNamedAttr na);
/* ` {a = 1, b}` of the entries of `dict` not named in `elided`, with
 * ` attributes` before the brace when `withKeyword`. */
void ipuAsmPrintOptionalAttrDict(AsmPrinter *p, const IpuNamedAttr *attrs,
                                 intptr_t n, const char *const *elided,
                                 bool withKeyword);
/* Remembers a dense_resource blob for the trailing resource section. */
void ipuAsmRecordResource(AsmPrinter *p, IpuResourceBlob *blob);
void ipuAsmPrintResourceSection(AsmPrinter *p);

/* Numbers (print_numbers.c). */
/* Prints a float given by its bit pattern as MLIR's printFloatValue does. */
void ipuAsmPrintFloat(PrintStream *os, IpuFloatKind kind, uint64_t bits);
/* Prints an integer of `width` bits held in little-endian 64-bit words as
 * signed or unsigned decimal. */
void ipuAsmPrintWideInt(AsmPrinter *p, const uint64_t *words, intptr_t numWords,
                        unsigned width, bool isSigned);

/* Dense elements and arrays (print_dense.c): the text after `dense<` up to
 * and excluding `>`, and the whole `array<...>`. */
void ipuAsmPrintDenseElementsBody(AsmPrinter *p, IpuAttr a);
bool ipuAsmShouldElideElements(AsmPrinter *p, IpuAttr a);
void ipuAsmPrintDenseArray(AsmPrinter *p, IpuAttr a);

/* ---- Op attributes: the merged, sorted view of properties (for
 * registered ops) and discardable attributes. ---------------------------- */
typedef struct {
  IpuNamedAttr *entries;
  intptr_t n;
  IpuNamedAttr inlineEntries[8];
} MergedAttrs;

/* Fills `m`; returns false if the two sets share a name or the properties
 * are not a dictionary (then the op prints in generic form). With
 * `includeProps` false only the discardable attributes are taken. */
bool ipuAsmMergeAttrs(AsmPrinter *p, IpuOp *op, bool includeProps,
                      MergedAttrs *m);
void ipuAsmMergedAttrsDispose(AsmPrinter *p, MergedAttrs *m);
int ipuAsmCompareNames(IpuStringRef a, IpuStringRef b);

/* ---- SSA names (print_names.c). -------------------------------------- */
/* Numbers every value and block under `root` as MLIR's SSANameState, in
 * unique-ID order when `unique` (generic form). NULL on allocation failure. */
NameState *ipuAsmNamesCreate(AsmPrinter *p, IpuOp *root, bool unique);
void ipuAsmNamesDestroy(AsmPrinter *p, NameState *ns);
void ipuAsmPrintValue(AsmPrinter *p, IpuValue v, bool printResultNo);
void ipuAsmPrintBlockName(AsmPrinter *p, IpuBlock *b);
/* The block's position in its region, or -1. */
int64_t ipuAsmBlockOrdering(AsmPrinter *p, IpuBlock *b);

/* ---- Location aliases (print_aliases.c). ----------------------------- */
AliasState *ipuAsmAliasesCreate(AsmPrinter *p, IpuOp *root);
void ipuAsmAliasesDestroy(AsmPrinter *p, AliasState *as);
/* Prints `#locN` and returns true when `attr` has an alias. */
bool ipuAsmPrintAlias(AsmPrinter *p, const void *attr);
/* Prints the `#locN = ...` definitions that can (or cannot) be deferred. */
void ipuAsmPrintAliasDefinitions(AsmPrinter *p, bool deferred);

/* ---- Op forms (printer.c, print_func_module.c, print_short_form.c). -- */
typedef enum {
  FORM_GENERIC,
  FORM_MODULE,  /* builtin.module */
  FORM_FUNC,    /* func.func */
  FORM_RETURN,  /* func.return */
  FORM_CALL,    /* func.call */
  FORM_SHORT,   /* the uniform form of our dialects' ops */
} OpForm;

OpForm ipuAsmChooseForm(AsmPrinter *p, IpuOp *op);
/* How the regions of an op in `form` print. */
typedef struct {
  bool printEntryBlockArgs;
  bool printEmptyBlock;
  const char *defaultDialect; /* for op names inside the regions */
} RegionStyle;
RegionStyle ipuAsmRegionStyle(OpForm form);
/* Regions of `op` that print in `form` (func declarations print none). */
intptr_t ipuAsmNumPrintedRegions(IpuOp *op, OpForm form);

/* Custom forms: everything before the first region, between regions and
 * after the last (the trailing location is printed by the caller). */
void ipuAsmPrintOpName(AsmPrinter *p, IpuOp *op, const char *defaultDialect);
void ipuAsmModuleHead(AsmPrinter *p, IpuOp *op);
void ipuAsmFuncHead(AsmPrinter *p, IpuOp *op);
void ipuAsmReturnPrint(AsmPrinter *p, IpuOp *op);
void ipuAsmCallPrint(AsmPrinter *p, IpuOp *op);
bool ipuAsmFuncIsValid(IpuOp *op);
bool ipuAsmShortFormIsValid(AsmPrinter *p, IpuOp *op);
void ipuAsmShortHead(AsmPrinter *p, IpuOp *op, const char *defaultDialect);
void ipuAsmShortTail(AsmPrinter *p, IpuOp *op);
/* `(T, T) -> (T, T)` of the op's operands and results, as MLIR's
 * printFunctionalType. */
void ipuAsmPrintFunctionalType(AsmPrinter *p, IpuOp *op);
void ipuAsmPrintOperandList(AsmPrinter *p, IpuOp *op);

#endif
