/* The ONNX importer's driver: graph inputs, initializers and nodes in file
 * order become func.func @main of hl ops, through the converter tables. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"

/* ---- Value map ---- */
static uint64_t hashName(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; ++s)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static ImpEntry *lookup(Importer *im, const char *name) {
  if (!im->tableSize)
    return NULL;
  size_t mask = im->tableSize - 1;
  for (size_t i = hashName(name) & mask;; i = (i + 1) & mask) {
    size_t e = im->table[i];
    if (!e)
      return NULL;
    if (!strcmp(im->entries[e - 1].name, name))
      return &im->entries[e - 1];
  }
}

static bool growTable(Importer *im) {
  size_t size = im->tableSize ? im->tableSize * 2 : 64;
  size_t *table = ipuCalloc(im->ctx, size, sizeof *table);
  if (!table)
    return false;
  for (size_t e = 0; e < im->numEntries; ++e)
    for (size_t i = hashName(im->entries[e].name) & (size - 1);;
         i = (i + 1) & (size - 1))
      if (!table[i]) {
        table[i] = e + 1;
        break;
      }
  ipuFree(im->ctx, im->table);
  im->table = table;
  im->tableSize = size;
  return true;
}

/* The entry for `name`, created empty if absent (a rebinding replaces). */
static ImpEntry *define(Importer *im, const char *name) {
  ImpEntry *e = lookup(im, name);
  if (e) {
    if (e->isKnown)
      ipuTensorFree(&e->known);
    memset(e, 0, sizeof *e);
    e->name = name;
    return e;
  }
  if ((im->numEntries + 1) * 2 > im->tableSize && !growTable(im))
    return NULL;
  if (im->numEntries == im->capEntries) {
    size_t cap = im->capEntries ? im->capEntries * 2 : 64;
    ImpEntry *n = ipuRealloc(im->ctx, im->entries, cap * sizeof *n);
    if (!n)
      return NULL;
    im->entries = n;
    im->capEntries = cap;
  }
  e = &im->entries[im->numEntries++];
  memset(e, 0, sizeof *e);
  e->name = name;
  size_t mask = im->tableSize - 1;
  for (size_t i = hashName(name) & mask;; i = (i + 1) & mask)
    if (!im->table[i]) {
      im->table[i] = im->numEntries;
      break;
    }
  return e;
}

/* ---- Helpers for the converters ---- */
IpuLocation impLoc(Importer *im, const IpuOnnxNode *n) {
  return n ? ipuOnnxNodeGetLoc(im->model, n) : ipuOnnxModelGetLoc(im->model);
}

bool impError(Importer *im, const IpuOnnxNode *n, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (n && ipuOnnxNodeGetName(n)[0])
    ipuEmitError(im->ctx, impLoc(im, n), "node '%s' (%s): %s",
                 ipuOnnxNodeGetName(n), ipuOnnxNodeGetOpType(n), msg);
  else if (n)
    ipuEmitError(im->ctx, impLoc(im, n), "%s node: %s",
                 ipuOnnxNodeGetOpType(n), msg);
  else
    ipuEmitError(im->ctx, impLoc(im, n), "%s", msg);
  return false;
}

IpuType impElementType(IpuContext *ctx, IpuDType t) {
  switch (t) {
  case IPU_DTYPE_F32: return ipuFloatTypeGet(ctx, IPU_F32);
  case IPU_DTYPE_F16: return ipuFloatTypeGet(ctx, IPU_F16);
  case IPU_DTYPE_BF16: return ipuFloatTypeGet(ctx, IPU_BF16);
  case IPU_DTYPE_F64: return ipuFloatTypeGet(ctx, IPU_F64);
  case IPU_DTYPE_I8: return ipuIntegerTypeGet(ctx, 8, IPU_SIGNLESS);
  case IPU_DTYPE_U8: return ipuIntegerTypeGet(ctx, 8, IPU_UNSIGNED);
  case IPU_DTYPE_I16: return ipuIntegerTypeGet(ctx, 16, IPU_SIGNLESS);
  case IPU_DTYPE_U16: return ipuIntegerTypeGet(ctx, 16, IPU_UNSIGNED);
  case IPU_DTYPE_I32: return ipuIntegerTypeGet(ctx, 32, IPU_SIGNLESS);
  case IPU_DTYPE_U32: return ipuIntegerTypeGet(ctx, 32, IPU_UNSIGNED);
  case IPU_DTYPE_I64: return ipuIntegerTypeGet(ctx, 64, IPU_SIGNLESS);
  case IPU_DTYPE_U64: return ipuIntegerTypeGet(ctx, 64, IPU_UNSIGNED);
  case IPU_DTYPE_BOOL: return ipuIntegerTypeGet(ctx, 1, IPU_SIGNLESS);
  default: return NULL;
  }
}

