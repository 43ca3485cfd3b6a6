/* Builtin types from their parsed parts with MLIR's checks and messages:
 * integers, shaped types, complex, tuples, functions, dialect types, aliases. */
#include <string.h>

#include "parse_state.h"

IpuType typeInteger(Parser *p, Span tok, IpuSrcPos pos) {
  IpuSignedness sign = IPU_SIGNLESS;
  const char *s = tok.ptr;
  size_t n = tok.len;
  if (*s == 's' || *s == 'u') {
    sign = *s == 's' ? IPU_SIGNED : IPU_UNSIGNED;
    s++, n--;
  }
  Span digits = {s + 1, (uint32_t)(n - 1), 0};
  uint64_t width;
  if (!litParseU64(digits, &width) || width > IPU_MAX_INTEGER_WIDTH) {
    parserError(p, pos, "integer bitwidth is limited to %u bits",
                IPU_MAX_INTEGER_WIDTH);
    return NULL;
  }
  IpuType t = ipuIntegerTypeGet(p->ctx, (unsigned)width, sign);
  if (!t)
    parserOutOfMemory(p, pos);
  return t;
}

bool typePushDims(Parser *p, const char *text, size_t len, IpuSrcPos pos,
                  ListRef *out) {
  out->start = p->dims.len;
  out->count = 0;
  const char *s = text, *end = text + len;
  while (s < end) {
    while (s < end && (*s == ' ' || *s == '\t'))
      s++;
    if (s >= end)
      break;
    int64_t dim;
    bool scalable = false;
    const char *dimStart = s;
    if (*s == '?') {
      dim = IPU_DYNAMIC;
      s++;
    } else {
      if (*s == '[') {
        scalable = true;
        s++;
        while (*s == ' ' || *s == '\t')
          s++;
      }
      uint64_t v = 0;
      bool overflow = false;
      while (s < end && *s >= '0' && *s <= '9') {
        unsigned d = (unsigned)(*s - '0');
        if (v > ((uint64_t)INT64_MAX - d) / 10)
          overflow = true;
        else
          v = v * 10 + d;
        s++;
      }
      if (overflow) {
        IpuSrcPos at = {pos.line, pos.col + (uint32_t)(dimStart - text)};
        return parserError(p, at, "invalid dimension");
      }
      dim = (int64_t)v;
      if (scalable) {
        while (*s == ' ' || *s == '\t')
          s++;
        s++; /* ']' */
      }
    }
    while (s < end && (*s == ' ' || *s == '\t'))
      s++;
    s++; /* 'x' */
    if (!VEC_RESERVE(p, p->dims, 1) || !VEC_RESERVE(p, p->scalable, 1))
      return parserOutOfMemory(p, pos);
    p->dims.data[p->dims.len++] = dim;
    p->scalable.data[p->scalable.len++] = scalable;
    out->count++;
  }
  return true;
}

static bool anyScalable(Parser *p, ListRef dims) {
  for (uint32_t i = 0; i < dims.count; i++)
    if (p->scalable.data[dims.start + i])
      return true;
  return false;
}

static void popDims(Parser *p, ListRef dims) {
  p->dims.len = dims.start;
  p->scalable.len = dims.start;
}

static bool isBuiltinElementType(IpuType t) {
  return ipuTensorTypeIsValidElementType(t);
}

IpuType typeRankedTensor(Parser *p, ListRef dims, TypeAt elem, IpuAttr enc,
                         IpuSrcPos pos) {
  if (anyScalable(p, dims)) {
    parserError(p, pos, "scalable dimensions are only allowed in vector types");
    return NULL;
  }
  if (!isBuiltinElementType(elem.type)) {
    parserError(p, elem.pos, "invalid tensor element type");
    return NULL;
  }
  IpuType t = ipuRankedTensorTypeGet(p->ctx, dims.count,
                                     p->dims.data + dims.start, elem.type, enc);
  popDims(p, dims);
  if (!t)
    parserOutOfMemory(p, pos);
  return t;
}

IpuType typeUnrankedTensor(Parser *p, TypeAt elem) {
  if (!isBuiltinElementType(elem.type)) {
    parserError(p, elem.pos, "invalid tensor element type");
    return NULL;
  }
  return ipuUnrankedTensorTypeGet(p->ctx, elem.type);
}

