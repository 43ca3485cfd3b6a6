/* The simulator's discrete-event loop: control cores stepping through their
 * programs (tiles in order, one inference after another; the host with one
 * thread per inference), arrays, SIMD units, NoC links reserved cut-through
 * with contention, receive credits; inference 0 also computes the values
 * with the interpreter's kernels, and counts the energy events. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

/* ---- The event queue: a binary heap on (time, sequence). ---------------- */

static bool eventBefore(const SimEvent *a, const SimEvent *b) {
  return a->time != b->time ? a->time < b->time : a->seq < b->seq;
}

static bool schedule(Sim *s, uint64_t time, uint32_t kind, uint32_t a,
                     int64_t b) {
  SimHeap *h = &s->heap;
  if (h->count == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 256;
    SimEvent *items = ipuRealloc(s->ctx, h->items, cap * sizeof *items);
    if (!items) {
      ipuEmitError(s->ctx, s->loc, "out of memory in the event queue");
      return false;
    }
    h->items = items;
    h->cap = cap;
  }
  SimEvent e = {time, s->seq++, kind, a, b};
  size_t i = h->count++;
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!eventBefore(&e, &h->items[parent]))
      break;
    h->items[i] = h->items[parent];
    i = parent;
  }
  h->items[i] = e;
  return true;
}

static SimEvent popEvent(SimHeap *h) {
  SimEvent top = h->items[0], last = h->items[--h->count];
  size_t i = 0;
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= h->count)
      break;
    if (child + 1 < h->count &&
        eventBefore(&h->items[child + 1], &h->items[child]))
      ++child;
    if (!eventBefore(&h->items[child], &last))
      break;
    h->items[i] = h->items[child];
    i = child;
  }
  if (h->count)
    h->items[i] = last;
  return top;
}

/* ---- Helpers. ---------------------------------------------------------- */

static uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

/* Cycles of a duration computed in floating point, saturated far below
 * the range of the clock (absurd rates give absurd but defined times). */
static uint64_t toCycles(double c) {
  const double cap = 4.0e18;
  return c >= cap ? (uint64_t)cap : c > 0 ? (uint64_t)ceil(c) : 0;
}

static uint64_t bufferElements(const IpubBuffer *b) {
  uint64_t n = 1;
  for (int i = 0; i < b->rank; ++i)
    n *= (uint64_t)b->shape[i];
  return n;
}

static uint64_t bufferBytes(const IpubBuffer *b) {
  return bufferElements(b) * ipuDTypeSize(b->dtype);
}

static bool instrError(Sim *s, const SimCtx *c, const char *msg) {
  const SimOwner *ow = &s->owners[c->owner];
  const IpubInstr *in = &ow->tile->instrs[c->pc];
  const char *where = in->debugLoc < s->m->numDebugLocs
                          ? s->m->debugLocs[in->debugLoc]
                          : "?";
  if (ow->isHost)
    ipuEmitError(s->ctx, s->loc, "the host, instruction %u (%s): %s", c->pc,
                 where, msg);
  else
    ipuEmitError(s->ctx, s->loc, "tile (%d, %d, %d), instruction %u (%s): "
                 "%s", (int)ow->tile->chip, (int)ow->tile->x,
                 (int)ow->tile->y, c->pc, where, msg);
  return false;
}

static double energyPerEvent(const IpuTarget *t, int kind) {
  switch (kind) {
  case SIM_E_ANALOG_MAC:
    return t->energyAnalogMacPj;
  case SIM_E_SRAM_BYTE:
    return t->energySramBytePj;
  case SIM_E_NOC_BYTE_HOP:
    return t->energyNocByteHopPj;
  case SIM_E_CHIP_LINK_BYTE: /* PCIe as the host link: no figure of its own */
  case SIM_E_HOST_LINK_BYTE:
    return t->energyHostLinkBytePj;
  default:
    return t->energySimdOpPj;
  }
}

/* Counts `count` events of `kind` for the instruction (inference 0 only:
 * every inference does the same work). */
static void account(Sim *s, const IpubInstr *in, int kind, uint64_t count) {
  double pj = (double)count * energyPerEvent(s->t, kind);
  s->energy[kind] += pj;
  uint32_t layer = in->debugLoc < s->m->numDebugLocs ? in->debugLoc
                                                     : s->m->numDebugLocs;
  s->layers[layer].energyPj += pj;
  if (kind == SIM_E_ANALOG_MAC)
    s->layers[layer].macs += count;
  if (kind == SIM_E_SIMD_OP)
    s->layers[layer].simdOps += count;
}