IpuAttr impF32(Importer *im, double v) {
  return ipuFloatAttrGet(im->ctx, ipuFloatTypeGet(im->ctx, IPU_F32), v);
}
IpuAttr impI64(Importer *im, int64_t v) {
  return ipuIntegerAttrGet(im->ctx, ipuIntegerTypeGet(im->ctx, 64, IPU_SIGNLESS),
                           v);
}
IpuAttr impI64s(Importer *im, size_t n, const int64_t *v) {
  return ipuDenseI64ArrayAttrGet(im->ctx, (intptr_t)n, v);
}
IpuAttr impF32s(Importer *im, size_t n, const float *v) {
  return ipuDenseArrayAttrGet(im->ctx, ipuFloatTypeGet(im->ctx, IPU_F32),
                              (intptr_t)n, v);
}
IpuAttr impStr(Importer *im, const char *s, size_t len) {
  IpuStringRef r = {s, len};
  return ipuStringAttrGet(im->ctx, r, NULL);
}

bool impShape(IpuValue v, intptr_t *rank, const int64_t **dims) {
  IpuType t = ipuValueGetType(v);
  if (ipuTypeGetKind(t) != IPU_TYPE_RANKED_TENSOR)
    return false;
  *rank = ipuShapedTypeGetRank(t);
  *dims = ipuShapedTypeGetShape(t);
  return true;
}

bool impStaticShape(IpuValue v) {
  IpuType t = ipuValueGetType(v);
  return ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeHasStaticShape(t);
}

bool impKnownInts(const IpuTensor *t, int64_t **out, size_t *count) {
  int64_t n = ipuTensorNumElements(t);
  int64_t *v = malloc(sizeof *v * (size_t)(n ? n : 1));
  if (!v)
    return false;
  for (int64_t i = 0; i < n; ++i) {
    switch (t->dtype) {
    case IPU_DTYPE_I64: v[i] = ((const int64_t *)t->data)[i]; break;
    case IPU_DTYPE_I32: v[i] = ((const int32_t *)t->data)[i]; break;
    case IPU_DTYPE_I8: v[i] = ((const int8_t *)t->data)[i]; break;
    case IPU_DTYPE_U8:
    case IPU_DTYPE_BOOL: v[i] = ((const uint8_t *)t->data)[i]; break;
    case IPU_DTYPE_F32: v[i] = (int64_t)((const float *)t->data)[i]; break;
    default: free(v); return false;
    }
  }
  *out = v;
  *count = (size_t)n;
  return true;
}

bool impKnownFloat(const IpuTensor *t, double *out) {
  if (ipuTensorNumElements(t) != 1)
    return false;
  switch (t->dtype) {
  case IPU_DTYPE_F32: *out = *(const float *)t->data; return true;
  case IPU_DTYPE_F64: *out = *(const double *)t->data; return true;
  case IPU_DTYPE_F16: *out = ipuF16ToF32(*(const uint16_t *)t->data); return true;
  case IPU_DTYPE_BF16: *out = ipuBF16ToF32(*(const uint16_t *)t->data); return true;
  case IPU_DTYPE_I64: *out = (double)*(const int64_t *)t->data; return true;
  case IPU_DTYPE_I32: *out = *(const int32_t *)t->data; return true;
  case IPU_DTYPE_I8: *out = *(const int8_t *)t->data; return true;
  case IPU_DTYPE_U8: *out = *(const uint8_t *)t->data; return true;
  default: return false;
  }
}

