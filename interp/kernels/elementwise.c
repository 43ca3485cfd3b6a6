/* Element-wise binary ops with numpy broadcasting (Add, Sub, Mul, Div, Pow,
 * Max, Min, Mod, PRelu, comparisons, logic), the variadic Sum/Mean/Max/Min
 * and Where. */
#include "kernel_util.h"

#include <math.h>
#include <string.h>


static const char *binaryName(IpuBinaryOp op) {
  static const char *const names[] = {
      "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mod", "Mod", "PRelu",
      "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And",
      "Or", "Xor"};
  return (unsigned)op < sizeof names / sizeof *names ? names[op] : "binary";
}

static bool isComparison(IpuBinaryOp op) {
  return op >= IPU_BINARY_EQUAL && op <= IPU_BINARY_GREATER_OR_EQUAL;
}

static bool isLogical(IpuBinaryOp op) {
  return op >= IPU_BINARY_AND && op <= IPU_BINARY_XOR;
}

/* ---- f32 fast path ----------------------------------------------------- */

/* One innermost row with operand strides sa, sb in {0, 1}. */
#define F32_ROW(EXPR)                                                          \
  do {                                                                         \
    if (sa && sb) {                                                            \
      for (int64_t i = 0; i < n; i++) {                                        \
        float x = a[i], z = b[i];                                              \
        y[i] = (EXPR);                                                         \
      }                                                                        \
    } else if (sa) {                                                           \
      float z = b[0];                                                          \
      for (int64_t i = 0; i < n; i++) {                                        \
        float x = a[i];                                                        \
        y[i] = (EXPR);                                                         \
      }                                                                        \
    } else if (sb) {                                                           \
      float x = a[0];                                                          \
      for (int64_t i = 0; i < n; i++) {                                        \
        float z = b[i];                                                        \
        y[i] = (EXPR);                                                         \
      }                                                                        \
    } else {                                                                   \
      float x = a[0], z = b[0];                                                \
      float v = (EXPR);                                                        \
      for (int64_t i = 0; i < n; i++)                                          \
        y[i] = v;                                                              \
    }                                                                          \
  } while (0)

static float maxNan(float x, float z) {
  return isnan(x) || isnan(z) ? NAN : (x > z ? x : z);
}
static float minNan(float x, float z) {
  return isnan(x) || isnan(z) ? NAN : (x < z ? x : z);
}

static bool hasF32Row(IpuBinaryOp op) {
  return op <= IPU_BINARY_MIN || op == IPU_BINARY_PRELU;
}

static void rowF32(IpuBinaryOp op, const float *a, int64_t sa,
                   const float *b, int64_t sb, float *y, int64_t n) {
  switch (op) {
  case IPU_BINARY_ADD: F32_ROW(x + z); break;
  case IPU_BINARY_SUB: F32_ROW(x - z); break;
  case IPU_BINARY_MUL: F32_ROW(x * z); break;
  case IPU_BINARY_DIV: F32_ROW(x / z); break;
  case IPU_BINARY_POW:
    /* x * x is powf(x, 2) correctly rounded, as ONNX Runtime computes it,
     * without a libm call per element (the melspectrogram squares 50,000
     * STFT values per second of audio). */
    if (!sb && b[0] == 2.0f) {
      for (int64_t i = 0; i < n; i++)
        y[i] = a[i * sa] * a[i * sa];
      break;
    }
    F32_ROW(powf(x, z));
    break;
  case IPU_BINARY_MAX: F32_ROW(maxNan(x, z)); break;
  case IPU_BINARY_MIN: F32_ROW(minNan(x, z)); break;
  case IPU_BINARY_PRELU: F32_ROW(x < 0 ? x * z : x); break;
  default: break;
  }
}

/* ---- Generic scalar semantics ----------------------------------------- */

static double floatOp(IpuBinaryOp op, double x, double z) {
  switch (op) {
  case IPU_BINARY_ADD: return x + z;
  case IPU_BINARY_SUB: return x - z;
  case IPU_BINARY_MUL: return x * z;
  case IPU_BINARY_DIV: return x / z;
  case IPU_BINARY_POW: return pow(x, z);
  case IPU_BINARY_MAX: return isnan(x) || isnan(z) ? NAN : (x > z ? x : z);
  case IPU_BINARY_MIN: return isnan(x) || isnan(z) ? NAN : (x < z ? x : z);
  case IPU_BINARY_FMOD: return fmod(x, z);
  case IPU_BINARY_MOD: {
    double r = fmod(x, z);
    return r != 0 && ((r < 0) != (z < 0)) ? r + z : r;
  }
  case IPU_BINARY_PRELU: return x < 0 ? x * z : x;
  default: return 0;
  }
}

