/* ONNX importer: convolutions, matrix products, pooling, normalisation,
 * LSTM and the quantization ops. auto_pad becomes explicit pads. */
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"

/* Spatial attributes of Conv, ConvTranspose and the pools, for 2-D. */
typedef struct {
  int64_t kernel[2], strides[2], dilations[2], pads[4];
  IpuStringRef autoPad;
} Window;

static bool readInts2(Importer *im, const IpuOnnxNode *n, const char *name,
                      size_t want, int64_t dflt, int64_t *out) {
  const int64_t *v;
  size_t count;
  if (!ipuOnnxNodeGetAttrInts(im->model, n, name, &v, &count))
    return false;
  if (count && count != want)
    return impError(im, n, "attribute '%s' must have %zu values, not %zu",
                    name, want, count);
  for (size_t i = 0; i < want; ++i)
    out[i] = count ? v[i] : dflt;
  return true;
}

static bool isAutoPad(IpuStringRef s, const char *what) {
  return s.length == strlen(what) && !memcmp(s.data, what, s.length);
}

/* ONNX auto_pad on one spatial axis of input size `in`: VALID drops the
 * pads, SAME_UPPER / SAME_LOWER pad so that out = ceil(in / stride), the
 * odd one at the end (UPPER) or the beginning (LOWER); NOTSET keeps the
 * explicit pads. */
static bool resolveAutoPad(Importer *im, const IpuOnnxNode *n,
                           IpuStringRef autoPad, int64_t in, int64_t kernel,
                           int64_t stride, int64_t dilation, int64_t *begin,
                           int64_t *end) {
  if (isAutoPad(autoPad, "NOTSET"))
    return true;
  if (isAutoPad(autoPad, "VALID")) {
    *begin = *end = 0;
    return true;
  }
  if (!isAutoPad(autoPad, "SAME_UPPER") && !isAutoPad(autoPad, "SAME_LOWER"))
    return impError(im, n, "unknown auto_pad '%.*s'", (int)autoPad.length,
                    autoPad.data);
  if (in < 0)
    return impError(im, n, "auto_pad needs static spatial sizes");
  if (stride <= 0)
    return impError(im, n, "strides must be positive");
  int64_t out = (in + stride - 1) / stride;
  int64_t total = (out - 1) * stride + (kernel - 1) * dilation + 1 - in;
  if (total < 0)
    total = 0;
  *begin = isAutoPad(autoPad, "SAME_UPPER") ? total / 2 : total - total / 2;
  *end = total - *begin;
  return true;
}

/* Reads the window attributes; `kernel` comes from the weight for convs.
 * Resolves auto_pad SAME_* / VALID against the static input size. */
static bool readWindow(Importer *im, const IpuOnnxNode *n, IpuValue input,
                       bool haveKernel, Window *w) {
  intptr_t rank;
  const int64_t *dims;
  if (!impShape(input, &rank, &dims) || rank != 4)
    return impError(im, n, "only 2-D (NCHW) inputs are supported");
  if ((!haveKernel && !readInts2(im, n, "kernel_shape", 2, 1, w->kernel)) ||
      !readInts2(im, n, "strides", 2, 1, w->strides) ||
      !readInts2(im, n, "dilations", 2, 1, w->dilations) ||
      !readInts2(im, n, "pads", 4, 0, w->pads) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "auto_pad", "NOTSET",
                                &w->autoPad))
    return false;
  for (int a = 0; a < 2; ++a)
    if (!resolveAutoPad(im, n, w->autoPad, dims[2 + a], w->kernel[a],
                        w->strides[a], w->dilations[a], &w->pads[a],
                        &w->pads[a + 2]))
      return false;
  return true;
}

/* The inputs of Conv, ConvTranspose and Gemm: two required ones (data and
 * weights) and an optional third (bias, or Gemm's C). */
static bool twoInputsAndOptionalThird(Importer *im, const IpuOnnxNode *n,
                                      IpuValue ops[3], size_t *count) {
  ops[0] = impInput(im, n, 0);
  ops[1] = impInput(im, n, 1);
  ops[2] = NULL;
  if (!ops[0] || !ops[1])
    return false;
  *count = 2;
  if (impHasInput(n, 2) && !(ops[(*count)++] = impInput(im, n, 2)))
    return false;
  return true;
}

