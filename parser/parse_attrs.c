/* Builtin attributes from their parsed parts: numbers, strings, arrays,
 * dictionaries, symbol refs, array<...>, dense<...>, dense_resource<...>. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "parse_state.h"

/* ---- Integers. -------------------------------------------------------- */

typedef enum { INT_OK, INT_RANGE, INT_NEG_UNSIGNED, INT_OOM } IntStatus;

static uint32_t wordsFor(unsigned width) { return width ? (width + 63) / 64 : 1; }

/* Parses `[-]digits` as a `width`-bit integer of the given signedness into
 * p->words (two's complement, wordsFor(width) words, upper bits zero). */
static IntStatus parseIntWords(Parser *p, Span digits, bool negative,
                               unsigned width, IpuSignedness sign) {
  unsigned magBits = width;
  if (sign == IPU_SIGNED && !negative && width > 0)
    magBits = width - 1;
  uint32_t n;
  if (!litParseUnsigned(p, digits, magBits, &n))
    return p->oom ? INT_OOM : INT_RANGE;
  bool zero = n == 1 && p->words.data[0] == 0;
  if (negative && !zero) {
    if (sign == IPU_UNSIGNED)
      return INT_NEG_UNSIGNED;
    /* The magnitude may reach 2^(width-1) but no further. */
    unsigned bits = 0;
    for (uint32_t i = n; i-- > 0;)
      if (p->words.data[i]) {
        bits = i * 64 + 64 - (unsigned)__builtin_clzll(p->words.data[i]);
        break;
      }
    if (bits > width)
      return INT_RANGE;
    if (bits == width) {
      for (uint32_t i = 0; i < n; i++) {
        uint64_t want = i == (width - 1) / 64 ? 1ull << ((width - 1) % 64) : 0;
        if (p->words.data[i] != want)
          return INT_RANGE;
      }
    }
  }
  uint32_t w = wordsFor(width);
  if (!VEC_RESERVE(p, p->words, w))
    return INT_OOM;
  for (uint32_t i = n; i < w; i++)
    p->words.data[i] = 0;
  p->words.len = w;
  if (negative && !zero) {
    uint64_t carry = 1;
    for (uint32_t i = 0; i < w; i++) {
      uint64_t x = ~p->words.data[i] + carry;
      carry = carry && x == 0;
      p->words.data[i] = x;
    }
  }
  if (width % 64)
    p->words.data[w - 1] &= (1ull << (width % 64)) - 1;
  if (width == 0)
    p->words.data[0] = 0;
  return INT_OK;
}

static unsigned intWidth(IpuType t) {
  return ipuTypeIsIndex(t) ? 64 : ipuIntegerTypeGetWidth(t);
}

static IpuSignedness intSign(IpuType t) {
  return ipuTypeIsIndex(t) ? IPU_SIGNLESS : ipuIntegerTypeGetSignedness(t);
}

static bool isHexLiteral(Span digits) {
  return digits.len > 2 && digits.ptr[0] == '0' && digits.ptr[1] == 'x';
}

/* A hex literal giving a float's bit pattern. */
static bool hexFloatBits(Parser *p, Span digits, bool negative, IpuType type,
                         IpuSrcPos pos, uint64_t *bits) {
  if (negative)
    return parserError(p, pos,
                       "hexadecimal float literal should not have a leading "
                       "minus");
  uint32_t n;
  unsigned width = ipuFloatTypeGetWidth(type);
  if (!litParseUnsigned(p, digits, width, &n))
    return parserError(p, pos, "hexadecimal float constant out of range for type");
  *bits = p->words.data[0];
  return true;
}

