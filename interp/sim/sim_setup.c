/* The simulator's machine built from an IpubModule: every index and route
 * checked (a hand-built or damaged module is an error, never a crash),
 * links, routes with their credits, the EXEC kernels parsed once, and the
 * weight blocks packed once (with the optional programming noise). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ipu/asm.h"
#include "ipu/attributes.h"
#include "ipu/types.h"
#include "sim_internal.h"

#define MAX_INFERENCES ((int64_t)1 << 32)

/* An error at the run's location; false, for `return fail(...)`. */
static bool fail(Sim *s, const char *fmt, const char *detail) {
  ipuEmitError(s->ctx, s->loc, fmt, detail);
  return false;
}

static bool failMsg(Sim *s, const char *msg) { return fail(s, "%s", msg); }

static const char *ownerName(const Sim *s, uint32_t o, char *buf,
                             size_t size) {
  const IpubTile *t = s->owners[o].tile;
  if (s->owners[o].isHost)
    snprintf(buf, size, "the host");
  else
    snprintf(buf, size, "tile (%d, %d, %d)", (int)t->chip, (int)t->x,
             (int)t->y);
  return buf;
}

static bool checkTarget(Sim *s) {
  const IpuTarget *t = s->t;
  if (t->chips < 1 || t->gridCols < 1 || t->gridRows < 1 ||
      t->chips * t->gridCols * t->gridRows > (1 << 24))
    return failMsg(s, "the target's grid is invalid");
  if (!(t->clockHz > 0) || !(t->nocLinkBytesPerCycle > 0) ||
      !(t->hostLinkBytesPerSecond > 0) || t->simdLanes < 1 ||
      t->arrayStepCycles < 1 || t->nocHopLatencyCycles < 0 ||
      !(t->chipLinkLatencySeconds >= 0) ||
      (t->chips > 1 && !(t->chipLinkBytesPerSecond > 0)))
    return failMsg(s, "the target's clock, links or units are invalid");
  return true;
}

static bool checkOptions(Sim *s) {
  const IpuSimOptions *o = &s->opts;
  if (o->inferences < 1 || o->inferences > MAX_INFERENCES)
    return failMsg(s, "the number of inferences must be in [1, 2^32]");
  if (o->adcBits < 0 || o->adcBits > 32)
    return failMsg(s, "the ADC bits option must be in [0, 32]");
  if (!(o->weightNoise >= 0) || !isfinite(o->weightNoise))
    return failMsg(s, "the weight noise must be a finite value >= 0");
  if (!(o->hostOpsPerSecond >= 0) || !isfinite(o->hostOpsPerSecond))
    return failMsg(s, "the host rate must be a finite value >= 0");
  if (o->hostOpsPerSecond == 0)
    s->opts.hostOpsPerSecond = 1e9;
  return true;
}

static bool bufferValid(const IpubBuffer *b) {
  if (ipuDTypeSize(b->dtype) == 0 || b->dtype == IPU_DTYPE_STRING ||
      b->rank < 0 || b->rank > IPU_TENSOR_MAX_RANK)
    return false;
  int64_t n = 1;
  for (int i = 0; i < b->rank; ++i)
    if (b->shape[i] < 0 || __builtin_mul_overflow(n, b->shape[i], &n) ||
        n > ((int64_t)1 << 31))
      return false;
  return true;
}

/* Operand counts per opcode: {min srcs, max srcs, min dsts, max dsts}. */
static bool instrShapeValid(const IpubInstr *in) {
  uint32_t ns = in->numSrcs, nd = in->numDsts;
  switch (in->opcode) {
  case IPUB_OP_RECV:
  case IPUB_OP_INPUT:
    return ns == 0 && nd == 1;
  case IPUB_OP_SEND:
  case IPUB_OP_OUTPUT:
    return ns == 1 && nd == 0;
  case IPUB_OP_MVM:
  case IPUB_OP_WINDOWS:
    return ns == 1 && nd == 1;
  case IPUB_OP_ACCUMULATE:
    return ns >= 1 && nd == 1;
  case IPUB_OP_EXEC:
    return true;
  }
  return false;
}

