/* place, part 1: the model of the tile IR: arrays, where each unit goes
 * (an array, or the port), one windows op per array, and the traffic
 * between arrays; plus the tile-level conventions route-noc shares. */
#include <stdlib.h>
#include <string.h>

#include "place.h"

bool ipuPlaceIsUnitOp(const IpuOp *op) {
  return ipuOpIsA(op, "tile.mvm") || ipuOpIsA(op, "tile.windows") ||
         ipuOpIsA(op, "tile.accumulate") || ipuOpIsA(op, "tile.simd");
}

int64_t ipuPlaceTypeBytes(IpuType t) {
  if (!t)
    return 0;
  IpuType element = t;
  int64_t count = 1;
  if (ipuTypeIsShaped(t)) {
    count = ipuShapedTypeGetNumElements(t);
    if (count < 0)
      return 0;
    element = ipuShapedTypeGetElementType(t);
  }
  unsigned bits = ipuTypeGetIntOrFloatBitWidth(element);
  if (bits == 0)
    return 0;
  return count * (int64_t)((bits + 7) / 8);
}

IpuOp *ipuPlaceProducer(IpuValue v) {
  IpuOp *def = ipuValueGetDefiningOp(v);
  /* Chains of channels are finite: each step goes to an earlier op. */
  while (def && ipuOpIsA(def, "tile.channel") && ipuOpGetNumOperands(def))
    def = ipuValueGetDefiningOp(ipuOpGetOperand(def, 0));
  return def;
}

bool ipuPlaceGetTileAttr(const IpuOp *op, int64_t *chip, int64_t *x,
                         int64_t *y) {
  IpuAttr a = ipuOpGetAttr(op, IPU_PLACE_TILE_ATTR);
  if (!a || ipuAttrGetKind(a) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(a) != 3 ||
      !ipuTypeIsSignlessInteger(ipuDenseArrayAttrGetElementType(a), 64))
    return false;
  const int64_t *v = ipuDenseArrayAttrGetData(a);
  *chip = v[0];
  *x = v[1];
  *y = v[2];
  return true;
}

void ipuPlaceSetTileAttr(IpuOp *op, int64_t chip, int64_t x, int64_t y) {
  int64_t v[3] = {chip, x, y};
  ipuOpSetAttr(op, IPU_PLACE_TILE_ATTR,
               ipuDenseI64ArrayAttrGet(ipuOpGetContext(op), 3, v));
}

IpuBlock **ipuPlaceFunctionBodies(IpuOp *module, intptr_t *count, bool *oom) {
  *count = 0;
  *oom = false;
  IpuBlock *body = ipuOpGetNumRegions(module)
                       ? ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0))
                       : NULL;
  intptr_t n = 0;
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "func.func") && ipuOpGetNumRegions(op) &&
        ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0)))
      n++;
  if (n == 0)
    return NULL;
  IpuBlock **bodies = ipuCalloc(ipuOpGetContext(module), (size_t)n,
                                sizeof *bodies);
  if (!bodies) {
    *oom = true;
    return NULL;
  }
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "func.func") && ipuOpGetNumRegions(op) &&
        ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0)))
      bodies[(*count)++] = ipuRegionGetFirstBlock(ipuOpGetRegion(op, 0));
  return bodies;
}

void ipuPlaceWriteJsonString(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; ++s) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      fprintf(f, "\\%c", ch);
    else if (ch < 0x20)
      fprintf(f, "\\u%04x", ch);
    else
      fputc(ch, f);
  }
  fputc('"', f);
}

/* ---- Growable arrays. ------------------------------------------------ */
static bool reserve(IpuContext *ctx, void **data, int64_t *cap, int64_t need,
                    size_t size) {
  if (need <= *cap)
    return true;
  int64_t cap2 = *cap ? 2 * *cap : 16;
  while (cap2 < need)
    cap2 *= 2;
  void *p = ipuRealloc(ctx, *data, (size_t)cap2 * size);
  if (!p)
    return false;
  *data = p;
  *cap = cap2;
  return true;
}

/* The array index of a tile.mvm's block, or -1 after an error. */
static int64_t mvmArray(PlaceModel *m, IpuOp *mvm) {
  IpuAttr ref = ipuOpGetAttr(mvm, "block");
  if (ref && ipuAttrGetKind(ref) == IPU_ATTR_SYMBOL_REF) {
    IpuOp *array = ipuSymbolTableLookup(
        m->symbols, ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)));
    intptr_t index = array ? ipuPtrMapGetInt(&m->arrayIndex, array, 0) : 0;
    if (index > 0)
      return index - 1;
  }
  ipuOpEmitError(mvm, "place: its block is not in a tile.array of the "
                      "module");
  return -1;
}

