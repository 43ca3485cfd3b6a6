/* Element-wise unary ops: activations (Relu, LeakyRelu, Clip, Sigmoid,
 * Tanh, HardSigmoid, HardSwish, Elu, ...) and math functions. */
#include "kernel_util.h"

#include <math.h>
#include <string.h>


static const char *unaryName(IpuUnaryOp op) {
  static const char *const names[] = {
      "Identity", "Relu", "LeakyRelu", "Clip", "Sigmoid", "Tanh",
      "HardSigmoid", "HardSwish", "Sqrt", "Log", "Exp", "Neg", "Abs", "Erf",
      "Floor", "Ceil", "Round", "Reciprocal", "Sign", "Softplus", "Softsign",
      "Elu", "Selu", "Celu", "ThresholdedRelu", "Gelu", "Sin", "Cos", "Not"};
  return (unsigned)op < sizeof names / sizeof *names ? names[op] : "unary";
}

IpuUnaryParams ipuUnaryDefaults(IpuUnaryOp op) {
  IpuUnaryParams p = {0, 0};
  switch (op) {
  case IPU_UNARY_LEAKY_RELU: p.alpha = 0.01; break;
  case IPU_UNARY_CLIP: p.alpha = -INFINITY, p.beta = INFINITY; break;
  case IPU_UNARY_HARD_SIGMOID: p.alpha = 0.2, p.beta = 0.5; break;
  case IPU_UNARY_ELU:
  case IPU_UNARY_CELU:
  case IPU_UNARY_THRESHOLDED_RELU: p.alpha = 1.0; break;
  case IPU_UNARY_SELU:
    p.alpha = 1.67326319217681884765625;
    p.beta = 1.05070102214813232421875;
    break;
  default: break;
  }
  return p;
}

/* Round half to even without depending on the rounding mode. */
static double roundHalfEven(double v) {
  double f = floor(v);
  double d = v - f;
  if (d > 0.5)
    return f + 1;
  if (d < 0.5)
    return f;
  return fmod(f, 2.0) == 0 ? f : f + 1;
}

/* The reference definition in double; f32 uses the float loops below. */
static double applyDouble(IpuUnaryOp op, double a, double b, double x) {
  switch (op) {
  case IPU_UNARY_IDENTITY: return x;
  case IPU_UNARY_RELU: return x > 0 ? x : (x == x ? 0 : x);
  case IPU_UNARY_LEAKY_RELU: return x < 0 ? a * x : x;
  case IPU_UNARY_CLIP: {
    double t = x < a ? a : x; /* min > max gives max, as ONNX says */
    return t > b ? b : t;
  }
  case IPU_UNARY_SIGMOID: return 1.0 / (1.0 + exp(-x));
  case IPU_UNARY_TANH: return tanh(x);
  case IPU_UNARY_HARD_SIGMOID: return fmax(0.0, fmin(1.0, a * x + b));
  case IPU_UNARY_HARD_SWISH: return x * fmax(0.0, fmin(1.0, x / 6.0 + 0.5));
  case IPU_UNARY_SQRT: return sqrt(x);
  case IPU_UNARY_LOG: return log(x);
  case IPU_UNARY_EXP: return exp(x);
  case IPU_UNARY_NEG: return -x;
  case IPU_UNARY_ABS: return fabs(x);
  case IPU_UNARY_ERF: return erf(x);
  case IPU_UNARY_FLOOR: return floor(x);
  case IPU_UNARY_CEIL: return ceil(x);
  case IPU_UNARY_ROUND: return roundHalfEven(x);
  case IPU_UNARY_RECIPROCAL: return 1.0 / x;
  case IPU_UNARY_SIGN: return x > 0 ? 1.0 : (x < 0 ? -1.0 : x);
  case IPU_UNARY_SOFTPLUS: return x > 30 ? x : log1p(exp(x));
  case IPU_UNARY_SOFTSIGN: return x / (1.0 + fabs(x));
  case IPU_UNARY_ELU: return x < 0 ? a * (exp(x) - 1.0) : x;
  case IPU_UNARY_SELU: return x <= 0 ? b * (a * exp(x) - a) : b * x;
  case IPU_UNARY_CELU: return fmax(0.0, x) + fmin(0.0, a * (exp(x / a) - 1.0));
  case IPU_UNARY_THRESHOLDED_RELU: return x > a ? x : 0.0;
  case IPU_UNARY_GELU: return 0.5 * x * (1.0 + erf(x / sqrt(2.0)));
  case IPU_UNARY_SIN: return sin(x);
  case IPU_UNARY_COS: return cos(x);
  default: return x;
  }
}

