/* hl-decompose-lstm: unrolls an hl.lstm with constant weights into the
 * cell's plain hl ops, so that its gemms quantize and map onto arrays.
 *
 * Per direction, W and R become one constant each (4H x input, 4H x H),
 * read by every step through hl.gemm with trans_b, so that every step's
 * gemm names the same weight and hl-to-tile can give them one set of
 * blocks; the biases Wb + Rb are summed into one [4H] constant, the
 * first gemm's c. Per time step t (reverse directions walk t backwards):
 *   gates = gemm(x_t, W^T, Wb + Rb) + gemm(h, R^T)
 *   i, o, f, c = the four [batch, H] slices of gates (ONNX's order)
 *   i += Pi * c_prev, f += Pf * c_prev            (peepholes)
 *   clip i, f, c; i = f_act(i); f = input_forget ? 1 - i : f_act(f)
 *   c_new = f * c_prev + i * g_act(c)
 *   o += Po * c_new; clip o; o = f_act(o); h = o * h_act(c_new)
 * exactly the order ipuKernelLstm computes in, in f32. Without initial_h /
 * initial_c the first step's zero state is left out of the sums (adding
 * zero changes nothing). Y, Y_h and Y_c are rebuilt with hl.concat and
 * hl.reshape in either layout; results nobody uses are not built.
 *
 * Supported: f32, static shapes, constant W, R, B and P, sequence_lens
 * absent or a constant holding the full length everywhere, the
 * activations hl has an op or a short composition for. Anything else
 * keeps its hl.lstm (a remark says why): it then runs on the host. Cost
 * O(seq x directions) new ops per LSTM; `max-steps` bounds seq. */
#include <string.h>
#include <strings.h>

#include "passes.h"

/* The operands in ONNX order; the first three are required. */
enum { X, W, R, B, SEQ_LENS, INITIAL_H, INITIAL_C, P, NUM_SLOTS };

typedef enum {
  ACT_SIGMOID,
  ACT_TANH,
  ACT_RELU,
  ACT_AFFINE,
  ACT_LEAKY_RELU,
  ACT_THRESHOLDED_RELU,
  ACT_SCALED_TANH,
  ACT_HARD_SIGMOID,
  ACT_ELU,
  ACT_SOFTSIGN,
  ACT_SOFTPLUS,
} ActKind;

typedef struct {
  ActKind kind;
  float alpha, beta;
} Activation;

/* ONNX's names, the parameters each takes from activation_alpha /
 * activation_beta, and their defaults (as the interpreter reads them). */
static const struct {
  const char *name;
  ActKind kind;
  int numParams;
  float alpha, beta;
} kActivations[] = {
    {"Sigmoid", ACT_SIGMOID, 0, 0, 0},
    {"Tanh", ACT_TANH, 0, 0, 0},
    {"Relu", ACT_RELU, 0, 0, 0},
    {"Affine", ACT_AFFINE, 2, 1.0f, 0.0f},
    {"LeakyRelu", ACT_LEAKY_RELU, 1, 0.01f, 0},
    {"ThresholdedRelu", ACT_THRESHOLDED_RELU, 1, 1.0f, 0},
    {"ScaledTanh", ACT_SCALED_TANH, 2, 1.0f, 1.0f},
    {"HardSigmoid", ACT_HARD_SIGMOID, 2, 0.2f, 0.5f},
    {"Elu", ACT_ELU, 1, 1.0f, 0},
    {"Softsign", ACT_SOFTSIGN, 0, 0, 0},
    {"Softplus", ACT_SOFTPLUS, 0, 0, 0},
};

typedef struct {
  IpuContext *ctx;
  int64_t maxSteps;
  int64_t decomposed;
  unsigned blobCounter;
  bool failed;
} PassState;

/* One hl.lstm being decomposed. */
typedef struct {
  PassState *ps;
  IpuContext *ctx;
  IpuOp *op;
  IpuBuilder b;
  IpuLocation loc;
  IpuType f32;
  IpuValue slots[NUM_SLOTS];
  IpuAttr weightAttrs[NUM_SLOTS]; /* constant values of W, R, B, P */
  int64_t seq, batch, input, hidden, dirs, layout;
  bool reverse, inputForget, hasClip;
  float clip;
  Activation acts[6];
  IpuTensor w, r, bias, peep; /* f32 views of W, R, B, P */
  IpuValue *xs;               /* x_t as [batch, input], made on first use */
  IpuValue *hs;               /* h of direction d at time t: hs[d*seq+t] */
  IpuValue lastH[2], lastC[2];
} Lstm;

