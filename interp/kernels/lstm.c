/* ONNX LSTM (one layer; forward, reverse or bidirectional; peepholes,
 * clipping, input_forget, sequence_lens, both layouts). The input
 * projections of all steps are one SGEMM; each step adds H x R^T. */
#include "kernel_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char op[] = "LSTM";

void ipuLstmParamsDefault(IpuLstmParams *p) {
  memset(p, 0, sizeof *p);
  for (int d = 0; d < 2; d++) {
    p->activations[3 * d].kind = IPU_RNN_ACT_SIGMOID;
    p->activations[3 * d + 1].kind = IPU_RNN_ACT_TANH;
    p->activations[3 * d + 2].kind = IPU_RNN_ACT_TANH;
  }
}

static float activate(const IpuRnnActivation *a, float x) {
  float al = a->alpha, be = a->beta;
  switch (a->kind) {
  case IPU_RNN_ACT_SIGMOID: return 1.0f / (1.0f + expf(-x));
  case IPU_RNN_ACT_TANH: return tanhf(x);
  case IPU_RNN_ACT_RELU: return x > 0 ? x : 0.0f;
  case IPU_RNN_ACT_AFFINE: return al * x + be;
  case IPU_RNN_ACT_LEAKY_RELU: return x < 0 ? al * x : x;
  case IPU_RNN_ACT_THRESHOLDED_RELU: return x > al ? x : 0.0f;
  case IPU_RNN_ACT_SCALED_TANH: return al * tanhf(be * x);
  case IPU_RNN_ACT_HARD_SIGMOID: return fmaxf(0.0f, fminf(1.0f, al * x + be));
  case IPU_RNN_ACT_ELU: return x < 0 ? al * (expf(x) - 1.0f) : x;
  case IPU_RNN_ACT_SOFTSIGN: return x / (1.0f + fabsf(x));
  case IPU_RNN_ACT_SOFTPLUS: return log1pf(expf(x));
  default: return x;
  }
}

/* Checks that an optional input has exactly the given shape. */
static bool shapeIs(const IpuTensor *t, const char *name, int rank,
                    const int64_t *shape, IpuKernelError *err) {
  if (!t)
    return true;
  if (!ipuKCheck(t, op, name, err))
    return false;
  bool ok = t->rank == rank;
  for (int i = 0; ok && i < rank; i++)
    ok = t->shape[i] == shape[i];
  if (!ok) {
    char buf[96] = "";
    size_t n = 0;
    for (int i = 0; i < rank && n < sizeof buf - 24; i++)
      n += (size_t)snprintf(buf + n, sizeof buf - n, i ? ", %lld" : "%lld",
                            (long long)shape[i]);
    return ipuKFail(err, op, "%s must have shape (%s)", name, buf);
  }
  return true;
}

typedef struct {
  int64_t seq, batch, in, hidden, dirs;
} Dims;

/* Runs one direction. xw holds X x W^T + Wb + Rb for all steps as
 * (seq, batch, 4H); h and c hold the initial state and receive the final
 * one; y (seq, batch, H) is the per-step output of this direction. */
