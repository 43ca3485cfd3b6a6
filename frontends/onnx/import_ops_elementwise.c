/* ONNX importer: element-wise ops, activations, comparisons and logic, and
 * the identity-like ops (Identity, Dropout, Cast), with folding of integer
 * shape arithmetic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"

static bool unary(Importer *im, const IpuOnnxNode *n, const char *opName) {
  IpuValue x = impInput(im, n, 0);
  return x && impBuild(im, n, opName, 1, &x, 0, NULL, NULL, 1);
}

/* Folds integer (shape) arithmetic on known operands: a scalar or equal
 * shapes, or a scalar broadcast; anything else becomes an hl op. */
static bool foldBinary(Importer *im, const IpuOnnxNode *n, char op) {
  const IpuTensor *a = impKnownInput(im, n, 0), *b = impKnownInput(im, n, 1);
  if (!a || !b || a->dtype != IPU_DTYPE_I64 || b->dtype != IPU_DTYPE_I64)
    return false;
  int64_t na = ipuTensorNumElements(a), nb = ipuTensorNumElements(b);
  const IpuTensor *big = na >= nb ? a : b;
  if (!(na == nb && a->rank == b->rank) && na != 1 && nb != 1)
    return false;
  if (na != nb && (na == 1 ? a->rank : b->rank) > big->rank)
    return false;
  IpuTensor r;
  if (!ipuTensorInit(&r, IPU_DTYPE_I64, big->rank, big->shape))
    return false;
  int64_t *out = r.data;
  const int64_t *x = a->data, *y = b->data;
  for (int64_t i = 0; i < ipuTensorNumElements(&r); ++i) {
    int64_t u = x[na == 1 ? 0 : i], v = y[nb == 1 ? 0 : i];
    switch (op) {
    case '+': out[i] = (int64_t)((uint64_t)u + (uint64_t)v); break;
    case '-': out[i] = (int64_t)((uint64_t)u - (uint64_t)v); break;
    case '*': out[i] = (int64_t)((uint64_t)u * (uint64_t)v); break;
    default:
      if (v == 0 || (u == INT64_MIN && v == -1)) {
        ipuTensorFree(&r);
        return false;
      }
      /* ONNX integer Div truncates, as C does. */
      out[i] = u / v;
    }
  }
  return impBindKnown(im, n, 0, &r);
}

static bool binary(Importer *im, const IpuOnnxNode *n, const char *opName,
                   char foldOp) {
  if (foldOp && foldBinary(im, n, foldOp))
    return true;
  IpuValue ops[2] = {impInput(im, n, 0), impInput(im, n, 1)};
  return ops[0] && ops[1] && impBuild(im, n, opName, 2, ops, 0, NULL, NULL, 1);
}

/* Max and Min are variadic in ONNX: a chain of binary ops. */
static bool variadic(Importer *im, const IpuOnnxNode *n, const char *opName) {
  size_t count = ipuOnnxNodeGetNumInputs(n);
  IpuValue acc = impInput(im, n, 0);
  for (size_t i = 1; acc && i < count; ++i) {
    IpuValue ops[2] = {acc, impInput(im, n, i)};
    IpuOp *op = impBuild(im, n, opName, 2, ops, 0, NULL, NULL, 0);
    acc = op ? ipuOpGetResult(op, 0) : NULL;
  }
  return acc && impBindValue(im, n, 0, acc);
}

#define UNARY(Name, op)                                                      \
  static bool conv##Name(Importer *im, const IpuOnnxNode *n) {               \
    return unary(im, n, op);                                                 \
  }
UNARY(Relu, "hl.relu")
UNARY(Sigmoid, "hl.sigmoid")
UNARY(Tanh, "hl.tanh")
UNARY(HardSwish, "hl.hard_swish")
UNARY(Sqrt, "hl.sqrt")
UNARY(Log, "hl.log")
UNARY(Exp, "hl.exp")
UNARY(Abs, "hl.abs")