/* f32 loops for the ops networks use on their hot path; the rest go
 * through applyDouble. */
static bool applyF32(IpuUnaryOp op, float a, float b, const float *x,
                     float *y, int64_t n) {
  switch (op) {
  case IPU_UNARY_RELU:
    for (int64_t i = 0; i < n; i++)
      y[i] = x[i] > 0 ? x[i] : (x[i] == x[i] ? 0.0f : x[i]);
    return true;
  case IPU_UNARY_LEAKY_RELU:
    /* Branch-free so that GCC vectorises it (it will not if-convert a float
     * comparison under -ftrapping-math): the bits of a negative number,
     * -0 excepted, compare above the sign bit alone; multiplying by 1 keeps
     * x exactly, and a * NaN is NaN. */
    for (int64_t i = 0; i < n; i++) {
      uint32_t bits;
      memcpy(&bits, &x[i], sizeof bits);
      y[i] = (bits > 0x80000000u ? a : 1.0f) * x[i];
    }
    return true;
  case IPU_UNARY_CLIP:
    for (int64_t i = 0; i < n; i++) {
      float t = x[i] < a ? a : x[i];
      y[i] = t > b ? b : t;
    }
    return true;
  case IPU_UNARY_SIGMOID:
    for (int64_t i = 0; i < n; i++)
      y[i] = 1.0f / (1.0f + expf(-x[i]));
    return true;
  case IPU_UNARY_TANH:
    for (int64_t i = 0; i < n; i++)
      y[i] = tanhf(x[i]);
    return true;
  case IPU_UNARY_HARD_SIGMOID:
    for (int64_t i = 0; i < n; i++)
      y[i] = fmaxf(0.0f, fminf(1.0f, a * x[i] + b));
    return true;
  case IPU_UNARY_HARD_SWISH:
    for (int64_t i = 0; i < n; i++)
      y[i] = x[i] * fmaxf(0.0f, fminf(1.0f, x[i] * (1.0f / 6.0f) + 0.5f));
    return true;
  case IPU_UNARY_SQRT:
    for (int64_t i = 0; i < n; i++)
      y[i] = sqrtf(x[i]);
    return true;
  case IPU_UNARY_LOG:
    for (int64_t i = 0; i < n; i++)
      y[i] = logf(x[i]);
    return true;
  case IPU_UNARY_EXP:
    for (int64_t i = 0; i < n; i++)
      y[i] = expf(x[i]);
    return true;
  case IPU_UNARY_NEG:
    for (int64_t i = 0; i < n; i++)
      y[i] = -x[i];
    return true;
  case IPU_UNARY_ABS:
    for (int64_t i = 0; i < n; i++)
      y[i] = fabsf(x[i]);
    return true;
  case IPU_UNARY_IDENTITY:
    memcpy(y, x, (size_t)n * sizeof(float));
    return true;
  default:
    return false;
  }
}

static bool intSupported(IpuUnaryOp op) {
  return op == IPU_UNARY_IDENTITY || op == IPU_UNARY_RELU ||
         op == IPU_UNARY_CLIP || op == IPU_UNARY_NEG || op == IPU_UNARY_ABS ||
         op == IPU_UNARY_SIGN;
}

/* Integer ops in 64 bits (negation wraps, as the store narrows). Clip
 * bounds come already rounded into the integer range. */