/* The node's output from the unit-height 2-D op that computed a 1-D one:
 * (N, C, 1, W) reshaped back to (N, C, W). */
static bool bindFromUnitHeight(Importer *im, const IpuOnnxNode *n,
                               IpuOp *op2d) {
  intptr_t orank;
  const int64_t *odims;
  IpuValue y = ipuOpGetResult(op2d, 0);
  if (!impShape(y, &orank, &odims) || orank != 4)
    return false;
  int64_t out3[3] = {odims[0], odims[1], odims[3]};
  IpuValue r = impReshape(im, n, y, 3, out3);
  return r && impBindValue(im, n, 0, r);
}

/* A 1-D convolution as a 2-D one of unit height: reshapes around it. */
static bool conv1d(Importer *im, const IpuOnnxNode *n, IpuValue *ops,
                   size_t count) {
  intptr_t rank, wrank;
  const int64_t *dims, *wdims;
  if (!impStaticShape(ops[0]) || !impStaticShape(ops[1]))
    return impError(im, n, "1-D convolutions need static shapes");
  impShape(ops[0], &rank, &dims);
  impShape(ops[1], &wrank, &wdims);
  int64_t stride = 1, dilation = 1, pads[2] = {0, 0}, groups = 1;
  IpuStringRef autoPad;
  if (!readInts2(im, n, "strides", 1, 1, &stride) ||
      !readInts2(im, n, "dilations", 1, 1, &dilation) ||
      !readInts2(im, n, "pads", 2, 0, pads) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "group", 1, &groups) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "auto_pad", "NOTSET", &autoPad))
    return false;
  if (stride <= 0)
    return impError(im, n, "strides must be positive");
  if (!resolveAutoPad(im, n, autoPad, dims[2], wdims[2], stride, dilation,
                      &pads[0], &pads[1]))
    return false;
  int64_t in4[4] = {dims[0], dims[1], 1, dims[2]};
  int64_t w4[4] = {wdims[0], wdims[1], 1, wdims[2]};
  IpuValue x = impReshape(im, n, ops[0], 4, in4);
  IpuValue w = x ? impReshape(im, n, ops[1], 4, w4) : NULL;
  if (!w)
    return false;
  IpuValue cops[3] = {x, w, count > 2 ? ops[2] : NULL};
  int64_t strides[2] = {1, stride}, dil[2] = {1, dilation};
  int64_t pads4[4] = {0, pads[0], 0, pads[1]};
  const char *names[] = {"strides", "pads", "dilations", "groups"};
  IpuAttr attrs[] = {impI64s(im, 2, strides), impI64s(im, 4, pads4),
                     impI64s(im, 2, dil), impI64(im, groups)};
  IpuOp *conv = impBuild(im, n, "hl.conv2d", count, cops, 4, names, attrs, 0);
  if (!conv)
    return false;
  return bindFromUnitHeight(im, n, conv);
}

static bool convConv(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[3];
  size_t count;
  if (!twoInputsAndOptionalThird(im, n, ops, &count))
    return false;
  intptr_t wrank;
  const int64_t *wdims;
  Window w;
  if (!impShape(ops[1], &wrank, &wdims))
    return impError(im, n, "the weight must be ranked");
  if (wrank == 3)
    return conv1d(im, n, ops, count);
  if (wrank != 4)
    return impError(im, n, "only 1-D and 2-D convolutions are supported");
  w.kernel[0] = wdims[2];
  w.kernel[1] = wdims[3];
  int64_t groups;
  if (!readWindow(im, n, ops[0], true, &w) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "group", 1, &groups))
    return false;
  const char *names[] = {"strides", "pads", "dilations", "groups"};
  IpuAttr attrs[] = {impI64s(im, 2, w.strides), impI64s(im, 4, w.pads),
                     impI64s(im, 2, w.dilations), impI64(im, groups)};
  return impBuild(im, n, "hl.conv2d", count, ops, 4, names, attrs, 1);
}

