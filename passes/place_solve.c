/* The placement solver: traffic cost of an assignment, the greedy start and
 * the seeded simulated annealing that improves it (see placement.h). */
#include <math.h>
#include <string.h>

#include "placement.h"

/* Array-to-array traffic as adjacency lists (both directions), with the
 * bytes towards the port kept apart: one move's cost change is then a walk
 * over the moved array's neighbours. */
typedef struct {
  IpuContext *ctx;
  const IpuPlaceProblem *p;
  int64_t numTiles, tilesPerChip;
  int64_t *adjStart; /* numArrays + 1 */
  int64_t *adjOther;
  int64_t *adjBytes;
  int64_t *portBytes; /* per array */
  int64_t *traffic;   /* per array: all its bytes */
  int64_t *tileOf;    /* per array */
  int64_t *arrayAt;   /* per tile: array or -1 */
} Solver;

static int64_t absI(int64_t v) { return v < 0 ? -v : v; }

int64_t ipuPlaceDistance(const IpuPlaceProblem *p, int64_t tileA,
                         int64_t tileB) {
  int64_t perChip = p->cols * p->rows;
  int64_t ca = tileA / perChip, cb = tileB / perChip;
  int64_t ra = tileA % perChip, rb = tileB % perChip;
  int64_t xa = ra % p->cols, ya = ra / p->cols;
  int64_t xb = rb % p->cols, yb = rb / p->cols;
  if (ca == cb)
    return absI(xa - xb) + absI(ya - yb);
  return xa + ya + p->chipHopCost + xb + yb;
}

int64_t ipuPlaceCost(const IpuPlaceProblem *p, const int64_t *tileOfArray) {
  int64_t cost = 0;
  for (int64_t e = 0; e < p->numEdges; ++e) {
    const IpuPlaceEdge *edge = &p->edges[e];
    int64_t ta = edge->a == IPU_PLACE_PORT ? 0 : tileOfArray[edge->a];
    int64_t tb = edge->b == IPU_PLACE_PORT ? 0 : tileOfArray[edge->b];
    cost += edge->bytes * ipuPlaceDistance(p, ta, tb);
  }
  return cost;
}

static void freeSolver(Solver *s) {
  IpuContext *ctx = s->ctx;
  ipuFree(ctx, s->adjStart);
  ipuFree(ctx, s->adjOther);
  ipuFree(ctx, s->adjBytes);
  ipuFree(ctx, s->portBytes);
  ipuFree(ctx, s->traffic);
  ipuFree(ctx, s->arrayAt);
}

/* One adjacency entry per neighbour, bytes summed: networks send many
 * values between the same two arrays, and every move walks these lists. */
static void mergeParallelEdges(Solver *s) {
  int64_t n = s->p->numArrays, out = 0;
  for (int64_t a = 0; a < n; ++a) {
    int64_t begin = s->adjStart[a], end = s->adjStart[a + 1];
    s->adjStart[a] = out;
    /* Insertion sort by neighbour: lists are short. */
    for (int64_t i = begin + 1; i < end; ++i) {
      int64_t o = s->adjOther[i], b = s->adjBytes[i], j = i;
      while (j > begin && s->adjOther[j - 1] > o) {
        s->adjOther[j] = s->adjOther[j - 1];
        s->adjBytes[j] = s->adjBytes[j - 1];
        --j;
      }
      s->adjOther[j] = o;
      s->adjBytes[j] = b;
    }
    for (int64_t i = begin; i < end; ++i) {
      if (out > s->adjStart[a] && s->adjOther[out - 1] == s->adjOther[i]) {
        s->adjBytes[out - 1] += s->adjBytes[i];
        continue;
      }
      s->adjOther[out] = s->adjOther[i];
      s->adjBytes[out++] = s->adjBytes[i];
    }
  }
  s->adjStart[n] = out;
}