static bool runDirection(const IpuLstmParams *p, const Dims *d, int dir,
                         bool reverse, const float *xw, const float *r,
                         const float *peep, const int64_t *lens, float *h,
                         float *c, float *y) {
  int64_t hs = d->hidden, b = d->batch, g4 = 4 * hs;
  float *gates = ipuKScratch(b * g4, sizeof(float));
  float *hNew = ipuKScratch(b * hs, sizeof(float));
  if (!gates || !hNew) {
    free(gates);
    free(hNew);
    return false;
  }
  const IpuRnnActivation *f = &p->activations[3 * dir];
  const IpuRnnActivation *g = f + 1, *hAct = f + 2;
  float clip = p->clip;
  for (int64_t step = 0; step < d->seq; step++) {
    int64_t t = reverse ? d->seq - 1 - step : step;
    memcpy(gates, xw + t * b * g4, (size_t)(b * g4) * sizeof(float));
    /* gates += H_{t-1} x R^T, R being (4H, H). */
    if (!ipuSgemm(false, true, b, g4, hs, 1.0f, h, hs, r, hs, 1.0f, gates,
                  g4)) {
      free(gates);
      free(hNew);
      return false;
    }
    for (int64_t bi = 0; bi < b; bi++) {
      float *gt = gates + bi * g4, *cb = c + bi * hs;
      float *yt = y + (t * b + bi) * hs;
      /* Steps past this entry's length (reverse: the padding before its
       * last step) leave the state alone and output zeros. */
      bool active = reverse ? t < lens[bi] : step < lens[bi];
      if (!active) {
        memset(yt, 0, (size_t)hs * sizeof(float));
        continue;
      }
      for (int64_t j = 0; j < hs; j++) {
        float gi = gt[j], go = gt[hs + j], gf = gt[2 * hs + j];
        float gc = gt[3 * hs + j];
        float cPrev = cb[j];
        if (peep) {
          gi += peep[j] * cPrev;
          gf += peep[2 * hs + j] * cPrev;
        }
        if (clip > 0) {
          gi = fminf(fmaxf(gi, -clip), clip);
          gf = fminf(fmaxf(gf, -clip), clip);
          gc = fminf(fmaxf(gc, -clip), clip);
        }
        float it = activate(f, gi);
        float ft = p->inputForget ? 1.0f - it : activate(f, gf);
        float ct = activate(g, gc);
        float cNew = ft * cPrev + it * ct;
        if (peep)
          go += peep[hs + j] * cNew;
        if (clip > 0)
          go = fminf(fmaxf(go, -clip), clip);
        float ot = activate(f, go);
        cb[j] = cNew;
        hNew[bi * hs + j] = ot * activate(hAct, cNew);
      }
      memcpy(yt, hNew + bi * hs, (size_t)hs * sizeof(float));
    }
    /* Commit the new hidden state of the active entries only. */
    for (int64_t bi = 0; bi < b; bi++) {
      bool active = reverse ? t < lens[bi] : step < lens[bi];
      if (active)
        memcpy(h + bi * hs, hNew + bi * hs, (size_t)hs * sizeof(float));
    }
  }
  free(gates);
  free(hNew);
  return true;
}

/* Checks the inputs and fills the dimensions. */
static bool checkInputs(const IpuLstmParams *p, const IpuLstmInputs *in,
                        Dims *d, IpuKernelError *err) {
  if (!ipuKCheck(in->x, op, "X", err) || !ipuKCheck(in->w, op, "W", err) ||
      !ipuKCheck(in->r, op, "R", err))
    return false;
  if ((unsigned)p->direction > IPU_RNN_BIDIRECTIONAL)
    return ipuKFail(err, op, "unknown direction %d", (int)p->direction);
  if (p->layout != 0 && p->layout != 1)
    return ipuKFail(err, op, "layout must be 0 or 1");
  for (int i = 0; i < 6; i++)
    if ((unsigned)p->activations[i].kind > IPU_RNN_ACT_SOFTPLUS)
      return ipuKFail(err, op, "unknown activation %d",
                      (int)p->activations[i].kind);
  const IpuTensor *x = in->x;
  if (x->rank != 3 || in->w->rank != 3 || in->r->rank != 3)
    return ipuKFail(err, op, "X, W and R must have rank 3");
  if (!ipuKIsFloat(x->dtype))
    return ipuKFail(err, op, "unsupported element type %s",
                    ipuDTypeName(x->dtype));
  d->seq = p->layout ? x->shape[1] : x->shape[0];
  d->batch = p->layout ? x->shape[0] : x->shape[1];
  d->in = x->shape[2];
  d->dirs = p->direction == IPU_RNN_BIDIRECTIONAL ? 2 : 1;
  d->hidden = p->hiddenSize ? p->hiddenSize : in->r->shape[2];
  if (d->hidden < 1 || d->hidden > ((int64_t)1 << 30))
    return ipuKFail(err, op, "invalid hidden_size %lld",
                    (long long)d->hidden);
  int64_t h = d->hidden;
  int64_t wShape[3] = {d->dirs, 4 * h, d->in};
  int64_t rShape[3] = {d->dirs, 4 * h, h};
  int64_t bShape[2] = {d->dirs, 8 * h};
  int64_t lShape[1] = {d->batch};
  int64_t sShape[3] = {d->dirs, d->batch, h};
  if (p->layout)
    sShape[0] = d->batch, sShape[1] = d->dirs;
  int64_t pShape[2] = {d->dirs, 3 * h};
  if (!shapeIs(in->w, "W", 3, wShape, err) ||
      !shapeIs(in->r, "R", 3, rShape, err) ||
      !shapeIs(in->b, "B", 2, bShape, err) ||
      !shapeIs(in->sequenceLens, "sequence_lens", 1, lShape, err) ||
      !shapeIs(in->initialH, "initial_h", 3, sShape, err) ||
      !shapeIs(in->initialC, "initial_c", 3, sShape, err) ||
      !shapeIs(in->p, "P", 2, pShape, err))
    return false;
  const IpuTensor *floats[] = {in->w, in->r, in->b, in->initialH,
                               in->initialC, in->p};
  for (int i = 0; i < 6; i++)
    if (floats[i] && !ipuKIsFloat(floats[i]->dtype))
      return ipuKFail(err, op, "W, R, B, initial states and P must be float");
  if (in->sequenceLens) {
    const IpuTensor *l = in->sequenceLens;
    if (l->dtype != IPU_DTYPE_I32 && l->dtype != IPU_DTYPE_I64)
      return ipuKFail(err, op, "sequence_lens must be int32 or int64");
    for (int64_t i = 0; i < d->batch; i++) {
      int64_t v = ipuKLoadI64(l->data, l->dtype, i);
      if (v < 0 || v > d->seq)
        return ipuKFail(err, op, "sequence length %lld is out of range "
                        "[0, %lld]", (long long)v, (long long)d->seq);
    }
  }
  return true;
}