static bool isMemRefElementType(IpuType t) {
  return ipuMemRefTypeIsValidElementType(t);
}

/* `memref<4xf32, S>`: S is the memory space (an integer, string or
 * dictionary, as MLIR supports). Layouts (affine maps, strided) are not
 * part of this basic memref support. */
static bool memrefExtras(Parser *p, ListRef extras, IpuSrcPos pos,
                         IpuAttr *layout, IpuAttr *space) {
  IpuAttr *a = (IpuAttr *)p->ptrs.data + extras.start;
  *layout = *space = NULL;
  if (extras.count > 1)
    return parserError(p, pos, "multiple memory spaces specified in memref type");
  if (extras.count == 1) {
    IpuAttrKind k = ipuAttrGetKind(a[0]);
    if (k != IPU_ATTR_INTEGER && k != IPU_ATTR_STRING && k != IPU_ATTR_DICTIONARY)
      return parserError(p, pos, "unsupported memory space Attribute");
    *space = a[0];
  }
  p->ptrs.len = extras.start;
  return true;
}

IpuType typeMemRef(Parser *p, ListRef dims, TypeAt elem, ListRef extras,
                   IpuSrcPos pos) {
  IpuAttr layout, space;
  if (anyScalable(p, dims)) {
    parserError(p, pos, "scalable dimensions are only allowed in vector types");
    return NULL;
  }
  if (!isMemRefElementType(elem.type)) {
    parserError(p, elem.pos, "invalid memref element type");
    return NULL;
  }
  if (!memrefExtras(p, extras, pos, &layout, &space))
    return NULL;
  IpuType t = ipuMemRefTypeGet(p->ctx, dims.count, p->dims.data + dims.start,
                               elem.type, layout, space);
  popDims(p, dims);
  if (!t)
    parserOutOfMemory(p, pos);
  return t;
}

IpuType typeUnrankedMemRef(Parser *p, TypeAt elem, ListRef extras) {
  IpuAttr layout, space;
  if (!isMemRefElementType(elem.type)) {
    parserError(p, elem.pos, "invalid memref element type");
    return NULL;
  }
  if (!memrefExtras(p, extras, elem.pos, &layout, &space))
    return NULL;
  if (layout) {
    parserError(p, elem.pos, "unranked memref types have no layout");
    return NULL;
  }
  return ipuUnrankedMemRefTypeGet(p->ctx, elem.type, space);
}

IpuType typeVector(Parser *p, ListRef dims, TypeAt elem, IpuSrcPos pos) {
  for (uint32_t i = 0; i < dims.count; i++) {
    if (p->dims.data[dims.start + i] <= 0) {
      parserError(p, pos, "vector types must have positive constant sizes");
      return NULL;
    }
  }
  if (!ipuVectorTypeIsValidElementType(elem.type)) {
    parserError(p, elem.pos, "vector elements must be int/index/float type");
    return NULL;
  }
  const bool *scalable = anyScalable(p, dims) ? p->scalable.data + dims.start
                                              : NULL;
  IpuType t = ipuVectorTypeGet(p->ctx, dims.count, p->dims.data + dims.start,
                               scalable, elem.type);
  popDims(p, dims);
  if (!t)
    parserOutOfMemory(p, pos);
  return t;
}

IpuType typeComplex(Parser *p, TypeAt elem) {
  if (!ipuComplexTypeIsValidElementType(elem.type)) {
    parserError(p, elem.pos, "invalid element type for complex");
    return NULL;
  }
  return ipuComplexTypeGet(p->ctx, elem.type);
}

IpuType typeTuple(Parser *p, ListRef types) {
  IpuType t = ipuTupleTypeGet(p->ctx, types.count,
                              (const IpuType *)p->ptrs.data + types.start);
  p->ptrs.len = types.start;
  return t;
}

IpuType typeFunction(Parser *p, ListRef inputs, ListRef results) {
  IpuType t = ipuFunctionTypeGet(
      p->ctx, inputs.count, (const IpuType *)p->ptrs.data + inputs.start,
      results.count, (const IpuType *)p->ptrs.data + results.start);
  p->ptrs.len = inputs.start;
  return t;
}

/* Splits `!dialect.body`, `!dialect<body>` (or the `#` forms) into the
 * dialect name and the body kept verbatim. */