/* ConvTranspose, 2-D, or 1-D as a 2-D one of unit height (reshapes around
 * it; the height axis takes the neutral stride, dilation, pads and output
 * padding). */
static bool convConvTranspose(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[3];
  size_t count;
  if (!twoInputsAndOptionalThird(im, n, ops, &count))
    return false;
  intptr_t wrank, rank;
  const int64_t *wdims, *dims;
  if (!impShape(ops[1], &wrank, &wdims) || !impShape(ops[0], &rank, &dims) ||
      rank != wrank || (rank != 3 && rank != 4))
    return impError(im, n, "only 1-D and 2-D transposed convolutions are "
                    "supported");
  size_t spatial = (size_t)rank - 2;
  if (spatial == 1 && (!impStaticShape(ops[0]) || !impStaticShape(ops[1])))
    return impError(im, n, "1-D transposed convolutions need static shapes");
  /* The ONNX attributes, one value per spatial axis (pads: begins, then
   * ends). */
  int64_t st[2], dl[2], pd[4], op[2], groups;
  IpuStringRef autoPad;
  const int64_t *os;
  size_t osCount;
  if (!readInts2(im, n, "strides", spatial, 1, st) ||
      !readInts2(im, n, "dilations", spatial, 1, dl) ||
      !readInts2(im, n, "pads", 2 * spatial, 0, pd) ||
      !readInts2(im, n, "output_padding", spatial, 0, op) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "group", 1, &groups) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "auto_pad", "NOTSET",
                                &autoPad) ||
      !ipuOnnxNodeGetAttrInts(im->model, n, "output_shape", &os, &osCount))
    return false;
  /* As 2-D: axis 0 is the unit height of a 1-D one. */
  size_t first = 2 - spatial;
  int64_t strides[2] = {1, 1}, dilations[2] = {1, 1}, pads[4] = {0, 0, 0, 0};
  int64_t outPad[2] = {0, 0}, in[2] = {1, 1}, kernel[2] = {1, 1};
  for (size_t a = 0; a < spatial; ++a) {
    strides[first + a] = st[a];
    dilations[first + a] = dl[a];
    pads[first + a] = pd[a];
    pads[first + a + 2] = pd[spatial + a];
    outPad[first + a] = op[a];
    in[first + a] = dims[2 + a];
    kernel[first + a] = wdims[2 + a];
  }
  bool same = isAutoPad(autoPad, "SAME_UPPER") ||
              isAutoPad(autoPad, "SAME_LOWER");
  if (isAutoPad(autoPad, "VALID"))
    memset(pads, 0, sizeof pads);
  if (osCount || same) {
    if (osCount && osCount != spatial && osCount != spatial + 2)
      return impError(im, n, "output_shape must give the %zu spatial "
                      "size%s", spatial, spatial == 1 ? "" : "s");
    for (size_t a = first; a < 2; ++a) {
      if (in[a] < 0)
        return impError(im, n, "output_shape needs static spatial sizes");
      int64_t outShape = osCount ? os[osCount - 2 + a] : in[a] * strides[a];
      int64_t total = strides[a] * (in[a] - 1) + outPad[a] +
                      (kernel[a] - 1) * dilations[a] + 1 - outShape;
      if (total < 0) {
        /* A larger output_shape than the input gives: the extra rows and
         * columns are output padding at the end, as ONNX Runtime does. */
        outPad[a] -= total;
        total = 0;
      }
      bool upper = isAutoPad(autoPad, "SAME_UPPER");
      pads[a] = upper ? total / 2 : total - total / 2;
      pads[a + 2] = total - pads[a];
    }
  }
  IpuValue cops[3] = {ops[0], ops[1], count > 2 ? ops[2] : NULL};
  if (spatial == 1) {
    int64_t x4[4] = {dims[0], dims[1], 1, dims[2]};
    int64_t w4[4] = {wdims[0], wdims[1], 1, wdims[2]};
    if (!(cops[0] = impReshape(im, n, ops[0], 4, x4)) ||
        !(cops[1] = impReshape(im, n, ops[1], 4, w4)))
      return false;
  }
  const char *names[] = {"strides", "pads", "dilations", "groups",
                         "output_padding"};
  IpuAttr attrs[] = {impI64s(im, 2, strides), impI64s(im, 4, pads),
                     impI64s(im, 2, dilations), impI64(im, groups),
                     impI64s(im, 2, outPad)};
  IpuOp *conv = impBuild(im, n, "hl.conv_transpose", count, cops, 5, names,
                         attrs, spatial == 2);
  if (!conv || spatial == 2)
    return conv != NULL;
  return bindFromUnitHeight(im, n, conv);
}