/* A dense_resource blob name made of the value's name, unique in ctx. */
static IpuResourceBlob *newBlob(Importer *im, const char *valueName) {
  char name[96];
  size_t len = 0;
  for (const char *s = valueName; *s && len < 60; ++s) {
    char c = *s;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_';
    name[len++] = ok ? c : '_';
  }
  if (!len || (name[0] >= '0' && name[0] <= '9'))
    name[len++] = '_';
  name[len] = 0;
  char unique[128];
  snprintf(unique, sizeof unique, "%s", name);
  while (ipuResourceLookup(im->ctx, ipuStringRefFromCString(unique)))
    snprintf(unique, sizeof unique, "%s_%u", name, ++im->resourceCounter);
  return ipuResourceGetOrCreate(im->ctx, ipuStringRefFromCString(unique));
}

/* An hl.constant holding `t`, appended to the body. */
static IpuValue materialize(Importer *im, const IpuTensor *t, const char *name,
                            IpuLocation loc) {
  IpuType elem = impElementType(im->ctx, t->dtype);
  if (!elem) {
    ipuEmitError(im->ctx, loc, "constant '%s' has unsupported element type %s",
                 name, ipuDTypeName(t->dtype));
    return NULL;
  }
  IpuType type = ipuRankedTensorTypeGet(im->ctx, t->rank, t->shape, elem, NULL);
  size_t bytes = ipuTensorByteSize(t);
  size_t threshold = im->opts && im->opts->resourceThreshold
                         ? im->opts->resourceThreshold
                         : 64 * 1024;
  IpuAttr value;
  if (bytes > threshold) {
    IpuResourceBlob *blob = newBlob(im, name);
    if (!blob || !ipuResourceSetData(im->ctx, blob, t->data, bytes, 64)) {
      ipuEmitError(im->ctx, loc, "out of memory for constant '%s'", name);
      return NULL;
    }
    value = ipuDenseResourceAttrGet(im->ctx, type, blob);
  } else {
    value = ipuDenseElementsAttrGet(im->ctx, type, t->data, bytes, false);
  }
  if (!value) {
    ipuEmitError(im->ctx, loc, "cannot represent constant '%s'", name);
    return NULL;
  }
  IpuOpState st;
  ipuOpStateInit(&st, im->ctx, ipuStringRefFromCString("hl.constant"), loc);
  ipuOpStateAddAttr(&st, "value", value);
  ipuOpStateAddResults(&st, 1, &type);
  IpuOp *op = ipuOpCreate(&st);
  if (!op)
    return NULL;
  ipuBlockAppendOp(im->body, op);
  return ipuOpGetResult(op, 0);
}

bool impHasInput(const IpuOnnxNode *n, size_t i) {
  return i < ipuOnnxNodeGetNumInputs(n) && ipuOnnxNodeGetInput(n, i)[0];
}

const IpuTensor *impKnownInput(Importer *im, const IpuOnnxNode *n, size_t i) {
  if (!impHasInput(n, i))
    return NULL;
  ImpEntry *e = lookup(im, ipuOnnxNodeGetInput(n, i));
  return e && e->isKnown ? &e->known : NULL;
}

IpuValue impInput(Importer *im, const IpuOnnxNode *n, size_t i) {
  if (!impHasInput(n, i)) {
    impError(im, n, "input %zu is required", i);
    return NULL;
  }
  const char *name = ipuOnnxNodeGetInput(n, i);
  ImpEntry *e = lookup(im, name);
  if (!e) {
    impError(im, n, "input '%s' is not defined before its use", name);
    return NULL;
  }
  if (!e->value && e->isKnown)
    e->value = materialize(im, &e->known, name, impLoc(im, n));
  return e->value;
}

