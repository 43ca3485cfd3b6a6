/* The placement model the place and route-noc passes share: tiles and the
 * hop distance between them, array-to-array traffic, its cost, the solver
 * (greedy + annealing), and the conventions for where each tile-level op is.
 *
 * Tiles are numbered `chip * (rows * cols) + y * cols + x`, so that the
 * lowest number is the lowest (chip, y, x). The host is attached to the
 * router of tile (0, 0) of every chip, that chip's port; for cost, the
 * host counts as the port of chip 0 (the host link itself is a constant
 * placement cannot change). The placement problem is plain data, so the
 * benchmark can build instances without IR and compare ipuPlaceSolve's
 * result with an exhaustive optimum through ipuPlaceCost. */
#ifndef IPU_PASSES_PLACEMENT_H
#define IPU_PASSES_PLACEMENT_H

#include <stdio.h>

#include "ipu/ipu.h"
#include "ipu/target.h"

/* An endpoint of traffic that is no array: the host, or a unit that
 * follows no array (at the port of chip 0). Its tile is 0. */
#define IPU_PLACE_PORT (-1)

/* `bytes` moved per inference between arrays `a` and `b` (either may be
 * IPU_PLACE_PORT). Direction does not matter for cost. */
typedef struct {
  int64_t a, b;
  int64_t bytes;
} IpuPlaceEdge;

typedef struct {
  int64_t chips, cols, rows; /* the grid: one array per tile */
  int64_t chipHopCost;       /* hops charged for crossing the chip link */
  int64_t numArrays;
  /* Per array, the tile it must take, or -1; NULL: nothing pinned. Pins
   * must be distinct tiles of the grid (the place pass checks). */
  const int64_t *pins;
  int64_t numEdges;
  const IpuPlaceEdge *edges;
} IpuPlaceProblem;

typedef struct {
  int64_t costGreedy; /* after the greedy start */
  int64_t cost;       /* final (the best the annealer found) */
  int64_t movesTried;
  int64_t movesAccepted;
} IpuPlaceResult;

/* Hops between two tiles: Manhattan distance on one chip; across chips,
 * each tile's distance to its chip's port plus chipHopCost. */
int64_t ipuPlaceDistance(const IpuPlaceProblem *p, int64_t tileA,
                         int64_t tileB);
/* sum(bytes x hops) of an assignment (tileOfArray[i] for every array). */
int64_t ipuPlaceCost(const IpuPlaceProblem *p, const int64_t *tileOfArray);
/* Greedy start (arrays by decreasing traffic, each on the free tile
 * cheapest towards the placed ones, ties to the lowest tile), then, when
 * effort > 0, simulated annealing (moves and swaps of unpinned arrays,
 * about effort x max(20000, 500 x arrays) moves) seeded by `seed`: the same
 * problem and seed give the same tiles. Needs numArrays <= tiles. Fills
 * tileOfArray; false only when out of memory. */
bool ipuPlaceSolve(IpuContext *ctx, const IpuPlaceProblem *p, uint64_t seed,
                   int64_t effort, int64_t *tileOfArray,
                   IpuPlaceResult *result);

/* ---- Tile-level IR conventions (place_ir.c). ------------------------- */
/* The attribute both passes write: `hw.tile = array<i64: chip, x, y>` on
 * arrays and units, `hw.route = array<i64: c, x, y, ...>` on channels. */
#define IPU_PLACE_TILE_ATTR "hw.tile"
#define IPU_PLACE_ROUTE_ATTR "hw.route"

/* tile.mvm, tile.windows, tile.accumulate, tile.simd: the ops that run on
 * a tile (everything else in a function runs on the host). */
bool ipuPlaceIsUnitOp(const IpuOp *op);
/* Bytes of a value of type `t` sent once: elements x element bytes (i1
 * takes a byte); 0 for types without a static size. */
int64_t ipuPlaceTypeBytes(IpuType t);
/* The op a value comes from, looking through tile.channel ops; NULL for a
 * function argument. */
IpuOp *ipuPlaceProducer(IpuValue v);
/* Reads `hw.tile` of `op` into *chip, *x, *y; false when absent or not an
 * array<i64> of three elements. */
bool ipuPlaceGetTileAttr(const IpuOp *op, int64_t *chip, int64_t *x,
                         int64_t *y);
void ipuPlaceSetTileAttr(IpuOp *op, int64_t chip, int64_t x, int64_t y);
/* The single-block func.func bodies of `module`, in order, in a new array
 * (ipuFree it); NULL with *count 0 when there are none or memory runs out
 * (*oom says which). */
IpuBlock **ipuPlaceFunctionBodies(IpuOp *module, intptr_t *count, bool *oom);
/* Writes `s` as a JSON string, quoted and escaped (the reports). */
void ipuPlaceWriteJsonString(FILE *f, const char *s);

#endif
