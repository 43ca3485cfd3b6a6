/* route-noc, part 2: the routers. Dimension-ordered (XY) paths, and
 * negotiated congestion (PathFinder): flows over an overloaded link are
 * ripped up and re-routed by Dijkstra on (1 + history) x present costs. */
#include <string.h>

#include "route_noc.h"

int64_t rnTile(const RnState *s, int64_t chip, int64_t x, int64_t y) {
  return chip * s->tilesPerChip + y * s->target.gridCols + x;
}

void rnTilePos(const RnState *s, int64_t tile, int64_t *chip, int64_t *x,
               int64_t *y) {
  *chip = tile / s->tilesPerChip;
  *x = tile % s->tilesPerChip % s->target.gridCols;
  *y = tile % s->tilesPerChip / s->target.gridCols;
}

int64_t rnLink(const RnState *s, int64_t a, int64_t b) {
  int64_t cols = s->target.gridCols;
  int dir = b == a + 1 ? RN_EAST : b == a - 1 ? RN_WEST
                                  : b == a + cols ? RN_SOUTH : RN_NORTH;
  return a * RN_NUM_DIRS + dir;
}

int64_t rnLinkFrom(int64_t link) { return link / RN_NUM_DIRS; }

int64_t rnLinkTo(const RnState *s, int64_t link) {
  int64_t a = link / RN_NUM_DIRS, cols = s->target.gridCols;
  switch (link % RN_NUM_DIRS) {
  case RN_EAST:
    return a + 1;
  case RN_WEST:
    return a - 1;
  case RN_SOUTH:
    return a + cols;
  default:
    return a - cols;
  }
}

static bool setNodes(RnState *s, RnSegment *seg, int64_t n) {
  int64_t *nodes = ipuRealloc(s->ctx, seg->nodes, (size_t)n * sizeof *nodes);
  if (!nodes)
    return false;
  seg->nodes = nodes;
  seg->numNodes = n;
  return true;
}

static bool routeXY(RnState *s, RnSegment *seg) {
  int64_t c, x, y, c2, x2, y2;
  rnTilePos(s, seg->from, &c, &x, &y);
  rnTilePos(s, seg->to, &c2, &x2, &y2);
  int64_t hops = (x > x2 ? x - x2 : x2 - x) + (y > y2 ? y - y2 : y2 - y);
  if (!setNodes(s, seg, hops + 1))
    return false;
  int64_t n = 0;
  seg->nodes[n++] = seg->from;
  while (x != x2) {
    x += x < x2 ? 1 : -1;
    seg->nodes[n++] = rnTile(s, c, x, y);
  }
  while (y != y2) {
    y += y < y2 ? 1 : -1;
    seg->nodes[n++] = rnTile(s, c, x, y);
  }
  return true;
}

static void addLoad(RnState *s, const RnFlow *f, int64_t sign) {
  for (int k = 0; k < f->numSegs; ++k)
    for (int64_t i = 0; i + 1 < f->segs[k].numNodes; ++i)
      s->load[rnLink(s, f->segs[k].nodes[i], f->segs[k].nodes[i + 1])] +=
          sign * f->bytes;
}

static bool usesOverloaded(const RnState *s, const RnFlow *f) {
  for (int k = 0; k < f->numSegs; ++k)
    for (int64_t i = 0; i + 1 < f->segs[k].numNodes; ++i)
      if (s->load[rnLink(s, f->segs[k].nodes[i], f->segs[k].nodes[i + 1])] >
          s->capacity)
        return true;
  return false;
}

/* Dijkstra inside one chip with a binary heap of (cost, tile); ties go to
 * the lower tile, neighbours are tried in a fixed order. */
typedef struct {
  double cost;
  int64_t node; /* local to the chip */
} HeapEntry;

typedef struct {
  double *dist;
  int64_t *prev;
  HeapEntry *heap;
  int64_t heapSize;
  double *history;
  double presFac;
} Search;

static bool heapLess(HeapEntry a, HeapEntry b) {
  return a.cost < b.cost || (a.cost == b.cost && a.node < b.node);
}

