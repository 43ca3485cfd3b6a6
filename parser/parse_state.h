/* Internal state of the textual-format parser, shared by the re2c lexer, the
 * bison grammar and the helper files: scratch stacks, SSA scopes, op frames. */
#ifndef IPU_PARSER_PARSE_STATE_H
#define IPU_PARSER_PARSE_STATE_H

#include <stdarg.h>

#include "ipu/asm.h"
#include "ipu/opdef.h"

/* A source position (bison's location type): 1-based line and byte column
 * of a token's first character. Lines do not include the file's offset. */
typedef struct {
  uint32_t line, col;
} IpuSrcPos;

/* Semantic value of most tokens: the token's text inside the source buffer.
 * `num` carries a result number (`%x#1`), a string's flags (STR_*), ... */
typedef struct {
  const char *ptr;
  uint32_t len;
  uint32_t num;
} Span;

/* Flags of a string token (Span.num). */
#define STR_ESCAPES 1u        /* holds escapes: decode before use */
#define STR_HEX_DECODED 0x100u /* huge dense hex body, decoded by the lexer
                               * into Parser.hexBlob; its text is gone */
#define STR_HEX_INVALID 0x200u /* huge dense body that is not hex digit
                               * pairs; its text is gone */

/* A list that lives on one of the parser's scratch stacks. */
typedef struct {
  uint32_t start, count;
} ListRef;

/* A parsed location; `deferred` is 1 + the index of a reference to a
 * location alias that was not yet defined (0: none). */
typedef struct {
  IpuAttr loc;
  uint32_t deferred;
} LocRef;

/* Shape of a dense literal element: `rank` dimensions on Parser.shapes from
 * `start` (innermost first); `count` counts the elements of a list. */
typedef struct {
  uint32_t start, rank, count;
} DenseShape;

/* The rest of a generic op after its operands, from the lexer's caches:
 * properties and attributes (or NULL) and the function type. */
typedef struct {
  IpuAttr props, attrs;
  IpuType type;
} OpTail;

/* A type together with where it was written, for messages. */
typedef struct {
  IpuType type;
  IpuSrcPos pos;
} TypeAt;

/* Growable arrays: `data`, `len`, `cap` with the element type fixed by the
 * struct; vecGrow makes room through the context allocator. */
#define IPU_VEC(T) struct { T *data; uint32_t len, cap; }

/* Pointer-keyed open-addressing hash map (keys are interned identifiers). */
typedef struct {
  const void *key; /* NULL: empty; PTRMAP_TOMBSTONE: deleted */
  uint32_t value;
} PtrMapSlot;
typedef struct {
  PtrMapSlot *slots;
  uint32_t cap;  /* power of two or 0 */
  uint32_t used; /* live + tombstones */
  uint32_t live;
} PtrMap;
#define PTRMAP_TOMBSTONE ((const void *)1)

/* An SSA name of the file (one record per spelling, owned by the Parser)
 * with its binding in the innermost isolated scope that defines it: the
 * record is the lookup, no map needed. Shadowed bindings wait on
 * Parser.undo. */
typedef struct {
  IpuIdent ident;  /* "%x" */
  uint32_t value;  /* 1 + index in Parser.values, or 0: unbound */
  uint32_t scope;  /* index in Parser.isos of the binding */
} SsaName;

/* Undoes one binding when its region or scope ends. */
typedef struct {
  SsaName *name;
  uint32_t value, scope; /* the binding it replaced */
} NameUndo;

/* An operand use whose value is resolved once its type is known. */
typedef struct {
  SsaName *name;
  uint32_t number;
  IpuSrcPos pos;
} UseRef;

/* A result group on the left of `=`: `%x:2` has count 2. */
typedef struct {
  SsaName *name;
  uint32_t count;
  IpuSrcPos pos;
} ResultDef;

/* A defined SSA name: op results [base, base+count) or one block argument. */
typedef struct {
  SsaName *name;
  IpuOp *op;       /* NULL for a block argument */
  IpuValue single; /* the block argument */
  uint32_t base, count;
  IpuSrcPos pos;
} ValueEntry;