static bool checkOwner(Sim *s, uint32_t o) {
  const IpubModule *m = s->m;
  const IpubTile *t = s->owners[o].tile;
  bool host = s->owners[o].isHost;
  char name[64];
  ownerName(s, o, name, sizeof name);
  if ((t->numBuffers && !t->buffers) || (t->numInstrs && !t->instrs) ||
      (t->numBlocks && !t->blocks))
    return fail(s, "%s has missing tables", name);
  for (uint32_t b = 0; b < t->numBuffers; ++b)
    if (!bufferValid(&t->buffers[b])) {
      ipuEmitError(s->ctx, s->loc, "%s: buffer %u has an invalid type", name,
                   b);
      return false;
    }
  for (uint32_t b = 0; b < t->numBlocks; ++b) {
    const IpubBlock *bl = &t->blocks[b];
    if (bl->k > (1u << 30) || bl->n > (1u << 30) ||
        ((uint64_t)bl->k * bl->n > 0 && !bl->weights)) {
      ipuEmitError(s->ctx, s->loc, "%s: block %u is invalid", name, b);
      return false;
    }
  }
  for (uint32_t i = 0; i < t->numInstrs; ++i) {
    const IpubInstr *in = &t->instrs[i];
    bool ok = instrShapeValid(in) && (!in->numSrcs || in->srcs) &&
              (!in->numDsts || in->dsts);
    for (uint32_t k = 0; ok && k < in->numSrcs; ++k)
      ok = in->srcs[k] < t->numBuffers;
    for (uint32_t k = 0; ok && k < in->numDsts; ++k)
      ok = in->dsts[k] < t->numBuffers;
    switch (ok ? in->opcode : 0) {
    case IPUB_OP_RECV:
    case IPUB_OP_SEND:
      ok = in->route < m->numRoutes;
      break;
    case IPUB_OP_MVM:
      ok = !host && t->hasArray && in->block < t->numBlocks;
      break;
    case IPUB_OP_WINDOWS:
    case IPUB_OP_ACCUMULATE:
      ok = !host;
      break;
    case IPUB_OP_EXEC:
      ok = in->kernel < m->numKernels;
      break;
    case IPUB_OP_INPUT:
      ok = host && in->index < m->numInputs;
      break;
    case IPUB_OP_OUTPUT:
      ok = host && in->index < m->numOutputs;
      break;
    }
    if (!ok) {
      ipuEmitError(s->ctx, s->loc, "%s: instruction %u (opcode %d) is "
                   "invalid here or has an operand out of range", name, i,
                   (int)in->opcode);
      return false;
    }
  }
  return true;
}

int64_t simOwnerAt(const Sim *s, IpubEndpoint e) {
  const IpuTarget *t = s->t;
  if (e.chip == IPUB_HOST_CHIP)
    return e.x == 0 && e.y == 0 ? (int64_t)s->m->numTiles : -1;
  if (e.chip < 0 || e.chip >= t->chips || e.x < 0 || e.x >= t->gridCols ||
      e.y < 0 || e.y >= t->gridRows)
    return -1;
  return s->gridOwner[(e.chip * t->gridRows + e.y) * t->gridCols + e.x];
}

static bool buildOwners(Sim *s) {
  const IpubModule *m = s->m;
  const IpuTarget *t = s->t;
  s->numOwners = m->numTiles + 1;
  int64_t cells = t->chips * t->gridRows * t->gridCols;
  if ((m->numTiles && !m->tiles) ||
      !(s->owners = ipuCalloc(s->ctx, s->numOwners, sizeof *s->owners)) ||
      !(s->gridOwner = ipuAlloc(s->ctx, (size_t)cells * sizeof(int64_t))))
    return failMsg(s, "out of memory or no tiles");
  for (int64_t c = 0; c < cells; ++c)
    s->gridOwner[c] = -1;
  for (uint32_t o = 0; o < s->numOwners; ++o) {
    SimOwner *ow = &s->owners[o];
    ow->isHost = o == m->numTiles;
    ow->tile = ow->isHost ? &m->host : &m->tiles[o];
    if (!ow->isHost) {
      const IpubTile *tl = ow->tile;
      if (tl->chip < 0 || tl->chip >= t->chips || tl->x < 0 ||
          tl->x >= t->gridCols || tl->y < 0 || tl->y >= t->gridRows) {
        ipuEmitError(s->ctx, s->loc, "tile %u at (%d, %d, %d) is outside "
                     "the target's grid", o, (int)tl->chip, (int)tl->x,
                     (int)tl->y);
        return false;
      }
      int64_t *cell =
          &s->gridOwner[(tl->chip * t->gridRows + tl->y) * t->gridCols +
                        tl->x];
      if (*cell >= 0)
        return failMsg(s, "two tiles at one position");
      *cell = o;
    }
    if (!checkOwner(s, o))
      return false;
    const IpubTile *tl = ow->tile;
    ow->values = ipuCalloc(s->ctx, tl->numBuffers ? tl->numBuffers : 1,
                           sizeof *ow->values);
    ow->packed = ipuCalloc(s->ctx, tl->numBlocks ? tl->numBlocks : 1,
                           sizeof *ow->packed);
    ow->firstFreed = ipuAlloc(s->ctx, (tl->numInstrs ? tl->numInstrs : 1) *
                                          sizeof *ow->firstFreed);
    if (!ow->values || !ow->packed || !ow->firstFreed)
      return failMsg(s, "out of memory");
    for (uint32_t i = 0; i < tl->numInstrs; ++i)
      ow->firstFreed[i] = -1;
  }
  return true;
}