/* ---- Reading the op. ---- */

static bool isStaticF32(IpuType t, IpuType f32) {
  return t && ipuTypeGetKind(t) == IPU_TYPE_RANKED_TENSOR &&
         ipuShapedTypeHasStaticShape(t) &&
         ipuShapedTypeGetElementType(t) == f32;
}

/* Slot -> operand, from operandSegmentSizes or, without it, the leading
 * slots. False when the attribute does not describe the operands. */
static bool assignSlots(Lstm *l) {
  IpuAttr seg = ipuOpGetAttr(l->op, "operandSegmentSizes");
  intptr_t n = ipuOpGetNumOperands(l->op);
  for (int i = 0; i < NUM_SLOTS; ++i)
    l->slots[i] = NULL;
  if (!seg) {
    if (n < 3 || n > NUM_SLOTS)
      return false;
    for (intptr_t i = 0; i < n; ++i)
      l->slots[i] = ipuOpGetOperand(l->op, i);
    return true;
  }
  IpuType elem = ipuAttrGetKind(seg) == IPU_ATTR_DENSE_ARRAY
                     ? ipuDenseArrayAttrGetElementType(seg)
                     : NULL;
  if (!elem || !ipuTypeIsInteger(elem) || ipuIntegerTypeGetWidth(elem) != 32 ||
      ipuDenseArrayAttrGetNumElements(seg) != NUM_SLOTS)
    return false;
  const int32_t *sizes = ipuDenseArrayAttrGetData(seg);
  intptr_t next = 0;
  for (int i = 0; i < NUM_SLOTS; ++i) {
    if (sizes[i] != 0 && sizes[i] != 1)
      return false;
    if (sizes[i] && next >= n)
      return false;
    if (sizes[i])
      l->slots[i] = ipuOpGetOperand(l->op, next++);
  }
  return next == n && l->slots[X] && l->slots[W] && l->slots[R];
}

static bool f32ArrayAttr(IpuOp *op, const char *name, IpuType f32,
                         const float **data, intptr_t *n) {
  IpuAttr a = ipuOpGetAttr(op, name);
  *data = NULL;
  *n = 0;
  if (!a)
    return true;
  if (ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetElementType(a) != f32)
    return false;
  *data = ipuDenseArrayAttrGetData(a);
  *n = ipuDenseArrayAttrGetNumElements(a);
  return true;
}

/* The activations f, g, h per direction; as the interpreter (and ONNX
 * Runtime), the alpha / beta lists are consumed in order by the
 * activations that take parameters. NULL, or why not. */
static const char *readActivations(Lstm *l) {
  for (int d = 0; d < 2; ++d) {
    l->acts[3 * d] = (Activation){ACT_SIGMOID, 0, 0};
    l->acts[3 * d + 1] = (Activation){ACT_TANH, 0, 0};
    l->acts[3 * d + 2] = (Activation){ACT_TANH, 0, 0};
  }
  IpuAttr acts = ipuOpGetAttr(l->op, "activations");
  if (!acts)
    return NULL;
  const float *alphas, *betas;
  intptr_t numAlpha, numBeta, nextAlpha = 0, nextBeta = 0;
  if (ipuAttrGetKind(acts) != IPU_ATTR_ARRAY ||
      ipuArrayAttrGetNumElements(acts) != 3 * l->dirs ||
      !f32ArrayAttr(l->op, "activation_alpha", l->f32, &alphas, &numAlpha) ||
      !f32ArrayAttr(l->op, "activation_beta", l->f32, &betas, &numBeta))
    return "malformed activation attributes";
  for (intptr_t i = 0; i < 3 * l->dirs; ++i) {
    IpuAttr e = ipuArrayAttrGetElement(acts, i);
    if (ipuAttrGetKind(e) != IPU_ATTR_STRING)
      return "malformed activation attributes";
    IpuStringRef s = ipuStringAttrGetValue(e);
    int found = -1;
    for (size_t k = 0; k < sizeof kActivations / sizeof *kActivations; ++k)
      if (strlen(kActivations[k].name) == s.length &&
          !strncasecmp(kActivations[k].name, s.data, s.length))
        found = (int)k;
    if (found < 0)
      return "an activation without an hl form";
    Activation *a = &l->acts[i];
    a->kind = kActivations[found].kind;
    a->alpha = kActivations[found].alpha;
    a->beta = kActivations[found].beta;
    if (kActivations[found].numParams >= 1 && nextAlpha < numAlpha)
      a->alpha = alphas[nextAlpha++];
    if (kActivations[found].numParams >= 2 && nextBeta < numBeta)
      a->beta = betas[nextBeta++];
  }
  return NULL;
}