/* A use before definition: a placeholder value, replaced on definition. */
typedef struct {
  SsaName *name;
  uint32_t number;
  IpuValue placeholder;
  IpuSrcPos pos;
  uint32_t next; /* next forward entry of the same name, or UINT32_MAX */
  bool resolved;
} FwdEntry;

/* Names of one isolated-from-above scope (their bindings are in the
 * SsaName records). */
typedef struct {
  PtrMap fwd;         /* SsaName -> first index in Parser.fwds */
  uint32_t valuesStart, fwdStart, undoStart;
  uint32_t unresolved; /* forward references not yet defined */
} IsoScope;

/* A `^name` of a region: defined, or referenced before its definition. */
typedef struct {
  IpuIdent name;
  IpuBlock *block;
  IpuSrcPos firstUse;
  bool defined;
} BlockRef;

typedef enum {
  OPK_GENERIC,
  OPK_CUSTOM, /* uniform short form of a registered op */
  OPK_MODULE,
  OPK_FUNC,
  OPK_RETURN,
  OPK_CALL,
} OpKind;

/* An op being parsed: its name is known, its regions are being filled. */
typedef struct {
  OpKind kind;
  IpuIdent name;
  const IpuOpDef *def;
  IpuSrcPos pos;
  ListRef results;        /* on Parser.defs */
  bool isolated;          /* its regions are isolated from above */
  IpuIdent defaultDialect; /* for names inside its regions (NULL: none) */
  uint32_t regionsStart;  /* its finished regions, on Parser.pendRegions */
  uint32_t succStart;     /* its successors, on Parser.succBlocks */
  uint32_t succValStart;  /* successor operands, on Parser.succVals */
  uint32_t funcArgsStart; /* func.func arguments, on Parser.funcArgs */
  uint32_t funcResStart;  /* func.func results, on Parser.funcRes */
  IpuSrcPos bodyPos;      /* func.func body '{' */
  bool argsNamed, argsSeen;
  IpuAttr visibility;
  IpuIdent symName;
} OpFrame;

/* A region being parsed. */
typedef struct {
  IpuRegion *region;       /* owned until the op takes it */
  IpuBlock *curBlock;      /* where ops go; NULL before the entry block */
  bool opensScope;         /* pushed an isolated scope */
  bool entryPredefined;    /* func.func body: entry block made up front */
  bool entryHasArgs;
  bool isFuncBody;
  bool isModuleBody;
  bool sawContent;         /* an op or a block label was parsed */
  uint32_t undoStart;      /* names defined in this region, on undo */
  uint32_t blockRefsStart; /* its ^names, on Parser.blockRefs */
  PtrMap blocks;           /* ^name -> index in Parser.blockRefs */
  IpuSrcPos pos;
} RegionFrame;

/* func.func argument or result as written. */
typedef struct {
  SsaName *name; /* NULL in declarations and for results */
  IpuType type;
  IpuAttr attrs; /* dictionary or NULL */
  IpuAttr loc;
  uint32_t deferred;
  IpuSrcPos pos;
} FuncArg;

/* A `loc(#alias)` whose alias was not defined yet; patched at the end. */
typedef struct {
  IpuIdent alias;
  IpuSrcPos pos;
  IpuOp *op;       /* the op whose location it is, or NULL */
  IpuBlock *block; /* or the block whose argument `argIndex` it is */
  uint32_t argIndex;
} DeferredLoc;

/* A literal element of dense<...> or array<...>. */
typedef enum { LIT_INT, LIT_FLOAT, LIT_BOOL, LIT_STRING } LitKind;
typedef struct {
  Span text;       /* digits (without sign) or string body */
  uint8_t kind;    /* LitKind */
  bool negative;
  bool boolValue;
  bool complex;    /* first part of `(re, im)` */
  IpuSrcPos pos;
} Literal;

/* A cache keyed by exact source text (a copy: see parse_cache.c). */
typedef struct {
  const char *text; /* NULL: empty slot */
  uint32_t len, hash;
  const void *value, *value2;
} TextCacheSlot;
typedef struct {
  TextCacheSlot *slots;
  uint32_t cap, live;
} TextCache;
typedef struct KeyChunk KeyChunk;