static bool convGemm(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[3];
  size_t count;
  if (!twoInputsAndOptionalThird(im, n, ops, &count))
    return false;
  int64_t ta, tb;
  float alpha, beta;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "transA", 0, &ta) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "transB", 0, &tb) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "alpha", 1.0f, &alpha) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "beta", 1.0f, &beta))
    return false;
  const char *names[] = {"trans_a", "trans_b", "alpha", "beta"};
  IpuAttr attrs[] = {ta ? ipuBoolAttrGet(im->ctx, true) : NULL,
                     tb ? ipuBoolAttrGet(im->ctx, true) : NULL,
                     alpha != 1.0f ? impF32(im, alpha) : NULL,
                     beta != 1.0f ? impF32(im, beta) : NULL};
  return impBuild(im, n, "hl.gemm", count, ops, 4, names, attrs, 1);
}

static bool convMatMul(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[2] = {impInput(im, n, 0), impInput(im, n, 1)};
  return ops[0] && ops[1] && impBuild(im, n, "hl.matmul", 2, ops, 0, NULL, NULL, 1);
}

/* A 1-D pool as a 2-D one of unit height: reshapes around it. */
static bool pool1d(Importer *im, const IpuOnnxNode *n, IpuValue x, bool isMax) {
  intptr_t rank;
  const int64_t *dims;
  if (!impStaticShape(x))
    return impError(im, n, "1-D pools need static shapes");
  impShape(x, &rank, &dims);
  int64_t kernel = 1, stride = 1, dilation = 1, pads[2] = {0, 0};
  int64_t ceilMode = 0, countPad = 0;
  IpuStringRef autoPad;
  if (!readInts2(im, n, "kernel_shape", 1, 1, &kernel) ||
      !readInts2(im, n, "strides", 1, 1, &stride) ||
      !readInts2(im, n, "dilations", 1, 1, &dilation) ||
      !readInts2(im, n, "pads", 2, 0, pads) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "ceil_mode", 0, &ceilMode) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "count_include_pad", 0, &countPad) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "auto_pad", "NOTSET", &autoPad))
    return false;
  if (stride <= 0)
    return impError(im, n, "strides must be positive");
  if (!resolveAutoPad(im, n, autoPad, dims[2], kernel, stride, dilation,
                      &pads[0], &pads[1]))
    return false;
  int64_t in4[4] = {dims[0], dims[1], 1, dims[2]};
  IpuValue x4 = impReshape(im, n, x, 4, in4);
  if (!x4)
    return false;
  int64_t k2[2] = {1, kernel}, s2[2] = {1, stride}, d2[2] = {1, dilation};
  int64_t p4[4] = {0, pads[0], 0, pads[1]};
  const char *names[] = {"kernel_shape", "strides", "pads", "dilations",
                         "ceil_mode", "count_include_pad"};
  IpuAttr attrs[] = {impI64s(im, 2, k2), impI64s(im, 2, s2),
                     impI64s(im, 4, p4),
                     dilation != 1 ? impI64s(im, 2, d2) : NULL,
                     ceilMode ? ipuBoolAttrGet(im->ctx, true) : NULL,
                     countPad && !isMax ? ipuBoolAttrGet(im->ctx, true) : NULL};
  IpuOp *op = impBuild(im, n, isMax ? "hl.maxpool" : "hl.avgpool", 1, &x4, 6,
                       names, attrs, 0);
  return op && bindFromUnitHeight(im, n, op);
}