static void linkInit(SimLink *l, const char *name, double bytesPerCycle,
                     uint64_t latency, int kind) {
  size_t n = strlen(name);
  n = n < sizeof l->name ? n : sizeof l->name - 1;
  memcpy(l->name, name, n);
  l->name[n] = 0;
  l->bytesPerCycle = bytesPerCycle;
  l->latencyCycles = latency;
  l->energyKind = kind;
}

/* Mesh links: 4 per router (+x, -x, +y, -y), then each chip's out and in
 * links to the card's switch, then the host link down and up. */
static const int dirDx[4] = {1, -1, 0, 0}, dirDy[4] = {0, 0, 1, -1};

static uint32_t meshLink(const IpuTarget *t, int64_t c, int64_t x, int64_t y,
                         int dir) {
  return (uint32_t)(((c * t->gridRows + y) * t->gridCols + x) * 4 + dir);
}

static bool buildLinks(Sim *s) {
  const IpuTarget *t = s->t;
  uint64_t mesh = (uint64_t)(t->chips * t->gridRows * t->gridCols * 4);
  s->numLinks = (uint32_t)(mesh + 2 * t->chips + 2);
  if (!(s->links = ipuCalloc(s->ctx, s->numLinks, sizeof *s->links)))
    return failMsg(s, "out of memory");
  uint64_t hop = (uint64_t)t->nocHopLatencyCycles;
  double lat = ceil(t->chipLinkLatencySeconds * t->clockHz);
  uint64_t chipLat = lat < 4.0e18 ? (uint64_t)lat : (uint64_t)4.0e18;
  char name[128];
  for (int64_t c = 0; c < t->chips; ++c)
    for (int64_t y = 0; y < t->gridRows; ++y)
      for (int64_t x = 0; x < t->gridCols; ++x)
        for (int d = 0; d < 4; ++d) {
          snprintf(name, sizeof name, "%lld:(%lld,%lld)->(%lld,%lld)",
                   (long long)c, (long long)x, (long long)y,
                   (long long)(x + dirDx[d]), (long long)(y + dirDy[d]));
          linkInit(&s->links[meshLink(t, c, x, y, d)], name,
                   t->nocLinkBytesPerCycle, hop, SIM_E_NOC_BYTE_HOP);
        }
  double chipBw = t->chipLinkBytesPerSecond / t->clockHz;
  for (int64_t c = 0; c < t->chips; ++c) {
    snprintf(name, sizeof name, "chip%lld->switch", (long long)c);
    linkInit(&s->links[mesh + 2 * c], name, chipBw, chipLat,
             SIM_E_CHIP_LINK_BYTE);
    snprintf(name, sizeof name, "switch->chip%lld", (long long)c);
    linkInit(&s->links[mesh + 2 * c + 1], name, chipBw, 0,
             SIM_E_CHIP_LINK_BYTE);
  }
  double hostBw = t->hostLinkBytesPerSecond / t->clockHz;
  /* The target gives the host link no latency of its own: it is the same
   * PCIe as the chip link, so it takes that latency. */
  linkInit(&s->links[mesh + 2 * t->chips], "host->chips", hostBw, chipLat,
           SIM_E_HOST_LINK_BYTE);
  linkInit(&s->links[mesh + 2 * t->chips + 1], "chips->host", hostBw,
           chipLat, SIM_E_HOST_LINK_BYTE);
  return true;
}