/* Users of `v`, looking through channels, into m->scratch (ops), sorted
 * by position in the block. */
static bool collectUsers(PlaceModel *m, IpuValue v) {
  m->numScratch = 0;
  int64_t numStack = 0;
  if (!reserve(m->ctx, (void **)&m->stack, &m->capStack, 1, sizeof(IpuValue)))
    return false;
  m->stack[numStack++] = v;
  while (numStack) {
    IpuValue cur = m->stack[--numStack];
    for (IpuOpOperand *u = ipuValueGetFirstUse(cur); u;
         u = ipuOpOperandGetNextUse(u)) {
      IpuOp *user = ipuOpOperandGetOwner(u);
      if (ipuOpIsA(user, "tile.channel")) {
        if (!reserve(m->ctx, (void **)&m->stack, &m->capStack, numStack + 1,
                     sizeof(IpuValue)))
          return false;
        m->stack[numStack++] = ipuOpGetResult(user, 0);
        continue;
      }
      if (!reserve(m->ctx, (void **)&m->scratch, &m->capScratch,
                   m->numScratch + 1, sizeof(IpuOp *)))
        return false;
      /* Insertion into sorted position: users are few. */
      int64_t i = m->numScratch++;
      while (i > 0 && ipuOpGetBlock(m->scratch[i - 1]) == ipuOpGetBlock(user) &&
             ipuOpIsBeforeInBlock(user, m->scratch[i - 1])) {
        m->scratch[i] = m->scratch[i - 1];
        --i;
      }
      m->scratch[i] = user;
    }
  }
  return true;
}

/* A windows op whose mvm users sit on several arrays becomes one windows
 * op per array (it is pure and cheap), so that the tile of each computes
 * its own windows and only the input map travels, not the windows matrix
 * (kernel-size times larger). */
static bool splitWindows(PlaceModel *m, IpuBlock *body) {
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "tile.windows"))
      continue;
    IpuValue result = ipuOpGetResult(op, 0);
    m->numScratch = 0;
    for (IpuOpOperand *u = ipuValueGetFirstUse(result); u;
         u = ipuOpOperandGetNextUse(u)) {
      IpuOp *user = ipuOpOperandGetOwner(u);
      if (!ipuOpIsA(user, "tile.mvm") || ipuOpGetBlock(user) != body)
        continue;
      if (!reserve(m->ctx, (void **)&m->scratch, &m->capScratch,
                   m->numScratch + 1, sizeof(IpuOp *)))
        return false;
      int64_t i = m->numScratch++;
      while (i > 0 && ipuOpIsBeforeInBlock(user, m->scratch[i - 1])) {
        m->scratch[i] = m->scratch[i - 1];
        --i;
      }
      m->scratch[i] = user;
    }
    /* Arrays in order of their first user; users of the first array keep
     * the original. */
    IpuOp *after = op;
    for (int64_t i = 0; i < m->numScratch; ++i) {
      int64_t arrayI = mvmArray(m, m->scratch[i]);
      if (arrayI < 0)
        return false;
      bool seen = false;
      for (int64_t j = 0; j < i && !seen; ++j)
        seen = mvmArray(m, m->scratch[j]) == arrayI;
      if (seen || i == 0)
        continue;
      IpuOp *clone = ipuOpClone(op);
      if (!clone)
        return false;
      ipuBlockInsertOpBefore(body, ipuOpGetNext(after), clone);
      after = clone;
      m->numWindowsSplit++;
      for (int64_t j = i; j < m->numScratch; ++j) {
        IpuOp *user = m->scratch[j];
        if (mvmArray(m, user) != arrayI)
          continue;
        for (intptr_t k = 0; k < ipuOpGetNumOperands(user); ++k)
          if (ipuOpGetOperand(user, k) == result)
            ipuOpSetOperand(user, k, ipuOpGetResult(clone, 0));
      }
    }
  }
  return true;
}

static intptr_t unitOf(const PlaceModel *m, const IpuOp *op) {
  return op ? ipuPtrMapGetInt(&m->unitIndex, op, 0) - 1 : -1;
}

/* A join: a tile.simd whose region is one hl.concat of its arguments (and
 * the yield), on any axis: tile-to-hw writes the pieces in place (each a
 * contiguous byte range of the result when the dims before the axis are
 * 1, else a strided box of it), so where the join sits is where the
 * pieces are received. */