/* ---- Values (inference 0). --------------------------------------------- */

static const IpuTensor *readBuffer(Sim *s, const SimCtx *c, uint32_t b) {
  const IpuTensor *v = &s->owners[c->owner].values[b];
  if (!v->data && v->dtype == IPU_DTYPE_UNDEFINED) {
    char msg[128];
    snprintf(msg, sizeof msg, "buffer '%s' is read before it is written",
             s->owners[c->owner].tile->buffers[b].name
                 ? s->owners[c->owner].tile->buffers[b].name
                 : "?");
    instrError(s, c, msg);
    return NULL;
  }
  return v;
}

/* Moves *t into buffer b, taking the buffer's type and shape (the bytes
 * are what moves; they must be as many). */
static bool writeBuffer(Sim *s, const SimCtx *c, uint32_t b, IpuTensor *t) {
  SimOwner *ow = &s->owners[c->owner];
  const IpubBuffer *buf = &ow->tile->buffers[b];
  if (ipuTensorByteSize(t) != bufferBytes(buf)) {
    char msg[160];
    snprintf(msg, sizeof msg, "a value of %zu bytes does not fit buffer "
             "'%s' of %llu bytes", ipuTensorByteSize(t),
             buf->name ? buf->name : "?",
             (unsigned long long)bufferBytes(buf));
    ipuTensorFree(t);
    return instrError(s, c, msg);
  }
  t->dtype = buf->dtype;
  t->rank = buf->rank;
  memcpy(t->shape, buf->shape, sizeof t->shape);
  ipuTensorFree(&ow->values[b]);
  ow->values[b] = *t;
  memset(t, 0, sizeof *t);
  return true;
}

static bool runMvm(Sim *s, const SimCtx *c, const IpubInstr *in) {
  SimOwner *ow = &s->owners[c->owner];
  const IpuTensor *x = readBuffer(s, c, in->srcs[0]);
  if (!x)
    return false;
  IpuKernelError err;
  IpuTensor windows, y;
  memset(&windows, 0, sizeof windows);
  if (in->hasWindow) {
    IpuWindowParams g;
    memcpy(g.kernel, in->window.kernel, sizeof g.kernel);
    memcpy(g.strides, in->window.strides, sizeof g.strides);
    memcpy(g.pads, in->window.pads, sizeof g.pads);
    memcpy(g.dilations, in->window.dilations, sizeof g.dilations);
    g.channelBegin = in->window.channelBegin;
    g.channelCount = in->window.channelCount;
    if (!ipuKernelWindows(&g, x, &windows, &err))
      return instrError(s, c, err.message);
    x = &windows;
  }
  IpuMvmParams p = {s->opts.adcBits > 0 ? s->opts.adcBits : in->adcBits,
                    in->adcShift, in->inputBits, in->inputSlices};
  bool ok = ipuKernelMvm(&p, x, &ow->packed[in->block], &y, &err);
  ipuTensorFree(&windows);
  if (!ok)
    return instrError(s, c, err.message);
  return writeBuffer(s, c, in->dsts[0], &y);
}

static bool runWindows(Sim *s, const SimCtx *c, const IpubInstr *in) {
  const IpuTensor *x = readBuffer(s, c, in->srcs[0]);
  if (!x)
    return false;
  IpuWindowParams g;
  memcpy(g.kernel, in->window.kernel, sizeof g.kernel);
  memcpy(g.strides, in->window.strides, sizeof g.strides);
  memcpy(g.pads, in->window.pads, sizeof g.pads);
  memcpy(g.dilations, in->window.dilations, sizeof g.dilations);
  g.channelBegin = in->window.channelBegin;
  g.channelCount = in->window.channelCount;
  IpuKernelError err;
  IpuTensor y;
  if (!ipuKernelWindows(&g, x, &y, &err))
    return instrError(s, c, err.message);
  return writeBuffer(s, c, in->dsts[0], &y);
}

