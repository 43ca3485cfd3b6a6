/* Builtin attributes: hash-consing of every kind, and the scalar and
 * aggregate kinds (numbers, strings, arrays, dictionaries, symbols...). */
#include <stdlib.h>
#include <string.h>

#include "storage.h"

/* Dense data above this size gets a hook block of its own instead of arena
 * space, so it never sits in (and zero-fills) a chunk. */
enum { DENSE_ARENA_LIMIT = 4096 };

/* ---- Uniquing. -------------------------------------------------------- */

static uint64_t hashAttrs(uint64_t h, intptr_t n, const IpuAttr *attrs) {
  h = ipuHashCombine(h, (uint64_t)n);
  for (intptr_t i = 0; i < n; i++)
    h = ipuHashPointer(h, attrs[i]);
  return h;
}

/* Big dense data hashes a sample: both ends and evenly spaced windows.
 * The hash only picks the table slot; equality still compares every byte,
 * so constants that differ only between samples cost a compare, not a
 * wrong answer. One less pass over 100 MB constants. */
enum { SAMPLE_ALL_BELOW = 1 << 20, SAMPLE_END = 32 << 10, SAMPLE_WINDOWS = 512,
       SAMPLE_WINDOW = 64 };

static uint64_t hashDenseData(const void *data, size_t size) {
  if (size < SAMPLE_ALL_BELOW)
    return ipuHashBytes(data, size);
  const unsigned char *p = data;
  uint64_t h = ipuHashCombine(ipuHashBytes(p, SAMPLE_END), size);
  h = ipuHashCombine(h, ipuHashBytes(p + size - SAMPLE_END, SAMPLE_END));
  size_t stride = (size - 2 * SAMPLE_END) / SAMPLE_WINDOWS;
  for (size_t i = 0; i < SAMPLE_WINDOWS; i++)
    h = ipuHashCombine(
        h, ipuHashBytes(p + SAMPLE_END + i * stride, SAMPLE_WINDOW));
  return h;
}

static uint64_t hashAttr(const struct IpuAttrStorage *k) {
  uint64_t h = ipuHashCombine(0xA77u, (uint64_t)k->kind);
  h = ipuHashPointer(h, k->type);
  switch (k->kind) {
  case IPU_ATTR_INTEGER:
    return ipuHashCombine(h, ipuHashBytes(k->u.integer.words,
                                          (size_t)k->u.integer.numWords * 8));
  case IPU_ATTR_FLOAT:
    return ipuHashCombine(h, k->u.fp.bits);
  case IPU_ATTR_STRING:
    return ipuHashCombine(h,
                          ipuHashBytes(k->u.string.data, k->u.string.length));
  case IPU_ATTR_UNIT:
  case IPU_ATTR_LOC_UNKNOWN:
    return h;
  case IPU_ATTR_ARRAY:
    return hashAttrs(h, k->u.array.n, k->u.array.elements);
  case IPU_ATTR_DICTIONARY:
    h = ipuHashCombine(h, (uint64_t)k->u.dict.n);
    for (intptr_t i = 0; i < k->u.dict.n; i++) {
      h = ipuHashPointer(h, k->u.dict.entries[i].name);
      h = ipuHashPointer(h, k->u.dict.entries[i].value);
    }
    return h;
  case IPU_ATTR_DENSE_ARRAY: {
    size_t bytes = (size_t)k->u.denseArray.n *
                   ipuDenseElementStorageBytes(k->u.denseArray.elementType);
    h = ipuHashPointer(h, k->u.denseArray.elementType);
    h = ipuHashCombine(h, (uint64_t)k->u.denseArray.n);
    return ipuHashCombine(h, ipuHashBytes(k->u.denseArray.data, bytes));
  }
  case IPU_ATTR_DENSE_ELEMENTS:
    h = ipuHashCombine(h, k->u.dense.splat);
    return ipuHashCombine(h, hashDenseData(k->u.dense.data, k->u.dense.size));
  case IPU_ATTR_DENSE_RESOURCE:
    return ipuHashPointer(h, k->u.blob);
  case IPU_ATTR_SYMBOL_REF:
    h = ipuHashPointer(h, k->u.symbol.root);
    h = ipuHashCombine(h, (uint64_t)k->u.symbol.n);
    for (intptr_t i = 0; i < k->u.symbol.n; i++)
      h = ipuHashPointer(h, k->u.symbol.nested[i]);
    return h;
  case IPU_ATTR_TYPE:
    return ipuHashPointer(h, k->u.typeValue);
  case IPU_ATTR_OPAQUE:
    h = ipuHashPointer(h, k->u.opaque.dialect);
    return ipuHashCombine(
        h, ipuHashBytes(k->u.opaque.body.data, k->u.opaque.body.length));
  case IPU_ATTR_LOC_FILE:
    h = ipuHashPointer(h, k->u.fileLoc.file);
    h = ipuHashCombine(h, k->u.fileLoc.line);
    h = ipuHashCombine(h, k->u.fileLoc.column);
    h = ipuHashCombine(h, k->u.fileLoc.endLine);
    return ipuHashCombine(h, k->u.fileLoc.endColumn);
  case IPU_ATTR_LOC_NAME:
    h = ipuHashPointer(h, k->u.nameLoc.name);
    return ipuHashPointer(h, k->u.nameLoc.child);
  case IPU_ATTR_LOC_CALLSITE:
    h = ipuHashPointer(h, k->u.callSite.callee);
    return ipuHashPointer(h, k->u.callSite.caller);
  case IPU_ATTR_LOC_FUSED:
    h = ipuHashPointer(h, k->u.fused.metadata);
    return hashAttrs(h, k->u.fused.n, k->u.fused.locs);
  }
  return h;
}