/* Offset of (direction, batch entry) in a state tensor: (dirs, batch, H),
 * or (batch, dirs, H) with layout 1. */
static int64_t stateOffset(const Dims *d, int64_t layout, int dir, int64_t b) {
  return layout ? (b * d->dirs + dir) * d->hidden
                : (dir * d->batch + b) * d->hidden;
}

/* One direction's state between a state tensor and (batch, H). */
static void readState(const Dims *d, int64_t layout, int dir,
                      const float *tensor, float *dst) {
  for (int64_t b = 0; b < d->batch; b++)
    memcpy(dst + b * d->hidden, tensor + stateOffset(d, layout, dir, b),
           (size_t)d->hidden * sizeof(float));
}
static void writeState(const Dims *d, int64_t layout, int dir,
                       const float *src, float *tensor) {
  for (int64_t b = 0; b < d->batch; b++)
    memcpy(tensor + stateOffset(d, layout, dir, b), src + b * d->hidden,
           (size_t)d->hidden * sizeof(float));
}

/* f32 views of the float inputs, freed together. */
typedef struct {
  IpuTensor tmp[7];
  const float *x, *w, *r, *b, *h0, *c0, *p;
} F32Inputs;

static bool viewInputs(const IpuLstmInputs *in, F32Inputs *v,
                       IpuKernelError *err) {
  memset(v, 0, sizeof *v);
  const IpuTensor *src[7] = {in->x, in->w, in->r, in->b,
                             in->initialH, in->initialC, in->p};
  const float **dst[7] = {&v->x, &v->w, &v->r, &v->b, &v->h0, &v->c0, &v->p};
  for (int i = 0; i < 7; i++)
    if (src[i] && !(*dst[i] = ipuKAsF32(src[i], &v->tmp[i], op, err)))
      return false;
  return true;
}

