/* Builtin types: construction with MLIR's validity rules, hash-consing in
 * the context, and the accessors. */
#include <string.h>

#include "storage.h"

/* ---- Uniquing. -------------------------------------------------------- */

static uint64_t hashShape(uint64_t h, intptr_t rank, const int64_t *shape) {
  h = ipuHashCombine(h, (uint64_t)rank);
  for (intptr_t i = 0; i < rank; i++)
    h = ipuHashCombine(h, (uint64_t)shape[i]);
  return h;
}

static uint64_t hashType(const struct IpuTypeStorage *k) {
  uint64_t h = ipuHashCombine(0x7970u, (uint64_t)k->kind);
  switch (k->kind) {
  case IPU_TYPE_INTEGER:
    h = ipuHashCombine(h, k->u.integer.width);
    return ipuHashCombine(h, (uint64_t)k->u.integer.signedness);
  case IPU_TYPE_FLOAT:
    return ipuHashCombine(h, (uint64_t)k->u.floatKind);
  case IPU_TYPE_INDEX:
  case IPU_TYPE_NONE:
    return h;
  case IPU_TYPE_RANKED_TENSOR:
  case IPU_TYPE_UNRANKED_TENSOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF:
  case IPU_TYPE_VECTOR:
    h = hashShape(h, k->u.shaped.rank, k->u.shaped.shape);
    h = ipuHashPointer(h, k->u.shaped.element);
    h = ipuHashPointer(h, k->u.shaped.encoding);
    h = ipuHashPointer(h, k->u.shaped.memorySpace);
    if (k->u.shaped.scalable)
      for (intptr_t i = 0; i < k->u.shaped.rank; i++)
        h = ipuHashCombine(h, k->u.shaped.scalable[i] ? 2u + (uint64_t)i : 1u);
    return h;
  case IPU_TYPE_COMPLEX:
    return ipuHashPointer(h, k->u.complexElement);
  case IPU_TYPE_TUPLE:
  case IPU_TYPE_FUNCTION: {
    intptr_t n = k->u.func.numInputs + k->u.func.numResults;
    h = ipuHashCombine(h, (uint64_t)k->u.func.numInputs);
    h = ipuHashCombine(h, (uint64_t)k->u.func.numResults);
    for (intptr_t i = 0; i < n; i++)
      h = ipuHashPointer(h, k->u.func.types[i]);
    return h;
  }
  case IPU_TYPE_OPAQUE:
    h = ipuHashPointer(h, k->u.opaque.dialect);
    return ipuHashCombine(
        h, ipuHashBytes(k->u.opaque.body.data, k->u.opaque.body.length));
  }
  return h;
}

static bool sameArray(const void *a, const void *b, size_t bytes) {
  return bytes == 0 || memcmp(a, b, bytes) == 0;
}

static bool matchType(const void *entry, const void *key) {
  const struct IpuTypeStorage *e = entry, *k = key;
  if (e->kind != k->kind)
    return false;
  switch (k->kind) {
  case IPU_TYPE_INTEGER:
    return e->u.integer.width == k->u.integer.width &&
           e->u.integer.signedness == k->u.integer.signedness;
  case IPU_TYPE_FLOAT:
    return e->u.floatKind == k->u.floatKind;
  case IPU_TYPE_INDEX:
  case IPU_TYPE_NONE:
    return true;
  case IPU_TYPE_RANKED_TENSOR:
  case IPU_TYPE_UNRANKED_TENSOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF:
  case IPU_TYPE_VECTOR: {
    intptr_t rank = k->u.shaped.rank;
    if (e->u.shaped.rank != rank || e->u.shaped.element != k->u.shaped.element ||
        e->u.shaped.encoding != k->u.shaped.encoding ||
        e->u.shaped.memorySpace != k->u.shaped.memorySpace)
      return false;
    if (rank > 0 && !sameArray(e->u.shaped.shape, k->u.shaped.shape,
                               (size_t)rank * sizeof(int64_t)))
      return false;
    if (!e->u.shaped.scalable != !k->u.shaped.scalable)
      return false;
    return !k->u.shaped.scalable ||
           sameArray(e->u.shaped.scalable, k->u.shaped.scalable,
                     (size_t)rank * sizeof(bool));
  }
  case IPU_TYPE_COMPLEX:
    return e->u.complexElement == k->u.complexElement;
  case IPU_TYPE_TUPLE:
  case IPU_TYPE_FUNCTION:
    return e->u.func.numInputs == k->u.func.numInputs &&
           e->u.func.numResults == k->u.func.numResults &&
           sameArray(e->u.func.types, k->u.func.types,
                     (size_t)(k->u.func.numInputs + k->u.func.numResults) *
                         sizeof(IpuType));
  case IPU_TYPE_OPAQUE:
    return e->u.opaque.dialect == k->u.opaque.dialect &&
           ipuStringRefEqual(e->u.opaque.body, k->u.opaque.body);
  }
  return false;
}