static bool runAccumulate(Sim *s, const SimCtx *c, const IpubInstr *in) {
  const IpuTensor **ins = ipuAlloc(s->ctx, in->numSrcs * sizeof *ins);
  if (!ins)
    return instrError(s, c, "out of memory");
  bool ok = true;
  for (uint32_t i = 0; ok && i < in->numSrcs; ++i)
    ok = (ins[i] = readBuffer(s, c, in->srcs[i])) != NULL;
  IpuKernelError err;
  IpuTensor y;
  if (ok && !ipuKernelAccumulate(in->numSrcs, ins, &y, &err))
    ok = instrError(s, c, err.message);
  ipuFree(s->ctx, ins);
  return ok && writeBuffer(s, c, in->dsts[0], &y);
}

static bool runExec(Sim *s, const SimCtx *c, const IpubInstr *in) {
  IpuTensor *ins = ipuAlloc(s->ctx, (in->numSrcs + 1) * sizeof *ins);
  if (!ins)
    return instrError(s, c, "out of memory");
  bool ok = true;
  for (uint32_t i = 0; ok && i < in->numSrcs; ++i) {
    const IpuTensor *v = readBuffer(s, c, in->srcs[i]);
    if (v)
      ins[i] = *v; /* a view: the interpreter only reads its inputs */
    ok = v != NULL;
  }
  IpuTensor *outs = NULL;
  intptr_t numOuts = 0;
  if (ok && ipuFailed(ipuInterpRunFunc(s->kernels[in->kernel], in->numSrcs,
                                       ins, &outs, &numOuts)))
    ok = instrError(s, c, "its kernel failed");
  ipuFree(s->ctx, ins);
  if (ok && numOuts != (intptr_t)in->numDsts)
    ok = instrError(s, c, "its kernel returns a different number of values "
                          "than the instruction has destinations");
  for (intptr_t d = 0; ok && d < numOuts; ++d)
    ok = writeBuffer(s, c, in->dsts[d], &outs[d]);
  if (outs)
    ipuInterpOutputsFree(outs, numOuts);
  return ok;
}

static bool runInput(Sim *s, const SimCtx *c, const IpubInstr *in) {
  IpuTensor t;
  if (!ipuTensorClone(&t, &s->inputs[in->index]))
    return instrError(s, c, "out of memory");
  return writeBuffer(s, c, in->dsts[0], &t);
}

static bool runOutput(Sim *s, const SimCtx *c, const IpubInstr *in) {
  const IpuTensor *v = readBuffer(s, c, in->srcs[0]);
  const IpubTensorDesc *d = &s->m->outputs[in->index];
  IpuTensor *out = &s->outputs[in->index];
  if (!v)
    return false;
  ipuTensorFree(out);
  if (!ipuTensorClone(out, v))
    return instrError(s, c, "out of memory");
  uint64_t n = 1;
  for (int i = 0; i < d->rank && d->rank <= IPU_TENSOR_MAX_RANK; ++i)
    n *= d->shape[i] >= 0 ? (uint64_t)d->shape[i] : 0;
  if (d->rank < 0 || d->rank > IPU_TENSOR_MAX_RANK ||
      n * ipuDTypeSize(d->dtype) != ipuTensorByteSize(out))
    return instrError(s, c, "the value does not match the model's output");
  out->dtype = d->dtype;
  out->rank = d->rank;
  memcpy(out->shape, d->shape, sizeof out->shape);
  return true;
}

/* ---- The NoC: cut-through over reserved links. ------------------------ */

/* Reserves the route's links for a message whose head is ready at `t0`:
 * each link is held from when the head enters it (once free) until the
 * tail leaves it; returns when the tail has left the sender, and sets
 * *arrival to when the whole message is in the receiver's buffer. */
static uint64_t reserveRoute(Sim *s, SimRoute *rt, uint64_t t0,
                             uint64_t *arrival, bool count) {
  uint64_t head = t0, prevTail = 0, prevLat = 0, injected = 0;
  for (uint32_t i = 0; i < rt->numLinks; ++i) {
    SimLink *l = &s->links[rt->links[i]];
    uint64_t cycles = toCycles((double)rt->bytes / l->bytesPerCycle);
    uint64_t start = head > l->freeAt ? head : l->freeAt;
    uint64_t tail = start + cycles;
    if (i > 0 && prevTail + prevLat > tail)
      tail = prevTail + prevLat;
    l->freeAt = tail;
    l->busyCycles += tail - start;
    if (count)
      l->bytes += rt->bytes;
    if (i == 0)
      injected = tail;
    head = start + l->latencyCycles;
    prevTail = tail;
    prevLat = l->latencyCycles;
  }
  *arrival = prevTail + prevLat;
  return injected;
}

