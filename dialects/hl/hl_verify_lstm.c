/* Verifier and result type inference of hl.lstm: which optional operands
 * are present (operandSegmentSizes), their shapes for either layout, and
 * the shapes of Y, Y_h and Y_c. */
#include "hl_check.h"
#include "hl_hooks.h"

/* The operands in ONNX order; the first three are required. */
enum { X, W, R, B, SEQ_LENS, INITIAL_H, INITIAL_C, P, NUM_SLOTS };

static const char *const kSlotNames[NUM_SLOTS] = {
    "X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"};

static const char *const kActivations[] = {
    "Relu",     "Tanh",     "Sigmoid",  "Affine",      "LeakyRelu",
    "ThresholdedRelu", "ScaledTanh", "HardSigmoid", "Elu", "Softsign",
    "Softplus", NULL};

/* Operand index of each slot, -1 when absent. */
static IpuLogicalResult assignSlots(const HlCheck *c, intptr_t *slots) {
  IpuAttr seg = hlAttr(c, "operandSegmentSizes");
  if (!seg) {
    if (ipuFailed(hlCheckOperandCount(c, 3, NUM_SLOTS)))
      return IPU_FAILURE;
    for (intptr_t i = 0; i < NUM_SLOTS; ++i)
      slots[i] = i < c->numOperands ? i : -1;
    return IPU_SUCCESS;
  }
  IpuType elem = ipuAttrGetKind(seg) == IPU_ATTR_DENSE_ARRAY
                     ? ipuDenseArrayAttrGetElementType(seg)
                     : NULL;
  if (!elem || !ipuTypeIsInteger(elem) || ipuIntegerTypeGetWidth(elem) != 32)
    return hlError(c, "attribute 'operandSegmentSizes' failed to satisfy "
                      "constraint: i32 dense array attribute");
  intptr_t n = ipuDenseArrayAttrGetNumElements(seg);
  if (n != NUM_SLOTS)
    return hlError(c, "'operandSegmentSizes' attribute for specifying "
                      "operand segments must have %d elements, but got %jd",
                   NUM_SLOTS, (intmax_t)n);
  const int32_t *sizes = ipuDenseArrayAttrGetData(seg);
  intptr_t total = 0;
  for (intptr_t i = 0; i < NUM_SLOTS; ++i) {
    int32_t want = sizes[i];
    if (want != 1 && (i < B || want != 0))
      return hlError(c, "'operandSegmentSizes' gives %s %d operands; it "
                        "takes %s",
                     kSlotNames[i], (int)want, i < B ? "1" : "0 or 1");
    slots[i] = want ? total : -1;
    total += want;
  }
  if (total != c->numOperands)
    return hlError(c, "operand count (%jd) does not match with the total "
                      "size (%jd) specified in attribute "
                      "'operandSegmentSizes'",
                   (intmax_t)c->numOperands, (intmax_t)total);
  return IPU_SUCCESS;
}

static IpuLogicalResult checkActivations(const HlCheck *c,
                                         int64_t directions) {
  IpuAttr a = hlAttr(c, "activations");
  HlF32Array alpha, beta;
  if (ipuFailed(hlAttrF32Array(c, "activation_alpha", &alpha)) ||
      ipuFailed(hlAttrF32Array(c, "activation_beta", &beta)))
    return IPU_FAILURE;
  if (!a)
    return IPU_SUCCESS;
  if (ipuAttrGetKind(a) != IPU_ATTR_ARRAY)
    return hlError(c, "attribute 'activations' failed to satisfy "
                      "constraint: %s",
                   ipuAttrConstraintName(IPU_ATTRC_ARRAY));
  intptr_t n = ipuArrayAttrGetNumElements(a);
  if (ipuFailed(hlExpectCount(c, "activations", n, 3 * directions)))
    return IPU_FAILURE;
  for (intptr_t i = 0; i < n; ++i) {
    IpuAttr name = ipuArrayAttrGetElement(a, i);
    bool known = false;
    for (int k = 0; kActivations[k] && ipuAttrGetKind(name) == IPU_ATTR_STRING;
         ++k)
      known = known || ipuStringRefEqual(ipuStringAttrGetValue(name),
                                         ipuStringRefFromCString(
                                             kActivations[k]));
    if (!known) {
      DialectText text;
      return hlError(c, "unknown activation %s", dialectAttrText(name, &text));
    }
  }
  return IPU_SUCCESS;
}

