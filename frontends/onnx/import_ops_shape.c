/* ONNX importer: Constant, shape ops and their folding at import (Shape,
 * Gather, Unsqueeze, Squeeze, Concat, ConstantOfShape, Reshape, Slice on
 * values known at import; Gather on runtime values becomes hl.gather), and
 * the layout ops (Transpose, Pad, Resize, reductions). */
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"

/* memcpy, but an empty copy may come from a NULL list (absent attribute). */
static void copyBytes(void *dst, const void *src, size_t bytes) {
  if (bytes)
    memcpy(dst, src, bytes);
}

static bool oom(Importer *im, const IpuOnnxNode *n) {
  return impError(im, n, "out of memory or invalid shape");
}

static bool normAxis(Importer *im, const IpuOnnxNode *n, int64_t *axis,
                     int64_t rank) {
  if (*axis < -rank || *axis >= rank)
    return impError(im, n, "axis %lld is out of range for rank %lld",
                    (long long)*axis, (long long)rank);
  if (*axis < 0)
    *axis += rank;
  return true;
}

/* The node's axes: from the attribute, or (from `inputOpset` on) from
 * input `inputIndex`, which must be known. *present says whether given. */
static bool readAxes(Importer *im, const IpuOnnxNode *n, int64_t inputOpset,
                     size_t inputIndex, int64_t **axes, size_t *count,
                     bool *present) {
  *axes = NULL;
  *count = 0;
  *present = false;
  if (im->opset >= inputOpset) {
    if (!impHasInput(n, inputIndex))
      return true;
    const IpuTensor *k = impKnownInput(im, n, inputIndex);
    if (!k || !impKnownInts(k, axes, count))
      return impError(im, n, "the axes must be constant integers");
    *present = true;
    return true;
  }
  const int64_t *v;
  if (!ipuOnnxNodeGetAttrInts(im->model, n, "axes", &v, count))
    return false;
  *present = ipuOnnxNodeFindAttr(n, "axes") != NULL;
  *axes = malloc(sizeof **axes * (*count ? *count : 1));
  if (!*axes)
    return oom(im, n);
  copyBytes(*axes, v, sizeof *v * *count);
  return true;
}

/* A 1-D tensor of `count` elements copied from `data`. */
static bool vectorTensor(Importer *im, const IpuOnnxNode *n, IpuDType dtype,
                         const void *data, size_t count, IpuTensor *t) {
  int64_t shape = (int64_t)count;
  if (!ipuTensorInit(t, dtype, 1, &shape))
    return oom(im, n);
  copyBytes(t->data, data, count * ipuDTypeSize(dtype));
  return true;
}

static bool convConstant(Importer *im, const IpuOnnxNode *n) {
  IpuTensor t;
  bool present;
  if (!ipuOnnxNodeGetAttrTensor(im->model, n, "value", &t, &present))
    return false;
  if (present)
    return impBindKnown(im, n, 0, &t);
  const IpuOnnxAttr *a;
  if ((a = ipuOnnxNodeFindAttr(n, "value_float"))) {
    float v;
    if (!ipuOnnxNodeGetAttrFloat(im->model, n, "value_float", 0, &v) ||
        !ipuTensorInit(&t, IPU_DTYPE_F32, 0, NULL))
      return false;
    *(float *)t.data = v;
  } else if ((a = ipuOnnxNodeFindAttr(n, "value_int"))) {
    int64_t v;
    if (!ipuOnnxNodeGetAttrInt(im->model, n, "value_int", 0, &v) ||
        !ipuTensorInit(&t, IPU_DTYPE_I64, 0, NULL))
      return false;
    *(int64_t *)t.data = v;
  } else if ((a = ipuOnnxNodeFindAttr(n, "value_floats"))) {
    const float *v;
    size_t c;
    if (!ipuOnnxNodeGetAttrFloats(im->model, n, "value_floats", &v, &c) ||
        !vectorTensor(im, n, IPU_DTYPE_F32, v, c, &t))
      return false;
  } else if ((a = ipuOnnxNodeFindAttr(n, "value_ints"))) {
    const int64_t *v;
    size_t c;
    if (!ipuOnnxNodeGetAttrInts(im->model, n, "value_ints", &v, &c) ||
        !vectorTensor(im, n, IPU_DTYPE_I64, v, c, &t))
      return false;
  } else {
    return impError(im, n, "only tensor, float(s) and int(s) values are "
                    "supported");
  }
  return impBindKnown(im, n, 0, &t);
}