static bool sameBytes(const void *a, const void *b, size_t n) {
  return n == 0 || a == b || memcmp(a, b, n) == 0;
}

static bool matchAttr(const void *entry, const void *key) {
  const struct IpuAttrStorage *e = entry, *k = key;
  if (e->kind != k->kind || e->type != k->type)
    return false;
  switch (k->kind) {
  case IPU_ATTR_INTEGER:
    return e->u.integer.numWords == k->u.integer.numWords &&
           sameBytes(e->u.integer.words, k->u.integer.words,
                     (size_t)k->u.integer.numWords * 8);
  case IPU_ATTR_FLOAT:
    return e->u.fp.bits == k->u.fp.bits;
  case IPU_ATTR_STRING:
    return ipuStringRefEqual(e->u.string, k->u.string);
  case IPU_ATTR_UNIT:
  case IPU_ATTR_LOC_UNKNOWN:
    return true;
  case IPU_ATTR_ARRAY:
    return e->u.array.n == k->u.array.n &&
           sameBytes(e->u.array.elements, k->u.array.elements,
                     (size_t)k->u.array.n * sizeof(IpuAttr));
  case IPU_ATTR_DICTIONARY:
    return e->u.dict.n == k->u.dict.n &&
           sameBytes(e->u.dict.entries, k->u.dict.entries,
                     (size_t)k->u.dict.n * sizeof(IpuNamedAttr));
  case IPU_ATTR_DENSE_ARRAY:
    return e->u.denseArray.elementType == k->u.denseArray.elementType &&
           e->u.denseArray.n == k->u.denseArray.n &&
           sameBytes(e->u.denseArray.data, k->u.denseArray.data,
                     (size_t)k->u.denseArray.n *
                         ipuDenseElementStorageBytes(k->u.denseArray.elementType));
  case IPU_ATTR_DENSE_ELEMENTS:
    return e->u.dense.splat == k->u.dense.splat &&
           e->u.dense.size == k->u.dense.size &&
           sameBytes(e->u.dense.data, k->u.dense.data, k->u.dense.size);
  case IPU_ATTR_DENSE_RESOURCE:
    return e->u.blob == k->u.blob;
  case IPU_ATTR_SYMBOL_REF:
    return e->u.symbol.root == k->u.symbol.root &&
           e->u.symbol.n == k->u.symbol.n &&
           sameBytes(e->u.symbol.nested, k->u.symbol.nested,
                     (size_t)k->u.symbol.n * sizeof(IpuIdent));
  case IPU_ATTR_TYPE:
    return e->u.typeValue == k->u.typeValue;
  case IPU_ATTR_OPAQUE:
    return e->u.opaque.dialect == k->u.opaque.dialect &&
           ipuStringRefEqual(e->u.opaque.body, k->u.opaque.body);
  case IPU_ATTR_LOC_FILE:
    return e->u.fileLoc.file == k->u.fileLoc.file &&
           e->u.fileLoc.line == k->u.fileLoc.line &&
           e->u.fileLoc.column == k->u.fileLoc.column &&
           e->u.fileLoc.endLine == k->u.fileLoc.endLine &&
           e->u.fileLoc.endColumn == k->u.fileLoc.endColumn;
  case IPU_ATTR_LOC_NAME:
    return e->u.nameLoc.name == k->u.nameLoc.name &&
           e->u.nameLoc.child == k->u.nameLoc.child;
  case IPU_ATTR_LOC_CALLSITE:
    return e->u.callSite.callee == k->u.callSite.callee &&
           e->u.callSite.caller == k->u.callSite.caller;
  case IPU_ATTR_LOC_FUSED:
    return e->u.fused.metadata == k->u.fused.metadata &&
           e->u.fused.n == k->u.fused.n &&
           sameBytes(e->u.fused.locs, k->u.fused.locs,
                     (size_t)k->u.fused.n * sizeof(IpuAttr));
  }
  return false;
}

