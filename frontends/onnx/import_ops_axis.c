/* ONNX importer: ops that work along axes or rearrange tensors.
 * Softmax, LogSoftmax, Hardmax, ArgMax/ArgMin; Expand, Tile;
 * LayerNormalization and InstanceNormalization as hl ops. Split becomes
 * hl.slice ops, DepthToSpace/SpaceToDepth reshape-transpose-reshape chains,
 * and Size and Range on values known at import fold to constants. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"

static bool oom(Importer *im, const IpuOnnxNode *n) {
  return impError(im, n, "out of memory or invalid shape");
}

/* Softmax, LogSoftmax and Hardmax: along one axis from opset 13; before,
 * on the input coerced to 2-D at `axis` (flatten, op on axis 1, reshape
 * back). */
static bool softmaxLike(Importer *im, const IpuOnnxNode *n,
                        const char *opName) {
  IpuValue x = impInput(im, n, 0);
  intptr_t rank;
  const int64_t *dims;
  if (!x)
    return false;
  if (!impShape(x, &rank, &dims))
    return impError(im, n, "the input must be ranked");
  int64_t axis;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "axis", im->opset < 13 ? 1 : -1,
                             &axis))
    return false;
  if (axis < -rank || axis >= rank)
    return impError(im, n, "axis %lld is out of range for rank %lld",
                    (long long)axis, (long long)rank);
  if (axis < 0)
    axis += rank;
  const char *names[] = {"axis"};
  IpuAttr attrs[] = {impI64(im, axis)};
  if (im->opset >= 13 || axis == rank - 1)
    return impBuild(im, n, opName, 1, &x, 1, names, attrs, 1);
  if (!impStaticShape(x))
    return impError(im, n, "before opset 13 the input shape must be static");
  int64_t saved[IPU_TENSOR_MAX_RANK];
  if (rank > IPU_TENSOR_MAX_RANK)
    return impError(im, n, "the input rank is too large");
  memcpy(saved, dims, sizeof *dims * (size_t)rank);
  IpuOp *flat = impBuild(im, n, "hl.flatten", 1, &x, 1, names, attrs, 0);
  if (!flat)
    return false;
  IpuValue f = ipuOpGetResult(flat, 0);
  attrs[0] = impI64(im, 1);
  IpuOp *op = impBuild(im, n, opName, 1, &f, 1, names, attrs, 0);
  if (!op)
    return false;
  IpuValue r = impReshape(im, n, ipuOpGetResult(op, 0), (size_t)rank, saved);
  return r && impBindValue(im, n, 0, r);
}

static bool convSoftmax(Importer *im, const IpuOnnxNode *n) {
  return softmaxLike(im, n, "hl.softmax");
}

static bool convLogSoftmax(Importer *im, const IpuOnnxNode *n) {
  return softmaxLike(im, n, "hl.log_softmax");
}

static bool convHardmax(Importer *im, const IpuOnnxNode *n) {
  return softmaxLike(im, n, "hl.hardmax");
}

static bool argReduce(Importer *im, const IpuOnnxNode *n, const char *opName) {
  int64_t axis, keepDims, last;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "axis", 0, &axis) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "keepdims", 1, &keepDims) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "select_last_index", 0, &last))
    return false;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"axis", "keepdims", "select_last_index"};
  IpuAttr attrs[] = {impI64(im, axis),
                     keepDims ? NULL : ipuBoolAttrGet(im->ctx, false),
                     last ? ipuBoolAttrGet(im->ctx, true) : NULL};
  return x && impBuild(im, n, opName, 1, &x, 3, names, attrs, 1);
}

static bool convArgMax(Importer *im, const IpuOnnxNode *n) {
  return argReduce(im, n, "hl.argmax");
}

static bool convArgMin(Importer *im, const IpuOnnxNode *n) {
  return argReduce(im, n, "hl.argmin");
}