/* Negation of known int64 values (shape arithmetic: -axis) folds. */
static bool convNeg(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (!k || k->dtype != IPU_DTYPE_I64)
    return unary(im, n, "hl.neg");
  IpuTensor r;
  if (!ipuTensorClone(&r, k))
    return impError(im, n, "out of memory");
  int64_t *v = r.data;
  for (int64_t i = 0; i < ipuTensorNumElements(&r); ++i)
    v[i] = (int64_t)(0 - (uint64_t)v[i]);
  return impBindKnown(im, n, 0, &r);
}

static bool convAdd(Importer *im, const IpuOnnxNode *n) { return binary(im, n, "hl.add", '+'); }
static bool convSub(Importer *im, const IpuOnnxNode *n) { return binary(im, n, "hl.sub", '-'); }
static bool convMul(Importer *im, const IpuOnnxNode *n) { return binary(im, n, "hl.mul", '*'); }
static bool convDiv(Importer *im, const IpuOnnxNode *n) { return binary(im, n, "hl.div", '/'); }
static bool convPow(Importer *im, const IpuOnnxNode *n) { return binary(im, n, "hl.pow", 0); }
static bool convMax(Importer *im, const IpuOnnxNode *n) { return variadic(im, n, "hl.max"); }
static bool convMin(Importer *im, const IpuOnnxNode *n) { return variadic(im, n, "hl.min"); }

static bool convIdentity(Importer *im, const IpuOnnxNode *n) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (k) {
    IpuTensor copy;
    if (!ipuTensorClone(&copy, k))
      return impError(im, n, "out of memory");
    return impBindKnown(im, n, 0, &copy);
  }
  return unary(im, n, "hl.identity");
}

static bool convDropout(Importer *im, const IpuOnnxNode *n) {
  float ratio = 0.5f;
  if (im->opset < 12 &&
      !ipuOnnxNodeGetAttrFloat(im->model, n, "ratio", 0.5f, &ratio))
    return false;
  const IpuTensor *r = impKnownInput(im, n, 1);
  double d;
  if (r && impKnownFloat(r, &d))
    ratio = (float)d;
  if (impHasInput(n, 2)) {
    /* Training mode drops at random: only a known `false` is inference. */
    const IpuTensor *mode = impKnownInput(im, n, 2);
    int64_t *flag;
    size_t count;
    bool inference = mode && impKnownInts(mode, &flag, &count);
    if (inference) {
      inference = count == 1 && flag[0] == 0;
      free(flag);
    }
    if (!inference)
      return impError(im, n, "training mode is not supported (training_mode "
                      "must be a constant false)");
  }
  if (ipuOnnxNodeGetNumOutputs(n) > 1 && ipuOnnxNodeGetOutput(n, 1)[0])
    return impError(im, n, "the mask output is not supported");
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"ratio"};
  IpuAttr attrs[] = {impF32(im, ratio)};
  return x && impBuild(im, n, "hl.dropout", 1, &x, 1, names, attrs, 1);
}

static bool castKnown(Importer *im, const IpuOnnxNode *n, int64_t to) {
  const IpuTensor *k = impKnownInput(im, n, 0);
  if (!k || (to != IPU_DTYPE_I64 && to != IPU_DTYPE_I32 &&
             to != IPU_DTYPE_F32))
    return false;
  int64_t *ints;
  size_t count;
  if (k->dtype == IPU_DTYPE_F32 || !impKnownInts(k, &ints, &count))
    return false;
  IpuTensor r;
  if (!ipuTensorInit(&r, (IpuDType)to, k->rank, k->shape)) {
    free(ints);
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    if (to == IPU_DTYPE_I64)
      ((int64_t *)r.data)[i] = ints[i];
    else if (to == IPU_DTYPE_I32)
      ((int32_t *)r.data)[i] = (int32_t)ints[i];
    else
      ((float *)r.data)[i] = (float)ints[i];
  }
  free(ints);
  return impBindKnown(im, n, 0, &r);
}

static bool convCast(Importer *im, const IpuOnnxNode *n) {
  int64_t to;
  if (!ipuOnnxNodeGetAttrInt(im->model, n, "to", 0, &to))
    return false;
  IpuType elem = impElementType(im->ctx, (IpuDType)to);
  if (!elem)
    return impError(im, n, "cast to ONNX data type %lld is not supported",
                    (long long)to);
  if (castKnown(im, n, to))
    return true;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"to"};
  IpuAttr attrs[] = {ipuTypeAttrGet(im->ctx, elem)};
  return x && impBuild(im, n, "hl.cast", 1, &x, 1, names, attrs, 1);
}