/* Replaces *p by an arena copy of `bytes` bytes; false on failure. */
static bool dupInto(IpuContext *ctx, const void **p, size_t bytes) {
  if (bytes == 0)
    return true;
  const void *copy = ipuArenaDup(ctx, *p, bytes);
  if (!copy)
    return false;
  *p = copy;
  return true;
}

/* Moves the key's arrays out of caller memory into context storage. */
static bool copyAttrArrays(IpuContext *ctx, struct IpuAttrStorage *s) {
  switch (s->kind) {
  case IPU_ATTR_INTEGER:
    return dupInto(ctx, (const void **)&s->u.integer.words,
                   (size_t)s->u.integer.numWords * 8);
  case IPU_ATTR_STRING:
  case IPU_ATTR_OPAQUE: {
    IpuStringRef *str =
        s->kind == IPU_ATTR_STRING ? &s->u.string : &s->u.opaque.body;
    const char *copy = ipuArenaDup(ctx, str->data, str->length);
    if (!copy)
      return false;
    str->data = copy;
    return true;
  }
  case IPU_ATTR_ARRAY:
    return dupInto(ctx, (const void **)&s->u.array.elements,
                   (size_t)s->u.array.n * sizeof(IpuAttr));
  case IPU_ATTR_DICTIONARY:
    return dupInto(ctx, (const void **)&s->u.dict.entries,
                   (size_t)s->u.dict.n * sizeof(IpuNamedAttr));
  case IPU_ATTR_DENSE_ARRAY:
    return dupInto(ctx, &s->u.denseArray.data,
                   (size_t)s->u.denseArray.n *
                       ipuDenseElementStorageBytes(s->u.denseArray.elementType));
  case IPU_ATTR_DENSE_ELEMENTS: {
    if (s->u.dense.owned)
      return true;
    size_t size = s->u.dense.size;
    if (size <= DENSE_ARENA_LIMIT)
      return dupInto(ctx, &s->u.dense.data, size);
    void *copy = ipuAlloc(ctx, size);
    if (!copy)
      return false;
    memcpy(copy, s->u.dense.data, size);
    s->u.dense.data = copy;
    s->u.dense.owned = true;
    return true;
  }
  case IPU_ATTR_SYMBOL_REF:
    return dupInto(ctx, (const void **)&s->u.symbol.nested,
                   (size_t)s->u.symbol.n * sizeof(IpuIdent));
  case IPU_ATTR_LOC_FUSED:
    return dupInto(ctx, (const void **)&s->u.fused.locs,
                   (size_t)s->u.fused.n * sizeof(IpuAttr));
  default:
    return true;
  }
}

static bool typeHasLoc(IpuType t) { return t && t->hasLoc; }
static bool attrHasLoc(IpuAttr a) { return a && a->hasLoc; }