/* Reads a constant f32 operand into `t`; NULL, or why not. */
static const char *readConstant(Lstm *l, int slot, const char *name,
                                IpuTensor *t) {
  IpuAttr value;
  if (!ipuPassMatchHlConstant(l->slots[slot], &value))
    return name;
  if (ipuFailed(ipuInterpTensorFromAttr(l->ctx, l->loc, value, t))) {
    l->ps->failed = true;
    return "";
  }
  if (t->dtype != IPU_DTYPE_F32)
    return name;
  l->weightAttrs[slot] = value;
  return NULL;
}

/* Whether sequence_lens is absent or a constant of the full length for
 * every batch entry. */
static bool fullLengths(Lstm *l) {
  IpuAttr value;
  if (!l->slots[SEQ_LENS])
    return true;
  if (!ipuPassMatchHlConstant(l->slots[SEQ_LENS], &value))
    return false;
  IpuTensor t;
  if (ipuFailed(ipuInterpTensorFromAttr(l->ctx, l->loc, value, &t))) {
    l->ps->failed = true;
    return false;
  }
  bool full = (t.dtype == IPU_DTYPE_I32 || t.dtype == IPU_DTYPE_I64) &&
              ipuTensorNumElements(&t) == l->batch;
  for (int64_t i = 0; full && i < l->batch; ++i)
    full = (t.dtype == IPU_DTYPE_I32 ? ((const int32_t *)t.data)[i]
                                     : ((const int64_t *)t.data)[i]) ==
           l->seq;
  ipuTensorFree(&t);
  return full;
}

static bool tensorHasShape(const IpuTensor *t, int rank, int64_t d0,
                           int64_t d1, int64_t d2) {
  const int64_t dims[3] = {d0, d1, d2};
  if (t->rank != rank)
    return false;
  for (int i = 0; i < rank; ++i)
    if (t->shape[i] != dims[i])
      return false;
  return true;
}

/* Fills `l` from its op. NULL when the op can be decomposed, else why not
 * (the empty string after an error has been reported). */
static const char *analyze(Lstm *l) {
  IpuOp *op = l->op;
  if (!assignSlots(l) || ipuOpGetNumResults(op) != 3)
    return "unexpected operands or results";
  IpuType xt = ipuValueGetType(l->slots[X]);
  if (!isStaticF32(xt, l->f32) || ipuShapedTypeGetRank(xt) != 3)
    return "X is not a static f32 tensor of rank 3";
  for (int i = 0; i < 3; ++i)
    if (!isStaticF32(ipuValueGetType(ipuOpGetResult(op, i)), l->f32))
      return "a result is not a static f32 tensor";
  for (int s = INITIAL_H; s <= INITIAL_C; ++s)
    if (l->slots[s] && !isStaticF32(ipuValueGetType(l->slots[s]), l->f32))
      return "an initial state is not a static f32 tensor";

  IpuAttr a = ipuOpGetAttr(op, "layout");
  l->layout = a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER
                  ? ipuIntegerAttrGetInt(a) : 0;
  a = ipuOpGetAttr(op, "hidden_size");
  l->hidden = a && ipuAttrGetKind(a) == IPU_ATTR_INTEGER
                  ? ipuIntegerAttrGetInt(a) : 0;
  a = ipuOpGetAttr(op, "direction");
  IpuStringRef dir = a && ipuAttrGetKind(a) == IPU_ATTR_STRING
                         ? ipuStringAttrGetValue(a)
                         : ipuStringRefFromCString("forward");
  l->dirs = ipuStringRefEqual(dir, ipuStringRefFromCString("bidirectional"))
                ? 2 : 1;
  l->reverse = ipuStringRefEqual(dir, ipuStringRefFromCString("reverse"));
  if (l->dirs == 1 && !l->reverse &&
      !ipuStringRefEqual(dir, ipuStringRefFromCString("forward")))
    return "an unknown direction";
  a = ipuOpGetAttr(op, "input_forget");
  l->inputForget = a && ipuAttrIsBool(a) && ipuBoolAttrGetValue(a);
  a = ipuOpGetAttr(op, "clip");
  l->hasClip = a && ipuAttrGetKind(a) == IPU_ATTR_FLOAT;
  /* The kernel takes the f32 value and clips only when it is positive. */
  l->clip = l->hasClip ? (float)ipuFloatAttrGetValue(a) : 0.0f;
  l->hasClip = l->hasClip && l->clip > 0.0f;
  if (l->layout != 0 && l->layout != 1)
    return "an unknown layout";
  l->seq = ipuShapedTypeGetDimSize(xt, l->layout ? 1 : 0);
  l->batch = ipuShapedTypeGetDimSize(xt, l->layout ? 0 : 1);
  l->input = ipuShapedTypeGetDimSize(xt, 2);
  if (l->seq < 1 || l->batch < 1 || l->input < 1 || l->hidden < 1)
    return "an empty sequence, batch, input or state";
  if (l->hidden > ((int64_t)1 << 30))
    return "a hidden size beyond 2^30";
  if (l->seq > l->ps->maxSteps)
    return "more time steps than max-steps";
  const char *why = readActivations(l);
  if (why)
    return why;
  if (!fullLengths(l))
    return l->ps->failed ? ""
                         : "sequence_lens is not a constant equal to the "
                           "sequence length everywhere";
  int64_t h = l->hidden, g4 = 4 * h;
  if ((why = readConstant(l, W, "W is not an f32 constant", &l->w)) ||
      (why = readConstant(l, R, "R is not an f32 constant", &l->r)) ||
      (l->slots[B] &&
       (why = readConstant(l, B, "B is not an f32 constant", &l->bias))) ||
      (l->slots[P] &&
       (why = readConstant(l, P, "P is not an f32 constant", &l->peep))))
    return why;
  if (!tensorHasShape(&l->w, 3, l->dirs, g4, l->input) ||
      !tensorHasShape(&l->r, 3, l->dirs, g4, h) ||
      (l->slots[B] && !tensorHasShape(&l->bias, 2, l->dirs, 2 * g4, 0)) ||
      (l->slots[P] && !tensorHasShape(&l->peep, 2, l->dirs, 3 * h, 0)))
    return "unexpected weight shapes";
  return NULL;
}

