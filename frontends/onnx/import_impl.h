/* Private to the ONNX importer: the state shared by the driver (import.c)
 * and the per-op-family converters (import_ops_*.c). */
#ifndef IPU_ONNX_IMPORT_IMPL_H
#define IPU_ONNX_IMPORT_IMPL_H

#include "ipu/onnx.h"
#include "ipu/tensor.h"
#include "onnx_model.h"

/* One named ONNX value: an SSA value, a value known at import time (an
 * initializer, a Constant node or folded shape arithmetic), or both. */
typedef struct {
  const char *name; /* owned by the model */
  IpuValue value;   /* NULL until used as an operand when `known` */
  bool isKnown;
  IpuTensor known;  /* owned (C allocator) when isKnown */
} ImpEntry;

typedef struct Importer {
  IpuContext *ctx;
  IpuOnnxModel *model;
  const IpuOnnxImportOptions *opts;
  int64_t opset;
  IpuBlock *body;
  ImpEntry *entries;
  size_t numEntries, capEntries;
  size_t *table; /* open addressing: entry index + 1, 0 = empty */
  size_t tableSize;
  unsigned resourceCounter;
} Importer;

typedef bool (*ImpConvertFn)(Importer *im, const IpuOnnxNode *n);
typedef struct {
  const char *opType;
  ImpConvertFn convert;
} ImpConverter;

/* Converter tables, one per op family, each ended by {NULL, NULL}. */
extern const ImpConverter impElementwiseConverters[];
extern const ImpConverter impNnConverters[];
extern const ImpConverter impShapeConverters[];
/* import_ops_axis.c: ops along axes and tensor rearrangements. */
extern const ImpConverter impAxisConverters[];

/* ---- Shared helpers (import.c) ---- */
IpuLocation impLoc(Importer *im, const IpuOnnxNode *n);
bool impError(Importer *im, const IpuOnnxNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Input i of the node as an SSA value (known values become hl.constant);
 * NULL plus an error when it is missing or undefined. */
IpuValue impInput(Importer *im, const IpuOnnxNode *n, size_t i);
bool impHasInput(const IpuOnnxNode *n, size_t i);
/* Input i's import-time value, or NULL when it is not known. */
const IpuTensor *impKnownInput(Importer *im, const IpuOnnxNode *n, size_t i);
/* Binds output i of the node to a value / a known tensor (taken over). */
bool impBindValue(Importer *im, const IpuOnnxNode *n, size_t i, IpuValue v);
bool impBindKnown(Importer *im, const IpuOnnxNode *n, size_t i, IpuTensor *t);
/* Creates `opName` with inferred result types, appends it and binds its
 * first `numOutputs` results to the node's outputs. attrNames/attrs have
 * numAttrs entries; NULL attributes are skipped. */
IpuOp *impBuild(Importer *im, const IpuOnnxNode *n, const char *opName,
                size_t numOperands, const IpuValue *operands, size_t numAttrs,
                const char *const *attrNames, const IpuAttr *attrs,
                size_t numOutputs);
/* Shape of a value's ranked tensor type; false if unranked. */
bool impShape(IpuValue v, intptr_t *rank, const int64_t **dims);
bool impStaticShape(IpuValue v);
IpuType impElementType(IpuContext *ctx, IpuDType t);
IpuAttr impF32(Importer *im, double v);
IpuAttr impI64(Importer *im, int64_t v);
IpuAttr impI64s(Importer *im, size_t n, const int64_t *v);
IpuAttr impF32s(Importer *im, size_t n, const float *v);
IpuAttr impStr(Importer *im, const char *s, size_t len);
/* Reads a known integer tensor as int64 values (malloc'd array). */
bool impKnownInts(const IpuTensor *t, int64_t **out, size_t *count);
bool impKnownFloat(const IpuTensor *t, double *out);
/* An hl.reshape of v to a static shape. */
IpuValue impReshape(Importer *im, const IpuOnnxNode *n, IpuValue v,
                    size_t rank, const int64_t *shape);

#endif