static bool anyHasLoc(intptr_t n, const IpuAttr *attrs) {
  for (intptr_t i = 0; i < n; i++)
    if (attrHasLoc(attrs[i]))
      return true;
  return false;
}

/* Whether `s` is or holds a location: the printer looks for location
 * aliases only where one can be. */
static bool computeHasLoc(const struct IpuAttrStorage *s) {
  if (ipuAttrIsLocation(s))
    return true;
  if (typeHasLoc(s->type))
    return true;
  switch (s->kind) {
  case IPU_ATTR_ARRAY:
    return anyHasLoc(s->u.array.n, s->u.array.elements);
  case IPU_ATTR_DICTIONARY:
    for (intptr_t i = 0; i < s->u.dict.n; i++)
      if (attrHasLoc(s->u.dict.entries[i].value))
        return true;
    return false;
  case IPU_ATTR_TYPE:
    return typeHasLoc(s->u.typeValue);
  default:
    return false;
  }
}

IpuAttr ipuAttrUnique(IpuContext *ctx, const struct IpuAttrStorage *key) {
  bool ownedData = key->kind == IPU_ATTR_DENSE_ELEMENTS && key->u.dense.owned;
  uint64_t hash = hashAttr(key);
  IpuAttr found = ipuHashTableFind(&ctx->attrs, hash, matchAttr, key);
  if (found) {
    if (ownedData)
      ipuFree(ctx, (void *)key->u.dense.data);
    return found;
  }
  struct IpuAttrStorage *s = ipuArenaAlloc(ctx, sizeof *s);
  if (!s) {
    if (ownedData)
      ipuFree(ctx, (void *)key->u.dense.data);
    return NULL;
  }
  *s = *key;
  s->ctx = ctx;
  s->hash = hash;
  s->hasLoc = computeHasLoc(s);
  if (s->hasLoc && !ipuAttrIsLocation(s))
    ctx->locationsNested = true;
  if (!copyAttrArrays(ctx, s)) {
    if (ownedData)
      ipuFree(ctx, (void *)key->u.dense.data);
    return NULL;
  }
  if (!ipuHashTableInsert(ctx, &ctx->attrs, hash, s)) {
    if (s->kind == IPU_ATTR_DENSE_ELEMENTS && s->u.dense.owned)
      ipuFree(ctx, (void *)s->u.dense.data);
    return NULL;
  }
  return s;
}

void ipuAttrStorageDisposeAll(IpuContext *ctx) {
  IpuHashTable *t = &ctx->attrs;
  for (size_t i = 0; i < t->capacity; i++) {
    struct IpuAttrStorage *s = t->slots[i].value;
    if (s && s->kind == IPU_ATTR_DENSE_ELEMENTS && s->u.dense.owned)
      ipuFree(ctx, (void *)s->u.dense.data);
  }
}

static struct IpuAttrStorage makeKey(IpuAttrKind kind, IpuType type) {
  struct IpuAttrStorage k;
  memset(&k, 0, sizeof k);
  k.kind = kind;
  k.type = type;
  return k;
}

/* ---- Generic queries. ------------------------------------------------- */

IpuAttrKind ipuAttrGetKind(IpuAttr a) { return a ? a->kind : IPU_ATTR_UNIT; }
IpuContext *ipuAttrGetContext(IpuAttr a) { return a ? a->ctx : NULL; }

bool ipuAttrIsLocation(IpuAttr a) {
  return a && a->kind >= IPU_ATTR_LOC_UNKNOWN && a->kind <= IPU_ATTR_LOC_FUSED;
}

IpuType ipuAttrGetType(IpuAttr a) { return a ? a->type : NULL; }

/* ---- Integers. -------------------------------------------------------- */

static unsigned intWidth(IpuType t) {
  return ipuTypeIsIndex(t) ? 64 : ipuIntegerTypeGetWidth(t);
}

static intptr_t wordsForWidth(unsigned width) {
  return width <= 64 ? 1 : (intptr_t)((width + 63) / 64);
}

static void clearAboveWidth(uint64_t *words, intptr_t n, unsigned width) {
  if (width == 0) {
    words[0] = 0;
    return;
  }
  unsigned rest = width % 64;
  if (rest)
    words[n - 1] &= (1ull << rest) - 1;
}