/* ---- Control cores. ----------------------------------------------------- */

static int64_t waiterIndex(const Sim *s, uint32_t owner, int64_t inference) {
  return s->owners[owner].isHost ? inference : 0;
}

/* Wakes the sender of route r if the next message may go now. */
static bool wakeSender(Sim *s, uint32_t r, uint64_t now) {
  SimRoute *rt = &s->routes[r];
  if (rt->sent >= s->opts.inferences || rt->sent - rt->freed >= rt->slots)
    return true;
  int64_t *w = &rt->sendWaiter[waiterIndex(s, rt->srcOwner, rt->sent)];
  if (*w < 0)
    return true;
  uint32_t ci = (uint32_t)*w;
  *w = -1;
  return schedule(s, now, SIM_EV_RETRY, ci, 0);
}

static bool blockOn(Sim *s, uint32_t ci, int64_t *waiter) {
  *waiter = ci;
  s->ctxs[ci].state = CTX_WAIT;
  return true;
}

/* The streamed ADC epilogue: an EXEC right after the MVM that reads the
 * MVM's streamed result runs alongside it. */
static bool streamedPair(const IpubTile *t, uint32_t pc) {
  const IpubInstr *mvm = &t->instrs[pc];
  if (pc + 1 >= t->numInstrs || t->instrs[pc + 1].opcode != IPUB_OP_EXEC ||
      t->buffers[mvm->dsts[0]].streamRows == 0)
    return false;
  const IpubInstr *next = &t->instrs[pc + 1];
  for (uint32_t k = 0; k < next->numSrcs; ++k)
    if (next->srcs[k] == mvm->dsts[0])
      return true;
  return false;
}

static uint64_t simdCycles(const Sim *s, uint64_t ops) {
  return ceilDiv(ops, (uint64_t)s->t->simdLanes);
}

static uint64_t srcBytes(const IpubTile *t, const IpubInstr *in) {
  uint64_t n = 0;
  for (uint32_t k = 0; k < in->numSrcs; ++k)
    n += bufferBytes(&t->buffers[in->srcs[k]]);
  return n;
}

static uint64_t dstBytes(const IpubTile *t, const IpubInstr *in) {
  uint64_t n = 0;
  for (uint32_t k = 0; k < in->numDsts; ++k)
    n += bufferBytes(&t->buffers[in->dsts[k]]);
  return n;
}

/* An EXEC's time and events; on the host its CPU is one shared unit. */
static uint64_t execCycles(Sim *s, SimOwner *ow, const IpubInstr *in,
                           bool first) {
  uint64_t ops = s->kernelOps[in->kernel];
  /* Its data already sits where its result goes (views). */
  if (in->inPlace && !ow->isHost)
    return 0;
  if (ow->isHost)
    return toCycles((double)ops / s->opts.hostOpsPerSecond * s->t->clockHz);
  if (first) {
    account(s, in, SIM_E_SIMD_OP, ops);
    account(s, in, SIM_E_SRAM_BYTE,
            srcBytes(ow->tile, in) + dstBytes(ow->tile, in));
  }
  return simdCycles(s, ops);
}

/* An MVM (and its streamed epilogue): returns the cycles after issue. */
static bool issueMvm(Sim *s, uint32_t ci, bool first, uint64_t *cycles) {
  SimCtx *c = &s->ctxs[ci];
  SimOwner *ow = &s->owners[c->owner];
  const IpubTile *t = ow->tile;
  const IpubInstr *in = &t->instrs[c->pc];
  const IpubBuffer *dst = &t->buffers[in->dsts[0]];
  const IpubBlock *bl = &t->blocks[in->block];
  uint64_t m = dst->rank >= 1 ? (uint64_t)dst->shape[0] : 1;
  uint64_t slices = in->inputSlices ? in->inputSlices : 1;
  uint64_t mvm = m * slices * (uint64_t)s->t->arrayStepCycles *
                 (s->t->bitSerialInputs ? in->inputBits : 1);
  ow->arrayBusy += mvm;
  *cycles = mvm;
  if (first) {
    uint64_t macs = m * bl->k * bl->n * slices;
    ow->macs += macs;
    account(s, in, SIM_E_ANALOG_MAC, macs);
    size_t es = ipuDTypeSize(t->buffers[in->srcs[0]].dtype);
    account(s, in, SIM_E_SRAM_BYTE, m * bl->k * es + bufferBytes(dst));
    if (!runMvm(s, c, in))
      return false;
  }
  c->executing = 1;
  if (streamedPair(t, c->pc)) {
    const IpubInstr *ex = &t->instrs[c->pc + 1];
    uint64_t simd = execCycles(s, ow, ex, first);
    uint64_t rows = m ? m : 1;
    uint64_t a = mvm + ceilDiv(simd, rows), b = ceilDiv(mvm, rows) + simd;
    *cycles = a > b ? a : b;
    ow->simdBusy += simd;
    c->executing = 2;
    if (first) {
      c->pc++; /* for the error location */
      bool ok = runExec(s, c, ex);
      c->pc--;
      if (!ok)
        return false;
    }
  }
  return true;
}