static bool pool(Importer *im, const IpuOnnxNode *n, bool isMax) {
  IpuValue x = impInput(im, n, 0);
  Window w;
  int64_t ceilMode = 0, countPad = 0;
  intptr_t rank;
  const int64_t *dims;
  if (x && impShape(x, &rank, &dims) && rank == 3 &&
      !(isMax && ipuOnnxNodeGetNumOutputs(n) > 1))
    return pool1d(im, n, x, isMax);
  if (!x || !readWindow(im, n, x, false, &w) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "ceil_mode", 0, &ceilMode) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "count_include_pad", 0, &countPad))
    return false;
  if (isMax && ipuOnnxNodeGetNumOutputs(n) > 1 && ipuOnnxNodeGetOutput(n, 1)[0])
    return impError(im, n, "the Indices output is not supported");
  const char *names[] = {"kernel_shape", "strides", "pads", "dilations",
                         "ceil_mode", "count_include_pad"};
  IpuAttr attrs[] = {impI64s(im, 2, w.kernel), impI64s(im, 2, w.strides),
                     impI64s(im, 4, w.pads), impI64s(im, 2, w.dilations),
                     ceilMode ? ipuBoolAttrGet(im->ctx, true) : NULL,
                     countPad ? ipuBoolAttrGet(im->ctx, true) : NULL};
  if (isMax)
    return impBuild(im, n, "hl.maxpool", 1, &x, 5, names, attrs, 1);
  bool dilated = w.dilations[0] != 1 || w.dilations[1] != 1;
  if (!dilated)
    attrs[3] = NULL;
  return impBuild(im, n, "hl.avgpool", 1, &x, 6, names, attrs, 1);
}
static bool convMaxPool(Importer *im, const IpuOnnxNode *n) { return pool(im, n, true); }
static bool convAveragePool(Importer *im, const IpuOnnxNode *n) { return pool(im, n, false); }

static bool convGlobalAveragePool(Importer *im, const IpuOnnxNode *n) {
  IpuValue x = impInput(im, n, 0);
  return x && impBuild(im, n, "hl.global_avgpool", 1, &x, 0, NULL, NULL, 1);
}
static bool convGlobalMaxPool(Importer *im, const IpuOnnxNode *n) {
  IpuValue x = impInput(im, n, 0);
  return x && impBuild(im, n, "hl.global_maxpool", 1, &x, 0, NULL, NULL, 1);
}

static bool convBatchNormalization(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[5];
  for (size_t i = 0; i < 5; ++i)
    if (!(ops[i] = impInput(im, n, i)))
      return false;
  for (size_t i = 1; i < ipuOnnxNodeGetNumOutputs(n); ++i)
    if (ipuOnnxNodeGetOutput(n, i)[0])
      return impError(im, n, "training outputs are not supported");
  float eps;
  if (!ipuOnnxNodeGetAttrFloat(im->model, n, "epsilon", 1e-5f, &eps))
    return false;
  const char *names[] = {"epsilon"};
  IpuAttr attrs[] = {impF32(im, eps)};
  return impBuild(im, n, "hl.batchnorm", 5, ops, 1, names, attrs, 1);
}

static bool convLSTM(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[8];
  int32_t seg[8];
  size_t count = 0;
  for (size_t i = 0; i < 8; ++i) {
    seg[i] = impHasInput(n, i) ? 1 : 0;
    if (seg[i] && !(ops[count++] = impInput(im, n, i)))
      return false;
  }
  if (!seg[0] || !seg[1] || !seg[2])
    return impError(im, n, "inputs X, W and R are required");
  int64_t hidden, layout = 0, inputForget;
  IpuStringRef direction;
  float clip;
  const IpuOnnxAttr *acts = ipuOnnxNodeFindAttr(n, "activations");
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "hidden_size", 0, &hidden) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "layout", 0, &layout) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "input_forget", 0, &inputForget) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "clip", 0, &clip) ||
      !ipuOnnxNodeGetAttrString(im->model, n, "direction", "forward",
                                &direction))
    return false;
  if (ipuOnnxNodeFindAttr(n, "clip"))
    return impError(im, n, "attribute 'clip' is not supported");
  if (acts)
    return impError(im, n, "attribute 'activations' is not supported");
  if (!ipuOnnxNodeFindAttr(n, "hidden_size"))
    return impError(im, n, "attribute 'hidden_size' is required");
  const char *names[] = {"hidden_size", "direction", "layout", "input_forget",
                         "operandSegmentSizes"};
  IpuAttr attrs[] = {
      impI64(im, hidden), impStr(im, direction.data, direction.length),
      layout ? impI64(im, layout) : NULL,
      inputForget ? ipuBoolAttrGet(im->ctx, true) : NULL,
      ipuDenseArrayAttrGet(im->ctx,
                           ipuIntegerTypeGet(im->ctx, 32, IPU_SIGNLESS), 8,
                           seg)};
  return impBuild(im, n, "hl.lstm", count, ops, 5, names, attrs, 3);
}