static bool isJoin(const IpuOp *op) {
  if (!ipuOpIsA(op, "tile.simd") || ipuOpGetNumRegions(op) != 1)
    return false;
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion((IpuOp *)op, 0));
  IpuOp *concat = body ? ipuBlockGetFirstOp(body) : NULL;
  IpuOp *yield = concat ? ipuOpGetNext(concat) : NULL;
  if (!concat || !ipuOpIsA(concat, "hl.concat") || !yield ||
      ipuOpGetNext(yield) || ipuOpGetNumOperands(yield) != 1 ||
      ipuOpGetOperand(yield, 0) != ipuOpGetResult(concat, 0))
    return false;
  IpuType type = ipuValueGetType(ipuOpGetResult(concat, 0));
  IpuAttr axisAttr = ipuOpGetAttr(concat, "axis");
  if (!ipuTypeIsShaped(type) || !ipuShapedTypeHasRank(type) || !axisAttr ||
      ipuAttrGetKind(axisAttr) != IPU_ATTR_INTEGER)
    return false;
  int64_t rank = ipuShapedTypeGetRank(type);
  int64_t axis = ipuIntegerAttrGetInt(axisAttr);
  if (axis < 0)
    axis += rank;
  return axis >= 0 && axis < rank;
}

/* The first tile.windows, tile.mvm or tile.accumulate among the consumers
 * of `op`, breadth-first through consumers that are tile.simd (channels are
 * looked through); -1 when there is none. */
static bool firstComputeConsumer(PlaceModel *m, IpuOp *op, intptr_t *out) {
  *out = -1;
  IpuPtrMap seen;
  ipuPtrMapInit(&seen, m->ctx);
  IpuOp **queue = NULL;
  int64_t head = 0, tail = 0, cap = 0;
  bool ok = reserve(m->ctx, (void **)&queue, &cap, 1, sizeof *queue) &&
            ipuPtrMapPut(&seen, op, op);
  if (ok)
    queue[tail++] = op;
  while (ok && head < tail && *out < 0) {
    IpuOp *cur = queue[head++];
    for (intptr_t r = 0; ok && r < ipuOpGetNumResults(cur) && *out < 0;
         ++r) {
      ok = collectUsers(m, ipuOpGetResult(cur, r));
      for (int64_t k = 0; ok && k < m->numScratch && *out < 0; ++k) {
        IpuOp *user = m->scratch[k];
        if (ipuOpIsA(user, "tile.windows") || ipuOpIsA(user, "tile.mvm") ||
            ipuOpIsA(user, "tile.accumulate")) {
          *out = unitOf(m, user);
        } else if (ipuOpIsA(user, "tile.simd") &&
                   !ipuPtrMapContains(&seen, user)) {
          ok = reserve(m->ctx, (void **)&queue, &cap, tail + 1,
                       sizeof *queue) &&
               ipuPtrMapPut(&seen, user, user);
          if (ok)
            queue[tail++] = user;
        }
      }
    }
  }
  ipuFree(m->ctx, queue);
  ipuPtrMapDestroy(&seen);
  return ok;
}

/* Joins, once the other units have anchors: a join whose operands all come
 * from units of one tile stays there (the per-part join of a split layer);
 * otherwise it goes where its data is used, the first windows, mvm or
 * accumulate among its consumers (through simds), else the port. */
static bool setJoinFollow(PlaceModel *m, intptr_t i) {
  IpuOp *op = m->units[i];
  int64_t common = IPU_PLACE_PORT - 1; /* none yet */
  intptr_t first = -1;
  bool one = ipuOpGetNumOperands(op) > 0;
  for (intptr_t k = 0; k < ipuOpGetNumOperands(op) && one; ++k) {
    intptr_t u = unitOf(m, ipuPlaceProducer(ipuOpGetOperand(op, k)));
    one = u >= 0 && m->anchor[u] != IPU_PLACE_PORT &&
          (k == 0 || m->anchor[u] == common);
    if (k == 0 && u >= 0) {
      common = m->anchor[u];
      first = u;
    }
  }
  m->anchor[i] = IPU_PLACE_PORT;
  if (one) {
    m->follow[i] = first;
    return true;
  }
  intptr_t consumer;
  if (!firstComputeConsumer(m, op, &consumer))
    return false;
  m->follow[i] = consumer;
  return true;
}

/* The unit or anchor each unit follows (contract: windows -> its first
 * mvm user, accumulate -> the producer of its largest partial, simd -> the
 * producer of its first unit operand, else its first unit consumer; joins
 * are set apart by setJoinFollow). */