/* ---- Building. ---- */

/* Creates `name` with inferred result types; its first result, or NULL
 * after an error. */
static IpuValue emit(Lstm *l, const char *name, intptr_t numOperands,
                     const IpuValue *operands, intptr_t numAttrs,
                     const char *const *names, const IpuAttr *attrs) {
  if (l->ps->failed)
    return NULL;
  IpuOpState os;
  ipuOpStateInit(&os, l->ctx, ipuStringRefFromCString(name), l->loc);
  ipuOpStateAddOperands(&os, numOperands, operands);
  for (intptr_t i = 0; i < numAttrs; ++i)
    ipuOpStateAddAttr(&os, names[i], attrs[i]);
  os.inferResultTypes = true;
  IpuOp *op = ipuBuilderCreate(&l->b, &os);
  if (!op) {
    l->ps->failed = true;
    return NULL;
  }
  return ipuOpGetResult(op, 0);
}

static IpuValue unary(Lstm *l, const char *name, IpuValue x) {
  return emit(l, name, 1, &x, 0, NULL, NULL);
}

static IpuValue binary(Lstm *l, const char *name, IpuValue a, IpuValue b) {
  IpuValue operands[2] = {a, b};
  return emit(l, name, 2, operands, 0, NULL, NULL);
}

static IpuAttr f32Attr(Lstm *l, float v) {
  return ipuFloatAttrGet(l->ctx, l->f32, v);
}

static IpuAttr i64Attr(Lstm *l, int64_t v) {
  return ipuIntegerAttrGet(l->ctx, ipuIntegerTypeGet(l->ctx, 64, IPU_SIGNLESS),
                           v);
}

/* `v`[begin, end) on `axis`. */
static IpuValue slice(Lstm *l, IpuValue v, int64_t axis, int64_t begin,
                      int64_t end) {
  static const char *const names[3] = {"starts", "ends", "axes"};
  IpuAttr attrs[3] = {ipuDenseI64ArrayAttrGet(l->ctx, 1, &begin),
                      ipuDenseI64ArrayAttrGet(l->ctx, 1, &end),
                      ipuDenseI64ArrayAttrGet(l->ctx, 1, &axis)};
  return emit(l, "hl.slice", 1, &v, 3, names, attrs);
}

static IpuValue reshape(Lstm *l, IpuValue v, intptr_t rank,
                        const int64_t *shape) {
  IpuType t = v ? ipuValueGetType(v) : NULL;
  if (t && ipuShapedTypeGetRank(t) == rank &&
      !memcmp(ipuShapedTypeGetShape(t), shape, (size_t)rank * sizeof *shape))
    return v;
  static const char *const names[1] = {"shape"};
  IpuAttr attrs[1] = {ipuDenseI64ArrayAttrGet(l->ctx, rank, shape)};
  return emit(l, "hl.reshape", 1, &v, 1, names, attrs);
}