bool ipuKernelLstm(const IpuLstmParams *p, const IpuLstmInputs *in,
                   IpuTensor *y, IpuTensor *yH, IpuTensor *yC,
                   IpuKernelError *err) {
  IpuTensor *outs[3] = {y, yH, yC};
  for (int i = 0; i < 3; i++)
    if (outs[i])
      memset(outs[i], 0, sizeof *outs[i]);
  if (!p || !in)
    return ipuKFail(err, op, "missing attributes or inputs");
  Dims d;
  if (!checkInputs(p, in, &d, err))
    return false;
  int64_t h = d.hidden, g4 = 4 * h, sb = d.seq * d.batch;
  int64_t yShape[4] = {d.seq, d.dirs, d.batch, h};
  if (p->layout)
    yShape[0] = d.batch, yShape[1] = d.seq, yShape[2] = d.dirs;
  int64_t sShape[3] = {d.dirs, d.batch, h};
  if (p->layout)
    sShape[0] = d.batch, sShape[1] = d.dirs;
  F32Inputs v;
  IpuTensor yT, hT, cT;
  memset(&yT, 0, sizeof yT);
  memset(&hT, 0, sizeof hT);
  memset(&cT, 0, sizeof cT);
  float *xs = NULL, *xw = NULL, *state = NULL, *ydir = NULL;
  int64_t *lens = NULL;
  bool ok = viewInputs(in, &v, err) &&
            ipuKAlloc(&yT, IPU_DTYPE_F32, 4, yShape, op, err) &&
            ipuKAlloc(&hT, IPU_DTYPE_F32, 3, sShape, op, err) &&
            ipuKAlloc(&cT, IPU_DTYPE_F32, 3, sShape, op, err);
  if (ok) {
    xs = ipuKScratch(sb * d.in, sizeof(float));
    xw = ipuKScratch(sb * g4, sizeof(float));
    state = ipuKScratch(2 * d.batch * h, sizeof(float));
    ydir = ipuKScratch(sb * h, sizeof(float));
    lens = ipuKScratch(d.batch, sizeof(int64_t));
    ok = xs && xw && state && ydir && lens;
    if (!ok)
      ipuKFail(err, op, "out of memory");
  }
  if (ok) {
    /* X as (seq, batch, in) whatever the layout. */
    for (int64_t t = 0; t < d.seq; t++)
      for (int64_t b = 0; b < d.batch; b++)
        memcpy(xs + (t * d.batch + b) * d.in,
               v.x + (p->layout ? b * d.seq + t : t * d.batch + b) * d.in,
               (size_t)d.in * sizeof(float));
    for (int64_t b = 0; b < d.batch; b++)
      lens[b] = in->sequenceLens ? ipuKLoadI64(in->sequenceLens->data,
                                               in->sequenceLens->dtype, b)
                                 : d.seq;
  }
  for (int dir = 0; ok && dir < d.dirs; dir++) {
    bool reverse = p->direction == IPU_RNN_REVERSE || dir == 1;
    /* xw = X x W^T + Wb + Rb for every step at once. */
    for (int64_t i = 0; i < sb; i++)
      for (int64_t j = 0; j < g4; j++)
        xw[i * g4 + j] = v.b ? v.b[dir * 2 * g4 + j] +
                                   v.b[dir * 2 * g4 + g4 + j]
                             : 0.0f;
    ok = ipuSgemm(false, true, sb, g4, d.in, 1.0f, xs, d.in,
                  v.w + dir * g4 * d.in, d.in, 1.0f, xw, g4);
    float *hs = state, *cs = state + d.batch * h;
    if (v.h0)
      readState(&d, p->layout, dir, v.h0, hs);
    else
      memset(hs, 0, (size_t)(d.batch * h) * sizeof(float));
    if (v.c0)
      readState(&d, p->layout, dir, v.c0, cs);
    else
      memset(cs, 0, (size_t)(d.batch * h) * sizeof(float));
    ok = ok && runDirection(p, &d, dir, reverse, xw, v.r + dir * g4 * h,
                            v.p ? v.p + dir * 3 * h : NULL, lens, hs, cs,
                            ydir);
    if (!ok) {
      ipuKFail(err, op, "out of memory");
      break;
    }
    float *yd = yT.data;
    for (int64_t t = 0; t < d.seq; t++)
      for (int64_t b = 0; b < d.batch; b++) {
        int64_t off = p->layout ? ((b * d.seq + t) * d.dirs + dir) * h
                                : ((t * d.dirs + dir) * d.batch + b) * h;
        memcpy(yd + off, ydir + (t * d.batch + b) * h,
               (size_t)h * sizeof(float));
      }
    writeState(&d, p->layout, dir, hs, hT.data);
    writeState(&d, p->layout, dir, cs, cT.data);
  }
  free(xs);
  free(xw);
  free(state);
  free(ydir);
  free(lens);
  for (int i = 0; i < 7; i++)
    ipuTensorFree(&v.tmp[i]);
  IpuTensor *results[3] = {&yT, &hT, &cT};
  for (int i = 0; i < 3; i++) {
    if (ok && outs[i]) {
      *outs[i] = *results[i];
      ok = ipuKFromF32(outs[i], in->x->dtype, op, err);
    } else {
      ipuTensorFree(results[i]);
    }
  }
  if (!ok)
    for (int i = 0; i < 3; i++)
      if (outs[i])
        ipuTensorFree(outs[i]);
  return ok;
}