/* Expand and Tile: a known integer input becomes the attribute `attr`. */
static bool withKnownInts(Importer *im, const IpuOnnxNode *n,
                          const char *opName, const char *attr) {
  const IpuTensor *k = impKnownInput(im, n, 1);
  int64_t *v;
  size_t count;
  if (!k || !impKnownInts(k, &v, &count))
    return impError(im, n, "input 1 must be known at import (a constant or "
                    "folded shape arithmetic)");
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {attr};
  IpuAttr attrs[] = {impI64s(im, count, v)};
  free(v);
  return x && impBuild(im, n, opName, 1, &x, 1, names, attrs, 1);
}

static bool convExpand(Importer *im, const IpuOnnxNode *n) {
  return withKnownInts(im, n, "hl.expand", "shape");
}

static bool convTile(Importer *im, const IpuOnnxNode *n) {
  return withKnownInts(im, n, "hl.tile", "repeats");
}

/* Split: one hl.slice per output along `axis`; the sizes come from the
 * `split` attribute (before opset 13) or input, else equal parts. */
static bool convSplit(Importer *im, const IpuOnnxNode *n) {
  IpuValue x = impInput(im, n, 0);
  intptr_t rank;
  const int64_t *dims;
  int64_t axis;
  if (!x || !ipuOnnxNodeGetAttrInt(im->model, n, "axis", 0, &axis))
    return false;
  if (!impShape(x, &rank, &dims))
    return impError(im, n, "the input must be ranked");
  if (axis < -rank || axis >= rank)
    return impError(im, n, "axis %lld is out of range for rank %lld",
                    (long long)axis, (long long)rank);
  if (axis < 0)
    axis += rank;
  int64_t extent = dims[axis];
  size_t outputs = ipuOnnxNodeGetNumOutputs(n);
  int64_t *sizes = NULL;
  size_t count = 0;
  if (im->opset < 13) {
    const int64_t *v;
    if (!ipuOnnxNodeGetAttrInts(im->model, n, "split", &v, &count))
      return false;
    if (count) {
      if (!(sizes = malloc(sizeof *sizes * count)))
        return oom(im, n);
      memcpy(sizes, v, sizeof *v * count);
    }
  } else if (impHasInput(n, 1)) {
    const IpuTensor *k = impKnownInput(im, n, 1);
    if (!k || !impKnownInts(k, &sizes, &count))
      return impError(im, n, "the split sizes must be known at import");
  }
  bool ok = true;
  if (!sizes) {
    if (extent == IPU_DYNAMIC || !outputs || extent % (int64_t)outputs)
      return impError(im, n, "cannot split a dimension of %lld into %zu "
                      "equal parts", (long long)extent, outputs);
    count = outputs;
    if (!(sizes = malloc(sizeof *sizes * count)))
      return oom(im, n);
    for (size_t i = 0; i < count; ++i)
      sizes[i] = extent / (int64_t)outputs;
  } else {
    int64_t total = 0;
    for (size_t i = 0; ok && i < count; ++i) {
      if (sizes[i] < 0 || __builtin_add_overflow(total, sizes[i], &total))
        ok = impError(im, n, "split sizes must be non-negative and fit "
                      "the dimension");
    }
    if (ok && (count != outputs || (extent != IPU_DYNAMIC && total != extent)))
      ok = impError(im, n, "the split sizes do not match the outputs and "
                    "the dimension");
  }
  int64_t start = 0;
  for (size_t i = 0; ok && i < count; ++i) {
    int64_t end = start + sizes[i];
    const char *names[] = {"starts", "ends", "axes"};
    IpuAttr attrs[] = {impI64s(im, 1, &start), impI64s(im, 1, &end),
                       impI64s(im, 1, &axis)};
    IpuOp *op = impBuild(im, n, "hl.slice", 1, &x, 3, names, attrs, 0);
    ok = op && impBindValue(im, n, i, ipuOpGetResult(op, 0));
    start = end;
  }
  free(sizes);
  return ok;
}