bool impBindValue(Importer *im, const IpuOnnxNode *n, size_t i, IpuValue v) {
  if (i >= ipuOnnxNodeGetNumOutputs(n) || !ipuOnnxNodeGetOutput(n, i)[0])
    return true;
  ImpEntry *e = define(im, ipuOnnxNodeGetOutput(n, i));
  if (!e)
    return impError(im, n, "out of memory");
  e->value = v;
  return true;
}

bool impBindKnown(Importer *im, const IpuOnnxNode *n, size_t i, IpuTensor *t) {
  if (i >= ipuOnnxNodeGetNumOutputs(n) || !ipuOnnxNodeGetOutput(n, i)[0]) {
    ipuTensorFree(t);
    return true;
  }
  ImpEntry *e = define(im, ipuOnnxNodeGetOutput(n, i));
  if (!e) {
    ipuTensorFree(t);
    return impError(im, n, "out of memory");
  }
  e->isKnown = true;
  e->known = *t;
  memset(t, 0, sizeof *t);
  return true;
}

IpuOp *impBuild(Importer *im, const IpuOnnxNode *n, const char *opName,
                size_t numOperands, const IpuValue *operands, size_t numAttrs,
                const char *const *attrNames, const IpuAttr *attrs,
                size_t numOutputs) {
  for (size_t i = 0; i < numOperands; ++i)
    if (!operands[i])
      return NULL;
  IpuOpState st;
  ipuOpStateInit(&st, im->ctx, ipuStringRefFromCString(opName), impLoc(im, n));
  ipuOpStateAddOperands(&st, (intptr_t)numOperands, operands);
  for (size_t i = 0; i < numAttrs; ++i)
    if (attrs[i])
      ipuOpStateAddAttr(&st, attrNames[i], attrs[i]);
  st.inferResultTypes = true;
  IpuOp *op = ipuOpCreate(&st);
  if (!op)
    return NULL;
  ipuBlockAppendOp(im->body, op);
  for (size_t i = 0; i < numOutputs && (intptr_t)i < ipuOpGetNumResults(op);
       ++i)
    if (!impBindValue(im, n, i, ipuOpGetResult(op, (intptr_t)i)))
      return NULL;
  return op;
}

IpuValue impReshape(Importer *im, const IpuOnnxNode *n, IpuValue v,
                    size_t rank, const int64_t *shape) {
  const char *names[] = {"shape"};
  IpuAttr attrs[] = {impI64s(im, rank, shape)};
  IpuOp *op = impBuild(im, n, "hl.reshape", 1, &v, 1, names, attrs, 0);
  return op ? ipuOpGetResult(op, 0) : NULL;
}

/* ---- Driver ---- */
static const ImpConverter *const converterTables[] = {
    impElementwiseConverters, impNnConverters, impShapeConverters,
    impAxisConverters};

static ImpConvertFn findConverter(const char *domain, const char *opType) {
  if (domain[0])
    return NULL;
  for (size_t t = 0; t < sizeof converterTables / sizeof *converterTables; ++t)
    for (const ImpConverter *c = converterTables[t]; c->opType; ++c)
      if (!strcmp(c->opType, opType))
        return c->convert;
  return NULL;
}

static bool checkSupported(Importer *im) {
  const IpuOnnxOpTypeCount *types;
  size_t n = ipuOnnxModelGetOpTypes(im->model, &types);
  char list[2048];
  size_t len = 0, missing = 0;
  list[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (findConverter(types[i].domain, types[i].opType))
      continue;
    if (len < sizeof list - 1)
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s%s",
                              missing ? ", " : "", types[i].domain,
                              types[i].domain[0] ? "." : "", types[i].opType);
    if (len > sizeof list - 1)
      len = sizeof list - 1;
    ++missing;
  }
  if (missing)
    return impError(im, NULL, "unsupported ONNX op type%s: %s",
                    missing > 1 ? "s" : "", list);
  if (ipuOnnxModelGetNumSparseInitializers(im->model))
    return impError(im, NULL, "sparse initializers are not supported");
  int64_t opset = ipuOnnxModelGetDomainVersion(im->model, "");
  if (opset < 0)
    opset = 7;
  if (opset < 7 || opset > 17)
    return impError(im, NULL,
                    "ONNX opset %lld is not supported (opsets 7 to 17 are)",
                    (long long)opset);
  im->opset = opset;
  return true;
}