/* Builds the attribute from `n` words of which `given` come from `src`; the
 * others are `fill` (sign extension of a 64-bit value, or zero). */
static IpuAttr integerFromWords(IpuContext *ctx, IpuType type, intptr_t given,
                                const uint64_t *src, uint64_t fill) {
  if (!ipuTypeIsInteger(type) && !ipuTypeIsIndex(type))
    return NULL;
  unsigned width = intWidth(type);
  intptr_t n = wordsForWidth(width);
  enum { SMALL = 8 };
  uint64_t small[SMALL];
  uint64_t *words = small;
  if (n > SMALL) {
    words = ipuAlloc(ctx, (size_t)n * 8);
    if (!words)
      return NULL;
  }
  for (intptr_t i = 0; i < n; i++)
    words[i] = i < given ? src[i] : fill;
  clearAboveWidth(words, n, width);
  struct IpuAttrStorage k = makeKey(IPU_ATTR_INTEGER, type);
  k.u.integer.numWords = n;
  k.u.integer.words = words;
  IpuAttr a = ipuAttrUnique(ctx, &k);
  if (words != small)
    ipuFree(ctx, words);
  return a;
}

IpuAttr ipuIntegerAttrGet(IpuContext *ctx, IpuType type, int64_t value) {
  uint64_t word = (uint64_t)value;
  return integerFromWords(ctx, type, 1, &word, value < 0 ? ~0ull : 0);
}

IpuAttr ipuIntegerAttrGetFromWords(IpuContext *ctx, IpuType type,
                               intptr_t numWords, const uint64_t *words) {
  if (numWords < 0 || (numWords > 0 && !words))
    return NULL;
  return integerFromWords(ctx, type, numWords, words, 0);
}

IpuAttr ipuBoolAttrGet(IpuContext *ctx, bool value) {
  IpuAttr *cached = &ctx->boolAttrs[value ? 1 : 0];
  if (!*cached)
    *cached = ipuIntegerAttrGet(ctx, ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS),
                                value ? 1 : 0);
  return *cached;
}

int64_t ipuIntegerAttrGetInt(IpuAttr a) {
  if (!ipuAttrIsKind(a, IPU_ATTR_INTEGER))
    return 0;
  uint64_t low = a->u.integer.words[0];
  unsigned width = intWidth(a->type);
  if (width == 0 || width >= 64)
    return (int64_t)low;
  if (ipuIntegerTypeGetSignedness(a->type) == IPU_UNSIGNED)
    return (int64_t)low;
  uint64_t signBit = 1ull << (width - 1);
  return (int64_t)((low ^ signBit) - signBit);
}

uint64_t ipuIntegerAttrGetUInt(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_INTEGER) ? a->u.integer.words[0] : 0;
}

intptr_t ipuIntegerAttrGetNumWords(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_INTEGER) ? a->u.integer.numWords : 0;
}

const uint64_t *ipuIntegerAttrGetWords(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_INTEGER) ? a->u.integer.words : NULL;
}

bool ipuAttrIsBool(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_INTEGER) &&
         ipuTypeIsSignlessInteger(a->type, 1);
}

bool ipuBoolAttrGetValue(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_INTEGER) && a->u.integer.words[0] != 0;
}

/* ---- Floats. ---------------------------------------------------------- */

IpuAttr ipuFloatAttrGetFromBits(IpuContext *ctx, IpuType type, uint64_t bits) {
  if (!ipuTypeIsFloat(type))
    return NULL;
  IpuFloatKind kind = ipuFloatTypeGetKind(type);
  unsigned width = ipuFloatTypeGetWidth(type);
  if (width < 64)
    bits &= (1ull << width) - 1;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_FLOAT, type);
  k.u.fp.bits = bits;
  k.u.fp.value = ipuFloatDecode(kind, bits);
  return ipuAttrUnique(ctx, &k);
}

IpuAttr ipuFloatAttrGet(IpuContext *ctx, IpuType type, double value) {
  if (!ipuTypeIsFloat(type))
    return NULL;
  return ipuFloatAttrGetFromBits(
      ctx, type, ipuFloatEncode(ipuFloatTypeGetKind(type), value));
}