/* Moves the key's arrays into the arena. */
static bool copyTypeArrays(IpuContext *ctx, struct IpuTypeStorage *s) {
  switch (s->kind) {
  case IPU_TYPE_RANKED_TENSOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_VECTOR: {
    size_t rank = (size_t)s->u.shaped.rank;
    if (rank) {
      s->u.shaped.shape =
          ipuArenaDup(ctx, s->u.shaped.shape, rank * sizeof(int64_t));
      if (!s->u.shaped.shape)
        return false;
    }
    if (s->u.shaped.scalable) {
      s->u.shaped.scalable =
          ipuArenaDup(ctx, s->u.shaped.scalable, rank * sizeof(bool));
      if (!s->u.shaped.scalable)
        return false;
    }
    return true;
  }
  case IPU_TYPE_TUPLE:
  case IPU_TYPE_FUNCTION: {
    size_t n = (size_t)(s->u.func.numInputs + s->u.func.numResults);
    if (n) {
      s->u.func.types = ipuArenaDup(ctx, s->u.func.types, n * sizeof(IpuType));
      if (!s->u.func.types)
        return false;
    }
    return true;
  }
  case IPU_TYPE_OPAQUE: {
    char *body =
        ipuArenaDup(ctx, s->u.opaque.body.data, s->u.opaque.body.length);
    if (!body)
      return false;
    s->u.opaque.body.data = body;
    return true;
  }
  default:
    return true;
  }
}

static bool attrHasLoc(IpuAttr a) { return a && a->hasLoc; }
static bool typeHasLoc(IpuType t) { return t && t->hasLoc; }

/* Whether an attribute inside `s` holds a location (see storage.h). */
static bool computeHasLoc(const struct IpuTypeStorage *s) {
  switch (s->kind) {
  case IPU_TYPE_RANKED_TENSOR:
  case IPU_TYPE_UNRANKED_TENSOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF:
  case IPU_TYPE_VECTOR:
    return typeHasLoc(s->u.shaped.element) ||
           attrHasLoc(s->u.shaped.encoding) ||
           attrHasLoc(s->u.shaped.memorySpace);
  case IPU_TYPE_COMPLEX:
    return typeHasLoc(s->u.complexElement);
  case IPU_TYPE_TUPLE:
  case IPU_TYPE_FUNCTION:
    for (intptr_t i = 0; i < s->u.func.numInputs + s->u.func.numResults; i++)
      if (typeHasLoc(s->u.func.types[i]))
        return true;
    return false;
  default:
    return false;
  }
}

IpuType ipuTypeUnique(IpuContext *ctx, const struct IpuTypeStorage *key) {
  uint64_t hash = hashType(key);
  IpuType found = ipuHashTableFind(&ctx->types, hash, matchType, key);
  if (found)
    return found;
  struct IpuTypeStorage *s = ipuArenaAlloc(ctx, sizeof *s);
  if (!s)
    return NULL;
  *s = *key;
  s->ctx = ctx;
  s->hash = hash;
  s->hasLoc = computeHasLoc(s);
  if (s->hasLoc)
    ctx->locationsNested = true;
  if (!copyTypeArrays(ctx, s) || !ipuHashTableInsert(ctx, &ctx->types, hash, s))
    return NULL;
  return s;
}

static struct IpuTypeStorage makeKey(IpuTypeKind kind) {
  struct IpuTypeStorage k;
  memset(&k, 0, sizeof k);
  k.kind = kind;
  return k;
}

/* ---- Construction. ---------------------------------------------------- */