/* The links of one step of a route (up to 2); 0 when the step is not a
 * link of the machine. */
static int stepLinks(const Sim *s, IpubEndpoint a, IpubEndpoint b,
                     uint32_t *out) {
  const IpuTarget *t = s->t;
  uint32_t mesh = (uint32_t)(t->chips * t->gridRows * t->gridCols * 4);
  bool aHost = a.chip == IPUB_HOST_CHIP, bHost = b.chip == IPUB_HOST_CHIP;
  bool aPort = !aHost && a.x == 0 && a.y == 0;
  bool bPort = !bHost && b.x == 0 && b.y == 0;
  if (aHost && !bHost)
    return bPort ? (out[0] = mesh + 2 * (uint32_t)t->chips, 1) : 0;
  if (bHost && !aHost)
    return aPort ? (out[0] = mesh + 2 * (uint32_t)t->chips + 1, 1) : 0;
  if (aHost || bHost)
    return 0;
  if (a.chip != b.chip) {
    if (!aPort || !bPort)
      return 0;
    out[0] = mesh + 2 * (uint32_t)a.chip;
    out[1] = mesh + 2 * (uint32_t)b.chip + 1;
    return 2;
  }
  for (int d = 0; d < 4; ++d)
    if (b.x == a.x + dirDx[d] && b.y == a.y + dirDy[d]) {
      out[0] = meshLink(t, a.chip, a.x, a.y, d);
      return 1;
    }
  return 0;
}

static bool endpointValid(const Sim *s, IpubEndpoint e) {
  const IpuTarget *t = s->t;
  if (e.chip == IPUB_HOST_CHIP)
    return e.x == 0 && e.y == 0;
  return e.chip >= 0 && e.chip < t->chips && e.x >= 0 &&
         e.x < t->gridCols && e.y >= 0 && e.y < t->gridRows;
}

static bool routeError(Sim *s, uint32_t r, const char *why) {
  ipuEmitError(s->ctx, s->loc, "route %u %s", r, why);
  return false;
}

/* Pairs each route with its one SEND and one RECV. */
static bool findEndpoints(Sim *s) {
  const IpubModule *m = s->m;
  for (uint32_t r = 0; r < m->numRoutes; ++r)
    s->routes[r].sendInstr = s->routes[r].recvInstr = UINT32_MAX;
  for (uint32_t o = 0; o < s->numOwners; ++o) {
    const IpubTile *t = s->owners[o].tile;
    for (uint32_t i = 0; i < t->numInstrs; ++i) {
      const IpubInstr *in = &t->instrs[i];
      if (in->opcode != IPUB_OP_SEND && in->opcode != IPUB_OP_RECV)
        continue;
      SimRoute *rt = &s->routes[in->route];
      bool send = in->opcode == IPUB_OP_SEND;
      uint32_t *slot = send ? &rt->sendInstr : &rt->recvInstr;
      if (*slot != UINT32_MAX)
        return routeError(s, in->route, send ? "has two sends"
                                             : "has two receives");
      if ((send ? rt->srcOwner : rt->dstOwner) != o)
        return routeError(s, in->route,
                          send ? "is sent from a tile that is not its source"
                               : "is received on a tile that is not its "
                                 "destination");
      *slot = i;
      if (!send)
        rt->recvBuffer = in->dsts[0];
    }
  }
  for (uint32_t r = 0; r < m->numRoutes; ++r)
    if (s->routes[r].sendInstr == UINT32_MAX ||
        s->routes[r].recvInstr == UINT32_MAX)
      return routeError(s, r, "lacks its send or its receive");
  return true;
}

/* The end of a buffer's bytes: a strided box view (a band of a map, a
 * piece of a join on an inner axis) reaches from its first element to its
 * last, over the bytes of its base in between. */
static uint64_t bytesEnd(const IpubBuffer *a) {
  if (a->strided)
    return a->offset + ipubBufferSpan(a);
  return a->offset + a->bytes * (a->slots ? a->slots : 1);
}