double ipuFloatAttrGetValue(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_FLOAT) ? a->u.fp.value : 0.0;
}

uint64_t ipuFloatAttrGetBits(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_FLOAT) ? a->u.fp.bits : 0;
}

/* ---- Strings, unit. --------------------------------------------------- */

IpuAttr ipuStringAttrGet(IpuContext *ctx, IpuStringRef value, IpuType type) {
  if (value.length && !value.data)
    return NULL;
  /* `"s" : none` is `"s"`: MLIR's default string type is none. */
  if (ipuTypeIsKind(type, IPU_TYPE_NONE))
    type = NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_STRING, type);
  k.u.string = value.length ? value : ipuStringRefMake("", 0);
  return ipuAttrUnique(ctx, &k);
}

IpuStringRef ipuStringAttrGetValue(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_STRING) ? a->u.string
                                           : ipuStringRefMake("", 0);
}

IpuAttr ipuUnitAttrGet(IpuContext *ctx) {
  if (!ctx->unitAttr) {
    struct IpuAttrStorage k = makeKey(IPU_ATTR_UNIT, NULL);
    ctx->unitAttr = ipuAttrUnique(ctx, &k);
  }
  return ctx->unitAttr;
}

/* ---- Arrays. ---------------------------------------------------------- */

static bool allAttrsNonNull(intptr_t n, const IpuAttr *attrs) {
  if (n < 0 || (n > 0 && !attrs))
    return false;
  for (intptr_t i = 0; i < n; i++)
    if (!attrs[i])
      return false;
  return true;
}

IpuAttr ipuArrayAttrGet(IpuContext *ctx, intptr_t n, const IpuAttr *elements) {
  if (!allAttrsNonNull(n, elements))
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_ARRAY, NULL);
  k.u.array.n = n;
  k.u.array.elements = n ? elements : NULL;
  return ipuAttrUnique(ctx, &k);
}

intptr_t ipuArrayAttrGetNumElements(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_ARRAY) ? a->u.array.n : 0;
}

IpuAttr ipuArrayAttrGetElement(IpuAttr a, intptr_t i) {
  if (!ipuAttrIsKind(a, IPU_ATTR_ARRAY) || i < 0 || i >= a->u.array.n)
    return NULL;
  return a->u.array.elements[i];
}

/* ---- Dictionaries. ---------------------------------------------------- */

/* Byte-wise, shorter first on a common prefix: StringRef::compare. */
static int compareNames(IpuStringRef a, IpuStringRef b) {
  size_t n = a.length < b.length ? a.length : b.length;
  int c = n ? memcmp(a.data, b.data, n) : 0;
  if (c)
    return c;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

static int compareEntries(const void *pa, const void *pb) {
  const IpuNamedAttr *a = pa, *b = pb;
  if (a->name == b->name)
    return 0;
  return compareNames(ipuIdentStr(a->name), ipuIdentStr(b->name));
}

IpuAttr ipuDictionaryAttrGet(IpuContext *ctx, intptr_t n,
                             const IpuNamedAttr *entries) {
  if (n < 0 || (n > 0 && !entries))
    return NULL;
  bool sorted = true;
  for (intptr_t i = 0; i < n; i++) {
    if (!entries[i].name || !entries[i].value)
      return NULL;
    if (i > 0) {
      int c = compareEntries(&entries[i - 1], &entries[i]);
      if (c == 0)
        return NULL;
      if (c > 0)
        sorted = false;
    }
  }
  IpuNamedAttr *copy = NULL;
  if (!sorted) {
    copy = ipuAlloc(ctx, (size_t)n * sizeof(IpuNamedAttr));
    if (!copy)
      return NULL;
    memcpy(copy, entries, (size_t)n * sizeof(IpuNamedAttr));
    qsort(copy, (size_t)n, sizeof(IpuNamedAttr), compareEntries);
    for (intptr_t i = 1; i < n; i++) {
      if (copy[i - 1].name == copy[i].name) {
        ipuFree(ctx, copy);
        return NULL;
      }
    }
    entries = copy;
  }
  struct IpuAttrStorage k = makeKey(IPU_ATTR_DICTIONARY, NULL);
  k.u.dict.n = n;
  k.u.dict.entries = n ? entries : NULL;
  IpuAttr a = ipuAttrUnique(ctx, &k);
  ipuFree(ctx, copy);
  return a;
}

intptr_t ipuDictionaryAttrGetNumEntries(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DICTIONARY) ? a->u.dict.n : 0;
}