static void heapPush(Search *q, HeapEntry e) {
  int64_t i = q->heapSize++;
  while (i > 0 && heapLess(e, q->heap[(i - 1) / 2])) {
    q->heap[i] = q->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  q->heap[i] = e;
}

static HeapEntry heapPop(Search *q) {
  HeapEntry top = q->heap[0], last = q->heap[--q->heapSize];
  int64_t i = 0;
  for (;;) {
    int64_t c = 2 * i + 1;
    if (c >= q->heapSize)
      break;
    if (c + 1 < q->heapSize && heapLess(q->heap[c + 1], q->heap[c]))
      c++;
    if (!heapLess(q->heap[c], last))
      break;
    q->heap[i] = q->heap[c];
    i = c;
  }
  if (q->heapSize)
    q->heap[i] = last;
  return top;
}

static double linkCost(const RnState *s, const Search *q, int64_t link,
                       int64_t bytes) {
  double over = (double)(s->load[link] + bytes - s->capacity);
  double overuse = over > 0 ? over / (double)s->capacity : 0;
  return (1.0 + q->history[link]) * (1.0 + q->presFac * overuse);
}

static bool routeNegotiated(RnState *s, Search *q, RnSegment *seg,
                            int64_t bytes) {
  int64_t chip = seg->from / s->tilesPerChip, base = chip * s->tilesPerChip;
  int64_t cols = s->target.gridCols, rows = s->target.gridRows;
  for (int64_t i = 0; i < s->tilesPerChip; ++i) {
    q->dist[i] = -1;
    q->prev[i] = -1;
  }
  int64_t src = seg->from - base, dst = seg->to - base;
  q->heapSize = 0;
  q->dist[src] = 0;
  heapPush(q, (HeapEntry){0, src});
  while (q->heapSize) {
    HeapEntry e = heapPop(q);
    if (e.cost > q->dist[e.node])
      continue;
    if (e.node == dst)
      break;
    int64_t x = e.node % cols, y = e.node / cols;
    const int64_t next[RN_NUM_DIRS] = {
        x + 1 < cols ? e.node + 1 : -1, x > 0 ? e.node - 1 : -1,
        y + 1 < rows ? e.node + cols : -1, y > 0 ? e.node - cols : -1};
    for (int d = 0; d < RN_NUM_DIRS; ++d) {
      if (next[d] < 0)
        continue;
      int64_t link = (base + e.node) * RN_NUM_DIRS + d;
      double c = e.cost + linkCost(s, q, link, bytes);
      if (q->dist[next[d]] < 0 || c < q->dist[next[d]]) {
        q->dist[next[d]] = c;
        q->prev[next[d]] = e.node;
        heapPush(q, (HeapEntry){c, next[d]});
      }
    }
  }
  int64_t n = 1;
  for (int64_t v = dst; v != src; v = q->prev[v])
    n++;
  if (!setNodes(s, seg, n))
    return false;
  for (int64_t v = dst, i = n - 1; i >= 0; v = q->prev[v], --i) {
    seg->nodes[i] = base + v;
    if (v == src)
      break;
  }
  return true;
}

static void computeLoadStats(RnState *s, int64_t *maxLoad,
                             int64_t *numOverloaded) {
  *maxLoad = *numOverloaded = 0;
  for (int64_t l = 0; l < s->numLinks; ++l) {
    if (s->load[l] > *maxLoad)
      *maxLoad = s->load[l];
    if (s->load[l] > s->capacity)
      ++*numOverloaded;
  }
}

/* Ripped flows re-route heaviest first (then in flow order). */
static int64_t nextRipped(const RnState *s, int64_t *done) {
  int64_t best = -1;
  for (int64_t i = 0; i < s->numFlows; ++i)
    if (s->flows[i].ripped && !done[i] &&
        (best < 0 || s->flows[i].bytes > s->flows[best].bytes))
      best = i;
  return best;
}

static bool negotiate(RnState *s, int64_t maxIterations, double maxFactor) {
  Search q;
  memset(&q, 0, sizeof q);
  IpuContext *ctx = s->ctx;
  q.dist = ipuCalloc(ctx, (size_t)s->tilesPerChip, sizeof *q.dist);
  q.prev = ipuCalloc(ctx, (size_t)s->tilesPerChip, sizeof *q.prev);
  q.heap = ipuCalloc(ctx, (size_t)s->tilesPerChip * (RN_NUM_DIRS + 1),
                     sizeof *q.heap);
  q.history = ipuCalloc(ctx, (size_t)s->numLinks, sizeof *q.history);
  int64_t *done = ipuCalloc(ctx, (size_t)s->numFlows + 1, sizeof *done);
  bool ok = q.dist && q.prev && q.heap && q.history && done;
  q.presFac = 1.0;
  while (ok && s->numOverloaded > 0 && s->iterations < maxIterations) {
    s->iterations++;
    int64_t numRipped = 0;
    for (int64_t i = 0; i < s->numFlows; ++i) {
      RnFlow *f = &s->flows[i];
      f->ripped = usesOverloaded(s, f);
      done[i] = 0;
      numRipped += f->ripped;
    }
    for (int64_t i = 0; i < s->numFlows; ++i)
      if (s->flows[i].ripped)
        addLoad(s, &s->flows[i], -1);
    for (int64_t n = 0; ok && n < numRipped; ++n) {
      int64_t i = nextRipped(s, done);
      done[i] = 1;
      RnFlow *f = &s->flows[i];
      for (int k = 0; ok && k < f->numSegs; ++k)
        ok = routeNegotiated(s, &q, &f->segs[k], f->bytes);
      addLoad(s, f, +1);
    }
    for (int64_t l = 0; l < s->numLinks; ++l)
      if (s->load[l] > s->capacity)
        q.history[l] +=
            (double)(s->load[l] - s->capacity) / (double)s->capacity;
    q.presFac = q.presFac * 1.5 < maxFactor ? q.presFac * 1.5 : maxFactor;
    computeLoadStats(s, &s->maxLoad, &s->numOverloaded);
  }
  ipuFree(ctx, q.dist);
  ipuFree(ctx, q.prev);
  ipuFree(ctx, q.heap);
  ipuFree(ctx, q.history);
  ipuFree(ctx, done);
  return ok;
}

bool rnRouteAll(RnState *s, bool negotiated, int64_t maxIterations,
                double maxFactor) {
  for (int64_t i = 0; i < s->numFlows; ++i) {
    RnFlow *f = &s->flows[i];
    for (int k = 0; k < f->numSegs; ++k)
      if (!routeXY(s, &f->segs[k]))
        return false;
    addLoad(s, f, +1);
  }
  computeLoadStats(s, &s->maxLoadXY, &s->numOverloaded);
  s->maxLoad = s->maxLoadXY;
  if (negotiated && !negotiate(s, maxIterations, maxFactor))
    return false;
  s->totalByteHops = 0;
  for (int64_t i = 0; i < s->numFlows; ++i)
    for (int k = 0; k < s->flows[i].numSegs; ++k)
      s->totalByteHops += s->flows[i].bytes * (s->flows[i].segs[k].numNodes - 1);
  return true;
}