/* The host starts inference i + 1 once inference i has sent its inputs
 * and first waits for results (or has finished): its threads then compete
 * for the host CPU and link in a sensible order. */
static bool startNextHostThread(Sim *s, uint32_t ci, uint64_t now) {
  SimCtx *c = &s->ctxs[ci];
  if (!s->owners[c->owner].isHost || c->startedNext ||
      c->inference + 1 >= s->opts.inferences)
    return true;
  c->startedNext = true;
  return schedule(s, now, SIM_EV_RETRY, ci + 1, 0);
}

/* Starts the current instruction of context ci at `now`: schedules its
 * retirement, or parks the context until an arrival or a credit. */
static bool execute(Sim *s, uint32_t ci, uint64_t now) {
  SimCtx *c = &s->ctxs[ci];
  SimOwner *ow = &s->owners[c->owner];
  const IpubTile *t = ow->tile;
  const IpubInstr *in = &t->instrs[c->pc];
  if (in->opcode == IPUB_OP_RECV && !startNextHostThread(s, ci, now))
    return false;
  bool first = c->inference == 0;
  uint64_t start = now + SIM_ISSUE_CYCLES, cycles = 0, end;
  c->executing = 1;
  c->state = CTX_READY;
  switch (in->opcode) {
  case IPUB_OP_INPUT:
    if (first && !runInput(s, c, in))
      return false;
    break;
  case IPUB_OP_OUTPUT:
    if (first && !runOutput(s, c, in))
      return false;
    break;
  case IPUB_OP_RECV: {
    SimRoute *rt = &s->routes[in->route];
    if (rt->arrived <= c->inference)
      return blockOn(s, ci,
                     &rt->recvWaiter[waiterIndex(s, c->owner, c->inference)]);
    if (first) {
      if (!ow->isHost)
        account(s, in, SIM_E_SRAM_BYTE, rt->bytes);
      if (!writeBuffer(s, c, in->dsts[0], &rt->payload))
        return false;
    }
    break;
  }
  case IPUB_OP_SEND: {
    SimRoute *rt = &s->routes[in->route];
    if (rt->sent != c->inference || rt->sent - rt->freed >= rt->slots)
      return blockOn(s, ci,
                     &rt->sendWaiter[waiterIndex(s, c->owner, c->inference)]);
    rt->sent++;
    if (first) {
      const IpuTensor *v = readBuffer(s, c, in->srcs[0]);
      if (!v)
        return false;
      if (ipuTensorByteSize(v) != rt->bytes)
        return instrError(s, c, "the buffer sent does not have the route's "
                                "bytes");
      if (!ipuTensorClone(&rt->payload, v))
        return instrError(s, c, "out of memory");
      if (!ow->isHost)
        account(s, in, SIM_E_SRAM_BYTE, rt->bytes);
      for (uint32_t i = 0; i < rt->numLinks; ++i)
        account(s, in, s->links[rt->links[i]].energyKind, rt->bytes);
    }
    uint64_t arrival;
    end = reserveRoute(s, rt, start, &arrival, first);
    ow->controlBusy += SIM_ISSUE_CYCLES;
    return schedule(s, arrival, SIM_EV_ARRIVE, in->route, c->inference) &&
           schedule(s, end, SIM_EV_RETIRE, ci, 0) &&
           wakeSender(s, in->route, now);
  }
  case IPUB_OP_MVM:
    if (!issueMvm(s, ci, first, &cycles))
      return false;
    break;
  case IPUB_OP_WINDOWS:
  case IPUB_OP_ACCUMULATE: {
    uint64_t elems = bufferElements(&t->buffers[in->dsts[0]]);
    uint64_t ops = in->opcode == IPUB_OP_WINDOWS
                       ? elems
                       : elems * (in->numSrcs > 1 ? in->numSrcs - 1 : 1);
    cycles = simdCycles(s, ops);
    ow->simdBusy += cycles;
    if (first) {
      account(s, in, SIM_E_SIMD_OP, ops);
      account(s, in, SIM_E_SRAM_BYTE, srcBytes(t, in) + dstBytes(t, in));
      if (!(in->opcode == IPUB_OP_WINDOWS ? runWindows(s, c, in)
                                          : runAccumulate(s, c, in)))
        return false;
    }
    break;
  }
  case IPUB_OP_EXEC:
    cycles = execCycles(s, ow, in, first);
    if (ow->isHost) {
      if (ow->unitFreeAt > start)
        start = ow->unitFreeAt;
      ow->unitFreeAt = start + cycles;
    }
    ow->simdBusy += cycles;
    if (first && !runExec(s, c, in))
      return false;
    break;
  }
  ow->controlBusy += SIM_ISSUE_CYCLES;
  end = start + cycles;
  return schedule(s, end, SIM_EV_RETIRE, ci, 0);
}