static bool setFollow(PlaceModel *m, intptr_t i) {
  IpuOp *op = m->units[i];
  m->follow[i] = -1;
  m->anchor[i] = IPU_PLACE_PORT;
  if (ipuOpIsA(op, "tile.mvm")) {
    m->anchor[i] = mvmArray(m, op);
    return m->anchor[i] >= 0;
  }
  if (ipuOpIsA(op, "tile.accumulate")) {
    int64_t bestBytes = -1;
    for (intptr_t k = 0; k < ipuOpGetNumOperands(op); ++k) {
      IpuValue v = ipuOpGetOperand(op, k);
      intptr_t u = unitOf(m, ipuPlaceProducer(v));
      int64_t bytes = ipuPlaceTypeBytes(ipuValueGetType(v));
      if (u >= 0 && bytes > bestBytes) {
        bestBytes = bytes;
        m->follow[i] = u;
      }
    }
    return true;
  }
  if (isJoin(op))
    return true; /* setJoinFollow, once the others have anchors */
  if (ipuOpIsA(op, "tile.simd")) {
    for (intptr_t k = 0; k < ipuOpGetNumOperands(op) && m->follow[i] < 0; ++k)
      m->follow[i] = unitOf(m, ipuPlaceProducer(ipuOpGetOperand(op, k)));
    if (m->follow[i] >= 0)
      return true;
  }
  /* windows, and simd without a unit producer: a consumer. */
  bool mvmOnly = ipuOpIsA(op, "tile.windows");
  for (int pass = mvmOnly ? 0 : 1; pass < 2 && m->follow[i] < 0; ++pass)
    for (intptr_t r = 0; r < ipuOpGetNumResults(op) && m->follow[i] < 0;
         ++r) {
      if (!collectUsers(m, ipuOpGetResult(op, r)))
        return false;
      for (int64_t k = 0; k < m->numScratch && m->follow[i] < 0; ++k)
        if (pass == 1 || ipuOpIsA(m->scratch[k], "tile.mvm"))
          m->follow[i] = unitOf(m, m->scratch[k]);
    }
  return true;
}

/* Follows the chains with an explicit path; a cycle (units fed only by the
 * host that feed each other) goes to the port. */
static bool resolveAnchors(PlaceModel *m) {
  int8_t *state = ipuCalloc(m->ctx, (size_t)m->numUnits + 1, 1);
  int64_t *path = ipuCalloc(m->ctx, (size_t)m->numUnits + 1, sizeof(int64_t));
  if (!state || !path) {
    ipuFree(m->ctx, state);
    ipuFree(m->ctx, path);
    return false;
  }
  for (int64_t i = 0; i < m->numUnits; ++i) {
    if (state[i] == 2)
      continue;
    int64_t len = 0, j = i, result;
    for (;;) {
      if (state[j] == 2) {
        result = m->anchor[j];
        break;
      }
      if (state[j] == 1) {
        result = IPU_PLACE_PORT;
        break;
      }
      state[j] = 1;
      path[len++] = j;
      if (m->follow[j] < 0) {
        result = m->anchor[j];
        break;
      }
      j = m->follow[j];
    }
    for (int64_t k = 0; k < len; ++k) {
      m->anchor[path[k]] = result;
      state[path[k]] = 2;
    }
  }
  ipuFree(m->ctx, state);
  ipuFree(m->ctx, path);
  return true;
}

static int64_t anchorOf(const PlaceModel *m, const IpuOp *op) {
  intptr_t u = unitOf(m, op);
  return u >= 0 ? m->anchor[u] : IPU_PLACE_PORT;
}

static int compareI64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Edges from `from` to each distinct place among m->places[0, n) other
 * than `from`, of `bytes` each. */
static bool addEdges(PlaceModel *m, int64_t n, int64_t from, int64_t bytes) {
  qsort(m->places, (size_t)n, sizeof(int64_t), compareI64);
  for (int64_t k = 0; k < n; ++k) {
    int64_t to = m->places[k];
    if (to == from || (k > 0 && m->places[k - 1] == to))
      continue;
    if (!reserve(m->ctx, (void **)&m->edges, &m->capEdges, m->numEdges + 1,
                 sizeof(IpuPlaceEdge)))
      return false;
    m->edges[m->numEdges++] = (IpuPlaceEdge){from, to, bytes};
    if (from >= 0)
      m->traffic[from] += bytes;
    if (to >= 0)
      m->traffic[to] += bytes;
  }
  return true;
}

/* The flows route-noc will make of value `v`, made at `from`: one per
 * distinct other place of its direct users (route-noc gives such a
 * crossing a channel), and per channel of it, one per distinct other
 * place of that channel's users (it splits such channels per place). */