/* The scale input as an f32 array and the zero point as dense elements. */
static bool quantParams(Importer *im, const IpuOnnxNode *n, IpuAttr *scale,
                        IpuAttr *zeroPoint) {
  const IpuTensor *s = impKnownInput(im, n, 1);
  if (!s || s->dtype != IPU_DTYPE_F32 || s->rank > 1)
    return impError(im, n, "the scale must be a constant f32 scalar or 1-D "
                    "tensor");
  *scale = impF32s(im, (size_t)ipuTensorNumElements(s), s->data);
  *zeroPoint = NULL;
  if (impHasInput(n, 2)) {
    const IpuTensor *z = impKnownInput(im, n, 2);
    IpuType elem = z ? impElementType(im->ctx, z->dtype) : NULL;
    if (!elem || z->rank > 1)
      return impError(im, n, "the zero point must be a constant scalar or "
                      "1-D tensor");
    /* hl wants a 1-D zero point, also for a scalar one. */
    int64_t len = ipuTensorNumElements(z);
    IpuType t = ipuRankedTensorTypeGet(im->ctx, 1, &len, elem, NULL);
    *zeroPoint =
        ipuDenseElementsAttrGet(im->ctx, t, z->data, ipuTensorByteSize(z), false);
  }
  return true;
}

static bool convQuantizeLinear(Importer *im, const IpuOnnxNode *n) {
  IpuAttr scale, zp;
  int64_t axis;
  if (!quantParams(im, n, &scale, &zp) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "axis", 1, &axis))
    return false;
  if (!zp) {
    /* ONNX's default zero point is a uint8 zero. */
    uint8_t zero = 0;
    int64_t one = 1;
    IpuType t = ipuRankedTensorTypeGet(
        im->ctx, 1, &one, ipuIntegerTypeGet(im->ctx, 8, IPU_UNSIGNED), NULL);
    zp = ipuDenseElementsAttrGet(im->ctx, t, &zero, 1, false);
  }
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"scale", "zero_point", "axis"};
  IpuAttr attrs[] = {scale, zp, axis != 1 ? impI64(im, axis) : NULL};
  return x && impBuild(im, n, "hl.quantize", 1, &x, 3, names, attrs, 1);
}

static bool convDequantizeLinear(Importer *im, const IpuOnnxNode *n) {
  IpuAttr scale, zp;
  int64_t axis;
  if (!quantParams(im, n, &scale, &zp) ||
      !ipuOnnxNodeGetAttrInt(im->model, n, "axis", 1, &axis))
    return false;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"scale", "zero_point", "axis"};
  IpuAttr attrs[] = {scale, zp, axis != 1 ? impI64(im, axis) : NULL};
  return x && impBuild(im, n, "hl.dequantize", 1, &x, 3, names, attrs, 1);
}

const ImpConverter impNnConverters[] = {
    {"Conv", convConv},
    {"ConvTranspose", convConvTranspose},
    {"Gemm", convGemm},
    {"MatMul", convMatMul},
    {"MaxPool", convMaxPool},
    {"AveragePool", convAveragePool},
    {"GlobalAveragePool", convGlobalAveragePool},
    {"GlobalMaxPool", convGlobalMaxPool},
    {"BatchNormalization", convBatchNormalization},
    {"LSTM", convLSTM},
    {"QuantizeLinear", convQuantizeLinear},
    {"DequantizeLinear", convDequantizeLinear},
    {NULL, NULL},
};
