/* What the files of the plan-memory pass share: one tile's buffers with
 * their lifetimes, view families, sizes and planned offsets. Private to
 * passes/plan_memory*.c. */
#ifndef IPU_PASSES_PLAN_MEMORY_H
#define IPU_PASSES_PLAN_MEMORY_H

#include "ipu/hw.h"
#include "passes.h"

typedef struct {
  IpuOp *buffer;
  intptr_t first, last; /* live range in instructions; first -1: unused
                           (a root's: the union over its view family) */
  bool received;
  bool family;    /* a view, or a root with views: one slot */
  intptr_t root;  /* index of its view family's root (itself if no view) */
  int64_t viewOffset; /* bytes from the root's first byte */
  bool box;       /* a box view (strided rows of its root): viewOffset is
                     its first element's byte */
  int64_t slotBytes, slots;
  int64_t bytes;  /* slots x slotBytes */
  int64_t offset;
} PmBuffer;

typedef struct {
  IpuOp *tile;
  int64_t chip, x, y;
  PmBuffer *buffers;
  intptr_t count;
  int64_t peak;  /* top of the plan: max offset + bytes */
  int64_t bound; /* max bytes live at once */
} PmTile;

/* The JSON report (plan_memory_report.c); false after an error at
 * `module`. */
bool pmWriteReport(IpuOp *module, const PmTile *tiles, intptr_t numTiles,
                   const char *path);
/* The overflow error at the tile with its memory map as a note. */
void pmReportOverflow(const PmTile *tile, int64_t sramBytes);

#endif