/* An operand in a slot, float with X's element type unless it is
 * sequence_lens (i32). */
static IpuLogicalResult slotOperand(const HlCheck *c, const intptr_t *slots,
                                    int slot, IpuType elem, HlTensor *t) {
  if (ipuFailed(hlRankedOperand(c, slots[slot], t)))
    return IPU_FAILURE;
  IpuType want =
      slot == SEQ_LENS ? ipuIntegerTypeGet(c->ctx, 32, IPU_SIGNLESS) : elem;
  if (t->elem == want)
    return IPU_SUCCESS;
  DialectText wantText, got;
  return hlError(c, "requires %s element type '%s', got '%s'",
                 kSlotNames[slot], dialectTypeText(want, &wantText),
                 dialectTypeText(t->elem, &got));
}

static IpuLogicalResult lstmShape(HlCheck *c, IpuType *results) {
  static const char *const directions[] = {"forward", "reverse",
                                           "bidirectional", NULL};
  intptr_t slots[NUM_SLOTS];
  HlTensor x;
  int64_t hidden, layout;
  int direction;
  bool inputForget;
  double clip;
  bool hasClip;
  if (ipuFailed(assignSlots(c, slots)) ||
      ipuFailed(hlRankedOperand(c, slots[X], &x)) ||
      ipuFailed(hlExpectRank(c, &x, "X", 3)) ||
      ipuFailed(hlExpectFloat(c, slots[X], &x)) ||
      !hlRequiredAttr(c, "hidden_size") ||
      ipuFailed(hlAttrI64(c, "hidden_size", 1, &hidden)) ||
      ipuFailed(hlAttrEnum(c, "direction", directions, 0, &direction)) ||
      ipuFailed(hlAttrI64(c, "layout", 0, &layout)) ||
      ipuFailed(hlAttrBool(c, "input_forget", false, &inputForget)) ||
      ipuFailed(hlAttrF32(c, "clip", 0.0, &clip, &hasClip)))
    return IPU_FAILURE;
  int64_t gates4, gates8, gates3;
  if (hidden < 1)
    return hlError(c, "hidden_size must be positive");
  if (!hlMulOk(hidden, 8, &gates8))
    return hlError(c, "hidden_size is too large");
  gates4 = hidden * 4;
  gates3 = hidden * 3;
  if (layout != 0 && layout != 1)
    return hlError(c, "layout must be 0 or 1, got %lld", (long long)layout);
  if (hasClip && !(clip > 0.0))
    return hlError(c, "clip must be positive");
  int64_t dirs = direction == 2 ? 2 : 1;
  if (ipuFailed(checkActivations(c, dirs)))
    return IPU_FAILURE;

  int64_t seq = x.dims[layout ? 1 : 0], batch = x.dims[layout ? 0 : 1];
  int64_t input = x.dims[2];
  const int64_t state[3] = {layout ? batch : dirs, layout ? dirs : batch,
                            hidden};
  struct {
    int slot;
    intptr_t rank;
    int64_t dims[3];
  } expected[] = {
      {W, 3, {dirs, gates4, input}},   {R, 3, {dirs, gates4, hidden}},
      {B, 2, {dirs, gates8, 0}},       {SEQ_LENS, 1, {batch, 0, 0}},
      {INITIAL_H, 3, {state[0], state[1], state[2]}},
      {INITIAL_C, 3, {state[0], state[1], state[2]}},
      {P, 2, {dirs, gates3, 0}},
  };
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; ++i) {
    HlTensor t;
    int slot = expected[i].slot;
    if (slots[slot] < 0)
      continue;
    if (ipuFailed(slotOperand(c, slots, slot, x.elem, &t)) ||
        ipuFailed(hlExpectDims(c, kSlotNames[slot], &t, expected[i].rank,
                               expected[i].dims)))
      return IPU_FAILURE;
  }

  int64_t y[4] = {seq, dirs, batch, hidden};
  if (layout) {
    y[0] = batch;
    y[1] = seq;
    y[2] = dirs;
  }
  results[0] = hlRankedType(c, 4, y, x.elem);
  results[1] = hlRankedType(c, 3, state, x.elem);
  results[2] = results[1];
  return results[0] && results[1] ? IPU_SUCCESS : IPU_FAILURE;
}

HL_DEFINE_HOOKS(Lstm, "hl.lstm", lstmShape, 3)