/* The static shape of input 0 (known or SSA). */
static bool inputDims(Importer *im, const IpuOnnxNode *n, int64_t *dims,
                      int *rank, bool needStatic) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (k) {
    *rank = k->rank;
    copyBytes(dims, k->shape, sizeof *dims * (size_t)k->rank);
    return true;
  }
  IpuValue v = impInput(im, n, 0);
  intptr_t r;
  const int64_t *d;
  if (!v)
    return false;
  if (!impShape(v, &r, &d) || r > IPU_TENSOR_MAX_RANK)
    return impError(im, n, "the input must be ranked");
  if (needStatic && !impStaticShape(v))
    return impError(im, n, "the input shape must be static (use "
                    "--input-shape to fix dynamic dims)");
  *rank = (int)r;
  copyBytes(dims, d, sizeof *dims * (size_t)r);
  return true;
}

static bool convShape(Importer *im, const IpuOnnxNode *n) {
  int64_t dims[IPU_TENSOR_MAX_RANK];
  int rank;
  if (!inputDims(im, n, dims, &rank, true))
    return false;
  int64_t start = 0, end = rank;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "start", 0, &start) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "end", rank, &end))
    return false;
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  if (start < 0) start = 0;
  if (end > rank) end = rank;
  int64_t len = end > start ? end - start : 0;
  IpuTensor t;
  if (!ipuTensorInit(&t, IPU_DTYPE_I64, 1, &len))
    return oom(im, n);
  copyBytes(t.data, dims + start, sizeof *dims * (size_t)len);
  return impBindKnown(im, n, 0, &t);
}

/* Reshapes a known input (a copy) or emits hl.reshape. */
static bool reshapeTo(Importer *im, const IpuOnnxNode *n, int rank,
                      const int64_t *shape) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (k) {
    IpuTensor t;
    if (rank > IPU_TENSOR_MAX_RANK || !ipuTensorClone(&t, k))
      return oom(im, n);
    t.rank = rank;
    copyBytes(t.shape, shape, sizeof *shape * (size_t)rank);
    if (ipuTensorNumElements(&t) != ipuTensorNumElements(k)) {
      ipuTensorFree(&t);
      return impError(im, n, "the new shape has a different element count");
    }
    return impBindKnown(im, n, 0, &t);
  }
  IpuValue x = impInput(im, n, 0);
  IpuValue r = x ? impReshape(im, n, x, (size_t)rank, shape) : NULL;
  return r && impBindValue(im, n, 0, r);
}

static bool convReshape(Importer *im, const IpuOnnxNode *n) {
  int64_t dims[IPU_TENSOR_MAX_RANK], out[IPU_TENSOR_MAX_RANK];
  int rank;
  const IpuTensor *s = impKnownInput(im, n, 1);
  int64_t *shape = NULL;
  size_t count = 0;
  int64_t allowZero = 0;
  if (!inputDims(im, n, dims, &rank, true))
    return false;
  if (!s || !impKnownInts(s, &shape, &count))
    return impError(im, n, "the shape must be known at import (a constant or "
                    "folded shape arithmetic)");
  bool ok = ipuOnnxNodeGetAttrInt(im->model, n, "allowzero", 0, &allowZero);
  int64_t total = 1, known = 1;
  for (int i = 0; i < rank; ++i)
    total *= dims[i];
  int inferred = -1;
  if (ok && count > IPU_TENSOR_MAX_RANK)
    ok = impError(im, n, "the shape has too many dims");
  for (size_t i = 0; ok && i < count; ++i) {
    out[i] = shape[i];
    if (shape[i] == 0 && !allowZero) {
      if ((int)i >= rank)
        ok = impError(im, n, "a 0 in the shape has no input dim to copy");
      else
        out[i] = dims[i];
    } else if (shape[i] == -1) {
      if (inferred >= 0)
        ok = impError(im, n, "the shape has more than one -1");
      inferred = (int)i;
      continue;
    } else if (shape[i] < 0) {
      ok = impError(im, n, "the shape has a negative dim");
    }
    if (ok)
      known *= out[i];
  }
  free(shape);
  if (!ok)
    return false;
  if (inferred >= 0) {
    if (known == 0 || total % known)
      return impError(im, n, "cannot infer the -1 dim");
    out[inferred] = total / known;
  }
  return reshapeTo(im, n, (int)count, out);
}