static IpuValue concat(Lstm *l, intptr_t n, const IpuValue *vs, int64_t axis) {
  static const char *const names[1] = {"axis"};
  IpuAttr attrs[1] = {i64Attr(l, axis)};
  return n == 1 ? vs[0] : emit(l, "hl.concat", n, vs, 1, names, attrs);
}

/* A constant of `rank` dims from f32 data. */
static IpuValue constant(Lstm *l, intptr_t rank, const int64_t *shape,
                         const float *data, const char *hint) {
  if (l->ps->failed)
    return NULL;
  IpuType type = ipuRankedTensorTypeGet(l->ctx, rank, shape, l->f32, NULL);
  int64_t n = 1;
  for (intptr_t i = 0; i < rank; ++i)
    n *= shape[i];
  IpuOp *c = ipuPassCreateHlConstant(&l->b, type, data,
                                     (size_t)n * sizeof(float), hint,
                                     &l->ps->blobCounter, l->loc);
  if (!c) {
    l->ps->failed = true;
    return NULL;
  }
  return ipuOpGetResult(c, 0);
}

static IpuValue scalar(Lstm *l, float v) {
  int64_t one = 1;
  return constant(l, 1, &one, &v, "lstm_scalar");
}

/* ONNX's activation `a` applied to `x`, in the kernel's formula. */
static IpuValue activate(Lstm *l, const Activation *a, IpuValue x) {
  static const char *const alphaName[1] = {"alpha"};
  static const char *const alphaBeta[2] = {"alpha", "beta"};
  IpuAttr ab[2] = {f32Attr(l, a->alpha), f32Attr(l, a->beta)};
  switch (a->kind) {
  case ACT_SIGMOID: return unary(l, "hl.sigmoid", x);
  case ACT_TANH: return unary(l, "hl.tanh", x);
  case ACT_RELU: return unary(l, "hl.relu", x);
  case ACT_LEAKY_RELU:
    return emit(l, "hl.leaky_relu", 1, &x, 1, alphaName, ab);
  case ACT_THRESHOLDED_RELU:
    return emit(l, "hl.thresholded_relu", 1, &x, 1, alphaName, ab);
  case ACT_ELU: return emit(l, "hl.elu", 1, &x, 1, alphaName, ab);
  case ACT_HARD_SIGMOID:
    return emit(l, "hl.hard_sigmoid", 1, &x, 2, alphaBeta, ab);
  /* The compositions name each step so that the ops come out in one
   * order whatever order a compiler evaluates arguments in. */
  case ACT_AFFINE: { /* alpha * x + beta */
    IpuValue alpha = scalar(l, a->alpha);
    IpuValue scaled = binary(l, "hl.mul", alpha, x);
    IpuValue beta = scalar(l, a->beta);
    return binary(l, "hl.add", scaled, beta);
  }
  case ACT_SCALED_TANH: { /* alpha * tanh(beta * x) */
    IpuValue beta = scalar(l, a->beta);
    IpuValue t = unary(l, "hl.tanh", binary(l, "hl.mul", beta, x));
    IpuValue alpha = scalar(l, a->alpha);
    return binary(l, "hl.mul", alpha, t);
  }
  case ACT_SOFTSIGN: { /* x / (1 + |x|) */
    IpuValue one = scalar(l, 1.0f);
    IpuValue denominator = binary(l, "hl.add", one, unary(l, "hl.abs", x));
    return binary(l, "hl.div", x, denominator);
  }
  case ACT_SOFTPLUS: { /* log(1 + exp(x)): the kernel's log1pf differs
                         * by less than the rounding of 1 + exp(x) */
    IpuValue one = scalar(l, 1.0f);
    IpuValue sum = binary(l, "hl.add", one, unary(l, "hl.exp", x));
    return unary(l, "hl.log", sum);
  }
  }
  return NULL;
}

static IpuValue clipGate(Lstm *l, IpuValue g) {
  if (!l->hasClip)
    return g;
  static const char *const names[2] = {"min", "max"};
  IpuAttr attrs[2] = {f32Attr(l, -l->clip), f32Attr(l, l->clip)};
  return emit(l, "hl.clip", 1, &g, 2, names, attrs);
}

