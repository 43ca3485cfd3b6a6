/* place: the state its parts share (the model of the tile IR in
 * place_model.c, the driver, pins and report in place.c); private. */
#ifndef IPU_PASSES_PLACE_H
#define IPU_PASSES_PLACE_H

#include "passes.h"
#include "placement.h"

typedef struct {
  IpuContext *ctx;
  IpuOp *module;
  IpuTarget target;
  IpuSymbolTable *symbols; /* the module's */
  /* The tile.array ops in module order, their index + 1 by op, pins. */
  IpuOp **arrays;
  int64_t numArrays;
  IpuPtrMap arrayIndex;
  int64_t *pins; /* tile or -1, per array */
  /* The unit ops of every function, their index + 1 by op; per unit the
   * unit it follows (-1: none) and, once resolved, its anchor: an array
   * index or IPU_PLACE_PORT. */
  IpuOp **units;
  int64_t numUnits, capUnits;
  IpuPtrMap unitIndex;
  int64_t *follow;
  int64_t *anchor;
  /* Traffic: edges between anchors, bytes per array. */
  IpuPlaceEdge *edges;
  int64_t numEdges, capEdges;
  int64_t *traffic;
  int64_t numWindowsSplit;
  /* Scratch. */
  IpuOp **scratch;
  int64_t numScratch, capScratch;
  IpuValue *stack;
  int64_t capStack;
  int64_t *places;
  int64_t capPlaces;
} PlaceModel;

/* Splits windows per array, finds every unit's anchor and the traffic
 * edges. m->arrays, arrayIndex, symbols and numArrays must be set. False
 * after an error (reported) or when out of memory (m->ctx's error count
 * tells which). */
bool placeModelBuildUnits(PlaceModel *m, IpuBlock **bodies,
                          intptr_t numBodies);
void placeModelFree(PlaceModel *m);

#endif