static const IpuOnnxInputShape *findShape(Importer *im, const char *name) {
  if (!im->opts)
    return NULL;
  for (intptr_t i = 0; i < im->opts->numInputShapes; ++i)
    if (!strcmp(im->opts->inputShapes[i].name, name))
      return &im->opts->inputShapes[i];
  return NULL;
}

static IpuType inputType(Importer *im, const IpuOnnxValueInfo *info) {
  IpuType elem = impElementType(im->ctx, (IpuDType)info->elemType);
  if (info->kind != IPU_ONNX_VALUE_TENSOR || !elem) {
    impError(im, NULL, "graph input '%s' must be a tensor of a supported "
             "element type", info->name);
    return NULL;
  }
  const IpuOnnxInputShape *fixed = findShape(im, info->name);
  if (!info->hasShape && !fixed) {
    impError(im, NULL, "graph input '%s' has no shape; give one with "
             "--input-shape", info->name);
    return NULL;
  }
  int64_t dims[IPU_TENSOR_MAX_RANK];
  size_t rank = fixed ? (size_t)fixed->rank : info->rank;
  if (rank > IPU_TENSOR_MAX_RANK || (fixed && info->hasShape &&
                                     (size_t)fixed->rank != info->rank)) {
    impError(im, NULL, "graph input '%s' has rank %zu; the given shape does "
             "not fit", info->name, info->rank);
    return NULL;
  }
  for (size_t d = 0; d < rank; ++d) {
    int64_t declared = info->hasShape ? info->dims[d] : -1;
    if (fixed) {
      if (declared >= 0 && declared != fixed->dims[d]) {
        impError(im, NULL, "graph input '%s': --input-shape dim %zu is %lld, "
                 "but the model says %lld", info->name, d,
                 (long long)fixed->dims[d], (long long)declared);
        return NULL;
      }
      dims[d] = fixed->dims[d];
    } else {
      dims[d] = declared >= 0 ? declared : IPU_DYNAMIC;
    }
  }
  return ipuRankedTensorTypeGet(im->ctx, (intptr_t)rank, dims, elem, NULL);
}

static bool importNodes(Importer *im) {
  size_t numInit = ipuOnnxModelGetNumInitializers(im->model);
  for (size_t i = 0; i < numInit; ++i) {
    ImpEntry *e = define(im, ipuOnnxModelGetInitializerName(im->model, i));
    if (!e)
      return impError(im, NULL, "out of memory");
    if (!ipuOnnxModelGetInitializer(im->model, i, &e->known))
      return false;
    e->isKnown = true;
  }
  size_t numNodes = ipuOnnxModelGetNumNodes(im->model);
  for (size_t i = 0; i < numNodes; ++i) {
    const IpuOnnxNode *n = ipuOnnxModelGetNode(im->model, i);
    ImpConvertFn fn =
        findConverter(ipuOnnxNodeGetDomain(n), ipuOnnxNodeGetOpType(n));
    if (!fn || !fn(im, n))
      return false;
  }
  return true;
}

/* [{onnx.name = "x"}, ...]: the ONNX names of @main's arguments or
 * results, so that tools can address them by name. */
static IpuAttr nameAttrs(Importer *im, size_t n, const char *const *names) {
  IpuAttr *dicts = ipuCalloc(im->ctx, n ? n : 1, sizeof *dicts);
  if (!dicts)
    return NULL;
  for (size_t i = 0; i < n; ++i) {
    IpuNamedAttr entry;
    entry.name = ipuIdentGetC(im->ctx, "onnx.name");
    entry.value = impStr(im, names[i], strlen(names[i]));
    dicts[i] = ipuDictionaryAttrGet(im->ctx, 1, &entry);
  }
  IpuAttr array = ipuArrayAttrGet(im->ctx, (intptr_t)n, dicts);
  ipuFree(im->ctx, dicts);
  return array;
}