/* A type being parsed the slow way whose text can be cached once done. */
typedef struct {
  const char *start, *end;
  uint32_t hash;
} PendingType;
#define PENDING_TYPES_MAX 16

/* A cached type text that is tried first (memcmp at the token). */
typedef struct {
  const char *text; /* the cache's copy of the key */
  uint32_t len;
  IpuType type;
} RecentType;
#define RECENT_FN_TYPES 8

/* A generic op name that is tried first. */
typedef struct {
  const char *text; /* the opNames cache's copy of the spelling */
  uint32_t len;
  IpuIdent name;
  const IpuOpDef *def;
} RecentOpName;
#define RECENT_OP_NAMES 16

typedef enum {
  META_NONE,
  META_DIALECT_RESOURCES,
  META_EXTERNAL_RESOURCES,
} MetaKind;

typedef struct Parser {
  IpuContext *ctx;
  /* Source buffer; `end` points at the NUL sentinel. */
  const char *src, *end;
  const char *cur, *lineStart;
  uint32_t line;
  IpuIdent filename;
  unsigned lineOffset;
  int startToken;          /* first token handed to bison */
  bool shapeMode;          /* after `tensor<`: try a dimension list */
  const char *useChainEnd; /* %names before this are uses */
  const char *defChainEnd; /* %names before this are result definitions */
  int lastToken;           /* the latest token returned */
  int prevToken;           /* the one before it */
  bool inBlockLabel;       /* between `^bb0` and its ':' (for messages) */
  bool failed;             /* a diagnostic was reported */
  bool oom;                /* an allocation failed */
  const char *tokStart;    /* where the scan of the latest token began */

  /* Streaming input (IpuParseOptions.sourceConsumed): text before
   * `released` has been handed back. */
  void (*sourceConsumed)(size_t begin, size_t end, void *userData);
  void *sourceConsumedData;
  const char *released;

  /* The body of a huge `dense<"0x...">`, decoded while it was lexed. */
  uint8_t *hexBlob;
  size_t hexBlobSize;
  const char *hexBlobText; /* the token (Span.ptr) it belongs to */

  /* Scratch stacks holding lists under construction (ListRef). */
  IPU_VEC(void *) ptrs;      /* types, attributes, locations, identifiers */
  IPU_VEC(IpuNamedAttr) named;
  IPU_VEC(IpuSrcPos) namedPos; /* where each name was written */
  IPU_VEC(UseRef) uses;
  IPU_VEC(ResultDef) defs;
  IPU_VEC(ResultDef) lexedDefs; /* of the latest RESULT_LIST token, */
  bool lexedDefsReady;          /* for the op that begins next */
  IPU_VEC(int64_t) dims;
  IPU_VEC(bool) scalable;
  IPU_VEC(Literal) lits;
  IPU_VEC(int64_t) shapes;   /* dense literal shapes, innermost first */
  IPU_VEC(IpuValue) vals;    /* resolved operands (scratch) */
  IPU_VEC(IpuType) tys;      /* types (scratch) */
  IPU_VEC(IpuLocation) locs; /* argument locations (scratch) */
  IPU_VEC(char) buf;         /* decoded strings, messages */
  IPU_VEC(uint64_t) words;   /* big integers */
  IPU_VEC(char) closers;     /* dialect body bracket nesting */

  /* Structure under construction. */
  IPU_VEC(OpFrame) frames;
  IPU_VEC(RegionFrame) regions;
  IPU_VEC(IsoScope) isos;
  IPU_VEC(ValueEntry) values;
  IPU_VEC(FwdEntry) fwds;
  IPU_VEC(NameUndo) undo;
  IPU_VEC(BlockRef) blockRefs;
  IPU_VEC(IpuRegion *) pendRegions;
  IPU_VEC(IpuBlock *) succBlocks;
  IPU_VEC(uint32_t) succArgCounts;
  IPU_VEC(IpuValue) succVals;
  IPU_VEC(FuncArg) funcArgs;
  IPU_VEC(FuncArg) funcRes;
  IPU_VEC(DeferredLoc) deferred;
  IPU_VEC(IpuOp *) walk;     /* cleanup worklist */
  ListRef pendingResults;
  IpuBlock *topBlock;
  IpuBlock *placeholders;    /* owns the forward-reference placeholders */

  PtrMap attrAliases; /* alias ident -> index in aliasValues */
  PtrMap typeAliases;
  IPU_VEC(const void *) aliasValues;

  MetaKind metaKind;
  int resourceGroup; /* 0 skip, 1 builtin */

  TextCache typeCache;     /* type text -> IpuType */
  TextCache opNames;       /* generic op name text -> identifier, def */
  TextCache entryCache;    /* `key = value` text -> identifier, attribute */
  KeyChunk *keys;          /* the caches' copies of their keys */
  PendingType pendingTypes[PENDING_TYPES_MAX];
  uint32_t numPendingTypes;
  /* A dictionary entry may start at the next token (set by the grammar):
   * the lexer then tries entryCache. */
  enum { ENTRY_NONE, ENTRY_FIRST, ENTRY_NEXT } entryArmed;
  /* A generic op's operand list may start at the next token. */
  bool operandsArmed;
  PendingType pendingEntry; /* a missed entry, cached once parsed */
  /* The function types met last after ':', most recent first. */
  RecentType recentFnTypes[RECENT_FN_TYPES];
  RecentOpName recentOps[RECENT_OP_NAMES]; /* round robin */
  uint32_t recentOpsNext;
  SsaName **numNames;      /* %N -> its record */
  SsaName **argNames;      /* %argN -> its record */
  uint32_t numNamesCap, argNamesCap;
  PtrMap otherNames;       /* identifier of other names -> SsaName index */
  SsaName **nameChunks;    /* the records, in chunks of NAME_CHUNK */
  uint32_t numSsaNames, nameChunksCap;

  char *printBufs[2]; /* printed types/attributes for messages */
  uint32_t printLens[2], printCaps[2];
  int printNext;

  IpuType resultType; /* ipuTypeParse */
  IpuAttr resultAttr; /* ipuAttrParse */
} Parser;