static bool convFlatten(Importer *im, const IpuOnnxNode *n) {
  int64_t dims[IPU_TENSOR_MAX_RANK];
  int rank;
  int64_t axis;
  if (!inputDims(im, n, dims, &rank, false) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "axis", 1, &axis))
    return false;
  if (axis < 0)
    axis += rank;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"axis"};
  IpuAttr attrs[] = {impI64(im, axis)};
  return x && impBuild(im, n, "hl.flatten", 1, &x, 1, names, attrs, 1);
}

static bool convUnsqueeze(Importer *im, const IpuOnnxNode *n) {
  int64_t dims[IPU_TENSOR_MAX_RANK], out[IPU_TENSOR_MAX_RANK];
  int rank;
  int64_t *axes;
  size_t count;
  bool present;
  if (!inputDims(im, n, dims, &rank, true) ||
      !readAxes(im, n, 13, 1, &axes, &count, &present))
    return false;
  int outRank = rank + (int)count;
  bool isNew[IPU_TENSOR_MAX_RANK] = {false};
  bool ok = outRank <= IPU_TENSOR_MAX_RANK;
  for (size_t i = 0; ok && i < count; ++i) {
    int64_t a = axes[i];
    ok = normAxis(im, n, &a, outRank) && !isNew[a];
    if (ok)
      isNew[a] = true;
  }
  free(axes);
  if (!ok)
    return impError(im, n, "invalid axes");
  for (int i = 0, j = 0; i < outRank; ++i)
    out[i] = isNew[i] ? 1 : dims[j++];
  return reshapeTo(im, n, outRank, out);
}

static bool convSqueeze(Importer *im, const IpuOnnxNode *n) {
  int64_t dims[IPU_TENSOR_MAX_RANK], out[IPU_TENSOR_MAX_RANK];
  int rank;
  int64_t *axes;
  size_t count;
  bool present;
  if (!inputDims(im, n, dims, &rank, true) ||
      !readAxes(im, n, 13, 1, &axes, &count, &present))
    return false;
  bool drop[IPU_TENSOR_MAX_RANK] = {false};
  bool ok = true;
  for (size_t i = 0; ok && i < count; ++i) {
    int64_t a = axes[i];
    ok = normAxis(im, n, &a, rank);
    if (ok && dims[a] != 1)
      ok = impError(im, n, "axis %lld does not have size 1", (long long)a);
    if (ok)
      drop[a] = true;
  }
  free(axes);
  if (!ok)
    return false;
  int outRank = 0;
  for (int i = 0; i < rank; ++i)
    if (!(count ? drop[i] : dims[i] == 1))
      out[outRank++] = dims[i];
  return reshapeTo(im, n, outRank, out);
}

/* Concatenation of known tensors (shape arithmetic). */
static bool foldConcat(Importer *im, const IpuOnnxNode *n, int64_t axis) {
  size_t count = ipuOnnxNodeGetNumInputs(n);
  const IpuTensor *first = impKnownInput(im, n, 0);
  if (!first || first->rank == 0)
    return false;
  int64_t a = axis < 0 ? axis + first->rank : axis;
  if (a < 0 || a >= first->rank)
    return false;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  memcpy(shape, first->shape, sizeof shape);
  shape[a] = 0;
  for (size_t i = 0; i < count; ++i) {
    const IpuTensor *k = impKnownInput(im, n, i);
    if (!k || k->dtype != first->dtype || k->rank != first->rank)
      return false;
    for (int d = 0; d < k->rank; ++d)
      if (d != a && k->shape[d] != first->shape[d])
        return false;
    shape[a] += k->shape[a];
  }
  IpuTensor r;
  if (!ipuTensorInit(&r, first->dtype, first->rank, shape))
    return false;
  int64_t outer = 1;
  for (int64_t d = 0; d < a; ++d)
    outer *= shape[d];
  size_t elem = ipuDTypeSize(first->dtype), inner = elem;
  for (int d = (int)a + 1; d < first->rank; ++d)
    inner *= (size_t)shape[d];
  char *dst = r.data;
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < count; ++i) {
      const IpuTensor *k = impKnownInput(im, n, i);
      size_t chunk = inner * (size_t)k->shape[a];
      copyBytes(dst, (const char *)k->data + (size_t)o * chunk, chunk);
      dst += chunk;
    }
  return impBindKnown(im, n, 0, &r);
}