static bool buildSolver(Solver *s) {
  const IpuPlaceProblem *p = s->p;
  IpuContext *ctx = s->ctx;
  int64_t n = p->numArrays;
  s->tilesPerChip = p->cols * p->rows;
  s->numTiles = p->chips * s->tilesPerChip;
  s->adjStart = ipuCalloc(ctx, (size_t)n + 1, sizeof(int64_t));
  s->adjOther = ipuCalloc(ctx, 2 * (size_t)p->numEdges + 1, sizeof(int64_t));
  s->adjBytes = ipuCalloc(ctx, 2 * (size_t)p->numEdges + 1, sizeof(int64_t));
  s->portBytes = ipuCalloc(ctx, (size_t)n + 1, sizeof(int64_t));
  s->traffic = ipuCalloc(ctx, (size_t)n + 1, sizeof(int64_t));
  s->arrayAt = ipuCalloc(ctx, (size_t)s->numTiles + 1, sizeof(int64_t));
  if (!s->adjStart || !s->adjOther || !s->adjBytes || !s->portBytes ||
      !s->traffic || !s->arrayAt)
    return false;
  for (int64_t e = 0; e < p->numEdges; ++e) {
    const IpuPlaceEdge *edge = &p->edges[e];
    if (edge->a == edge->b || edge->bytes == 0)
      continue;
    if (edge->a == IPU_PLACE_PORT || edge->b == IPU_PLACE_PORT) {
      int64_t a = edge->a == IPU_PLACE_PORT ? edge->b : edge->a;
      s->portBytes[a] += edge->bytes;
      s->traffic[a] += edge->bytes;
      continue;
    }
    s->adjStart[edge->a + 1]++;
    s->adjStart[edge->b + 1]++;
    s->traffic[edge->a] += edge->bytes;
    s->traffic[edge->b] += edge->bytes;
  }
  for (int64_t i = 0; i < n; ++i)
    s->adjStart[i + 1] += s->adjStart[i];
  int64_t *fill = ipuCalloc(ctx, (size_t)n + 1, sizeof(int64_t));
  if (!fill)
    return false;
  for (int64_t e = 0; e < p->numEdges; ++e) {
    const IpuPlaceEdge *edge = &p->edges[e];
    if (edge->a == edge->b || edge->bytes == 0 ||
        edge->a == IPU_PLACE_PORT || edge->b == IPU_PLACE_PORT)
      continue;
    int64_t ia = s->adjStart[edge->a] + fill[edge->a]++;
    s->adjOther[ia] = edge->b;
    s->adjBytes[ia] = edge->bytes;
    int64_t ib = s->adjStart[edge->b] + fill[edge->b]++;
    s->adjOther[ib] = edge->a;
    s->adjBytes[ib] = edge->bytes;
  }
  ipuFree(ctx, fill);
  mergeParallelEdges(s);
  for (int64_t t = 0; t < s->numTiles; ++t)
    s->arrayAt[t] = -1;
  return true;
}

/* Cost of array `a` at `tile` towards the port and its neighbours that
 * have a tile (tileOf >= 0), leaving out neighbour `skip`. */
static int64_t arrayCostAt(const Solver *s, int64_t a, int64_t tile,
                           int64_t skip) {
  int64_t cost = s->portBytes[a] * ipuPlaceDistance(s->p, tile, 0);
  for (int64_t i = s->adjStart[a]; i < s->adjStart[a + 1]; ++i) {
    int64_t other = s->adjOther[i];
    if (other == skip || s->tileOf[other] < 0)
      continue;
    cost += s->adjBytes[i] * ipuPlaceDistance(s->p, tile, s->tileOf[other]);
  }
  return cost;
}

static void greedy(Solver *s) {
  const IpuPlaceProblem *p = s->p;
  int64_t n = p->numArrays;
  for (int64_t a = 0; a < n; ++a) {
    s->tileOf[a] = -1;
    if (p->pins && p->pins[a] >= 0) {
      s->tileOf[a] = p->pins[a];
      s->arrayAt[p->pins[a]] = a;
    }
  }
  /* Unpinned arrays by decreasing traffic, ties by index: a selection
   * each step keeps this simple and deterministic; n is a few hundred. */
  for (;;) {
    int64_t best = -1;
    for (int64_t a = 0; a < n; ++a)
      if (s->tileOf[a] < 0 && (best < 0 || s->traffic[a] > s->traffic[best]))
        best = a;
    if (best < 0)
      break;
    int64_t bestTile = -1, bestCost = 0;
    for (int64_t t = 0; t < s->numTiles; ++t) {
      if (s->arrayAt[t] >= 0)
        continue;
      int64_t c = arrayCostAt(s, best, t, -1);
      if (bestTile < 0 || c < bestCost) {
        bestTile = t;
        bestCost = c;
      }
    }
    s->tileOf[best] = bestTile;
    s->arrayAt[bestTile] = best;
  }
}