/* The current instruction(s) of ci completed at `now`: free the receive
 * slots whose last reader this was, then go on. */
static bool retire(Sim *s, uint32_t ci, uint64_t now) {
  SimCtx *c = &s->ctxs[ci];
  SimOwner *ow = &s->owners[c->owner];
  for (uint32_t e = 0; e < c->executing; ++e)
    for (int64_t r = ow->firstFreed[c->pc + e]; r >= 0;
         r = s->routes[r].nextFreed) {
      s->routes[r].freed++;
      if (!wakeSender(s, (uint32_t)r, now))
        return false;
    }
  c->pc += c->executing;
  c->executing = 0;
  if (c->pc >= ow->tile->numInstrs) {
    if (s->finishAt[c->inference] < now)
      s->finishAt[c->inference] = now;
    if (!startNextHostThread(s, ci, now))
      return false;
    if (c->inference >= c->lastInference) {
      c->state = CTX_DONE;
      return true;
    }
    c->inference++;
    c->pc = 0;
  }
  return execute(s, ci, now);
}

static bool arrive(Sim *s, uint32_t r, int64_t inference, uint64_t now) {
  SimRoute *rt = &s->routes[r];
  if (rt->arrived < inference + 1)
    rt->arrived = inference + 1;
  int64_t *w = &rt->recvWaiter[waiterIndex(s, rt->dstOwner, inference)];
  if (*w < 0)
    return true;
  uint32_t ci = (uint32_t)*w;
  *w = -1;
  return schedule(s, now, SIM_EV_RETRY, ci, 0);
}

static const char *opcodeName(IpubOpcode op) {
  static const char *const names[] = {"?",          "recv", "send",
                                      "mvm",        "windows",
                                      "accumulate", "exec", "input",
                                      "output"};
  return (unsigned)op < sizeof names / sizeof *names ? names[op] : "?";
}

static IpuLogicalResult reportDeadlock(Sim *s) {
  for (uint32_t ci = 0; ci < s->numCtxs; ++ci) {
    SimCtx *c = &s->ctxs[ci];
    if (c->state == CTX_DONE)
      continue;
    const IpubInstr *in = &s->owners[c->owner].tile->instrs[c->pc];
    char msg[160];
    snprintf(msg, sizeof msg, "deadlock: waits forever at '%s' of route %u "
             "in inference %lld", opcodeName(in->opcode), in->route,
             (long long)c->inference);
    instrError(s, c, msg);
    return IPU_FAILURE;
  }
  return IPU_SUCCESS;
}

IpuLogicalResult simRunEvents(Sim *s) {
  /* Every failure below has reported its error. */
  for (uint32_t ci = 0; ci < s->numCtxs; ++ci)
    if (s->ctxs[ci].state == CTX_READY && !execute(s, ci, 0))
      return IPU_FAILURE;
  while (s->heap.count) {
    SimEvent e = popEvent(&s->heap);
    bool ok = e.kind == SIM_EV_RETIRE  ? retire(s, e.a, e.time)
              : e.kind == SIM_EV_RETRY ? execute(s, e.a, e.time)
                                       : arrive(s, e.a, e.b, e.time);
    if (!ok)
      return IPU_FAILURE;
  }
  return reportDeadlock(s);
}