IpuType ipuIntegerTypeGet(IpuContext *ctx, unsigned width, IpuSignedness s) {
  if (width > IPU_MAX_INTEGER_WIDTH || s < IPU_SIGNLESS || s > IPU_UNSIGNED)
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_INTEGER);
  k.u.integer.width = width;
  k.u.integer.signedness = s;
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuIndexTypeGet(IpuContext *ctx) {
  struct IpuTypeStorage k = makeKey(IPU_TYPE_INDEX);
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuFloatTypeGet(IpuContext *ctx, IpuFloatKind kind) {
  if (kind < IPU_F16 || kind > IPU_F64)
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_FLOAT);
  k.u.floatKind = kind;
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuNoneTypeGet(IpuContext *ctx) {
  struct IpuTypeStorage k = makeKey(IPU_TYPE_NONE);
  return ipuTypeUnique(ctx, &k);
}

bool ipuTensorTypeIsValidElementType(IpuType t) {
  if (!t)
    return false;
  switch (t->kind) {
  case IPU_TYPE_INTEGER:
  case IPU_TYPE_INDEX:
  case IPU_TYPE_FLOAT:
  case IPU_TYPE_COMPLEX:
  case IPU_TYPE_VECTOR:
  case IPU_TYPE_OPAQUE:
    return true;
  default:
    return false;
  }
}

bool ipuMemRefTypeIsValidElementType(IpuType t) {
  if (!t)
    return false;
  switch (t->kind) {
  case IPU_TYPE_INTEGER:
  case IPU_TYPE_INDEX:
  case IPU_TYPE_FLOAT:
  case IPU_TYPE_COMPLEX:
  case IPU_TYPE_VECTOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF:
    return true;
  default:
    return false;
  }
}

bool ipuVectorTypeIsValidElementType(IpuType t) {
  return ipuTypeIsIntOrIndexOrFloat(t);
}

bool ipuComplexTypeIsValidElementType(IpuType t) {
  return ipuTypeIsInteger(t) || ipuTypeIsFloat(t);
}

static bool validShape(intptr_t rank, const int64_t *shape, bool allowDynamic,
                       int64_t minSize) {
  if (rank < 0 || (rank > 0 && !shape))
    return false;
  for (intptr_t i = 0; i < rank; i++) {
    if (shape[i] == IPU_DYNAMIC ? !allowDynamic : shape[i] < minSize)
      return false;
  }
  return true;
}

IpuType ipuRankedTensorTypeGet(IpuContext *ctx, intptr_t rank,
                               const int64_t *shape, IpuType element,
                               IpuAttr encoding) {
  if (!validShape(rank, shape, true, 0) ||
      !ipuTensorTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_RANKED_TENSOR);
  k.u.shaped.rank = rank;
  k.u.shaped.shape = rank ? shape : NULL;
  k.u.shaped.element = element;
  k.u.shaped.encoding = encoding;
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuUnrankedTensorTypeGet(IpuContext *ctx, IpuType element) {
  if (!ipuTensorTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_UNRANKED_TENSOR);
  k.u.shaped.rank = -1;
  k.u.shaped.element = element;
  return ipuTypeUnique(ctx, &k);
}

/* MLIR drops a memory space of integer 0: it is the default one. */
static IpuAttr normalizeMemorySpace(IpuAttr space) {
  if (space && space->kind == IPU_ATTR_INTEGER && space->u.integer.numWords == 1 &&
      space->u.integer.words[0] == 0)
    return NULL;
  return space;
}

IpuType ipuMemRefTypeGet(IpuContext *ctx, intptr_t rank, const int64_t *shape,
                         IpuType element, IpuAttr layout,
                         IpuAttr memorySpace) {
  if (!validShape(rank, shape, true, 0) ||
      !ipuMemRefTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_MEMREF);
  k.u.shaped.rank = rank;
  k.u.shaped.shape = rank ? shape : NULL;
  k.u.shaped.element = element;
  k.u.shaped.encoding = layout;
  k.u.shaped.memorySpace = normalizeMemorySpace(memorySpace);
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuUnrankedMemRefTypeGet(IpuContext *ctx, IpuType element,
                                 IpuAttr memorySpace) {
  if (!ipuMemRefTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_UNRANKED_MEMREF);
  k.u.shaped.rank = -1;
  k.u.shaped.element = element;
  k.u.shaped.memorySpace = normalizeMemorySpace(memorySpace);
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuVectorTypeGet(IpuContext *ctx, intptr_t rank, const int64_t *shape,
                         const bool *scalable, IpuType element) {
  if (!validShape(rank, shape, false, 1) ||
      !ipuVectorTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_VECTOR);
  k.u.shaped.rank = rank;
  k.u.shaped.shape = rank ? shape : NULL;
  k.u.shaped.element = element;
  /* All-fixed flags and no flags are the same type. */
  for (intptr_t i = 0; scalable && i < rank; i++)
    if (scalable[i])
      k.u.shaped.scalable = scalable;
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuComplexTypeGet(IpuContext *ctx, IpuType element) {
  if (!ipuComplexTypeIsValidElementType(element))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_COMPLEX);
  k.u.complexElement = element;
  return ipuTypeUnique(ctx, &k);
}

static bool allNonNull(intptr_t n, const IpuType *types) {
  if (n < 0 || (n > 0 && !types))
    return false;
  for (intptr_t i = 0; i < n; i++)
    if (!types[i])
      return false;
  return true;
}

IpuType ipuTupleTypeGet(IpuContext *ctx, intptr_t n, const IpuType *types) {
  if (!allNonNull(n, types))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_TUPLE);
  k.u.func.numInputs = n;
  k.u.func.types = n ? types : NULL;
  return ipuTypeUnique(ctx, &k);
}

IpuType ipuFunctionTypeGet(IpuContext *ctx, intptr_t numInputs,
                           const IpuType *inputs, intptr_t numResults,
                           const IpuType *results) {
  if (!allNonNull(numInputs, inputs) || !allNonNull(numResults, results))
    return NULL;
  /* The storage keeps inputs and results in one array. */
  enum { SMALL = 16 };
  IpuType small[SMALL];
  intptr_t n = numInputs + numResults;
  IpuType *all = small;
  if (n > SMALL) {
    all = ipuAlloc(ctx, (size_t)n * sizeof(IpuType));
    if (!all)
      return NULL;
  }
  if (numInputs)
    memcpy(all, inputs, (size_t)numInputs * sizeof(IpuType));
  if (numResults)
    memcpy(all + numInputs, results, (size_t)numResults * sizeof(IpuType));
  struct IpuTypeStorage k = makeKey(IPU_TYPE_FUNCTION);
  k.u.func.numInputs = numInputs;
  k.u.func.numResults = numResults;
  k.u.func.types = all;
  IpuType t = ipuTypeUnique(ctx, &k);
  if (all != small)
    ipuFree(ctx, all);
  return t;
}

IpuType ipuOpaqueTypeGet(IpuContext *ctx, IpuIdent dialect, IpuStringRef body) {
  if (!dialect || (body.length && !body.data))
    return NULL;
  struct IpuTypeStorage k = makeKey(IPU_TYPE_OPAQUE);
  k.u.opaque.dialect = dialect;
  k.u.opaque.body = body.length ? body : ipuStringRefMake("", 0);
  return ipuTypeUnique(ctx, &k);
}

/* ---- Queries. --------------------------------------------------------- */

IpuTypeKind ipuTypeGetKind(IpuType t) { return t ? t->kind : IPU_TYPE_NONE; }
IpuContext *ipuTypeGetContext(IpuType t) { return t ? t->ctx : NULL; }

bool ipuTypeIsInteger(IpuType t) { return ipuTypeIsKind(t, IPU_TYPE_INTEGER); }

bool ipuTypeIsSignlessInteger(IpuType t, unsigned width) {
  return ipuTypeIsKind(t, IPU_TYPE_INTEGER) &&
         t->u.integer.signedness == IPU_SIGNLESS &&
         (width == 0 || t->u.integer.width == width);
}

bool ipuTypeIsFloat(IpuType t) { return ipuTypeIsKind(t, IPU_TYPE_FLOAT); }
bool ipuTypeIsIndex(IpuType t) { return ipuTypeIsKind(t, IPU_TYPE_INDEX); }

bool ipuTypeIsIntOrIndexOrFloat(IpuType t) {
  return ipuTypeIsInteger(t) || ipuTypeIsIndex(t) || ipuTypeIsFloat(t);
}

bool ipuTypeIsShaped(IpuType t) {
  if (!t)
    return false;
  switch (t->kind) {
  case IPU_TYPE_RANKED_TENSOR:
  case IPU_TYPE_UNRANKED_TENSOR:
  case IPU_TYPE_MEMREF:
  case IPU_TYPE_UNRANKED_MEMREF:
  case IPU_TYPE_VECTOR:
    return true;
  default:
    return false;
  }
}

bool ipuTypeIsTensor(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_RANKED_TENSOR) ||
         ipuTypeIsKind(t, IPU_TYPE_UNRANKED_TENSOR);
}

unsigned ipuIntegerTypeGetWidth(IpuType t) {
  return ipuTypeIsInteger(t) ? t->u.integer.width : 0;
}

IpuSignedness ipuIntegerTypeGetSignedness(IpuType t) {
  return ipuTypeIsInteger(t) ? t->u.integer.signedness : IPU_SIGNLESS;
}

IpuFloatKind ipuFloatTypeGetKind(IpuType t) {
  return ipuTypeIsFloat(t) ? t->u.floatKind : IPU_F32;
}

unsigned ipuFloatTypeGetWidth(IpuType t) {
  if (!ipuTypeIsFloat(t))
    return 0;
  switch (t->u.floatKind) {
  case IPU_F16:
  case IPU_BF16:
    return 16;
  case IPU_F32:
    return 32;
  case IPU_F64:
    return 64;
  }
  return 0;
}

unsigned ipuTypeGetIntOrFloatBitWidth(IpuType t) {
  if (ipuTypeIsInteger(t))
    return t->u.integer.width;
  if (ipuTypeIsIndex(t))
    return 64;
  return ipuFloatTypeGetWidth(t);
}

IpuType ipuShapedTypeGetElementType(IpuType t) {
  return ipuTypeIsShaped(t) ? t->u.shaped.element : NULL;
}

bool ipuShapedTypeHasRank(IpuType t) {
  return ipuTypeIsShaped(t) && t->u.shaped.rank >= 0;
}

intptr_t ipuShapedTypeGetRank(IpuType t) {
  return ipuTypeIsShaped(t) ? t->u.shaped.rank : -1;
}

const int64_t *ipuShapedTypeGetShape(IpuType t) {
  return ipuTypeIsShaped(t) ? t->u.shaped.shape : NULL;
}

int64_t ipuShapedTypeGetDimSize(IpuType t, intptr_t dim) {
  if (!ipuShapedTypeHasRank(t) || dim < 0 || dim >= t->u.shaped.rank)
    return IPU_DYNAMIC;
  return t->u.shaped.shape[dim];
}

bool ipuShapedTypeHasStaticShape(IpuType t) {
  if (!ipuShapedTypeHasRank(t))
    return false;
  for (intptr_t i = 0; i < t->u.shaped.rank; i++)
    if (t->u.shaped.shape[i] == IPU_DYNAMIC)
      return false;
  return true;
}

int64_t ipuShapedTypeGetNumElements(IpuType t) {
  if (!ipuShapedTypeHasStaticShape(t))
    return -1;
  int64_t n = 1;
  for (intptr_t i = 0; i < t->u.shaped.rank; i++) {
    int64_t d = t->u.shaped.shape[i];
    if (d != 0 && n > INT64_MAX / d)
      return -1; /* does not fit: treat as not static */
    n *= d;
  }
  return n;
}

IpuAttr ipuRankedTensorTypeGetEncoding(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_RANKED_TENSOR) ? t->u.shaped.encoding : NULL;
}

IpuAttr ipuMemRefTypeGetLayout(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_MEMREF) ? t->u.shaped.encoding : NULL;
}