static bool addValueEdges(PlaceModel *m, IpuValue v, int64_t from) {
  int64_t bytes = ipuPlaceTypeBytes(ipuValueGetType(v));
  if (bytes <= 0 || !ipuValueHasUses(v))
    return true;
  int64_t n = 0;
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (ipuOpIsA(user, "tile.channel")) {
      if (!collectUsers(m, ipuOpGetResult(user, 0)) ||
          !reserve(m->ctx, (void **)&m->places, &m->capPlaces,
                   m->numScratch + 1, sizeof(int64_t)))
        return false;
      for (int64_t k = 0; k < m->numScratch; ++k)
        m->places[k] = anchorOf(m, m->scratch[k]);
      if (!addEdges(m, m->numScratch, from, bytes))
        return false;
    }
  }
  for (IpuOpOperand *u = ipuValueGetFirstUse(v); u;
       u = ipuOpOperandGetNextUse(u)) {
    IpuOp *user = ipuOpOperandGetOwner(u);
    if (ipuOpIsA(user, "tile.channel"))
      continue;
    if (!reserve(m->ctx, (void **)&m->places, &m->capPlaces, n + 1,
                 sizeof(int64_t)))
      return false;
    m->places[n++] = anchorOf(m, user);
  }
  return addEdges(m, n, from, bytes);
}

bool placeModelBuildUnits(PlaceModel *m, IpuBlock **bodies,
                          intptr_t numBodies) {
  for (intptr_t f = 0; f < numBodies; ++f)
    if (!splitWindows(m, bodies[f]))
      return false;
  for (intptr_t f = 0; f < numBodies; ++f)
    for (IpuOp *op = ipuBlockGetFirstOp(bodies[f]); op; op = ipuOpGetNext(op))
      if (ipuPlaceIsUnitOp(op)) {
        if (!reserve(m->ctx, (void **)&m->units, &m->capUnits,
                     m->numUnits + 1, sizeof(IpuOp *)) ||
            !ipuPtrMapPutInt(&m->unitIndex, op, m->numUnits + 1))
          return false;
        m->units[m->numUnits++] = op;
      }
  m->follow = ipuCalloc(m->ctx, (size_t)m->numUnits + 1, sizeof(int64_t));
  m->anchor = ipuCalloc(m->ctx, (size_t)m->numUnits + 1, sizeof(int64_t));
  m->traffic = ipuCalloc(m->ctx, (size_t)m->numArrays + 1, sizeof(int64_t));
  if (!m->follow || !m->anchor || !m->traffic)
    return false;
  bool joins = false;
  for (int64_t i = 0; i < m->numUnits; ++i) {
    if (!setFollow(m, i))
      return false;
    joins = joins || isJoin(m->units[i]);
  }
  if (!resolveAnchors(m))
    return false;
  if (joins) {
    /* Joins look at their producers' anchors, then everyone resolves
     * again (units that follow a join get its place). */
    for (int64_t i = 0; i < m->numUnits; ++i)
      if (isJoin(m->units[i]) && !setJoinFollow(m, i))
        return false;
    for (int64_t i = 0; i < m->numUnits; ++i)
      if (m->follow[i] >= 0)
        m->anchor[i] = IPU_PLACE_PORT;
    if (!resolveAnchors(m))
      return false;
  }
  for (intptr_t f = 0; f < numBodies; ++f) {
    IpuBlock *body = bodies[f];
    for (intptr_t a = 0; a < ipuBlockGetNumArguments(body); ++a)
      if (!addValueEdges(m, ipuBlockGetArgument(body, a), IPU_PLACE_PORT))
        return false;
    for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op)) {
      if (ipuOpIsA(op, "tile.channel"))
        continue;
      int64_t from = anchorOf(m, op);
      for (intptr_t r = 0; r < ipuOpGetNumResults(op); ++r)
        if (!addValueEdges(m, ipuOpGetResult(op, r), from))
          return false;
    }
  }
  return true;
}

void placeModelFree(PlaceModel *m) {
  IpuContext *ctx = m->ctx;
  ipuFree(ctx, m->arrays);
  ipuFree(ctx, m->pins);
  ipuFree(ctx, m->units);
  ipuFree(ctx, m->follow);
  ipuFree(ctx, m->anchor);
  ipuFree(ctx, m->traffic);
  ipuFree(ctx, m->edges);
  ipuFree(ctx, m->scratch);
  ipuFree(ctx, m->stack);
  ipuFree(ctx, m->places);
  ipuPtrMapDestroy(&m->arrayIndex);
  ipuPtrMapDestroy(&m->unitIndex);
  if (m->symbols)
    ipuSymbolTableDestroy(m->symbols);
}