static IpuOp *wrapModule(Importer *im, IpuBlock *body, size_t numInputs,
                         const IpuType *inTypes, const char *const *argNames) {
  size_t numOut = ipuOnnxModelGetNumOutputs(im->model);
  IpuValue *results = ipuCalloc(im->ctx, numOut ? numOut : 1, sizeof *results);
  const char **outNames =
      ipuCalloc(im->ctx, numOut ? numOut : 1, sizeof *outNames);
  IpuType *outTypes = ipuCalloc(im->ctx, numOut ? numOut : 1, sizeof *outTypes);
  IpuOp *module = NULL;
  if (!results || !outTypes || !outNames)
    goto done;
  for (size_t i = 0; i < numOut; ++i) {
    const char *name = ipuOnnxModelGetOutput(im->model, i)->name;
    outNames[i] = name;
    ImpEntry *e = lookup(im, name);
    if (!e) {
      impError(im, NULL, "graph output '%s' is never computed", name);
      goto done;
    }
    if (!e->value && e->isKnown)
      e->value = materialize(im, &e->known, name, ipuOnnxModelGetLoc(im->model));
    if (!e->value)
      goto done;
    results[i] = e->value;
    outTypes[i] = ipuValueGetType(e->value);
  }
  IpuLocation loc = ipuOnnxModelGetLoc(im->model);
  IpuOpState st;
  ipuOpStateInit(&st, im->ctx, ipuStringRefFromCString("func.return"), loc);
  ipuOpStateAddOperands(&st, (intptr_t)numOut, results);
  IpuOp *ret = ipuOpCreate(&st);
  if (!ret)
    goto done;
  ipuBlockAppendOp(body, ret);

  IpuRegion *funcRegion = ipuRegionCreate(im->ctx);
  if (!funcRegion)
    goto done;
  ipuRegionAppendBlock(funcRegion, body);
  im->body = NULL; /* owned by the region from here on */
  IpuType fnType = ipuFunctionTypeGet(im->ctx, (intptr_t)numInputs, inTypes,
                                      (intptr_t)numOut, outTypes);
  ipuOpStateInit(&st, im->ctx, ipuStringRefFromCString("func.func"), loc);
  ipuOpStateAddAttr(&st, "sym_name", impStr(im, "main", 4));
  ipuOpStateAddAttr(&st, "function_type", ipuTypeAttrGet(im->ctx, fnType));
  if (numInputs)
    ipuOpStateAddAttr(&st, "arg_attrs", nameAttrs(im, numInputs, argNames));
  if (numOut)
    ipuOpStateAddAttr(&st, "res_attrs", nameAttrs(im, numOut, outNames));
  ipuOpStateAddOwnedRegions(&st, 1, &funcRegion);
  IpuOp *func = ipuOpCreate(&st);
  if (!func) {
    /* The region went to the state and was released with it. */
    goto done;
  }
  IpuBlock *top = ipuBlockCreate(im->ctx, 0, NULL, NULL);
  IpuRegion *modRegion = ipuRegionCreate(im->ctx);
  if (!top || !modRegion) {
    if (top)
      ipuBlockDestroy(top);
    if (modRegion)
      ipuRegionDestroy(modRegion);
    ipuOpDestroy(func);
    goto done;
  }
  ipuBlockAppendOp(top, func);
  ipuRegionAppendBlock(modRegion, top);
  ipuOpStateInit(&st, im->ctx, ipuStringRefFromCString("builtin.module"), loc);
  ipuOpStateAddOwnedRegions(&st, 1, &modRegion);
  module = ipuOpCreate(&st);
done:
  ipuFree(im->ctx, outNames);
  ipuFree(im->ctx, results);
  ipuFree(im->ctx, outTypes);
  return module;
}

static const IpuOnnxInputValue *findValue(Importer *im, const char *name) {
  if (!im->opts)
    return NULL;
  for (intptr_t i = 0; i < im->opts->numInputValues; ++i)
    if (!strcmp(im->opts->inputValues[i].name, name))
      return &im->opts->inputValues[i];
  return NULL;
}