IpuAttr ipuMemRefTypeGetMemorySpace(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_MEMREF) ||
                 ipuTypeIsKind(t, IPU_TYPE_UNRANKED_MEMREF)
             ? t->u.shaped.memorySpace
             : NULL;
}

const bool *ipuVectorTypeGetScalableDims(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_VECTOR) ? t->u.shaped.scalable : NULL;
}

IpuType ipuComplexTypeGetElementType(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_COMPLEX) ? t->u.complexElement : NULL;
}

intptr_t ipuTupleTypeGetNumTypes(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_TUPLE) ? t->u.func.numInputs : 0;
}

IpuType ipuTupleTypeGetType(IpuType t, intptr_t i) {
  if (!ipuTypeIsKind(t, IPU_TYPE_TUPLE) || i < 0 || i >= t->u.func.numInputs)
    return NULL;
  return t->u.func.types[i];
}

intptr_t ipuFunctionTypeGetNumInputs(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_FUNCTION) ? t->u.func.numInputs : 0;
}

IpuType ipuFunctionTypeGetInput(IpuType t, intptr_t i) {
  if (!ipuTypeIsKind(t, IPU_TYPE_FUNCTION) || i < 0 || i >= t->u.func.numInputs)
    return NULL;
  return t->u.func.types[i];
}

intptr_t ipuFunctionTypeGetNumResults(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_FUNCTION) ? t->u.func.numResults : 0;
}

IpuType ipuFunctionTypeGetResult(IpuType t, intptr_t i) {
  if (!ipuTypeIsKind(t, IPU_TYPE_FUNCTION) || i < 0 ||
      i >= t->u.func.numResults)
    return NULL;
  return t->u.func.types[t->u.func.numInputs + i];
}

IpuIdent ipuOpaqueTypeGetDialect(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_OPAQUE) ? t->u.opaque.dialect : NULL;
}

IpuStringRef ipuOpaqueTypeGetBody(IpuType t) {
  return ipuTypeIsKind(t, IPU_TYPE_OPAQUE) ? t->u.opaque.body
                                           : ipuStringRefMake("", 0);
}