static bool convConcat(Importer *im, const IpuOnnxNode *n) {
  int64_t axis;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "axis", 0, &axis))
    return false;
  if (!ipuOnnxNodeFindAttr(n, "axis"))
    return impError(im, n, "attribute 'axis' is required");
  if (foldConcat(im, n, axis))
    return true;
  size_t count = ipuOnnxNodeGetNumInputs(n);
  IpuValue *ops = ipuCalloc(im->ctx, count ? count : 1, sizeof *ops);
  if (!ops)
    return oom(im, n);
  bool ok = count > 0;
  for (size_t i = 0; ok && i < count; ++i)
    ok = (ops[i] = impInput(im, n, i)) != NULL;
  intptr_t rank;
  const int64_t *dims;
  if (ok && impShape(ops[0], &rank, &dims) && axis < 0)
    axis += rank;
  const char *names[] = {"axis"};
  IpuAttr attrs[] = {impI64(im, axis)};
  ok = ok && impBuild(im, n, "hl.concat", count, ops, 1, names, attrs, 1);
  ipuFree(im->ctx, ops);
  return ok;
}

static bool convGather(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *data = impKnownInput(im, n, 0);
  const IpuTensor *idx = impKnownInput(im, n, 1);
  int64_t axis;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "axis", 0, &axis))
    return false;
  if (!data || !idx) {
    /* Runtime data or indices: hl.gather (known ones fold below). */
    IpuValue ops[2] = {impInput(im, n, 0), impInput(im, n, 1)};
    const char *names[] = {"axis"};
    IpuAttr attrs[] = {impI64(im, axis)};
    return ops[0] && ops[1] &&
           impBuild(im, n, "hl.gather", 2, ops, 1, names, attrs, 1);
  }
  if (data->rank == 0 || !normAxis(im, n, &axis, data->rank))
    return data->rank ? false : impError(im, n, "cannot gather from a scalar");
  int64_t *ind;
  size_t count;
  if (!impKnownInts(idx, &ind, &count))
    return impError(im, n, "the indices must be integers");
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int rank = data->rank - 1 + idx->rank;
  if (rank > IPU_TENSOR_MAX_RANK) {
    free(ind);
    return impError(im, n, "the result rank is too large");
  }
  int r = 0;
  for (int d = 0; d < axis; ++d)
    shape[r++] = data->shape[d];
  for (int d = 0; d < idx->rank; ++d)
    shape[r++] = idx->shape[d];
  for (int d = (int)axis + 1; d < data->rank; ++d)
    shape[r++] = data->shape[d];
  IpuTensor out;
  if (!ipuTensorInit(&out, data->dtype, rank, shape)) {
    free(ind);
    return oom(im, n);
  }
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d)
    outer *= data->shape[d];
  size_t inner = ipuDTypeSize(data->dtype);
  for (int d = (int)axis + 1; d < data->rank; ++d)
    inner *= (size_t)data->shape[d];
  int64_t extent = data->shape[axis];
  char *dst = out.data;
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < count; ++i) {
      int64_t j = ind[i] < 0 ? ind[i] + extent : ind[i];
      if (j < 0 || j >= extent) {
        free(ind);
        ipuTensorFree(&out);
        return impError(im, n, "index %lld is out of range",
                        (long long)ind[i]);
      }
      copyBytes(dst, (const char *)data->data + ((size_t)(o * extent + j)) * inner,
             inner);
      dst += inner;
    }
  free(ind);
  return impBindKnown(im, n, 0, &out);
}

