/* Placement quality benchmark (issue 5, item 10): place's solver
 * (ipuPlaceSolve) against the exact optimum found here by branch and bound.
 *
 * Generates seeded instances of 3..9 arrays on a 3x3 and a 4x4 grid (one
 * chip; network-like chains with skips and host traffic, random graphs, and
 * some with pinned arrays), solves each with ipuPlaceSolve at effort 0
 * (greedy) and at the default effort 1, finds the optimum by an exact
 * search, and prints one Markdown row per (grid, kind) group with the mean
 * and worst cost ratio (solver / optimum) plus an overall line.
 *   bench-place-exact [INSTANCES_PER_SIZE] [SEED] [--rows] [--verify]
 * --rows also prints every instance (n, costs, search nodes); --verify
 * also enumerates every placement of the 3x3 instances without bounds and
 * checks that the branch and bound found the same optimum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"

#define MAX_ARRAYS 9
#define MAX_TILES 16

/* splitmix64: the instances depend on the seed only. */
static uint64_t next(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int64_t below(uint64_t *s, int64_t n) {
  return (int64_t)(next(s) % (uint64_t)n);
}

/* Bytes spread over three orders of magnitude, as channel sizes are (a few
 * hundred bytes of activations to tens of KB). */
static int64_t randomBytes(uint64_t *s) {
  static const int64_t scale[] = {64, 256, 1024, 4096, 16384};
  return scale[below(s, 5)] * (1 + below(s, 4));
}

typedef enum { KIND_NET, KIND_RANDOM, KIND_PINNED } Kind;
static const char *const kKindNames[] = {"network-like", "random graph",
                                         "network-like, pins"};

typedef struct {
  IpuPlaceProblem p;
  IpuPlaceEdge edges[64];
  int64_t pins[MAX_ARRAYS];
} Instance;

static void addEdge(Instance *in, int64_t a, int64_t b, int64_t bytes) {
  if (in->p.numEdges < 64)
    in->edges[in->p.numEdges++] = (IpuPlaceEdge){a, b, bytes};
}

static void generate(Instance *in, Kind kind, int64_t n, int64_t side,
                     uint64_t *rng) {
  memset(in, 0, sizeof *in);
  in->p.chips = 1;
  in->p.cols = in->p.rows = side;
  in->p.chipHopCost = 100;
  in->p.numArrays = n;
  in->p.edges = in->edges;
  if (kind == KIND_RANDOM) {
    for (int64_t a = 0; a < n; ++a)
      for (int64_t b = a + 1; b < n; ++b)
        if (below(rng, 100) < 40)
          addEdge(in, a, b, randomBytes(rng));
    /* Host traffic on one or two arrays. */
    addEdge(in, IPU_PLACE_PORT, below(rng, n), randomBytes(rng));
    if (below(rng, 2))
      addEdge(in, below(rng, n), IPU_PLACE_PORT, randomBytes(rng));
    return;
  }
  /* A layer chain split over arrays: input from the host, output to it,
   * parallel arrays of one layer (row blocks feeding an accumulator),
   * and residual skips. */
  addEdge(in, IPU_PLACE_PORT, 0, randomBytes(rng));
  for (int64_t a = 1; a < n; ++a) {
    int64_t from = a - 1 - (a >= 2 && below(rng, 4) == 0);
    addEdge(in, from, a, randomBytes(rng));
    if (a >= 3 && below(rng, 3) == 0)
      addEdge(in, a - 3, a, randomBytes(rng));
  }
  addEdge(in, n - 1, IPU_PLACE_PORT, randomBytes(rng));
  if (kind == KIND_PINNED) {
    int64_t tiles = side * side;
    for (int64_t a = 0; a < n; ++a)
      in->pins[a] = -1;
    int64_t numPins = 1 + below(rng, 2);
    for (int64_t k = 0; k < numPins; ++k) {
      int64_t a = below(rng, n), t;
      bool taken;
      do {
        t = below(rng, tiles);
        taken = false;
        for (int64_t b = 0; b < n; ++b)
          taken |= in->pins[b] == t;
      } while (taken);
      in->pins[a] = t;
    }
    in->p.pins = in->pins;
  }
}

/* ---- Exact search: branch and bound over arrays in decreasing traffic
 * order. Bound = cost of the edges between placed arrays (and the port)
 * + per unplaced array the cheapest free tile towards the placed ones
 * + every edge between two unplaced arrays at one hop (they need distinct
 * tiles). All terms are exact lower bounds, so the optimum is exact. */
typedef struct {
  const IpuPlaceProblem *p;
  int64_t n, tiles;
  int64_t w[MAX_ARRAYS][MAX_ARRAYS]; /* symmetric bytes */
  int64_t port[MAX_ARRAYS];
  int64_t dist[MAX_TILES][MAX_TILES];
  int64_t order[MAX_ARRAYS];
  int64_t tileOf[MAX_ARRAYS];
  bool used[MAX_TILES];
  int64_t best;
  int64_t bestTiles[MAX_ARRAYS];
  int64_t nodes;
  bool exhaustive; /* no bound, no incumbent: plain enumeration */
} Search;

static int64_t costAt(const Search *s, int64_t a, int64_t t) {
  int64_t c = s->port[a] * s->dist[t][0];
  for (int64_t b = 0; b < s->n; ++b)
    if (s->w[a][b] && s->tileOf[b] >= 0)
      c += s->w[a][b] * s->dist[t][s->tileOf[b]];
  return c;
}

static int64_t bound(const Search *s, int64_t depth) {
  int64_t lb = 0;
  for (int64_t k = depth; k < s->n; ++k) {
    int64_t a = s->order[k], cheapest = -1;
    for (int64_t t = 0; t < s->tiles; ++t) {
      if (s->used[t])
        continue;
      int64_t c = costAt(s, a, t);
      if (cheapest < 0 || c < cheapest)
        cheapest = c;
    }
    lb += cheapest;
    for (int64_t j = k + 1; j < s->n; ++j)
      lb += s->w[a][s->order[j]];
  }
  return lb;
}

static void search(Search *s, int64_t depth, int64_t cost) {
  s->nodes++;
  if (depth == s->n) {
    if (cost < s->best) {
      s->best = cost;
      memcpy(s->bestTiles, s->tileOf, sizeof s->tileOf);
    }
    return;
  }
  if (!s->exhaustive && cost + bound(s, depth) >= s->best)
    return;
  int64_t a = s->order[depth];
  const int64_t *pins = s->p->pins;
  for (int64_t t = 0; t < s->tiles; ++t) {
    if (s->used[t] || (pins && pins[a] >= 0 && pins[a] != t))
      continue;
    int64_t c = cost + costAt(s, a, t);
    if (c >= s->best)
      continue;
    s->used[t] = true;
    s->tileOf[a] = t;
    search(s, depth + 1, c);
    s->tileOf[a] = -1;
    s->used[t] = false;
  }
}

/* The optimum, with `incumbent` (a valid placement's cost) as the first
 * upper bound; +1 so that a placement equal to it is still found. */
static int64_t exactOptimum(const IpuPlaceProblem *p, int64_t incumbent,
                            bool exhaustive, int64_t *nodes) {
  Search s;
  memset(&s, 0, sizeof s);
  s.p = p;
  s.exhaustive = exhaustive;
  s.n = p->numArrays;
  s.tiles = p->cols * p->rows;
  for (int64_t e = 0; e < p->numEdges; ++e) {
    const IpuPlaceEdge *edge = &p->edges[e];
    if (edge->a == edge->b)
      continue;
    if (edge->a == IPU_PLACE_PORT || edge->b == IPU_PLACE_PORT) {
      s.port[edge->a == IPU_PLACE_PORT ? edge->b : edge->a] += edge->bytes;
      continue;
    }
    s.w[edge->a][edge->b] += edge->bytes;
    s.w[edge->b][edge->a] += edge->bytes;
  }
  for (int64_t a = 0; a < MAX_TILES; ++a)
    for (int64_t b = 0; b < MAX_TILES; ++b)
      s.dist[a][b] = a < s.tiles && b < s.tiles ? ipuPlaceDistance(p, a, b)
                                                : 0;
  /* Pinned arrays first (no branching), then by decreasing traffic. */
  int64_t traffic[MAX_ARRAYS];
  for (int64_t a = 0; a < s.n; ++a) {
    traffic[a] = s.port[a];
    for (int64_t b = 0; b < s.n; ++b)
      traffic[a] += s.w[a][b];
    if (p->pins && p->pins[a] >= 0)
      traffic[a] = INT64_MAX;
    s.order[a] = a;
    s.tileOf[a] = -1;
  }
  for (int64_t i = 1; i < s.n; ++i)
    for (int64_t j = i; j > 0 && traffic[s.order[j]] > traffic[s.order[j - 1]];
         --j) {
      int64_t t = s.order[j];
      s.order[j] = s.order[j - 1];
      s.order[j - 1] = t;
    }
  s.best = exhaustive ? INT64_MAX : incumbent + 1;
  search(&s, 0, 0);
  *nodes = s.nodes;
  /* Cross-check with the library's own cost function. */
  if (ipuPlaceCost(p, s.bestTiles) != s.best) {
    fprintf(stderr, "bench-place-exact: cost mismatch %lld vs %lld\n",
            (long long)ipuPlaceCost(p, s.bestTiles), (long long)s.best);
    exit(1);
  }
  return s.best;
}

typedef struct {
  int count, optimalGreedy, optimalPlace;
  double sumGreedy, sumPlace, worstGreedy, worstPlace;
} Stats;

static void addStat(Stats *st, double greedy, double place) {
  st->count++;
  st->sumGreedy += greedy;
  st->sumPlace += place;
  st->optimalGreedy += greedy <= 1.0;
  st->optimalPlace += place <= 1.0;
  if (greedy > st->worstGreedy)
    st->worstGreedy = greedy;
  if (place > st->worstPlace)
    st->worstPlace = place;
}

static void printStat(const char *grid, const char *kind, const char *sizes,
                      const Stats *st) {
  printf("| %s | %s | %s | %d | %.4f | %.4f | %d | %.4f | %.4f | %d |\n",
         grid, kind, sizes, st->count, st->sumPlace / st->count,
         st->worstPlace, st->optimalPlace, st->sumGreedy / st->count,
         st->worstGreedy, st->optimalGreedy);
}

static bool checkPins(const IpuPlaceProblem *p, const int64_t *tiles) {
  for (int64_t a = 0; a < p->numArrays; ++a)
    if (p->pins && p->pins[a] >= 0 && tiles[a] != p->pins[a])
      return false;
  return true;
}

int main(int argc, char **argv) {
  int perSize = 10;
  uint64_t seed = 5;
  bool rows = false, verify = false;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--rows"))
      rows = true;
    else if (!strcmp(argv[i], "--verify"))
      verify = true;
    else if (positional++ == 0)
      perSize = atoi(argv[i]);
    else
      seed = strtoull(argv[i], NULL, 10);
  }
  if (perSize < 1)
    perSize = 1;
  IpuContext *ctx = ipuContextCreate(NULL);
  Stats all = {0};
  printf("| grid | instances | arrays | count | place mean | place worst | "
         "place optimal | greedy mean | greedy worst | greedy optimal |\n");
  printf("| :--- | :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | "
         "---: |\n");
  for (int64_t side = 3; side <= 4; ++side) {
    char grid[48];
    snprintf(grid, sizeof grid, "%lldx%lld", (long long)side, (long long)side);
    for (Kind kind = KIND_NET; kind <= KIND_PINNED; ++kind) {
      Stats st = {0};
      int64_t minN = kind == KIND_PINNED ? 5 : 3;
      for (int64_t n = minN; n <= MAX_ARRAYS; ++n) {
        int count = kind == KIND_PINNED ? (perSize + 1) / 2 : perSize;
        for (int k = 0; k < count; ++k) {
          uint64_t rng = seed * 1000003u + (uint64_t)side * 10007u +
                         (uint64_t)kind * 1009u + (uint64_t)n * 101u +
                         (uint64_t)k;
          Instance in;
          generate(&in, kind, n, side, &rng);
          int64_t tiles0[MAX_ARRAYS], tiles1[MAX_ARRAYS];
          IpuPlaceResult r0, r1;
          if (!ipuPlaceSolve(ctx, &in.p, 1, 0, tiles0, &r0) ||
              !ipuPlaceSolve(ctx, &in.p, 1, 1, tiles1, &r1) ||
              !checkPins(&in.p, tiles0) || !checkPins(&in.p, tiles1) ||
              ipuPlaceCost(&in.p, tiles1) != r1.cost ||
              ipuPlaceCost(&in.p, tiles0) != r0.cost) {
            fprintf(stderr, "bench-place-exact: solver failed or disagrees "
                    "with its cost (grid %s, n %lld, #%d)\n", grid,
                    (long long)n, k);
            return 1;
          }
          int64_t incumbent = r1.cost < r0.cost ? r1.cost : r0.cost;
          int64_t nodes = 0;
          int64_t opt = exactOptimum(&in.p, incumbent, false, &nodes);
          int64_t plain = 0;
          if (verify && side == 3 &&
              exactOptimum(&in.p, 0, true, &plain) != opt) {
            fprintf(stderr, "bench-place-exact: branch and bound missed the "
                    "optimum (grid %s, n %lld, #%d)\n", grid, (long long)n,
                    k);
            return 1;
          }
          double g = opt ? (double)r0.cost / (double)opt : 1.0;
          double pl = opt ? (double)r1.cost / (double)opt : 1.0;
          addStat(&st, g, pl);
          addStat(&all, g, pl);
          if (rows)
            fprintf(stderr, "%s %-20s n=%lld #%d opt=%lld place=%lld "
                    "greedy=%lld nodes=%lld\n", grid, kKindNames[kind],
                    (long long)n, k, (long long)opt, (long long)r1.cost,
                    (long long)r0.cost, (long long)nodes);
        }
      }
      char sizes[48];
      snprintf(sizes, sizeof sizes, "%lld..%d", (long long)minN, MAX_ARRAYS);
      printStat(grid, kKindNames[kind], sizes, &st);
    }
  }
  printStat("all", "all", "3..9", &all);
  if (verify)
    printf("\n(--verify: plain enumeration agreed on every 3x3 "
           "instance)\n");
  ipuContextDestroy(ctx);
  return 0;
}