static bool convLeakyRelu(Importer *im, const IpuOnnxNode *n) {
  float alpha;
  if (!ipuOnnxNodeGetAttrFloat(im->model, n, "alpha", 0.01f, &alpha))
    return false;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"alpha"};
  IpuAttr attrs[] = {impF32(im, alpha)};
  return x && impBuild(im, n, "hl.leaky_relu", 1, &x, 1, names, attrs, 1);
}

static bool convHardSigmoid(Importer *im, const IpuOnnxNode *n) {
  float alpha, beta;
  if (!ipuOnnxNodeGetAttrFloat(im->model, n, "alpha", 0.2f, &alpha) ||
      !ipuOnnxNodeGetAttrFloat(im->model, n, "beta", 0.5f, &beta))
    return false;
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"alpha", "beta"};
  IpuAttr attrs[] = {impF32(im, alpha), impF32(im, beta)};
  return x && impBuild(im, n, "hl.hard_sigmoid", 1, &x, 2, names, attrs, 1);
}

static bool convClip(Importer *im, const IpuOnnxNode *n) {
  IpuAttr bounds[2] = {NULL, NULL};
  if (im->opset < 11) {
    const char *names[] = {"min", "max"};
    for (int i = 0; i < 2; ++i) {
      float v;
      if (!ipuOnnxNodeGetAttrFloat(im->model, n, names[i], NAN, &v))
        return false;
      if (ipuOnnxNodeFindAttr(n, names[i]))
        bounds[i] = impF32(im, v);
    }
  } else {
    bool dynamic = false;
    for (size_t i = 0; i < 2; ++i) {
      if (!impHasInput(n, i + 1))
        continue;
      const IpuTensor *k = impKnownInput(im, n, i + 1);
      double v;
      if (!k || !impKnownFloat(k, &v))
        dynamic = true;
      else
        bounds[i] = impF32(im, v);
    }
    if (dynamic) {
      /* Bounds computed at run time: max(min(x, hi), lo) as ONNX does. */
      IpuValue acc = impInput(im, n, 0);
      const char *ops[2] = {"hl.max", "hl.min"};
      for (size_t i = 0; acc && i < 2; ++i) {
        if (!impHasInput(n, 2 - i))
          continue;
        IpuValue pair[2] = {acc, impInput(im, n, 2 - i)};
        IpuOp *op = impBuild(im, n, ops[1 - i], 2, pair, 0, NULL, NULL, 0);
        acc = op ? ipuOpGetResult(op, 0) : NULL;
      }
      return acc && impBindValue(im, n, 0, acc);
    }
  }
  IpuValue x = impInput(im, n, 0);
  const char *names[] = {"min", "max"};
  return x && impBuild(im, n, "hl.clip", 1, &x, 2, names, bounds, 1);
}

/* Comparisons and logic (i1 results), Where, further float functions and
 * activations. */
#define UNARY(Name, op)                                                      \
  static bool conv##Name(Importer *im, const IpuOnnxNode *n) {               \
    return unary(im, n, op);                                                 \
  }
#define BINARY(Name, op)                                                     \
  static bool conv##Name(Importer *im, const IpuOnnxNode *n) {               \
    return binary(im, n, op, 0);                                                \
  }
UNARY(Not, "hl.not")
UNARY(Reciprocal, "hl.reciprocal")
UNARY(Floor, "hl.floor")
UNARY(Ceil, "hl.ceil")
UNARY(Round, "hl.round")
UNARY(Sign, "hl.sign")
UNARY(Erf, "hl.erf")
UNARY(Sin, "hl.sin")
UNARY(Cos, "hl.cos")
UNARY(Softplus, "hl.softplus")
UNARY(Softsign, "hl.softsign")
BINARY(Equal, "hl.equal")
BINARY(Less, "hl.less")
BINARY(LessOrEqual, "hl.less_equal")
BINARY(Greater, "hl.greater")
BINARY(GreaterOrEqual, "hl.greater_equal")
BINARY(And, "hl.and")
BINARY(Or, "hl.or")
BINARY(Xor, "hl.xor")
BINARY(PRelu, "hl.prelu")
#undef UNARY
#undef BINARY