static bool convConstantOfShape(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *s = impKnownInput(im, n, 0);
  int64_t *shape;
  size_t count;
  if (!s || !impKnownInts(s, &shape, &count))
    return impError(im, n, "the shape must be known at import");
  IpuTensor value, out;
  bool present;
  if (!ipuOnnxNodeGetAttrTensor(im->model, n, "value", &value, &present)) {
    free(shape);
    return false;
  }
  IpuDType dtype = present ? value.dtype : IPU_DTYPE_F32;
  bool ok = count <= IPU_TENSOR_MAX_RANK &&
            ipuTensorInit(&out, dtype, (int)count, shape);
  free(shape);
  if (ok && present && ipuTensorNumElements(&value) != 1)
    ok = false;
  if (!ok) {
    if (present)
      ipuTensorFree(&value);
    return impError(im, n, "invalid shape or value");
  }
  size_t elem = ipuDTypeSize(dtype);
  if (present)
    for (int64_t i = 0; i < ipuTensorNumElements(&out); ++i)
      memcpy((char *)out.data + (size_t)i * elem, value.data, elem);
  if (present)
    ipuTensorFree(&value);
  return impBindKnown(im, n, 0, &out);
}

/* Starts, ends, axes, steps: attributes before opset 10, inputs after. */
static bool convSlice(Importer *im, const IpuOnnxNode *n) {
  int64_t *v[4] = {NULL, NULL, NULL, NULL};
  size_t c[4] = {0, 0, 0, 0};
  bool ok = true;
  if (im->opset < 10) {
    const char *names[] = {"starts", "ends", "axes"};
    for (int i = 0; ok && i < 3; ++i) {
      const int64_t *a;
      ok = ipuOnnxNodeGetAttrInts(im->model, n, names[i], &a, &c[i]) &&
           (v[i] = malloc(sizeof *a * (c[i] ? c[i] : 1))) != NULL;
      if (ok)
        copyBytes(v[i], a, sizeof *a * c[i]);
    }
  } else {
    for (size_t i = 0; ok && i < 4; ++i) {
      if (i >= 2 && !impHasInput(n, i + 1))
        continue;
      const IpuTensor *k = impKnownInput(im, n, i + 1);
      ok = k && impKnownInts(k, &v[i], &c[i]);
      if (!ok)
        impError(im, n, "starts, ends, axes and steps must be constants");
    }
  }
  if (ok && (c[0] != c[1] || (v[2] && c[2] != c[0]) || (v[3] && c[3] != c[0])))
    ok = impError(im, n, "starts, ends, axes and steps differ in length");
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (ok && k && k->rank == 1 &&
      (k->dtype == IPU_DTYPE_I64 || k->dtype == IPU_DTYPE_I32) && c[0] == 1 &&
      (!v[2] || v[2][0] == 0 || v[2][0] == -1) && (!v[3] || v[3][0] == 1)) {
    /* Shape arithmetic: a 1-D slice of a known vector. */
    int64_t len = k->shape[0], b = v[0][0], e = v[1][0];
    if (b < 0) b += len;
    if (e < 0) e += len;
    b = b < 0 ? 0 : b > len ? len : b;
    e = e < 0 ? 0 : e > len ? len : e;
    int64_t outLen = e > b ? e - b : 0;
    IpuTensor t;
    ok = ipuTensorInit(&t, k->dtype, 1, &outLen);
    if (ok) {
      size_t elem = ipuDTypeSize(k->dtype);
      copyBytes(t.data, (const char *)k->data + (size_t)b * elem,
             elem * (size_t)outLen);
      ok = impBindKnown(im, n, 0, &t);
    }
  } else if (ok) {
    IpuValue x = impInput(im, n, 0);
    const char *names[] = {"starts", "ends", "axes", "steps"};
    IpuAttr attrs[4];
    for (int i = 0; i < 4; ++i)
      attrs[i] = v[i] ? impI64s(im, c[i], v[i]) : NULL;
    ok = x && impBuild(im, n, "hl.slice", 1, &x, 4, names, attrs, 1);
  }
  for (int i = 0; i < 4; ++i)
    free(v[i]);
  return ok;
}

static bool convTranspose(Importer *im, const IpuOnnxNode *n) {
  const int64_t *perm;
  size_t count;
  if (!ipuOnnxNodeGetAttrInts(im->model, n, "perm", &perm, &count))
    return false;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"perm"};
  IpuAttr attrs[] = {ipuOnnxNodeFindAttr(n, "perm") ? impI64s(im, count, perm)
                                                    : NULL};
  return x && impBuild(im, n, "hl.transpose", 1, &x, 1, names, attrs, 1);
}