IpuAttr attrInteger(Parser *p, Span digits, bool negative, IpuSrcPos pos,
                    IpuType type, IpuSrcPos typePos) {
  if (!type)
    type = ipuIntegerTypeGet(p->ctx, 64, IPU_SIGNLESS);
  if (ipuTypeIsFloat(type)) {
    if (!isHexLiteral(digits)) {
      parserError(p, pos,
                  "unexpected decimal integer literal for a floating point "
                  "value");
      return NULL;
    }
    uint64_t bits = 0;
    if (!hexFloatBits(p, digits, negative, type, pos, &bits))
      return NULL;
    IpuAttr a = ipuFloatAttrGetFromBits(p->ctx, type, bits);
    if (!a)
      parserOutOfMemory(p, pos);
    return a;
  }
  if (!ipuTypeIsInteger(type) && !ipuTypeIsIndex(type)) {
    parserError(p, typePos, "integer literal not valid for specified type");
    return NULL;
  }
  switch (parseIntWords(p, digits, negative, intWidth(type), intSign(type))) {
  case INT_OK:
    break;
  case INT_RANGE:
    parserError(p, pos, "integer constant out of range for attribute");
    return NULL;
  case INT_NEG_UNSIGNED:
    parserError(p, pos,
                "negative integer literal not valid for unsigned integer type");
    return NULL;
  case INT_OOM:
    parserOutOfMemory(p, pos);
    return NULL;
  }
  IpuAttr a = ipuIntegerAttrGetFromWords(p->ctx, type, p->words.len, p->words.data);
  if (!a)
    parserOutOfMemory(p, pos);
  return a;
}

IpuAttr attrFloat(Parser *p, Span text, bool negative, IpuSrcPos pos,
                  IpuType type, IpuSrcPos typePos) {
  if (!type)
    type = ipuFloatTypeGet(p->ctx, IPU_F64);
  if (!ipuTypeIsFloat(type)) {
    parserError(p, typePos, "floating point value not valid for specified type");
    return NULL;
  }
  double v;
  if (!litParseDouble(p, text, negative, &v)) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  IpuAttr a = ipuFloatAttrGet(p->ctx, type, v);
  if (!a)
    parserOutOfMemory(p, pos);
  return a;
}

IpuAttr attrString(Parser *p, Span tok, IpuSrcPos pos, IpuType type) {
  IpuStringRef s;
  if (!litDecodeString(p, tok, pos, &s))
    return NULL;
  IpuAttr a = ipuStringAttrGet(p->ctx, s, type);
  if (!a)
    parserOutOfMemory(p, pos);
  return a;
}

/* ---- Containers. ------------------------------------------------------ */

IpuAttr attrArray(Parser *p, ListRef elems) {
  IpuAttr a = ipuArrayAttrGet(p->ctx, elems.count,
                              (const IpuAttr *)p->ptrs.data + elems.start);
  p->ptrs.len = elems.start;
  return a;
}

bool attrPushNamed(Parser *p, IpuIdent name, IpuAttr value, IpuSrcPos pos) {
  if (!name || !value)
    return parserOutOfMemory(p, pos);
  if (!VEC_RESERVE(p, p->named, 1) || !VEC_RESERVE(p, p->namedPos, 1))
    return parserOutOfMemory(p, pos);
  p->named.data[p->named.len].name = name;
  p->named.data[p->named.len++].value = value;
  p->namedPos.data[p->namedPos.len++] = pos;
  return true;
}

IpuIdent attrKeyFromString(Parser *p, Span tok, IpuSrcPos pos) {
  IpuStringRef s;
  if (!litDecodeString(p, tok, pos, &s))
    return NULL;
  if (s.length == 0) {
    parserError(p, pos, "expected valid attribute name");
    return NULL;
  }
  return parserIdent(p, s.data, s.length);
}

typedef struct {
  IpuIdent name;
  uint32_t index;
} NameIndex;