static bool splitDialectSymbol(Parser *p, Span tok, IpuSrcPos pos,
                               const char *kind, IpuIdent *dialect,
                               IpuStringRef *body) {
  const char *s = tok.ptr + 1, *end = tok.ptr + tok.len;
  const char *q = s;
  while (q < end && *q != '.' && *q != '<')
    q++;
  *dialect = parserIdent(p, s, (size_t)(q - s));
  if (!*dialect)
    return parserOutOfMemory(p, pos);
  if (q < end && *q == '.')
    *body = ipuStringRefMake(q + 1, (size_t)(end - q - 1));
  else if (q < end)
    *body = ipuStringRefMake(q + 1, (size_t)(end - q - 2));
  else
    *body = ipuStringRefMake(q, 0);
  if (ipuContextGetAllowUnregisteredDialects(p->ctx) ||
      ipuContextLookupDialect(p->ctx, ipuIdentStr(*dialect)))
    return true;
  return parserError(p, pos,
                     "%.*s %s created with unregistered dialect. If this is "
                     "intended, please use -allow-unregistered-dialect with "
                     "the MLIR tool used",
                     (int)tok.len, tok.ptr, kind);
}

IpuType typeDialect(Parser *p, Span tok, IpuSrcPos pos) {
  IpuIdent dialect;
  IpuStringRef body;
  if (!splitDialectSymbol(p, tok, pos, "type", &dialect, &body))
    return NULL;
  IpuType t = ipuOpaqueTypeGet(p->ctx, dialect, body);
  if (!t)
    parserOutOfMemory(p, pos);
  return t;
}

IpuAttr attrDialect(Parser *p, Span tok, IpuSrcPos pos) {
  IpuIdent dialect;
  IpuStringRef body;
  if (!splitDialectSymbol(p, tok, pos, "attribute", &dialect, &body))
    return NULL;
  IpuAttr a = ipuOpaqueAttrGet(p->ctx, dialect, body);
  if (!a)
    parserOutOfMemory(p, pos);
  return a;
}

/* ---- Aliases. --------------------------------------------------------- */

static const void *aliasLookup(Parser *p, PtrMap *map, Span tok,
                               IpuSrcPos pos) {
  IpuIdent name = parserIdent(p, tok.ptr + 1, tok.len - 1);
  uint32_t idx;
  if (name && ptrMapLookup(map, name, &idx))
    return p->aliasValues.data[idx];
  parserError(p, pos, "undefined symbol alias id '%.*s'", (int)tok.len - 1,
              tok.ptr + 1);
  return NULL;
}

static bool aliasDefine(Parser *p, PtrMap *map, Span tok, IpuSrcPos pos,
                        const void *value, const char *kind) {
  IpuIdent name = parserIdent(p, tok.ptr + 1, tok.len - 1);
  if (!name)
    return parserOutOfMemory(p, pos);
  uint32_t idx;
  if (ptrMapLookup(map, name, &idx))
    return parserError(p, pos, "redefinition of %s alias id '%.*s'", kind,
                       (int)tok.len - 1, tok.ptr + 1);
  if (!VEC_RESERVE(p, p->aliasValues, 1) ||
      !ptrMapInsert(p, map, name, p->aliasValues.len))
    return parserOutOfMemory(p, pos);
  p->aliasValues.data[p->aliasValues.len++] = value;
  return true;
}

IpuType typeAlias(Parser *p, Span tok, IpuSrcPos pos) {
  return aliasLookup(p, &p->typeAliases, tok, pos);
}

bool typeAliasDefine(Parser *p, Span tok, IpuSrcPos pos, IpuType t) {
  return aliasDefine(p, &p->typeAliases, tok, pos, t, "type");
}

IpuAttr attrAlias(Parser *p, Span tok, IpuSrcPos pos) {
  return aliasLookup(p, &p->attrAliases, tok, pos);
}

bool attrAliasDefine(Parser *p, Span tok, IpuSrcPos pos, IpuAttr a) {
  return aliasDefine(p, &p->attrAliases, tok, pos, a, "attribute");
}

bool parserLookupAttrAlias(Parser *p, IpuIdent name, IpuAttr *out) {
  uint32_t idx;
  if (!ptrMapLookup(&p->attrAliases, name, &idx))
    return false;
  *out = p->aliasValues.data[idx];
  return true;
}