static bool convPad(Importer *im, const IpuOnnxNode *n) {
  IpuStringRef mode;
  float value = 0;
  int64_t *pads = NULL;
  size_t count = 0;
  if (!ipuOnnxNodeGetAttrString(im->model, n, "mode", "constant", &mode))
    return false;
  if (im->opset < 11) {
    const int64_t *p;
    if (!ipuOnnxNodeGetAttrInts(im->model, n, "pads", &p, &count) ||
        !ipuOnnxNodeGetAttrFloat(im->model, n, "value", 0, &value))
      return false;
    if (!(pads = malloc(sizeof *p * (count ? count : 1))))
      return oom(im, n);
    copyBytes(pads, p, sizeof *p * count);
  } else {
    const IpuTensor *k = impKnownInput(im, n, 1);
    if (!k || !impKnownInts(k, &pads, &count))
      return impError(im, n, "the pads must be a constant");
    if (impHasInput(n, 2)) {
      const IpuTensor *cv = impKnownInput(im, n, 2);
      double d;
      if (!cv || !impKnownFloat(cv, &d)) {
        free(pads);
        return impError(im, n, "the constant_value must be a constant");
      }
      value = (float)d;
    }
  }
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"pads", "mode", "value"};
  IpuAttr attrs[] = {impI64s(im, count, pads),
                     impStr(im, mode.data, mode.length),
                     value != 0 ? impF32(im, value) : NULL};
  free(pads);
  return x && impBuild(im, n, "hl.pad", 1, &x, 3, names, attrs, 1);
}

/* Resize (10+: scales / sizes inputs) and Upsample (7: scales attribute,
 * 9: scales input). */
static bool resize(Importer *im, const IpuOnnxNode *n, bool upsample) {
  IpuStringRef mode, ctm, nearest;
  float cubicA = -0.75f, extrapolation = 0;
  int64_t exclude = 0;
  bool legacy = upsample || im->opset < 11;
  if (!ipuOnnxNodeGetAttrString(im->model, n, "mode", "nearest", &mode) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "coordinate_transformation_mode",
                                legacy ? "asymmetric" : "half_pixel", &ctm) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "nearest_mode",
                                legacy ? "floor" : "round_prefer_floor",
                                &nearest) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "cubic_coeff_a", -0.75f, &cubicA) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "extrapolation_value", 0,
                               &extrapolation) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "exclude_outside", 0, &exclude))
    return false;
  if (mode.length == 8 && !memcmp(mode.data, "bilinear", 8))
    mode = ipuStringRefFromCString("linear");
  float *scales = NULL;
  int64_t *sizes = NULL;
  size_t numScales = 0, numSizes = 0;
  bool ok = true;
  if (upsample && im->opset < 9) {
    const float *s;
    ok = ipuOnnxNodeGetAttrFloats(im->model, n, "scales", &s, &numScales) &&
         (scales = malloc(sizeof *s * (numScales ? numScales : 1))) != NULL;
    if (ok)
      copyBytes(scales, s, sizeof *s * numScales);
  } else {
    size_t scaleIdx = legacy ? 1 : 2;
    const IpuTensor *s = impKnownInput(im, n, scaleIdx);
    const IpuTensor *z = legacy ? NULL : impKnownInput(im, n, 3);
    if (s && ipuTensorNumElements(s) > 0) {
      if (s->dtype != IPU_DTYPE_F32)
        ok = impError(im, n, "the scales must be f32");
      numScales = (size_t)ipuTensorNumElements(s);
      if (ok && (scales = malloc(sizeof *scales * numScales)))
        memcpy(scales, s->data, sizeof *scales * numScales);
      else if (ok)
        ok = oom(im, n);
    } else if (z && ipuTensorNumElements(z) > 0) {
      ok = impKnownInts(z, &sizes, &numSizes) || oom(im, n);
    } else if ((impHasInput(n, scaleIdx) && !s) ||
               (!legacy && impHasInput(n, 3) && !z)) {
      ok = impError(im, n, "the scales or sizes must be constants");
    } else {
      ok = impError(im, n, "neither scales nor sizes are given");
    }
  }
  float *roi = NULL;
  size_t numRoi = 0;
  const IpuTensor *r = legacy ? NULL : impKnownInput(im, n, 1);
  if (ok && r && r->dtype == IPU_DTYPE_F32 && ipuTensorNumElements(r) > 0 &&
      ctm.length == 18 && !memcmp(ctm.data, "tf_crop_and_resize", 18)) {
    numRoi = (size_t)ipuTensorNumElements(r);
    roi = r->data;
  }
  if (ok) {
    IpuValue x = impInput(im, n, 0);
    const char *names[] = {"roi", "scales", "sizes", "mode",
                           "coordinate_transformation_mode", "nearest_mode",
                           "cubic_coeff_a", "exclude_outside",
                           "extrapolation_value"};
    IpuAttr attrs[] = {
        roi ? impF32s(im, numRoi, roi) : NULL,
        scales ? impF32s(im, numScales, scales) : NULL,
        sizes ? impI64s(im, numSizes, sizes) : NULL,
        impStr(im, mode.data, mode.length),
        impStr(im, ctm.data, ctm.length),
        impStr(im, nearest.data, nearest.length),
        cubicA != -0.75f ? impF32(im, cubicA) : NULL,
        exclude ? ipuBoolAttrGet(im->ctx, true) : NULL,
        extrapolation != 0 ? impF32(im, extrapolation) : NULL};
    ok = x && impBuild(im, n, "hl.resize", 1, &x, 9, names, attrs, 1);
  }
  free(scales);
  free(sizes);
  return ok;
}
static bool convResize(Importer *im, const IpuOnnxNode *n) { return resize(im, n, false); }
static bool convUpsample(Importer *im, const IpuOnnxNode *n) { return resize(im, n, true); }