/* Integer semantics in 64 bits with wrap-around; the store narrows. Sets
 * *divByZero instead of dividing by zero. */
static int64_t intOp(IpuBinaryOp op, int64_t x, int64_t z, bool isU64,
                     bool *divByZero) {
  uint64_t ux = (uint64_t)x, uz = (uint64_t)z;
  switch (op) {
  case IPU_BINARY_ADD: return (int64_t)(ux + uz);
  case IPU_BINARY_SUB: return (int64_t)(ux - uz);
  case IPU_BINARY_MUL: return (int64_t)(ux * uz);
  case IPU_BINARY_MAX:
    return isU64 ? (ux > uz ? x : z) : (x > z ? x : z);
  case IPU_BINARY_MIN:
    return isU64 ? (ux < uz ? x : z) : (x < z ? x : z);
  case IPU_BINARY_PRELU: return x < 0 && !isU64 ? (int64_t)(ux * uz) : x;
  case IPU_BINARY_DIV:
  case IPU_BINARY_MOD:
  case IPU_BINARY_FMOD:
    if (z == 0) {
      *divByZero = true;
      return 0;
    }
    if (isU64)
      return (int64_t)(op == IPU_BINARY_DIV ? ux / uz : ux % uz);
    if (z == -1) /* avoids INT64_MIN / -1 */
      return op == IPU_BINARY_DIV ? (int64_t)(0 - ux) : 0;
    if (op == IPU_BINARY_DIV)
      return x / z;
    int64_t r = x % z;
    if (op == IPU_BINARY_MOD && r != 0 && ((r < 0) != (z < 0)))
      r += z;
    return r;
  default: return 0;
  }
}

static bool compare(IpuBinaryOp op, double x, double z) {
  switch (op) {
  case IPU_BINARY_EQUAL: return x == z;
  case IPU_BINARY_LESS: return x < z;
  case IPU_BINARY_LESS_OR_EQUAL: return x <= z;
  case IPU_BINARY_GREATER: return x > z;
  default: return x >= z;
  }
}

static bool compareInt(IpuBinaryOp op, int64_t x, int64_t z, bool isU64) {
  if (isU64) {
    uint64_t ux = (uint64_t)x, uz = (uint64_t)z;
    switch (op) {
    case IPU_BINARY_EQUAL: return ux == uz;
    case IPU_BINARY_LESS: return ux < uz;
    case IPU_BINARY_LESS_OR_EQUAL: return ux <= uz;
    case IPU_BINARY_GREATER: return ux > uz;
    default: return ux >= uz;
    }
  }
  switch (op) {
  case IPU_BINARY_EQUAL: return x == z;
  case IPU_BINARY_LESS: return x < z;
  case IPU_BINARY_LESS_OR_EQUAL: return x <= z;
  case IPU_BINARY_GREATER: return x > z;
  default: return x >= z;
  }
}

static bool checkTypes(IpuBinaryOp op, const IpuTensor *a,
                       const IpuTensor *b, IpuKernelError *err) {
  const char *name = binaryName(op);
  IpuDType t = a->dtype;
  if (isLogical(op)) {
    if (t != IPU_DTYPE_BOOL || b->dtype != IPU_DTYPE_BOOL)
      return ipuKFail(err, name, "operands must be bool, not %s and %s",
                      ipuDTypeName(t), ipuDTypeName(b->dtype));
    return true;
  }
  bool numeric = ipuKIsFloat(t) || ipuKIsInteger(t);
  if (!numeric && !(isComparison(op) && t == IPU_DTYPE_BOOL))
    return ipuKFail(err, name, "unsupported element type %s",
                    ipuDTypeName(t));
  if (op == IPU_BINARY_POW) {
    if (!ipuKIsFloat(b->dtype) && !ipuKIsInteger(b->dtype))
      return ipuKFail(err, name, "unsupported exponent type %s",
                      ipuDTypeName(b->dtype));
    return true;
  }
  if (b->dtype != t)
    return ipuKFail(err, name, "operand types differ: %s and %s",
                    ipuDTypeName(t), ipuDTypeName(b->dtype));
  return true;
}