IpuNamedAttr ipuDictionaryAttrGetEntry(IpuAttr a, intptr_t i) {
  if (!ipuAttrIsKind(a, IPU_ATTR_DICTIONARY) || i < 0 || i >= a->u.dict.n) {
    IpuNamedAttr none = {NULL, NULL};
    return none;
  }
  return a->u.dict.entries[i];
}

/* Index of `name` in the dictionary, or -(insertion point) - 1. */
static intptr_t findEntry(IpuAttr dict, IpuStringRef name) {
  intptr_t lo = 0, hi = dict->u.dict.n;
  while (lo < hi) {
    intptr_t mid = lo + (hi - lo) / 2;
    int c = compareNames(ipuIdentStr(dict->u.dict.entries[mid].name), name);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -lo - 1;
}

IpuAttr ipuDictionaryAttrGet1(IpuAttr dict, IpuStringRef name) {
  if (!ipuAttrIsKind(dict, IPU_ATTR_DICTIONARY))
    return NULL;
  intptr_t i = findEntry(dict, name);
  return i >= 0 ? dict->u.dict.entries[i].value : NULL;
}

IpuAttr ipuDictionaryAttrGetC(IpuAttr dict, const char *name) {
  return ipuDictionaryAttrGet1(dict, ipuStringRefFromCString(name));
}

IpuAttr ipuDictionaryAttrSet(IpuContext *ctx, IpuAttr dict, IpuIdent name,
                             IpuAttr value) {
  if (!name)
    return NULL;
  if (dict && !ipuAttrIsKind(dict, IPU_ATTR_DICTIONARY))
    return NULL;
  intptr_t n = dict ? dict->u.dict.n : 0;
  intptr_t at = dict ? findEntry(dict, ipuIdentStr(name)) : -1;
  if (at < 0 && !value)
    return dict ? dict : ipuDictionaryAttrGet(ctx, 0, NULL);
  if (at >= 0 && dict->u.dict.entries[at].value == value)
    return dict;
  IpuNamedAttr *entries = ipuAlloc(ctx, (size_t)(n + 1) * sizeof(IpuNamedAttr));
  if (!entries)
    return NULL;
  intptr_t m = 0;
  if (at >= 0) {
    for (intptr_t i = 0; i < n; i++) {
      if (i != at)
        entries[m++] = dict->u.dict.entries[i];
      else if (value)
        entries[m++] = (IpuNamedAttr){name, value};
    }
  } else {
    intptr_t insertAt = -at - 1;
    for (intptr_t i = 0; i < insertAt; i++)
      entries[m++] = dict->u.dict.entries[i];
    entries[m++] = (IpuNamedAttr){name, value};
    for (intptr_t i = insertAt; i < n; i++)
      entries[m++] = dict->u.dict.entries[i];
  }
  IpuAttr result = ipuDictionaryAttrGet(ctx, m, entries);
  ipuFree(ctx, entries);
  return result;
}

/* ---- Dense arrays. ---------------------------------------------------- */

static bool validDenseArrayElement(IpuType t) {
  if (ipuTypeIsFloat(t))
    return ipuFloatTypeGetKind(t) == IPU_F32 || ipuFloatTypeGetKind(t) == IPU_F64;
  if (!ipuTypeIsSignlessInteger(t, 0))
    return false;
  switch (ipuIntegerTypeGetWidth(t)) {
  case 1:
  case 8:
  case 16:
  case 32:
  case 64:
    return true;
  default:
    return false;
  }
}

IpuAttr ipuDenseArrayAttrGet(IpuContext *ctx, IpuType elementType, intptr_t n,
                             const void *data) {
  if (!validDenseArrayElement(elementType) || n < 0 || (n > 0 && !data))
    return NULL;
  size_t elementBytes = ipuDenseElementStorageBytes(elementType);
  if ((size_t)n > SIZE_MAX / elementBytes)
    return NULL;
  /* Bools are bytes holding 0 or 1, so equal arrays have equal bytes. */
  unsigned char *normalized = NULL;
  if (ipuTypeIsSignlessInteger(elementType, 1)) {
    const unsigned char *bytes = data;
    for (intptr_t i = 0; i < n && !normalized; i++) {
      if (bytes[i] > 1) {
        normalized = ipuAlloc(ctx, (size_t)n);
        if (!normalized)
          return NULL;
        for (intptr_t j = 0; j < n; j++)
          normalized[j] = bytes[j] != 0;
        data = normalized;
      }
    }
  }
  struct IpuAttrStorage k = makeKey(IPU_ATTR_DENSE_ARRAY, NULL);
  k.u.denseArray.elementType = elementType;
  k.u.denseArray.n = n;
  k.u.denseArray.data = n ? data : NULL;
  IpuAttr a = ipuAttrUnique(ctx, &k);
  ipuFree(ctx, normalized);
  return a;
}

IpuAttr ipuDenseI64ArrayAttrGet(IpuContext *ctx, intptr_t n,
                                const int64_t *values) {
  return ipuDenseArrayAttrGet(ctx, ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS), n,
                              values);
}