static int64_t applyInt(IpuUnaryOp op, int64_t lo, int64_t hi, int64_t x,
                        bool isUnsigned) {
  switch (op) {
  case IPU_UNARY_RELU: return x < 0 && !isUnsigned ? 0 : x;
  case IPU_UNARY_CLIP: {
    int64_t t = x < lo ? lo : x;
    return t > hi ? hi : t;
  }
  case IPU_UNARY_NEG: return (int64_t)(0 - (uint64_t)x);
  case IPU_UNARY_ABS: return x < 0 && !isUnsigned ? (int64_t)(0 - (uint64_t)x) : x;
  case IPU_UNARY_SIGN: return isUnsigned ? x != 0 : (x > 0) - (x < 0);
  default: return x;
  }
}

bool ipuKernelUnary(IpuUnaryOp op, const IpuUnaryParams *params,
                    const IpuTensor *x, IpuTensor *y, IpuKernelError *err) {
  const char *name = unaryName(op);
  memset(y, 0, sizeof *y);
  if ((unsigned)op > IPU_UNARY_NOT)
    return ipuKFail(err, name, "unknown unary op %d", (int)op);
  if (!ipuKCheck(x, name, "input", err))
    return false;
  IpuUnaryParams p = params ? *params : ipuUnaryDefaults(op);
  IpuDType t = x->dtype;
  bool ok = op == IPU_UNARY_NOT ? t == IPU_DTYPE_BOOL
            : ipuKIsFloat(t)    ? true
            : ipuKIsInteger(t)  ? intSupported(op)
                                : t == IPU_DTYPE_BOOL && op == IPU_UNARY_IDENTITY;
  if (!ok)
    return ipuKFail(err, name, "unsupported element type %s",
                    ipuDTypeName(t));
  if (op == IPU_UNARY_CELU && p.alpha == 0)
    return ipuKFail(err, name, "alpha must not be 0");
  if (!ipuKAlloc(y, t, x->rank, x->shape, name, err))
    return false;
  int64_t n = ipuTensorNumElements(x);
  if (op == IPU_UNARY_NOT) {
    const uint8_t *s = x->data;
    uint8_t *d = y->data;
    for (int64_t i = 0; i < n; i++)
      d[i] = !s[i];
    return true;
  }
  if (t == IPU_DTYPE_F32 &&
      applyF32(op, (float)p.alpha, (float)p.beta, x->data, y->data, n))
    return true;
  if (t == IPU_DTYPE_BOOL) {
    memcpy(y->data, x->data, (size_t)n);
    return true;
  }
  if (ipuKIsInteger(t)) {
    bool isUnsigned = !ipuKIsSigned(t);
    if (op == IPU_UNARY_CLIP && t == IPU_DTYPE_U64) {
      for (int64_t i = 0; i < n; i++)
        ipuKStoreF64(y->data, t, i,
                     applyDouble(op, ceil(p.alpha), floor(p.beta),
                                 ipuKLoadF64(x->data, t, i)));
      return true;
    }
    /* Saturating conversions of the bounds (NaN bounds become 0). */
    int64_t lo = 0, hi = 0;
    ipuKStoreF64(&lo, IPU_DTYPE_I64, 0, ceil(p.alpha));
    ipuKStoreF64(&hi, IPU_DTYPE_I64, 0, floor(p.beta));
    for (int64_t i = 0; i < n; i++)
      ipuKStoreI64(y->data, t, i,
                   applyInt(op, lo, hi, ipuKLoadI64(x->data, t, i),
                            isUnsigned));
    return true;
  }
  if (t == IPU_DTYPE_F32) {
    /* f32 through the double definition, rounded once at the end. */
    const float *s = x->data;
    float *d = y->data;
    for (int64_t i = 0; i < n; i++)
      d[i] = (float)applyDouble(op, p.alpha, p.beta, s[i]);
    return true;
  }
  for (int64_t i = 0; i < n; i++)
    ipuKStoreF64(y->data, t, i,
                 applyDouble(op, p.alpha, p.beta, ipuKLoadF64(x->data, t, i)));
  return true;
}