/* Whether two buffers of a tile may share SRAM bytes (a box view counts
 * its whole span, so it shares with its base and with every view of it
 * that its rows interleave with). */
static bool sharesBytes(const IpubBuffer *a, const IpubBuffer *b) {
  return a->offset < bytesEnd(b) && b->offset < bytesEnd(a);
}

/* A slot of a receive buffer frees after the last instruction of the
 * receiver's program that reads it (the receive itself if none does), or
 * on a tile that uses bytes it shares with other buffers: plan-memory
 * keeps a receive buffer's bytes for it all program long, unless it is a
 * view (a join's piece, or overwritten in place), whose bytes then serve
 * the buffers of its family until their last use. */
static void placeCredits(Sim *s) {
  for (uint32_t r = 0; r < s->m->numRoutes; ++r) {
    SimRoute *rt = &s->routes[r];
    SimOwner *ow = &s->owners[rt->dstOwner];
    const IpubTile *t = ow->tile;
    const IpubBuffer *rb = &t->buffers[rt->recvBuffer];
    uint32_t last = rt->recvInstr;
    for (uint32_t i = rt->recvInstr + 1; i < t->numInstrs; ++i) {
      const IpubInstr *in = &t->instrs[i];
      for (uint32_t k = 0; k < in->numSrcs; ++k)
        if (in->srcs[k] == rt->recvBuffer ||
            (!ow->isHost && sharesBytes(rb, &t->buffers[in->srcs[k]])))
          last = i;
      for (uint32_t k = 0; k < in->numDsts && !ow->isHost; ++k)
        if (in->dsts[k] != rt->recvBuffer &&
            sharesBytes(rb, &t->buffers[in->dsts[k]]))
          last = i;
    }
    rt->freeInstr = last;
    rt->nextFreed = ow->firstFreed[last];
    ow->firstFreed[last] = r;
    uint32_t slots = t->buffers[rt->recvBuffer].slots;
    rt->slots = slots ? slots : 1;
  }
}

static bool buildRoutes(Sim *s) {
  const IpubModule *m = s->m;
  if (m->numRoutes && !m->routes)
    return failMsg(s, "the module has no route table");
  if (!(s->routes = ipuCalloc(s->ctx, m->numRoutes ? m->numRoutes : 1,
                              sizeof *s->routes)))
    return failMsg(s, "out of memory");
  int64_t waiters = s->opts.inferences;
  for (uint32_t r = 0; r < m->numRoutes; ++r) {
    const IpubRoute *ir = &m->routes[r];
    SimRoute *rt = &s->routes[r];
    rt->nextFreed = -1;
    if (ir->numHops < 2 || !ir->path || ir->bytes == 0 ||
        ir->numHops > (1u << 20))
      return routeError(s, r, "has fewer than 2 routers or no bytes");
    for (uint32_t h = 0; h < ir->numHops; ++h)
      if (!endpointValid(s, ir->path[h]))
        return routeError(s, r, "leaves the target's grid");
    int64_t src = simOwnerAt(s, ir->path[0]);
    int64_t dst = simOwnerAt(s, ir->path[ir->numHops - 1]);
    if (src < 0 || dst < 0)
      return routeError(s, r, "starts or ends at a position without a tile");
    rt->srcOwner = (uint32_t)src;
    rt->dstOwner = (uint32_t)dst;
    rt->bytes = ir->bytes;
    if (!(rt->links = ipuAlloc(s->ctx, 2 * sizeof(uint32_t) *
                                           (ir->numHops - 1))))
      return failMsg(s, "out of memory");
    for (uint32_t h = 0; h + 1 < ir->numHops; ++h) {
      int n = stepLinks(s, ir->path[h], ir->path[h + 1],
                        rt->links + rt->numLinks);
      if (!n) {
        char why[96];
        snprintf(why, sizeof why, "has a step %u that is not a link of the "
                 "chip", h);
        return routeError(s, r, why);
      }
      rt->numLinks += (uint32_t)n;
    }
    size_t ns = s->owners[src].isHost ? (size_t)waiters : 1;
    size_t nr = s->owners[dst].isHost ? (size_t)waiters : 1;
    if (!(rt->sendWaiter = ipuAlloc(s->ctx, ns * sizeof(int64_t))) ||
        !(rt->recvWaiter = ipuAlloc(s->ctx, nr * sizeof(int64_t))))
      return failMsg(s, "out of memory");
    for (size_t i = 0; i < ns; ++i)
      rt->sendWaiter[i] = -1;
    for (size_t i = 0; i < nr; ++i)
      rt->recvWaiter[i] = -1;
  }
  if (!findEndpoints(s))
    return false;
  placeCredits(s);
  return true;
}