bool ipuKernelBinary(IpuBinaryOp op, const IpuTensor *a, const IpuTensor *b,
                     IpuTensor *y, IpuKernelError *err) {
  const char *name = binaryName(op);
  memset(y, 0, sizeof *y);
  if ((unsigned)op > IPU_BINARY_XOR)
    return ipuKFail(err, name, "unknown binary op %d", (int)op);
  if (!ipuKCheck(a, name, "first operand", err) ||
      !ipuKCheck(b, name, "second operand", err) ||
      !checkTypes(op, a, b, err))
    return false;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  IpuKernelError inner;
  if (!ipuBroadcastShapes(a->rank, a->shape, b->rank, b->shape, &rank, shape,
                          &inner))
    return ipuKFail(err, name, "%s", inner.message);
  IpuDType outType =
      isComparison(op) || isLogical(op) ? IPU_DTYPE_BOOL : a->dtype;
  if (!ipuKAlloc(y, outType, rank, shape, name, err))
    return false;
  const IpuTensor *ops[2] = {a, b};
  IpuKBroadcastPlan plan;
  ipuKBroadcastPlan(2, ops, rank, shape, &plan);
  int64_t n = plan.rowLength;
  int64_t sa = plan.strides[0][plan.rank - 1];
  int64_t sb = plan.strides[1][plan.rank - 1];
  IpuDType t = a->dtype;
  bool fast = t == IPU_DTYPE_F32 && b->dtype == IPU_DTYPE_F32 &&
              hasF32Row(op);
  bool floatMath = ipuKIsFloat(t) || (op == IPU_BINARY_POW);
  bool isU64 = t == IPU_DTYPE_U64;
  bool divByZero = false;
  for (int64_t row = 0; row < plan.numRows && n > 0; row++) {
    int64_t off[2];
    ipuKBroadcastRow(&plan, row, off);
    int64_t base = row * n;
    if (fast) {
      rowF32(op, (const float *)a->data + off[0], sa,
             (const float *)b->data + off[1], sb, (float *)y->data + base, n);
      continue;
    }
    for (int64_t i = 0; i < n; i++) {
      int64_t ia = off[0] + i * sa, ib = off[1] + i * sb;
      if (isLogical(op)) {
        bool x = ((const uint8_t *)a->data)[ia] != 0;
        bool z = ((const uint8_t *)b->data)[ib] != 0;
        bool r = op == IPU_BINARY_AND ? x && z
                 : op == IPU_BINARY_OR ? x || z
                                       : x != z;
        ((uint8_t *)y->data)[base + i] = r;
      } else if (isComparison(op)) {
        bool r = ipuKIsFloat(t)
                     ? compare(op, ipuKLoadF64(a->data, t, ia),
                               ipuKLoadF64(b->data, t, ib))
                     : compareInt(op, ipuKLoadI64(a->data, t, ia),
                                  ipuKLoadI64(b->data, t, ib), isU64);
        ((uint8_t *)y->data)[base + i] = r;
      } else if (floatMath) {
        double r = floatOp(op, ipuKLoadF64(a->data, t, ia),
                           ipuKLoadF64(b->data, b->dtype, ib));
        ipuKStoreF64(y->data, t, base + i, r);
      } else {
        int64_t r = intOp(op, ipuKLoadI64(a->data, t, ia),
                          ipuKLoadI64(b->data, t, ib), isU64, &divByZero);
        if (divByZero) {
          ipuTensorFree(y);
          return ipuKFail(err, name, "integer division by zero");
        }
        ipuKStoreI64(y->data, t, base + i, r);
      }
    }
  }
  return true;
}

/* ---- Variadic ops ------------------------------------------------------ */