/* ---- parse_state.c: memory, maps, diagnostics. ------------------------ */
bool vecGrow(Parser *p, void **data, uint32_t *cap, uint32_t need,
             size_t elemSize);
#define VEC_RESERVE(p, v, n)                                                  \
  ((v).len + (n) <= (v).cap ||                                                \
   vecGrow((p), (void **)&(v).data, &(v).cap, (v).len + (n),                  \
           sizeof(*(v).data)))
#define VEC_FREE(p, v) (ipuFree((p)->ctx, (v).data), (v).data = NULL, \
                        (v).len = (v).cap = 0)

bool ptrMapLookup(const PtrMap *m, const void *key, uint32_t *value);
bool ptrMapInsert(Parser *p, PtrMap *m, const void *key, uint32_t value);
void ptrMapRemove(PtrMap *m, const void *key);
void ptrMapReset(Parser *p, PtrMap *m);
void ptrMapFree(Parser *p, PtrMap *m);

IpuLocation parserLoc(Parser *p, IpuSrcPos pos);
/* Reports an error at `pos` and marks the parse failed; returns false. */
bool parserError(Parser *p, IpuSrcPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool parserErrorV(Parser *p, IpuSrcPos pos, const char *fmt, va_list ap);
IpuDiagnostic *parserErrorCreate(Parser *p, IpuSrcPos pos, const char *fmt,
                                 ...) __attribute__((format(printf, 3, 4)));
bool parserOutOfMemory(Parser *p, IpuSrcPos pos);
/* Position of a pointer into the current line. */
static inline IpuSrcPos parserPosOf(const Parser *p, const char *at) {
  IpuSrcPos pos = {p->line, (uint32_t)(at - p->lineStart) + 1};
  return pos;
}
IpuIdent parserIdent(Parser *p, const char *s, size_t n);

/* Streaming input: the parser never reads [begin, end) of the source again.
 * Ranges shorter than SOURCE_RELEASE_STEP are not worth a system call. */
#define SOURCE_RELEASE_STEP ((size_t)1 << 20)
void parserSourceDone(Parser *p, const char *begin, const char *end);
/* Between ops: everything before the latest token is done with. */
static inline void parserReleaseConsumed(Parser *p) {
  if (p->sourceConsumed &&
      (size_t)(p->tokStart - p->released) >= SOURCE_RELEASE_STEP) {
    parserSourceDone(p, p->released, p->tokStart);
    p->released = p->tokStart;
  }
}
/* Printed forms for messages, valid until the next call. */
const char *parserTypeStr(Parser *p, IpuType t);
const char *parserAttrStr(Parser *p, IpuAttr a);

void parserInit(Parser *p, IpuContext *ctx, const char *src, size_t length,
                const IpuParseOptions *options);
/* Frees everything the parser owns, including IR left unfinished after a
 * failure. */
void parserDestroy(Parser *p);

/* ---- parse_scope.c: SSA names and blocks. ----------------------------- */
bool scopePushIsolated(Parser *p);
/* Pops the innermost isolated scope; reports unresolved uses. */
bool scopePopIsolated(Parser *p);
/* Resolves a use to a value of type `t`, making a placeholder if needed. */
IpuValue scopeResolveUse(Parser *p, const UseRef *use, IpuType t);
bool scopeDefineResults(Parser *p, ListRef results, IpuOp *op);
bool scopeDefineArg(Parser *p, SsaName *name, IpuSrcPos pos, IpuValue v,
                    bool entryArg);
/* Undoes the names a finished non-isolated region defined. */
void scopeForgetSince(Parser *p, uint32_t undoStart);
bool parserMakeUse(Parser *p, Span tok, IpuSrcPos pos, UseRef *out);

bool regionBegin(Parser *p, IpuSrcPos pos);
bool regionEnd(Parser *p);
/* The block ops are appended to (creating the entry block on demand). */
IpuBlock *regionCurrentBlock(Parser *p);
bool blockBegin(Parser *p, Span name, IpuSrcPos pos);
bool blockAddArg(Parser *p, Span name, IpuSrcPos pos, IpuType t, LocRef loc);
IpuBlock *blockReference(Parser *p, Span name, IpuSrcPos pos);

/* ---- parse_ops.c: ops. ------------------------------------------------ */
bool opBeginGeneric(Parser *p, Span name, IpuSrcPos pos);
bool opBeginCustom(Parser *p, Span name, IpuSrcPos pos);
bool opBeginKeyword(Parser *p, OpKind kind, Span spelling, IpuSrcPos pos);
bool opEndGeneric(Parser *p, ListRef uses, IpuAttr props, IpuAttr attrs,
                  TypeAt fnType, LocRef loc);
bool opEndCustom(Parser *p, ListRef uses, IpuAttr attrs, ListRef types,
                 bool hasTypes, IpuSrcPos typesPos, LocRef loc);
bool opEndModule(Parser *p, IpuIdent symName, IpuAttr attrs, LocRef loc);
bool opEndReturn(Parser *p, IpuAttr attrs, ListRef uses, ListRef types,
                 IpuSrcPos typesPos, LocRef loc);
bool opEndCall(Parser *p, Span callee, ListRef uses, IpuAttr attrs,
               TypeAt fnType, LocRef loc);
bool funcSetVisibility(Parser *p, Span word, IpuSrcPos pos);
bool funcSetName(Parser *p, Span sym, IpuSrcPos pos);
bool funcAddArg(Parser *p, Span *name, IpuSrcPos pos, IpuType t,
                IpuAttr attrs, LocRef loc);
bool funcAddResult(Parser *p, IpuType t, IpuAttr attrs);
bool opEndFunc(Parser *p, IpuAttr attrs, LocRef loc);
bool opAddSuccessor(Parser *p, Span name, IpuSrcPos pos);
bool opAddSuccessorArg(Parser *p, Span name, IpuSrcPos pos, IpuType t);
bool parserFinish(Parser *p, IpuOp **out);
void parserCleanupIR(Parser *p);
OpFrame *parserTopFrame(Parser *p);

/* ---- parse_types.c / parse_attrs.c. ----------------------------------- */
IpuType typeInteger(Parser *p, Span tok, IpuSrcPos pos);
bool typePushDims(Parser *p, const char *text, size_t len, IpuSrcPos pos,
                  ListRef *out);
IpuType typeRankedTensor(Parser *p, ListRef dims, TypeAt elem, IpuAttr enc,
                         IpuSrcPos pos);
IpuType typeUnrankedTensor(Parser *p, TypeAt elem);
IpuType typeMemRef(Parser *p, ListRef dims, TypeAt elem, ListRef extras,
                   IpuSrcPos pos);
IpuType typeUnrankedMemRef(Parser *p, TypeAt elem, ListRef extras);
IpuType typeVector(Parser *p, ListRef dims, TypeAt elem, IpuSrcPos pos);
IpuType typeComplex(Parser *p, TypeAt elem);
IpuType typeTuple(Parser *p, ListRef types);
IpuType typeFunction(Parser *p, ListRef inputs, ListRef results);
IpuType typeDialect(Parser *p, Span tok, IpuSrcPos pos);
IpuType typeAlias(Parser *p, Span tok, IpuSrcPos pos);
bool typeAliasDefine(Parser *p, Span tok, IpuSrcPos pos, IpuType t);

IpuAttr attrInteger(Parser *p, Span digits, bool negative, IpuSrcPos pos,
                    IpuType type, IpuSrcPos typePos);
IpuAttr attrFloat(Parser *p, Span text, bool negative, IpuSrcPos pos,
                  IpuType type, IpuSrcPos typePos);
IpuAttr attrString(Parser *p, Span tok, IpuSrcPos pos, IpuType type);
IpuAttr attrArray(Parser *p, ListRef elems);
IpuAttr attrDictionary(Parser *p, ListRef entries, IpuSrcPos pos);
bool attrPushNamed(Parser *p, IpuIdent name, IpuAttr value, IpuSrcPos pos);
IpuIdent attrKeyFromString(Parser *p, Span tok, IpuSrcPos pos);
IpuAttr attrDenseArray(Parser *p, TypeAt elemType, ListRef lits);
IpuAttr attrDense(Parser *p, uint32_t shapeStart, uint32_t rank,
                  ListRef lits, TypeAt type, IpuSrcPos bodyPos);
IpuAttr attrDenseResource(Parser *p, Span name, bool quoted, IpuSrcPos pos,
                          TypeAt type);
IpuAttr attrSymbolRef(Parser *p, ListRef idents);
IpuIdent attrSymbolName(Parser *p, Span tok, IpuSrcPos pos);
IpuAttr attrDialect(Parser *p, Span tok, IpuSrcPos pos);
IpuAttr attrAlias(Parser *p, Span tok, IpuSrcPos pos);
bool attrAliasDefine(Parser *p, Span tok, IpuSrcPos pos, IpuAttr a);
/* Dense literal shape bookkeeping. */
uint32_t litPush(Parser *p, Literal lit);
bool denseShapePush(Parser *p, uint32_t dim);
bool denseShapeSame(Parser *p, DenseShape first, DenseShape next,
                    IpuSrcPos pos);
bool parserLookupAttrAlias(Parser *p, IpuIdent name, IpuAttr *out);

IpuLocation locFile(Parser *p, Span file, Span line, Span col, Span *endLine,
                    Span *endCol, IpuSrcPos pos);
IpuLocation locName(Parser *p, Span name, IpuLocation child);
/* `#alias` in a location: defined, or deferred when `allowDefer`. */
bool locAliasRef(Parser *p, Span tok, IpuSrcPos pos, bool allowDefer,
                 LocRef *out);
bool locResolveDeferred(Parser *p);

/* ---- literals.c. ------------------------------------------------------ */
/* Parses an unsigned decimal or 0x integer into `p->words` (little-endian
 * 64-bit words, trimmed); false if it has more than `maxBits` bits. */
bool litParseUnsigned(Parser *p, Span digits, unsigned maxBits,
                      uint32_t *numWords);
bool litParseU64(Span digits, uint64_t *out);
/* Decodes a string token's body (escapes) into p->buf (NUL-terminated). */
bool litDecodeString(Parser *p, Span tok, IpuSrcPos pos, IpuStringRef *out);
/* Hex digits to bytes through a 256-entry table; false on a bad digit or
 * odd length. `out` must hold len/2 bytes. */
bool litDecodeHex(const char *hex, size_t len, uint8_t *out);
bool litDecodeHexLarge(Parser *p, const char *hex, size_t len, uint8_t *out);
bool litIsHexString(Span tok);
/* Decodes hex digit pairs from `hex` into `out` up to the first character
 * that does not continue a pair, which it returns; `*bytes` gets the count.
 * Hands the decoded text back (parserSourceDone) as it goes. */
const char *litDecodeHexRun(Parser *p, const char *hex, uint8_t *out,
                            size_t *bytes);
bool litParseDouble(Parser *p, Span text, bool negative, double *out);

/* ---- parse_resources.c. ----------------------------------------------- */
bool metaBeginKey(Parser *p, Span key, IpuSrcPos pos);
bool metaBeginGroup(Parser *p, Span name, IpuSrcPos pos);
bool metaEntry(Parser *p, Span key, bool keyQuoted, IpuSrcPos keyPos,
               bool valueIsString, Span value, IpuSrcPos valuePos);

/* ---- parse_cache.c. ------------------------------------------------- */
uint32_t textHash(const char *s, size_t n);
const TextCacheSlot *textCacheFind(const TextCache *c, const char *text,
                                   uint32_t len, uint32_t hash);
bool textCacheInsert(Parser *p, TextCache *c, const char *text, uint32_t len,
                     uint32_t hash, const void *value, const void *value2);
void textCacheFree(Parser *p, TextCache *c);
void parserFreeKeys(Parser *p);
/* End of a type starting at '<' / '(' that may be cached, or NULL. */
const char *scanCachableShapedType(const char *lt);
const char *scanCachableFunctionType(const char *lp);
bool typeCacheRemember(Parser *p, const char *start, const char *end);
/* Called when the type whose text starts at `start` has been built. */
void typeCacheNote(Parser *p, const char *start, IpuType type);
/* From the first character of a dictionary entry (`key = value` or a lone
 * key) to the end of its text, before the ',' or '}' that ends it, when
 * the text may be cached; else NULL. */
const char *scanCachableEntry(const char *s);
/* Called when the entry whose key starts at `keyStart` has been parsed. */
void entryCacheNote(Parser *p, const char *keyStart, IpuIdent name,
                    IpuAttr value);
/* The recent function type spelled at `s`, or NULL. */
const RecentType *recentFnTypeFind(Parser *p, const char *s);
void recentFnTypeAdd(Parser *p, const TextCacheSlot *slot);
/* The record of `%name`, with a fast path for %N and %argN; NULL when out
 * of memory. */
#define NAME_CHUNK 256
SsaName *parserValueName(Parser *p, Span tok);
void parserFreeNames(Parser *p);

/* ---- lexer.re. -------------------------------------------------------- */
union IPUYYSTYPE;
int parserLex(union IPUYYSTYPE *lval, IpuSrcPos *lloc, Parser *p);
/* A character of an SSA or block name after its sigil. */
static inline bool isSsaNameChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '$' || c == '.' || c == '_' ||
         c == '-';
}

/* ---- lex_fast.c: text taken as one token (0: none, nothing consumed). - */
/* `%a, %b:2 =` from the `%` at `s` (result names on Parser.lexedDefs). */
int lexResultList(Parser *p, union IPUYYSTYPE *lval, const char *s);
/* `(%a, %b#1)` after a generic op's name (uses pushed on Parser.uses). */
int lexOperandList(Parser *p, union IPUYYSTYPE *lval, IpuSrcPos *lloc);
/* `<{...}> {...} : type` after an operand list, from the caches. */
int lexOpTail(Parser *p, union IPUYYSTYPE *lval, IpuSrcPos *lloc);
/* The rest of a dictionary after '{', every entry cached. */
int lexCachedDict(Parser *p, union IPUYYSTYPE *lval);
/* One cached `key = value` where an entry starts. */
int lexCachedEntry(Parser *p, union IPUYYSTYPE *lval, IpuSrcPos *lloc);

/* ---- parser.y. -------------------------------------------------------- */
typedef enum { PARSE_FILE, PARSE_TYPE, PARSE_ATTR } ParseMode;
int parserRun(Parser *p, ParseMode mode);

#endif