/* Element operations of one run of a kernel: each op's largest result
 * (constants are free). */
static uint64_t kernelOps(IpuOp *func) {
  IpuRegion *body = ipuOpGetRegion(func, 0);
  IpuBlock *b = body ? ipuRegionGetFirstBlock(body) : NULL;
  uint64_t ops = 0;
  for (IpuOp *op = b ? ipuBlockGetFirstOp(b) : NULL; op;
       op = ipuOpGetNext(op)) {
    if (ipuOpIsA(op, "hl.constant") || ipuOpIsA(op, "func.return"))
      continue;
    int64_t most = 1;
    for (intptr_t i = 0; i < ipuOpGetNumResults(op); ++i) {
      IpuType ty = ipuValueGetType(ipuOpGetResult(op, i));
      int64_t n = ipuTypeIsShaped(ty) ? ipuShapedTypeGetNumElements(ty) : 1;
      if (n > most)
        most = n;
    }
    ops += (uint64_t)most;
  }
  return ops;
}

static bool parseKernels(Sim *s) {
  const IpubModule *m = s->m;
  if (m->numKernels == 0)
    return true;
  if (!m->kernelText)
    return failMsg(s, "the module has EXEC kernels but no kernel text");
  IpuParseOptions po;
  memset(&po, 0, sizeof po);
  po.filename = "<ipub kernels>";
  s->kernelModule =
      ipuParseSource(s->ctx, m->kernelText, strlen(m->kernelText), &po);
  if (!s->kernelModule)
    return false;
  s->kernels = ipuCalloc(s->ctx, m->numKernels, sizeof *s->kernels);
  s->kernelOps = ipuCalloc(s->ctx, m->numKernels, sizeof *s->kernelOps);
  IpuSymbolTable *st = ipuSymbolTableCreate(s->kernelModule);
  bool ok = s->kernels && s->kernelOps && st;
  if (!ok)
    failMsg(s, "out of memory");
  for (uint32_t k = 0; ok && k < m->numKernels; ++k) {
    char name[24];
    snprintf(name, sizeof name, "k%u", k);
    IpuOp *f = ipuSymbolTableLookup(st, ipuStringRefFromCString(name));
    if (!f || !ipuOpIsA(f, "func.func") || !ipuOpGetRegion(f, 0) ||
        ipuRegionIsEmpty(ipuOpGetRegion(f, 0)))
      ok = fail(s, "the kernel text has no function @%s", name);
    else {
      s->kernels[k] = f;
      s->kernelOps[k] = kernelOps(f);
    }
  }
  if (st)
    ipuSymbolTableDestroy(st);
  return ok;
}

/* splitmix64: the noise's own generator, so a seed gives the same weights
 * everywhere. */