/* x_t as [batch, input]. */
static IpuValue inputAt(Lstm *l, int64_t t) {
  if (l->xs[t])
    return l->xs[t];
  IpuValue s = slice(l, l->slots[X], l->layout ? 1 : 0, t, t + 1);
  const int64_t shape[2] = {l->batch, l->input};
  return l->xs[t] = s ? reshape(l, s, 2, shape) : NULL;
}

/* Direction d's part of an initial state, as [batch, H]; NULL (zeros)
 * when the state is absent. */
static IpuValue initialState(Lstm *l, int slot, int d) {
  if (!l->slots[slot])
    return NULL;
  IpuValue s = slice(l, l->slots[slot], l->layout ? 1 : 0, d, d + 1);
  const int64_t shape[2] = {l->batch, l->hidden};
  return s ? reshape(l, s, 2, shape) : NULL;
}

/* The per-direction constants of one direction. */
typedef struct {
  IpuValue w, r, bias, pi, po, pf;
} DirConstants;

static bool makeConstants(Lstm *l, int d, DirConstants *k) {
  int64_t h = l->hidden, g4 = 4 * h;
  const float *w = (const float *)l->w.data + d * g4 * l->input;
  const float *r = (const float *)l->r.data + d * g4 * h;
  char hint[96];
  memset(k, 0, sizeof *k);
  ipuPassBlobNameHint(l->weightAttrs[W], d ? "w_reverse" : "w", "lstm_w",
                      hint, sizeof hint);
  k->w = constant(l, 2, (int64_t[]){g4, l->input}, w, hint);
  ipuPassBlobNameHint(l->weightAttrs[R], d ? "r_reverse" : "r", "lstm_r",
                      hint, sizeof hint);
  k->r = constant(l, 2, (int64_t[]){g4, h}, r, hint);
  if (l->slots[B]) {
    float *sum = ipuAlloc(l->ctx, (size_t)g4 * sizeof(float));
    if (!sum) {
      ipuOpEmitError(l->op, "out of memory decomposing the LSTM");
      l->ps->failed = true;
      return false;
    }
    /* Wb + Rb in f32, as the kernel adds them. */
    const float *b = (const float *)l->bias.data + d * 2 * g4;
    for (int64_t j = 0; j < g4; ++j)
      sum[j] = b[j] + b[g4 + j];
    k->bias = constant(l, 1, &g4, sum, "lstm_bias");
    ipuFree(l->ctx, sum);
  }
  if (l->slots[P]) {
    const float *p = (const float *)l->peep.data + d * 3 * h;
    k->pi = constant(l, 1, &h, p, "lstm_peephole_i");
    k->po = constant(l, 1, &h, p + h, "lstm_peephole_o");
    k->pf = constant(l, 1, &h, p + 2 * h, "lstm_peephole_f");
  }
  return !l->ps->failed;
}

static IpuValue gemmTransB(Lstm *l, IpuValue a, IpuValue w, IpuValue c) {
  static const char *const names[1] = {"trans_b"};
  IpuAttr attrs[1] = {ipuBoolAttrGet(l->ctx, true)};
  IpuValue operands[3] = {a, w, c};
  return emit(l, "hl.gemm", c ? 3 : 2, operands, 1, names, attrs);
}

/* One direction over the whole sequence. */
static bool runDirection(Lstm *l, int d) {
  DirConstants k;
  if (!makeConstants(l, d, &k))
    return false;
  const Activation *f = &l->acts[3 * d], *g = f + 1, *hAct = f + 2;
  bool reverse = l->reverse || d == 1;
  int64_t h = l->hidden;
  IpuValue hPrev = initialState(l, INITIAL_H, d);
  IpuValue cPrev = initialState(l, INITIAL_C, d);
  IpuValue ones = NULL;
  for (int64_t step = 0; step < l->seq && !l->ps->failed; ++step) {
    int64_t t = reverse ? l->seq - 1 - step : step;
    IpuValue gates = gemmTransB(l, inputAt(l, t), k.w, k.bias);
    if (hPrev)
      gates = binary(l, "hl.add", gates, gemmTransB(l, hPrev, k.r, NULL));
    IpuValue gi = slice(l, gates, 1, 0, h);
    IpuValue go = slice(l, gates, 1, h, 2 * h);
    /* The forget gate only matters once there is a state to forget. */
    IpuValue gf = cPrev && !l->inputForget ? slice(l, gates, 1, 2 * h, 3 * h)
                                           : NULL;
    IpuValue gc = slice(l, gates, 1, 3 * h, 4 * h);
    if (k.pi && cPrev) {
      gi = binary(l, "hl.add", gi, binary(l, "hl.mul", k.pi, cPrev));
      if (gf)
        gf = binary(l, "hl.add", gf, binary(l, "hl.mul", k.pf, cPrev));
    }
    IpuValue it = activate(l, f, clipGate(l, gi));
    IpuValue ft = NULL;
    if (cPrev && l->inputForget) {
      if (!ones)
        ones = scalar(l, 1.0f);
      ft = binary(l, "hl.sub", ones, it);
    } else if (cPrev) {
      ft = activate(l, f, clipGate(l, gf));
    }
    IpuValue ct = activate(l, g, clipGate(l, gc));
    IpuValue cNew = binary(l, "hl.mul", it, ct);
    if (cPrev)
      cNew = binary(l, "hl.add", binary(l, "hl.mul", ft, cPrev), cNew);
    if (k.po)
      go = binary(l, "hl.add", go, binary(l, "hl.mul", k.po, cNew));
    IpuValue ot = activate(l, f, clipGate(l, go));
    IpuValue hNew = binary(l, "hl.mul", ot, activate(l, hAct, cNew));
    l->hs[d * l->seq + t] = hNew;
    hPrev = hNew;
    cPrev = cNew;
  }
  l->lastH[d] = hPrev;
  l->lastC[d] = cPrev;
  return !l->ps->failed;
}