static bool isInput(Importer *im, size_t numInputs, const char *name) {
  for (size_t j = 0; j < numInputs; ++j)
    if (!strcmp(ipuOnnxModelGetInput(im->model, j)->name, name))
      return true;
  return false;
}

/* Every --input-shape and --input-value must name an input. */
static bool checkOptionNames(Importer *im, size_t numInputs) {
  if (!im->opts)
    return true;
  for (intptr_t i = 0; i < im->opts->numInputShapes; ++i)
    if (!isInput(im, numInputs, im->opts->inputShapes[i].name))
      return impError(im, NULL, "--input-shape names '%s', which is not an "
                      "input of the model", im->opts->inputShapes[i].name);
  for (intptr_t i = 0; i < im->opts->numInputValues; ++i)
    if (!isInput(im, numInputs, im->opts->inputValues[i].name))
      return impError(im, NULL, "--input-value names '%s', which is not an "
                      "input of the model", im->opts->inputValues[i].name);
  return true;
}

IpuOp *ipuOnnxImport(IpuContext *ctx, const char *path,
                     const IpuOnnxImportOptions *opts) {
  Importer im;
  memset(&im, 0, sizeof im);
  im.ctx = ctx;
  im.opts = opts;
  im.model = ipuOnnxModelLoad(ctx, path);
  if (!im.model)
    return NULL;
  IpuOp *module = NULL;
  IpuType *inTypes = NULL;
  IpuLocation *inLocs = NULL;
  const char **argNames = NULL;
  size_t numInputs = ipuOnnxModelGetNumInputs(im.model);
  if (!checkSupported(&im))
    goto done;
  inTypes = ipuCalloc(ctx, numInputs ? numInputs : 1, sizeof *inTypes);
  inLocs = ipuCalloc(ctx, numInputs ? numInputs : 1, sizeof *inLocs);
  argNames = ipuCalloc(ctx, numInputs ? numInputs : 1, sizeof *argNames);
  if (!inTypes || !inLocs || !argNames)
    goto done;
  size_t numArgs = 0;
  for (size_t i = 0; i < numInputs; ++i) {
    const IpuOnnxValueInfo *info = ipuOnnxModelGetInput(im.model, i);
    if (findValue(&im, info->name))
      continue;
    argNames[numArgs] = info->name;
    inTypes[numArgs] = inputType(&im, info);
    if (!inTypes[numArgs])
      goto done;
    inLocs[numArgs++] = ipuLocNameGet(ctx, ipuIdentGetC(ctx, info->name),
                                      ipuOnnxModelGetLoc(im.model));
  }
  if (!checkOptionNames(&im, numInputs))
    goto done;
  im.body = ipuBlockCreate(ctx, (intptr_t)numArgs, inTypes, inLocs);
  if (!im.body)
    goto done;
  for (size_t i = 0, arg = 0; i < numInputs; ++i) {
    const char *name = ipuOnnxModelGetInput(im.model, i)->name;
    const IpuOnnxInputValue *given = findValue(&im, name);
    ImpEntry *e = define(&im, name);
    if (!e)
      goto done;
    if (given) {
      if (!ipuTensorIsValid(given->value) ||
          !ipuTensorClone(&e->known, given->value)) {
        impError(&im, NULL, "the value given for input '%s' is invalid", name);
        goto done;
      }
      e->isKnown = true;
    } else {
      e->value = ipuBlockGetArgument(im.body, (intptr_t)arg++);
    }
  }
  if (importNodes(&im)) {
    module = wrapModule(&im, im.body, numArgs, inTypes, argNames);
  }
done:
  if (im.body && !ipuBlockGetParentRegion(im.body))
    ipuBlockDestroy(im.body);
  for (size_t i = 0; i < im.numEntries; ++i)
    if (im.entries[i].isKnown)
      ipuTensorFree(&im.entries[i].known);
  ipuFree(ctx, im.entries);
  ipuFree(ctx, im.table);
  ipuFree(ctx, inTypes);
  ipuFree(ctx, inLocs);
  ipuFree(ctx, argNames);
  ipuOnnxModelDestroy(im.model);
  return module;
}