bool ipuKernelVariadic(IpuVariadicOp op, int n, const IpuTensor *const *xs,
                       IpuTensor *y, IpuKernelError *err) {
  static const char *const names[] = {"Sum", "Mean", "Max", "Min"};
  const char *name = (unsigned)op < 4 ? names[op] : "variadic";
  memset(y, 0, sizeof *y);
  if ((unsigned)op > IPU_VARIADIC_MIN)
    return ipuKFail(err, name, "unknown variadic op %d", (int)op);
  if (n < 1 || !xs)
    return ipuKFail(err, name, "needs at least one input");
  for (int i = 0; i < n; i++)
    if (!ipuKCheck(xs[i], name, "input", err))
      return false;
  IpuDType t = xs[0]->dtype;
  if (op == IPU_VARIADIC_MEAN && !ipuKIsFloat(t))
    return ipuKFail(err, name, "unsupported element type %s",
                    ipuDTypeName(t));
  IpuBinaryOp bop = op == IPU_VARIADIC_MAX   ? IPU_BINARY_MAX
                    : op == IPU_VARIADIC_MIN ? IPU_BINARY_MIN
                                             : IPU_BINARY_ADD;
  IpuTensor acc;
  if (n == 1) {
    if (!ipuKIsFloat(t) && !ipuKIsInteger(t))
      return ipuKFail(err, name, "unsupported element type %s",
                      ipuDTypeName(t));
    if (!ipuTensorClone(&acc, xs[0]))
      return ipuKFail(err, name, "out of memory");
  } else {
    IpuKernelError inner;
    if (!ipuKernelBinary(bop, xs[0], xs[1], &acc, &inner))
      return ipuKFail(err, name, "%s", inner.message);
    for (int i = 2; i < n; i++) {
      IpuTensor next;
      bool ok = ipuKernelBinary(bop, &acc, xs[i], &next, &inner);
      ipuTensorFree(&acc);
      if (!ok)
        return ipuKFail(err, name, "%s", inner.message);
      acc = next;
    }
  }
  if (op == IPU_VARIADIC_MEAN) {
    int64_t count = ipuTensorNumElements(&acc);
    for (int64_t i = 0; i < count; i++)
      ipuKStoreF64(acc.data, t, i, ipuKLoadF64(acc.data, t, i) / n);
  }
  *y = acc;
  return true;
}

/* ---- Where ------------------------------------------------------------- */

bool ipuKernelWhere(const IpuTensor *cond, const IpuTensor *x,
                    const IpuTensor *y, IpuTensor *out,
                    IpuKernelError *err) {
  static const char op[] = "Where";
  memset(out, 0, sizeof *out);
  if (!ipuKCheck(cond, op, "condition", err) ||
      !ipuKCheck(x, op, "X", err) || !ipuKCheck(y, op, "Y", err))
    return false;
  if (cond->dtype != IPU_DTYPE_BOOL)
    return ipuKFail(err, op, "condition must be bool, not %s",
                    ipuDTypeName(cond->dtype));
  if (x->dtype != y->dtype)
    return ipuKFail(err, op, "X and Y types differ: %s and %s",
                    ipuDTypeName(x->dtype), ipuDTypeName(y->dtype));
  int r1, rank;
  int64_t s1[IPU_TENSOR_MAX_RANK], shape[IPU_TENSOR_MAX_RANK];
  IpuKernelError inner;
  if (!ipuBroadcastShapes(cond->rank, cond->shape, x->rank, x->shape, &r1,
                          s1, &inner) ||
      !ipuBroadcastShapes(r1, s1, y->rank, y->shape, &rank, shape, &inner))
    return ipuKFail(err, op, "%s", inner.message);
  if (!ipuKAlloc(out, x->dtype, rank, shape, op, err))
    return false;
  const IpuTensor *ops[3] = {cond, x, y};
  IpuKBroadcastPlan plan;
  ipuKBroadcastPlan(3, ops, rank, shape, &plan);
  size_t es = ipuDTypeSize(x->dtype);
  int64_t n = plan.rowLength;
  const uint8_t *c = cond->data;
  for (int64_t row = 0; row < plan.numRows && n > 0; row++) {
    int64_t off[3];
    ipuKBroadcastRow(&plan, row, off);
    char *d = (char *)out->data + (size_t)(row * n) * es;
    for (int64_t i = 0; i < n; i++) {
      bool pick = c[off[0] + i * plan.strides[0][plan.rank - 1]] != 0;
      const IpuTensor *src = pick ? x : y;
      int64_t si = off[pick ? 1 : 2] + i * plan.strides[pick ? 1 : 2][plan.rank - 1];
      memcpy(d + (size_t)i * es, (const char *)src->data + (size_t)si * es,
             es);
    }
  }
  return true;
}