/* Y from the per-step hidden states. */
static IpuValue buildY(Lstm *l) {
  int64_t n = l->seq * l->dirs, bh = l->batch * l->hidden;
  IpuValue *parts = ipuCalloc(l->ctx, (size_t)n, sizeof *parts);
  if (!parts) {
    ipuOpEmitError(l->op, "out of memory decomposing the LSTM");
    l->ps->failed = true;
    return NULL;
  }
  /* Layout 0: [seq, D, batch, H] is (t, d)-major blocks of [batch, H];
   * layout 1: [batch, seq, D, H] holds per batch row the (t, d) states
   * side by side. */
  for (int64_t t = 0; t < l->seq; ++t)
    for (int64_t d = 0; d < l->dirs; ++d) {
      IpuValue hv = l->hs[d * l->seq + t];
      parts[t * l->dirs + d] =
          l->layout ? hv
                    : reshape(l, hv, 2, (int64_t[]){1, bh});
    }
  IpuValue joined = concat(l, n, parts, l->layout ? 1 : 0);
  ipuFree(l->ctx, parts);
  int64_t shape[4] = {l->seq, l->dirs, l->batch, l->hidden};
  if (l->layout) {
    shape[0] = l->batch;
    shape[1] = l->seq;
    shape[2] = l->dirs;
  }
  return joined ? reshape(l, joined, 4, shape) : NULL;
}

/* Y_h or Y_c from each direction's last state. */
static IpuValue buildState(Lstm *l, const IpuValue *last) {
  IpuValue joined = concat(l, l->dirs, last, l->layout ? 1 : 0);
  int64_t shape[3] = {l->dirs, l->batch, l->hidden};
  if (l->layout) {
    shape[0] = l->batch;
    shape[1] = l->dirs;
  }
  return joined ? reshape(l, joined, 3, shape) : NULL;
}

static void releaseLstm(Lstm *l) {
  ipuTensorFree(&l->w);
  ipuTensorFree(&l->r);
  ipuTensorFree(&l->bias);
  ipuTensorFree(&l->peep);
  ipuFree(l->ctx, l->xs);
  ipuFree(l->ctx, l->hs);
}