/* Size: the element count of a static shape, as a known int64 scalar. */
static bool convSize(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  int64_t count;
  if (k) {
    count = ipuTensorNumElements(k);
  } else {
    IpuValue x = impInput(im, n, 0);
    if (!x)
      return false;
    if (!impStaticShape(x))
      return impError(im, n, "the input shape must be static (use "
                      "--input-shape to fix dynamic dims)");
    count = ipuShapedTypeGetNumElements(ipuValueGetType(x));
  }
  IpuTensor t;
  if (!ipuTensorInit(&t, IPU_DTYPE_I64, 0, NULL))
    return oom(im, n);
  *(int64_t *)t.data = count;
  return impBindKnown(im, n, 0, &t);
}

/* Range on known scalars: folded to a known tensor (ONNX: max(ceil((limit
 * - start) / delta), 0) elements start + i * delta). */
static bool convRange(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *k[3];
  double v[3];
  for (size_t i = 0; i < 3; ++i) {
    k[i] = impKnownInput(im, n, i);
    if (!k[i] || !impKnownFloat(k[i], &v[i]))
      return impError(im, n, "start, limit and delta must be known scalars "
                      "at import");
  }
  IpuDType dtype = k[0]->dtype;
  if (k[1]->dtype != dtype || k[2]->dtype != dtype)
    return impError(im, n, "start, limit and delta differ in type");
  if (v[2] == 0)
    return impError(im, n, "delta must not be zero");
  double steps = ceil((v[1] - v[0]) / v[2]);
  if (!(steps <= (double)(1 << 24)))
    return impError(im, n, "the range is too long");
  int64_t len = steps > 0 ? (int64_t)steps : 0;
  IpuTensor t;
  if (!ipuTensorInit(&t, dtype, 1, &len))
    return oom(im, n);
  for (int64_t i = 0; i < len; ++i) {
    switch (dtype) {
    case IPU_DTYPE_F32:
      /* ONNX accumulates in the element type. */
      ((float *)t.data)[i] = i ? ((float *)t.data)[i - 1] + (float)v[2]
                               : (float)v[0];
      break;
    case IPU_DTYPE_F64: ((double *)t.data)[i] = v[0] + (double)i * v[2]; break;
    case IPU_DTYPE_I32:
      ((int32_t *)t.data)[i] = (int32_t)((int64_t)v[0] + i * (int64_t)v[2]);
      break;
    case IPU_DTYPE_I64: /* wrapping, as the int64 arithmetic it models */
      ((int64_t *)t.data)[i] =
          (int64_t)(*(const uint64_t *)k[0]->data +
                    (uint64_t)i * *(const uint64_t *)k[2]->data);
      break;
    default:
      ipuTensorFree(&t);
      return impError(im, n, "unsupported element type %s",
                      ipuDTypeName(dtype));
    }
  }
  return impBindKnown(im, n, 0, &t);
}

