/* route-noc: the state its parts share (the driver, legalization and report
 * in route_noc.c, the routers in route_noc_search.c); private. */
#ifndef IPU_PASSES_ROUTE_NOC_H
#define IPU_PASSES_ROUTE_NOC_H

#include "passes.h"
#include "placement.h"

/* Mesh links are directed: link = tile * 4 + direction. */
enum { RN_EAST, RN_WEST, RN_SOUTH, RN_NORTH, RN_NUM_DIRS };

/* A place: a tile, or the host (chip -1, x = y = 0). */
typedef struct {
  int64_t chip, x, y;
} RnPlace;

/* A piece of a flow inside one chip's mesh, from tile `from` to tile `to`
 * (global tile numbers, see placement.h); `nodes` are the tiles visited,
 * both ends included. */
typedef struct {
  int64_t from, to;
  int64_t *nodes;
  int64_t numNodes;
} RnSegment;

typedef struct {
  IpuOp *channel;
  RnPlace src, dst;
  int64_t bytes;
  RnSegment segs[2];
  int numSegs;
  bool ripped;
} RnFlow;

typedef struct {
  IpuContext *ctx;
  IpuOp *module;
  IpuTarget target;
  int64_t tilesPerChip, numTiles, numLinks;
  int64_t capacity;
  RnFlow *flows;
  int64_t numFlows, capFlows;
  int64_t *load; /* per link, bytes per inference */
  /* Statistics. */
  int64_t maxLoadXY, maxLoad, iterations, numOverloaded, totalByteHops;
  int64_t numSplit, numInserted;
} RnState;

/* Tile number of (chip, x, y) and back. */
int64_t rnTile(const RnState *s, int64_t chip, int64_t x, int64_t y);
void rnTilePos(const RnState *s, int64_t tile, int64_t *chip, int64_t *x,
               int64_t *y);
/* The link from tile `a` to its neighbour `b`. */
int64_t rnLink(const RnState *s, int64_t a, int64_t b);
/* The tile a link leaves from / leads to. */
int64_t rnLinkFrom(int64_t link);
int64_t rnLinkTo(const RnState *s, int64_t link);

/* Routes every flow: XY first (s->maxLoadXY), then, when `negotiated`,
 * PathFinder rounds while a link is over capacity. Fills the segments'
 * nodes, s->load and the statistics. False only when out of memory. */
bool rnRouteAll(RnState *s, bool negotiated, int64_t maxIterations,
                double maxFactor);

/* The JSON report (route_noc_report.c): statistics, every loaded link,
 * every flow. False after an error (reported at the module). */
bool rnWriteReport(RnState *s, const char *mode, const char *path);

#endif