static void decompose(PassState *ps, IpuOp *op) {
  Lstm l;
  memset(&l, 0, sizeof l);
  l.ps = ps;
  l.ctx = ps->ctx;
  l.op = op;
  l.loc = ipuOpGetLoc(op);
  l.f32 = ipuFloatTypeGet(ps->ctx, IPU_F32);
  ipuBuilderInit(&l.b, ps->ctx);
  ipuBuilderSetInsertionPointBefore(&l.b, op);
  const char *why = analyze(&l);
  if (why) {
    if (*why)
      ipuOpEmitRemark(op, "left whole (it runs on the host): %s", why);
    releaseLstm(&l);
    return;
  }
  l.xs = ipuCalloc(l.ctx, (size_t)l.seq, sizeof *l.xs);
  l.hs = ipuCalloc(l.ctx, (size_t)(l.seq * l.dirs), sizeof *l.hs);
  if (!l.xs || !l.hs) {
    ipuOpEmitError(op, "out of memory decomposing the LSTM");
    ps->failed = true;
    releaseLstm(&l);
    return;
  }
  for (int d = 0; d < l.dirs && !ps->failed; ++d)
    runDirection(&l, d);
  IpuValue results[3] = {NULL, NULL, NULL};
  if (!ps->failed && ipuValueHasUses(ipuOpGetResult(op, 0)))
    results[0] = buildY(&l);
  if (!ps->failed && ipuValueHasUses(ipuOpGetResult(op, 1)))
    results[1] = buildState(&l, l.lastH);
  if (!ps->failed && ipuValueHasUses(ipuOpGetResult(op, 2)))
    results[2] = buildState(&l, l.lastC);
  releaseLstm(&l);
  if (ps->failed)
    return;
  for (int i = 0; i < 3; ++i)
    if (results[i])
      ipuValueReplaceAllUsesWith(ipuOpGetResult(op, i), results[i]);
  IpuOp *old[NUM_SLOTS];
  for (int i = 0; i < NUM_SLOTS; ++i)
    old[i] = l.slots[i] ? ipuValueGetDefiningOp(l.slots[i]) : NULL;
  ipuOpDestroy(op);
  /* A constant read twice (W as R) must be erased once. */
  for (int i = 0; i < NUM_SLOTS; ++i) {
    bool seen = false;
    for (int j = 0; j < i; ++j)
      seen = seen || old[j] == old[i];
    if (!seen)
      ipuPassEraseIfDeadConstant(old[i]);
  }
  ps->decomposed++;
}

static IpuLogicalResult runDecomposeLstm(IpuOp *func, IpuPassRun *run) {
  PassState ps;
  memset(&ps, 0, sizeof ps);
  ps.ctx = ipuPassRunGetContext(run);
  ps.maxSteps = ipuPassRunGetInt(run, "max-steps");
  /* The LSTMs first: decomposing one inserts ops the walk need not see. */
  intptr_t num = 0, cap = 0;
  IpuOp **lstms = NULL;
  for (intptr_t r = 0; r < ipuOpGetNumRegions(func); ++r)
    for (IpuBlock *blk = ipuRegionGetFirstBlock(ipuOpGetRegion(func, r)); blk;
         blk = ipuBlockGetNext(blk))
      for (IpuOp *op = ipuBlockGetFirstOp(blk); op; op = ipuOpGetNext(op)) {
        if (!ipuOpIsA(op, "hl.lstm"))
          continue;
        if (num == cap) {
          intptr_t grown = cap ? 2 * cap : 8;
          IpuOp **more = ipuRealloc(ps.ctx, lstms,
                                    (size_t)grown * sizeof *more);
          if (!more) {
            ipuFree(ps.ctx, lstms);
            ipuOpEmitError(func, "out of memory");
            return IPU_FAILURE;
          }
          lstms = more;
          cap = grown;
        }
        lstms[num++] = op;
      }
  for (intptr_t i = 0; i < num && !ps.failed; ++i)
    decompose(&ps, lstms[i]);
  ipuFree(ps.ctx, lstms);
  return ipuPassFinishRewrites(run, "num-decomposed", ps.decomposed,
                               ps.failed);
}

static const IpuPassOptionDef decomposeOptions[] = {
    {"max-steps", IPU_OPTION_INT, "1024",
     "Longest sequence unrolled; longer LSTMs stay whole", NULL},
};

static const IpuPassStatisticDef decomposeStatistics[] = {
    {"num-decomposed", "Number of hl.lstm ops unrolled into cell ops"},
};

const IpuPassDef ipuHlDecomposeLstmPass = {
    .argument = "hl-decompose-lstm",
    .summary = "Unroll hl.lstm with constant weights into the cell's hl ops",
    .description =
        "Every hl.lstm with static f32 shapes, constant W, R (and B, P) "
        "and sequence_lens absent or constant at the full length becomes, "
        "per direction and time step, gemm(x_t, W^T, Wb + Rb) + "
        "gemm(h, R^T), the gate slices, peepholes, clip, activations and "
        "the state update, in ONNX's gate order (i, o, f, c) and "
        "ipuKernelLstm's arithmetic; one constant per direction for W and "
        "one for R is read by every step's gemm. Y, Y_h and Y_c are "
        "rebuilt with concat and reshape. Other LSTMs stay whole, with a "
        "remark saying why.",
    .anchor = "func.func",
    .options = decomposeOptions,
    .numOptions = sizeof decomposeOptions / sizeof *decomposeOptions,
    .statistics = decomposeStatistics,
    .numStatistics = 1,
    .run = runDecomposeLstm,
};