/* splitmix64: a small, well-mixed generator owned by the solver, so the
 * result depends on the seed only. */
static uint64_t nextRandom(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double randomUnit(uint64_t *state) {
  return (double)(nextRandom(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Cost change of moving array `a` to `tile`, swapping with the array
 * there (if any, which must be movable). */
static int64_t moveDelta(const Solver *s, int64_t a, int64_t tile) {
  int64_t from = s->tileOf[a];
  int64_t b = s->arrayAt[tile];
  int64_t delta = arrayCostAt(s, a, tile, b) - arrayCostAt(s, a, from, b);
  if (b >= 0)
    delta += arrayCostAt(s, b, from, a) - arrayCostAt(s, b, tile, a);
  return delta;
}

static void applyMove(Solver *s, int64_t a, int64_t tile) {
  int64_t from = s->tileOf[a];
  int64_t b = s->arrayAt[tile];
  s->tileOf[a] = tile;
  s->arrayAt[tile] = a;
  s->arrayAt[from] = b;
  if (b >= 0)
    s->tileOf[b] = from;
}

/* Picks a random move: an unpinned array and another tile not held by a
 * pinned array. False when none was found in a few tries. */
static bool pickMove(const Solver *s, const int64_t *movable,
                     int64_t numMovable, uint64_t *rng, int64_t *a,
                     int64_t *tile) {
  const int64_t *pins = s->p->pins;
  for (int tries = 0; tries < 8; ++tries) {
    *a = movable[nextRandom(rng) % (uint64_t)numMovable];
    int64_t degree = s->adjStart[*a + 1] - s->adjStart[*a];
    uint64_t r = nextRandom(rng);
    if (degree > 0 && (r & 1)) {
      /* Half the moves go near a neighbour: on large grids a random tile
       * is almost always far from everything the array talks to. */
      const IpuPlaceProblem *p = s->p;
      int64_t other = s->adjOther[s->adjStart[*a] +
                                  (int64_t)((r >> 1) % (uint64_t)degree)];
      int64_t near = s->tileOf[other], perChip = p->cols * p->rows;
      int64_t x = near % perChip % p->cols + (int64_t)((r >> 20) % 5) - 2;
      int64_t y = near % perChip / p->cols + (int64_t)((r >> 30) % 5) - 2;
      x = x < 0 ? 0 : x >= p->cols ? p->cols - 1 : x;
      y = y < 0 ? 0 : y >= p->rows ? p->rows - 1 : y;
      *tile = near / perChip * perChip + y * p->cols + x;
    } else {
      *tile = (int64_t)(nextRandom(rng) % (uint64_t)s->numTiles);
    }
    if (*tile == s->tileOf[*a])
      continue;
    int64_t b = s->arrayAt[*tile];
    if (b >= 0 && pins && pins[b] >= 0)
      continue;
    return true;
  }
  return false;
}

/* From the best placement the annealer saw, takes every single move or
 * swap that lowers the cost until none does (or a few sweeps are done):
 * the result is a local optimum that no one move improves, which the
 * random moves of a short, cooling schedule may miss on large grids. */
static void polish(Solver *s, const int64_t *movable, int64_t numMovable,
                   int64_t *best, IpuPlaceResult *result) {
  const IpuPlaceProblem *p = s->p;
  for (int64_t t = 0; t < s->numTiles; ++t)
    s->arrayAt[t] = -1;
  for (int64_t a = 0; a < p->numArrays; ++a) {
    s->tileOf[a] = best[a];
    s->arrayAt[best[a]] = a;
  }
  /* About as many tries as the annealer makes (none on absurdly large
   * grids, where one sweep would take too long). */
  int64_t perSweep = numMovable * s->numTiles;
  int64_t sweeps = perSweep ? 500000 / perSweep : 0;
  sweeps = sweeps < 1 ? 1 : sweeps > 16 ? 16 : sweeps;
  if (perSweep > 20000000)
    sweeps = 0;
  bool improved = true;
  for (int64_t sweep = 0; improved && sweep < sweeps; ++sweep) {
    improved = false;
    for (int64_t i = 0; i < numMovable; ++i) {
      int64_t a = movable[i];
      for (int64_t t = 0; t < s->numTiles; ++t) {
        int64_t b = s->arrayAt[t];
        if (t == s->tileOf[a] || (b >= 0 && p->pins && p->pins[b] >= 0))
          continue;
        int64_t d = moveDelta(s, a, t);
        if (d < 0) {
          applyMove(s, a, t);
          result->cost += d;
          improved = true;
        }
      }
    }
  }
  memcpy(best, s->tileOf, (size_t)p->numArrays * sizeof(int64_t));
}

static bool anneal(Solver *s, uint64_t seed, int64_t effort, int64_t *best,
                   IpuPlaceResult *result) {
  const IpuPlaceProblem *p = s->p;
  int64_t n = p->numArrays;
  int64_t *movable = ipuCalloc(s->ctx, (size_t)n + 1, sizeof(int64_t));
  if (!movable)
    return false;
  int64_t numMovable = 0;
  for (int64_t a = 0; a < n; ++a)
    if (!p->pins || p->pins[a] < 0)
      movable[numMovable++] = a;
  int64_t cost = result->cost;
  uint64_t rng = seed;
  if (numMovable == 0 || cost == 0 || s->numTiles < 2) {
    ipuFree(s->ctx, movable);
    return true;
  }
  /* Start hot enough to take a typical uphill move about half the time,
   * cool geometrically to a thousandth of that. */
  double sum = 0;
  int64_t samples = 0;
  for (int i = 0; i < 200; ++i) {
    int64_t a, tile;
    if (!pickMove(s, movable, numMovable, &rng, &a, &tile))
      continue;
    int64_t d = moveDelta(s, a, tile);
    if (d > 0) {
      sum += (double)d;
      samples++;
    }
  }
  double t0 = samples ? sum / (double)samples / 0.7 : 1.0;
  double tEnd = t0 * 1e-3;
  int64_t perEffort = 500 * numMovable > 20000 ? 500 * numMovable : 20000;
  int64_t moves = effort * perEffort;
  double cooling = pow(tEnd / t0, 1.0 / (double)moves);
  double temp = t0;
  int64_t bestCost = cost;
  for (int64_t m = 0; m < moves; ++m, temp *= cooling) {
    int64_t a, tile;
    if (!pickMove(s, movable, numMovable, &rng, &a, &tile))
      continue;
    result->movesTried++;
    int64_t d = moveDelta(s, a, tile);
    if (d > 0 && randomUnit(&rng) >= exp(-(double)d / temp))
      continue;
    applyMove(s, a, tile);
    result->movesAccepted++;
    cost += d;
    if (cost < bestCost) {
      bestCost = cost;
      memcpy(best, s->tileOf, (size_t)n * sizeof(int64_t));
    }
  }
  result->cost = bestCost;
  polish(s, movable, numMovable, best, result);
  ipuFree(s->ctx, movable);
  return true;
}

bool ipuPlaceSolve(IpuContext *ctx, const IpuPlaceProblem *p, uint64_t seed,
                   int64_t effort, int64_t *tileOfArray,
                   IpuPlaceResult *result) {
  Solver s;
  memset(&s, 0, sizeof s);
  memset(result, 0, sizeof *result);
  s.ctx = ctx;
  s.p = p;
  int64_t *work = ipuCalloc(ctx, (size_t)p->numArrays + 1, sizeof(int64_t));
  s.tileOf = work;
  bool ok = work && buildSolver(&s);
  if (ok) {
    greedy(&s);
    memcpy(tileOfArray, s.tileOf, (size_t)p->numArrays * sizeof(int64_t));
    result->costGreedy = result->cost = ipuPlaceCost(p, tileOfArray);
    if (effort > 0)
      ok = anneal(&s, seed, effort, tileOfArray, result);
  }
  freeSolver(&s);
  ipuFree(ctx, work);
  return ok;
}