IpuType ipuDenseArrayAttrGetElementType(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ARRAY) ? a->u.denseArray.elementType
                                                : NULL;
}

intptr_t ipuDenseArrayAttrGetNumElements(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ARRAY) ? a->u.denseArray.n : 0;
}

const void *ipuDenseArrayAttrGetData(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_DENSE_ARRAY) ? a->u.denseArray.data : NULL;
}

/* ---- Symbol references, type and opaque attributes. ------------------- */

IpuAttr ipuSymbolRefAttrGet(IpuContext *ctx, IpuIdent root, intptr_t numNested,
                            const IpuIdent *nested) {
  if (!root || numNested < 0 || (numNested > 0 && !nested))
    return NULL;
  for (intptr_t i = 0; i < numNested; i++)
    if (!nested[i])
      return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_SYMBOL_REF, NULL);
  k.u.symbol.root = root;
  k.u.symbol.n = numNested;
  k.u.symbol.nested = numNested ? nested : NULL;
  return ipuAttrUnique(ctx, &k);
}

IpuAttr ipuFlatSymbolRefAttrGet(IpuContext *ctx, IpuIdent name) {
  return ipuSymbolRefAttrGet(ctx, name, 0, NULL);
}

IpuIdent ipuSymbolRefAttrGetRoot(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_SYMBOL_REF) ? a->u.symbol.root : NULL;
}

intptr_t ipuSymbolRefAttrGetNumNested(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_SYMBOL_REF) ? a->u.symbol.n : 0;
}

IpuIdent ipuSymbolRefAttrGetNested(IpuAttr a, intptr_t i) {
  if (!ipuAttrIsKind(a, IPU_ATTR_SYMBOL_REF) || i < 0 || i >= a->u.symbol.n)
    return NULL;
  return a->u.symbol.nested[i];
}

IpuAttr ipuTypeAttrGet(IpuContext *ctx, IpuType type) {
  if (!type)
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_TYPE, NULL);
  k.u.typeValue = type;
  return ipuAttrUnique(ctx, &k);
}

IpuType ipuTypeAttrGetValue(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_TYPE) ? a->u.typeValue : NULL;
}

IpuAttr ipuOpaqueAttrGet(IpuContext *ctx, IpuIdent dialect, IpuStringRef body) {
  if (!dialect || (body.length && !body.data))
    return NULL;
  struct IpuAttrStorage k = makeKey(IPU_ATTR_OPAQUE, NULL);
  k.u.opaque.dialect = dialect;
  k.u.opaque.body = body.length ? body : ipuStringRefMake("", 0);
  return ipuAttrUnique(ctx, &k);
}

IpuIdent ipuOpaqueAttrGetDialect(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_OPAQUE) ? a->u.opaque.dialect : NULL;
}

IpuStringRef ipuOpaqueAttrGetBody(IpuAttr a) {
  return ipuAttrIsKind(a, IPU_ATTR_OPAQUE) ? a->u.opaque.body
                                           : ipuStringRefMake("", 0);
}