static bool reduce(Importer *im, const IpuOnnxNode *n, const char *opName,
                   int64_t axesInputOpset) {
  int64_t *axes, keepDims, noop = 0;
  size_t count;
  bool present;
  if (!readAxes(im, n, axesInputOpset, 1, &axes, &count, &present))
    return false;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "keepdims", 1, &keepDims) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "noop_with_empty_axes", 0, &noop)) {
    free(axes);
    return false;
  }
  IpuValue x = impInput(im, n, 0);
  if (x && noop && !count) {
    free(axes);
    return impBuild(im, n, "hl.identity", 1, &x, 0, NULL, NULL, 1) != NULL;
  }
  const char *names[] = {"axes", "keepdims"};
  IpuAttr attrs[] = {present && count ? impI64s(im, count, axes) : NULL,
                     keepDims ? NULL : ipuBoolAttrGet(im->ctx, false)};
  free(axes);
  return x && impBuild(im, n, opName, 1, &x, 2, names, attrs, 1);
}
static bool convReduceMean(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_mean", 18); }
static bool convReduceSum(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_sum", 13); }
static bool convReduceMax(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_max", 18); }
static bool convReduceMin(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_min", 18); }
static bool convReduceProd(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_prod", 18); }
static bool convReduceL1(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_l1", 18); }
static bool convReduceL2(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_l2", 18); }
static bool convReduceSumSquare(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_sum_square", 18); }
static bool convReduceLogSum(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_log_sum", 18); }
static bool convReduceLogSumExp(Importer *im, const IpuOnnxNode *n) { return reduce(im, n, "hl.reduce_log_sum_exp", 18); }

const ImpConverter impShapeConverters[] = {
    {"Constant", convConstant},
    {"Shape", convShape},
    {"Reshape", convReshape},
    {"Flatten", convFlatten},
    {"Unsqueeze", convUnsqueeze},
    {"Squeeze", convSqueeze},
    {"Concat", convConcat},
    {"Gather", convGather},
    {"ConstantOfShape", convConstantOfShape},
    {"Slice", convSlice},
    {"Transpose", convTranspose},
    {"Pad", convPad},
    {"Resize", convResize},
    {"Upsample", convUpsample},
    {"ReduceMean", convReduceMean},
    {"ReduceSum", convReduceSum},
    {"ReduceMax", convReduceMax},
    {"ReduceMin", convReduceMin},
    {"ReduceProd", convReduceProd},
    {"ReduceL1", convReduceL1},
    {"ReduceL2", convReduceL2},
    {"ReduceSumSquare", convReduceSumSquare},
    {"ReduceLogSum", convReduceLogSum},
    {"ReduceLogSumExp", convReduceLogSumExp},
    {NULL, NULL},
};