/* DepthToSpace and SpaceToDepth: reshape to 6-D, permute, reshape back. */
static bool blockShuffle(Importer *im, const IpuOnnxNode *n, bool toSpace) {
  IpuValue x = impInput(im, n, 0);
  intptr_t rank;
  const int64_t *dims;
  int64_t bs;
  IpuStringRef mode;
  if (!x || !ipuOnnxNodeGetAttrInt(im->model, n, "blocksize", 0, &bs) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "mode", "DCR", &mode))
    return false;
  bool crd = mode.length == 3 && !memcmp(mode.data, "CRD", 3);
  if (toSpace && !crd && !(mode.length == 3 && !memcmp(mode.data, "DCR", 3)))
    return impError(im, n, "mode must be \"DCR\" or \"CRD\", got \"%.*s\"",
                    (int)mode.length, mode.data);
  if (!impShape(x, &rank, &dims) || rank != 4 || !impStaticShape(x))
    return impError(im, n, "the input must be a static 4-D tensor");
  int64_t b = dims[0], c = dims[1], h = dims[2], w = dims[3], hb, wb, cb;
  if (bs <= 0 || bs > (1 << 16))
    return impError(im, n, "blocksize must be in [1, 65536]");
  if (__builtin_mul_overflow(h, bs, &hb) || __builtin_mul_overflow(w, bs, &wb) ||
      __builtin_mul_overflow(c, bs * bs, &cb))
    return impError(im, n, "the result shape overflows");
  int64_t six[6], perm[6], out[4];
  if (toSpace) {
    if (c % (bs * bs))
      return impError(im, n, "the channels do not divide by blocksize^2");
    int64_t cc = c / (bs * bs);
    int64_t dcr[6] = {b, bs, bs, cc, h, w}, dcrPerm[6] = {0, 3, 4, 1, 5, 2};
    int64_t crdS[6] = {b, cc, bs, bs, h, w}, crdPerm[6] = {0, 1, 4, 2, 5, 3};
    memcpy(six, crd ? crdS : dcr, sizeof six);
    memcpy(perm, crd ? crdPerm : dcrPerm, sizeof perm);
    int64_t o[4] = {b, cc, hb, wb};
    memcpy(out, o, sizeof out);
  } else {
    if (h % bs || w % bs)
      return impError(im, n, "the spatial size does not divide by blocksize");
    int64_t s[6] = {b, c, h / bs, bs, w / bs, bs}, p[6] = {0, 3, 5, 1, 2, 4};
    memcpy(six, s, sizeof six);
    memcpy(perm, p, sizeof perm);
    int64_t o[4] = {b, cb, h / bs, w / bs};
    memcpy(out, o, sizeof out);
  }
  IpuValue r = impReshape(im, n, x, 6, six);
  const char *names[] = {"perm"};
  IpuAttr attrs[] = {impI64s(im, 6, perm)};
  IpuOp *t = r ? impBuild(im, n, "hl.transpose", 1, &r, 1, names, attrs, 0)
               : NULL;
  IpuValue y = t ? impReshape(im, n, ipuOpGetResult(t, 0), 4, out) : NULL;
  return y && impBindValue(im, n, 0, y);
}

static bool convDepthToSpace(Importer *im, const IpuOnnxNode *n) {
  return blockShuffle(im, n, true);
}

static bool convSpaceToDepth(Importer *im, const IpuOnnxNode *n) {
  return blockShuffle(im, n, false);
}

static bool convLayerNormalization(Importer *im, const IpuOnnxNode *n) {
  int64_t axis, stash;
  float epsilon;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "axis", -1, &axis) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "epsilon", 1e-5f, &epsilon) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "stash_type", 1, &stash))
    return false;
  if (stash != 1)
    return impError(im, n, "only stash_type 1 (f32 statistics) is supported");
  IpuValue ops[3] = {impInput(im, n, 0), impInput(im, n, 1), NULL};
  size_t count = 2;
  if (impHasInput(n, 2) && !(ops[count++] = impInput(im, n, 2)))
    return false;
  const char *names[] = {"axis", "epsilon"};
  IpuAttr attrs[] = {impI64(im, axis), impF32(im, epsilon)};
  return ops[0] && ops[1] &&
         impBuild(im, n, "hl.layer_norm", count, ops, 2, names, attrs, 3);
}

static bool convInstanceNormalization(Importer *im, const IpuOnnxNode *n) {
  float epsilon;
  if (!ipuOnnxNodeGetAttrFloat(im->model, n, "epsilon", 1e-5f, &epsilon))
    return false;
  IpuValue ops[3] = {impInput(im, n, 0), impInput(im, n, 1),
                     impInput(im, n, 2)};
  const char *names[] = {"epsilon"};
  IpuAttr attrs[] = {impF32(im, epsilon)};
  return ops[0] && ops[1] && ops[2] &&
         impBuild(im, n, "hl.instance_norm", 3, ops, 1, names, attrs, 1);
}

const ImpConverter impAxisConverters[] = {
    {"Softmax", convSoftmax},
    {"LogSoftmax", convLogSoftmax},
    {"Hardmax", convHardmax},
    {"ArgMax", convArgMax},
    {"ArgMin", convArgMin},
    {"Expand", convExpand},
    {"Tile", convTile},
    {"Split", convSplit},
    {"Size", convSize},
    {"Range", convRange},
    {"DepthToSpace", convDepthToSpace},
    {"SpaceToDepth", convSpaceToDepth},
    {"LayerNormalization", convLayerNormalization},
    {"InstanceNormalization", convInstanceNormalization},
    {NULL, NULL},
};