static bool convWhere(Importer *im, const IpuOnnxNode *n) {
  IpuValue ops[3] = {impInput(im, n, 0), impInput(im, n, 1),
                     impInput(im, n, 2)};
  return ops[0] && ops[1] && ops[2] &&
         impBuild(im, n, "hl.where", 3, ops, 0, NULL, NULL, 1);
}

/* Activations with f32 attributes: names[i] with ONNX default dflt[i]. */
static bool floatAttrs(Importer *im, const IpuOnnxNode *n, const char *opName,
                       size_t count, const char *const *names,
                       const float *dflt) {
  IpuAttr attrs[2];
  for (size_t i = 0; i < count; ++i) {
    float v;
    if (!ipuOnnxNodeGetAttrFloat(im->model, n, names[i], dflt[i], &v))
      return false;
    attrs[i] = impF32(im, v);
  }
  IpuValue x = impInput(im, n, 0);
  return x && impBuild(im, n, opName, 1, &x, count, names, attrs, 1);
}

static bool convElu(Importer *im, const IpuOnnxNode *n) {
  static const char *const names[] = {"alpha"};
  static const float dflt[] = {1.0f};
  return floatAttrs(im, n, "hl.elu", 1, names, dflt);
}

static bool convSelu(Importer *im, const IpuOnnxNode *n) {
  static const char *const names[] = {"alpha", "gamma"};
  static const float dflt[] = {1.67326319217681884765625f,
                               1.05070102214813232421875f};
  return floatAttrs(im, n, "hl.selu", 2, names, dflt);
}

static bool convCelu(Importer *im, const IpuOnnxNode *n) {
  static const char *const names[] = {"alpha"};
  static const float dflt[] = {1.0f};
  return floatAttrs(im, n, "hl.celu", 1, names, dflt);
}

static bool convThresholdedRelu(Importer *im, const IpuOnnxNode *n) {
  static const char *const names[] = {"alpha"};
  static const float dflt[] = {1.0f};
  return floatAttrs(im, n, "hl.thresholded_relu", 1, names, dflt);
}


const ImpConverter impElementwiseConverters[] = {
    {"Relu", convRelu},           {"Sigmoid", convSigmoid},
    {"Tanh", convTanh},           {"HardSwish", convHardSwish},
    {"Sqrt", convSqrt},           {"Log", convLog},
    {"Exp", convExp},             {"Neg", convNeg},
    {"Abs", convAbs},             {"Add", convAdd},
    {"Sub", convSub},             {"Mul", convMul},
    {"Div", convDiv},             {"Pow", convPow},
    {"Max", convMax},             {"Min", convMin},
    {"Identity", convIdentity},   {"Dropout", convDropout},
    {"Cast", convCast},           {"LeakyRelu", convLeakyRelu},
    {"HardSigmoid", convHardSigmoid}, {"Clip", convClip},
    {"Equal", convEqual},
    {"Less", convLess},
    {"LessOrEqual", convLessOrEqual},
    {"Greater", convGreater},
    {"GreaterOrEqual", convGreaterOrEqual},
    {"Not", convNot},
    {"And", convAnd},
    {"Or", convOr},
    {"Xor", convXor},
    {"Where", convWhere},
    {"Reciprocal", convReciprocal},
    {"Floor", convFloor},
    {"Ceil", convCeil},
    {"Round", convRound},
    {"Sign", convSign},
    {"Erf", convErf},
    {"Sin", convSin},
    {"Cos", convCos},
    {"Softplus", convSoftplus},
    {"Softsign", convSoftsign},
    {"Elu", convElu},
    {"Selu", convSelu},
    {"Celu", convCelu},
    {"ThresholdedRelu", convThresholdedRelu},
    {"PRelu", convPRelu},
    {NULL, NULL},
};