static int compareNameIndex(const void *a, const void *b) {
  const NameIndex *x = a, *y = b;
  if (x->name != y->name)
    return (uintptr_t)x->name < (uintptr_t)y->name ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* After the dictionary refused the entries: name the first repeated key. */
static bool reportDuplicateKey(Parser *p, ListRef entries, IpuSrcPos pos) {
  NameIndex *v = ipuAlloc(p->ctx, entries.count * sizeof *v);
  if (!v)
    return parserOutOfMemory(p, pos);
  for (uint32_t i = 0; i < entries.count; i++) {
    v[i].name = p->named.data[entries.start + i].name;
    v[i].index = i;
  }
  qsort(v, entries.count, sizeof *v, compareNameIndex);
  uint32_t dup = UINT32_MAX;
  for (uint32_t i = 1; i < entries.count; i++)
    if (v[i].name == v[i - 1].name && v[i].index < dup)
      dup = v[i].index;
  ipuFree(p->ctx, v);
  if (dup == UINT32_MAX)
    return parserOutOfMemory(p, pos);
  return parserError(p, p->namedPos.data[entries.start + dup],
                     "duplicate key '%s' in dictionary attribute",
                     ipuIdentCStr(p->named.data[entries.start + dup].name));
}

IpuAttr attrDictionary(Parser *p, ListRef entries, IpuSrcPos pos) {
  IpuAttr a = ipuDictionaryAttrGet(p->ctx, entries.count,
                                   p->named.data + entries.start);
  if (!a) {
    reportDuplicateKey(p, entries, pos);
    return NULL;
  }
  p->named.len = entries.start;
  p->namedPos.len = entries.start;
  return a;
}

IpuIdent attrSymbolName(Parser *p, Span tok, IpuSrcPos pos) {
  IpuStringRef s;
  if (!litDecodeString(p, tok, pos, &s))
    return NULL;
  IpuIdent id = parserIdent(p, s.data, s.length);
  if (!id)
    parserOutOfMemory(p, pos);
  return id;
}

IpuAttr attrSymbolRef(Parser *p, ListRef idents) {
  IpuIdent *ids = (IpuIdent *)p->ptrs.data + idents.start;
  IpuAttr a = idents.count == 1
                  ? ipuFlatSymbolRefAttrGet(p->ctx, ids[0])
                  : ipuSymbolRefAttrGet(p->ctx, ids[0], idents.count - 1,
                                        ids + 1);
  p->ptrs.len = idents.start;
  return a;
}

/* ---- Element storage shared by array<...> and dense<...>. ------------- */

static void storeFloat(uint8_t *out, IpuType t, double v) {
  uint64_t bits = ipuFloatEncode(ipuFloatTypeGetKind(t), v);
  memcpy(out, &bits, ipuFloatTypeGetWidth(t) / 8);
}

static void storeFloatBits(uint8_t *out, IpuType t, uint64_t bits) {
  memcpy(out, &bits, ipuFloatTypeGetWidth(t) / 8);
}

/* Writes the low `bytes` bytes of p->words little-endian. */
static void storeWords(Parser *p, uint8_t *out, size_t bytes) {
  for (size_t i = 0; i < bytes; i++) {
    size_t w = i / 8;
    out[i] = w < p->words.len ? (uint8_t)(p->words.data[w] >> (8 * (i % 8))) : 0;
  }
}

typedef enum { ELEM_DENSE, ELEM_ARRAY } ElemContext;

/* Converts one literal to the storage of `t` (integer, index or float). */
static bool storeScalar(Parser *p, const Literal *l, IpuType t, uint8_t *out,
                        size_t bytes, ElemContext ctx) {
  if (ipuTypeIsFloat(t)) {
    if (l->kind == LIT_FLOAT) {
      double v;
      if (!litParseDouble(p, l->text, l->negative, &v))
        return parserOutOfMemory(p, l->pos);
      storeFloat(out, t, v);
      return true;
    }
    if (l->kind == LIT_INT && isHexLiteral(l->text)) {
      uint64_t bits = 0;
      if (!hexFloatBits(p, l->text, l->negative, t, l->pos, &bits))
        return false;
      storeFloatBits(out, t, bits);
      return true;
    }
    if (ctx == ELEM_ARRAY || l->kind == LIT_INT)
      return parserError(p, l->pos,
                         ctx == ELEM_ARRAY
                             ? "unexpected decimal integer literal for a "
                               "floating point value"
                             : "expected floating-point elements, but parsed "
                               "integer");
    return parserError(p, l->pos, "expected floating-point elements");
  }
  unsigned width = intWidth(t);
  IpuSignedness sign = intSign(t);
  if (l->kind == LIT_BOOL) {
    if (width != 1)
      return parserError(p, l->pos, "expected integer elements, but parsed "
                                    "boolean");
    out[0] = l->boolValue;
    return true;
  }
  if (l->kind != LIT_INT)
    return parserError(p, l->pos,
                       "expected integer elements, but parsed floating-point");
  switch (parseIntWords(p, l->text, l->negative, width, sign)) {
  case INT_OK:
    break;
  case INT_RANGE:
    return parserError(p, l->pos, ctx == ELEM_ARRAY
                                      ? "integer constant out of range"
                                      : "integer constant out of range for type");
  case INT_NEG_UNSIGNED:
    return parserError(p, l->pos, "expected unsigned integer elements, but "
                                  "parsed negative value");
  case INT_OOM:
    return parserOutOfMemory(p, l->pos);
  }
  if (width == 1)
    out[0] = p->words.data[0] != 0;
  else
    storeWords(p, out, bytes);
  return true;
}

uint32_t litPush(Parser *p, Literal lit) {
  if (!VEC_RESERVE(p, p->lits, 1))
    return parserOutOfMemory(p, lit.pos);
  p->lits.data[p->lits.len++] = lit;
  return 1;
}

IpuAttr attrDenseArray(Parser *p, TypeAt elemType, ListRef lits) {
  IpuType t = elemType.type;
  bool ok = false;
  size_t bytes = 0;
  if (ipuTypeIsFloat(t)) {
    IpuFloatKind k = ipuFloatTypeGetKind(t);
    ok = k == IPU_F32 || k == IPU_F64;
    bytes = k == IPU_F32 ? 4 : 8;
  } else if (ipuTypeIsSignlessInteger(t, 0)) {
    unsigned w = ipuIntegerTypeGetWidth(t);
    if (w != 1 && w % 8) {
      parserError(p, elemType.pos, "element type bitwidth must be a multiple of 8");
      return NULL;
    }
    ok = w == 1 || w == 8 || w == 16 || w == 32 || w == 64;
    bytes = w == 1 ? sizeof(bool) : w / 8;
  }
  if (!ok) {
    parserError(p, elemType.pos, "invalid element type for dense array");
    return NULL;
  }
  uint8_t *data = NULL;
  if (lits.count) {
    data = ipuAlloc(p->ctx, lits.count * bytes);
    if (!data) {
      parserOutOfMemory(p, elemType.pos);
      return NULL;
    }
  }
  for (uint32_t i = 0; i < lits.count; i++) {
    const Literal *l = &p->lits.data[lits.start + i];
    if (!storeScalar(p, l, t, data + i * bytes, bytes, ELEM_ARRAY)) {
      ipuFree(p->ctx, data);
      return NULL;
    }
  }
  IpuAttr a = ipuDenseArrayAttrGet(p->ctx, t, lits.count, data);
  ipuFree(p->ctx, data);
  p->lits.len = lits.start;
  if (!a)
    parserOutOfMemory(p, elemType.pos);
  return a;
}

/* ---- dense<...>. ------------------------------------------------------ */

bool denseShapePush(Parser *p, uint32_t dim) {
  if (!VEC_RESERVE(p, p->shapes, 1))
    return parserOutOfMemory(p, p->lits.len ? p->lits.data[0].pos
                                            : (IpuSrcPos){p->line, 1});
  p->shapes.data[p->shapes.len++] = dim;
  return true;
}

bool denseShapeSame(Parser *p, DenseShape first, DenseShape next,
                    IpuSrcPos pos) {
  bool same = first.rank == next.rank;
  for (uint32_t i = 0; same && i < first.rank; i++)
    same = p->shapes.data[first.start + i] == p->shapes.data[next.start + i];
  if (!same)
    return parserError(p, pos,
                       "tensor literal is invalid; ranks are not consistent "
                       "between elements");
  p->shapes.len = next.start;
  return true;
}

/* "[2, 3]" for messages. */
static const char *shapeString(char *buf, size_t size, const int64_t *dims,
                               uint32_t rank, bool reversed) {
  size_t n = (size_t)snprintf(buf, size, "[");
  for (uint32_t i = 0; i < rank && n < size; i++) {
    int64_t d = dims[reversed ? rank - 1 - i : i];
    n += (size_t)snprintf(buf + n, size - n, i ? ", %lld" : "%lld", (long long)d);
  }
  if (n < size)
    snprintf(buf + n, size - n, "]");
  return buf;
}

static bool checkElementsType(Parser *p, TypeAt type, IpuType *elem) {
  IpuTypeKind k = ipuTypeGetKind(type.type);
  if (k != IPU_TYPE_RANKED_TENSOR && k != IPU_TYPE_VECTOR)
    return parserError(p, type.pos, "elements literal must be a shaped type");
  if (!ipuShapedTypeHasStaticShape(type.type))
    return parserError(p, type.pos,
                       "elements literal type must have static shape");
  *elem = ipuShapedTypeGetElementType(type.type);
  IpuTypeKind ek = ipuTypeGetKind(*elem);
  bool scalar = ipuTypeIsIntOrIndexOrFloat(*elem);
  if (ek == IPU_TYPE_COMPLEX)
    scalar = ipuTypeIsIntOrIndexOrFloat(ipuComplexTypeGetElementType(*elem));
  if (!scalar)
    return parserError(p, type.pos, "unsupported element type for dense elements");
  return true;
}

/* The decoded bytes of a hex literal: the lexer's for a huge one (taken
 * over), else decoded now into a buffer of `size` bytes. NULL after an
 * error (`*bad` set for one in the digits). */
static uint8_t *hexLiteralBytes(Parser *p, const Literal *l, size_t size,
                                bool *bad) {
  *bad = false;
  if (l->text.num & STR_HEX_DECODED) {
    uint8_t *data = p->hexBlobText == l->text.ptr ? p->hexBlob : NULL;
    if (data)
      p->hexBlob = NULL;
    if (size > p->hexBlobSize) { /* room for unpacked i1 elements */
      uint8_t *grown = ipuRealloc(p->ctx, data, size);
      if (!grown)
        ipuFree(p->ctx, data);
      data = grown;
    }
    if (!data)
      parserOutOfMemory(p, l->pos);
    return data;
  }
  if (l->text.num & STR_HEX_INVALID) {
    *bad = true;
    return NULL;
  }
  size_t hexLen = l->text.len - 2;
  uint8_t *data = ipuAlloc(p->ctx, size ? size : 1);
  if (!data) {
    parserOutOfMemory(p, l->pos);
    return NULL;
  }
  if (!litDecodeHexLarge(p, l->text.ptr + 2, hexLen, data)) {
    ipuFree(p->ctx, data);
    *bad = true;
    return NULL;
  }
  return data;
}

/* dense<"0x..."> decodes straight into the attribute's buffer. A huge one
 * was decoded by the lexer, and its text may be gone: only its length is
 * looked at here. */
static IpuAttr denseFromHex(Parser *p, const Literal *l, TypeAt type,
                            IpuType elem) {
  size_t elemBytes = ipuDenseElementStorageBytes(elem);
  int64_t numElements = ipuShapedTypeGetNumElements(type.type);
  size_t hexLen = l->text.len - 2;
  size_t bytes = hexLen / 2;
  bool isI1 = ipuTypeIsInteger(elem) && ipuIntegerTypeGetWidth(elem) == 1;
  bool splat = bytes == elemBytes && numElements != 1;
  bool packed = isI1 && !splat && bytes != (size_t)numElements &&
                bytes == ((size_t)numElements + 7) / 8;
  if (hexLen % 2 ||
      (!splat && !packed && bytes != (size_t)numElements * elemBytes)) {
    parserError(p, l->pos,
                "elements hex data size is invalid for provided type: '%s'",
                parserTypeStr(p, type.type));
    return NULL;
  }
  size_t size = packed ? (size_t)numElements : bytes;
  bool bad;
  uint8_t *data = hexLiteralBytes(p, l, size > bytes ? size : bytes, &bad);
  if (!data) {
    if (bad)
      parserError(p, l->pos, "expected string containing hex digits "
                             "starting with `0x`");
    return NULL;
  }
  if (packed) {
    /* MLIR packs i1 elements as bits; we store a byte each. Backwards, as
     * the bytes spread over the same buffer. */
    for (size_t i = size; i-- > 0;)
      data[i] = (data[i / 8] >> (i % 8)) & 1;
  } else if (isI1) {
    for (size_t i = 0; i < size; i++)
      data[i] = data[i] != 0;
  }
  IpuAttr a = ipuDenseElementsAttrGetOwned(p->ctx, type.type, data, size, splat);
  if (!a)
    parserOutOfMemory(p, l->pos);
  return a;
}

IpuAttr attrDense(Parser *p, uint32_t shapeStart, uint32_t rank, ListRef lits,
                  TypeAt type, IpuSrcPos bodyPos) {
  IpuType elem = NULL;
  IpuAttr result = NULL;
  if (!checkElementsType(p, type, &elem))
    return NULL;
  const Literal *l = p->lits.data + lits.start;
  if (rank == 0 && lits.count == 1 && l->kind == LIT_STRING) {
    bool lexed = l->text.num & (STR_HEX_DECODED | STR_HEX_INVALID);
    if (lexed ? (l->text.num & STR_ESCAPES) : !litIsHexString(l->text)) {
      parserError(p, l->pos, "expected string containing hex digits starting "
                             "with `0x`");
      return NULL;
    }
    result = denseFromHex(p, l, type, elem);
    p->lits.len = lits.start;
    p->shapes.len = shapeStart;
    return result;
  }
  bool splat = rank == 0;
  intptr_t typeRank = ipuShapedTypeGetRank(type.type);
  const int64_t *typeShape = ipuShapedTypeGetShape(type.type);
  int64_t numElements = ipuShapedTypeGetNumElements(type.type);
  if (rank == UINT32_MAX) { /* dense<> */
    if (numElements != 0) {
      parserError(p, bodyPos, "parsed zero elements, but type (%s) expected "
                              "at least 1", parserTypeStr(p, type.type));
      return NULL;
    }
    splat = false;
  } else if (!splat) {
    bool same = (intptr_t)rank == typeRank;
    for (uint32_t i = 0; same && i < rank; i++)
      same = p->shapes.data[shapeStart + rank - 1 - i] == typeShape[i];
    if (!same) {
      char a[128], b[128];
      parserError(p, bodyPos,
                  "inferred shape of elements literal (%s) does not match "
                  "type (%s)",
                  shapeString(a, sizeof a, p->shapes.data + shapeStart, rank, true),
                  shapeString(b, sizeof b, typeShape, (uint32_t)typeRank, false));
      return NULL;
    }
  }
  bool isComplex = ipuTypeGetKind(elem) == IPU_TYPE_COMPLEX;
  IpuType scalarType = isComplex ? ipuComplexTypeGetElementType(elem) : elem;
  size_t elemBytes = ipuDenseElementStorageBytes(elem);
  size_t partBytes = isComplex ? elemBytes / 2 : elemBytes;
  size_t count = splat ? 1 : (size_t)numElements;
  size_t size = count * elemBytes;
  uint8_t *data = ipuAlloc(p->ctx, size ? size : 1);
  if (!data) {
    parserOutOfMemory(p, bodyPos);
    return NULL;
  }
  size_t li = 0;
  for (size_t i = 0; i < count; i++) {
    const Literal *x = &l[li];
    if (x->kind == LIT_STRING) {
      parserError(p, x->pos, "unexpected string in dense elements");
      goto fail;
    }
    if (isComplex != x->complex) {
      parserError(p, x->pos, isComplex ? "expected complex element (re, im)"
                                       : "unexpected complex element");
      goto fail;
    }
    uint8_t *out = data + i * elemBytes;
    if (!storeScalar(p, x, scalarType, out, partBytes, ELEM_DENSE))
      goto fail;
    li++;
    if (isComplex) {
      if (!storeScalar(p, &l[li], scalarType, out + partBytes, partBytes,
                       ELEM_DENSE))
        goto fail;
      li++;
    }
  }
  result = ipuDenseElementsAttrGetOwned(p->ctx, type.type, data, size, splat);
  if (!result)
    parserOutOfMemory(p, bodyPos);
  p->lits.len = lits.start;
  p->shapes.len = shapeStart;
  return result;
fail:
  ipuFree(p->ctx, data);
  return NULL;
}

IpuAttr attrDenseResource(Parser *p, Span name, bool quoted, IpuSrcPos pos,
                          TypeAt type) {
  IpuStringRef s = ipuStringRefMake(name.ptr, name.len);
  if (quoted && !litDecodeString(p, name, pos, &s))
    return NULL;
  if (!ipuTypeIsShaped(type.type)) {
    parserError(p, type.pos, "expected a shaped type for dense_resource");
    return NULL;
  }
  IpuResourceBlob *blob = ipuResourceGetOrCreate(p->ctx, s);
  IpuAttr a = blob ? ipuDenseResourceAttrGet(p->ctx, type.type, blob) : NULL;
  if (!a)
    parserOutOfMemory(p, pos);
  return a;
}