static uint64_t nextRandom(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double nextGaussian(uint64_t *state) {
  /* Box-Muller; u1 in (0, 1]. */
  double u1 = ((nextRandom(state) >> 11) + 1) * (1.0 / 9007199254740992.0);
  double u2 = (nextRandom(state) >> 11) * (1.0 / 9007199254740992.0);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static bool packBlocks(Sim *s) {
  for (uint32_t o = 0; o < s->m->numTiles; ++o) {
    SimOwner *ow = &s->owners[o];
    const IpubTile *t = ow->tile;
    int64_t bits = t->weightBits ? t->weightBits : s->t->weightBits;
    if (bits < 1 || bits > 8)
      bits = 8;
    int64_t hi = ((int64_t)1 << (bits - 1)) - 1;
    for (uint32_t b = 0; b < t->numBlocks; ++b) {
      const IpubBlock *bl = &t->blocks[b];
      size_t count = (size_t)bl->k * bl->n;
      const int8_t *w = bl->weights;
      int8_t *noisy = NULL;
      if (s->opts.weightNoise > 0 && count) {
        if (!(noisy = ipuAlloc(s->ctx, count)))
          return failMsg(s, "out of memory");
        uint64_t state = s->opts.seed ^ ((uint64_t)o << 32) ^ b;
        for (size_t e = 0; e < count; ++e) {
          double v = nearbyint(w[e] + s->opts.weightNoise *
                                          nextGaussian(&state));
          noisy[e] = (int8_t)(v < -hi ? -hi : v > hi ? hi : v);
        }
        w = noisy;
      }
      IpuKernelError err;
      bool ok = ipuMvmPack(w ? w : (const int8_t *)"", bl->k, bl->n,
                           &ow->packed[b], &err);
      ipuFree(s->ctx, noisy);
      if (!ok)
        return fail(s, "%s", err.message);
    }
  }
  return true;
}

static bool buildContexts(Sim *s) {
  int64_t n = s->opts.inferences;
  const IpubTile *host = &s->m->host;
  uint64_t count = s->m->numTiles + (host->numInstrs ? (uint64_t)n : 0);
  s->ctxs = ipuCalloc(s->ctx, count ? count : 1, sizeof *s->ctxs);
  s->finishAt = ipuCalloc(s->ctx, (size_t)n, sizeof *s->finishAt);
  s->numLayers = s->m->numDebugLocs + 1;
  s->layers = ipuCalloc(s->ctx, s->numLayers, sizeof *s->layers);
  if (!s->ctxs || !s->finishAt || !s->layers)
    return failMsg(s, "out of memory");
  for (uint32_t o = 0; o < s->m->numTiles; ++o) {
    SimCtx *c = &s->ctxs[s->numCtxs++];
    c->owner = o;
    c->lastInference = n - 1;
    c->state = s->owners[o].tile->numInstrs ? CTX_READY : CTX_DONE;
  }
  /* The host's threads after the first wait to be started (sim_exec.c). */
  if (host->numInstrs)
    for (int64_t i = 0; i < n; ++i) {
      SimCtx *c = &s->ctxs[s->numCtxs++];
      c->owner = s->m->numTiles;
      c->inference = c->lastInference = i;
      c->state = i ? CTX_WAIT : CTX_READY;
    }
  return true;
}

IpuLogicalResult simSetup(Sim *s) {
  if (s->m->numDebugLocs && !s->m->debugLocs)
    return ipuEmitError(s->ctx, s->loc, "the module has no debug locations");
  bool ok = checkOptions(s) && checkTarget(s) && buildOwners(s) &&
            buildLinks(s) && buildRoutes(s) && parseKernels(s) &&
            packBlocks(s) && buildContexts(s);
  return ok ? IPU_SUCCESS : IPU_FAILURE;
}

void simTeardown(Sim *s) {
  IpuContext *ctx = s->ctx;
  for (uint32_t o = 0; s->owners && o < s->numOwners; ++o) {
    SimOwner *ow = &s->owners[o];
    if (!ow->tile)
      continue;
    for (uint32_t b = 0; ow->values && b < ow->tile->numBuffers; ++b)
      ipuTensorFree(&ow->values[b]);
    for (uint32_t b = 0; ow->packed && b < ow->tile->numBlocks; ++b)
      ipuMvmPackedFree(&ow->packed[b]);
    ipuFree(ctx, ow->values);
    ipuFree(ctx, ow->packed);
    ipuFree(ctx, ow->firstFreed);
  }
  for (uint32_t r = 0; s->routes && r < s->m->numRoutes; ++r) {
    ipuFree(ctx, s->routes[r].links);
    ipuFree(ctx, s->routes[r].sendWaiter);
    ipuFree(ctx, s->routes[r].recvWaiter);
    ipuTensorFree(&s->routes[r].payload);
  }
  if (s->kernelModule)
    ipuOpDestroy(s->kernelModule);
  ipuFree(ctx, s->kernels);
  ipuFree(ctx, s->kernelOps);
  ipuFree(ctx, s->owners);
  ipuFree(ctx, s->gridOwner);
  ipuFree(ctx, s->routes);
  ipuFree(ctx, s->links);
  ipuFree(ctx, s->ctxs);
  ipuFree(ctx, s->finishAt);
  ipuFree(ctx, s->layers);
  ipuFree(ctx, s->heap.items);
}
