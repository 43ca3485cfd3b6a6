/* The picture of a compiled network on the chip: an SVG of the tile grid
 * with tiles coloured by the layer they run and links drawn by their load,
 * for a user to open in a browser (ipu-compile --svg). */
#ifndef IPU_PLACEMENT_SVG_H
#define IPU_PLACEMENT_SVG_H

#include "ipu/ipub.h"

/* The SVG document for `m`, titled `title`, freed with ipuFree(m->ctx,
 * ...); NULL when out of memory. */
char *placementSvg(const IpubModule *m, const char *title);

#endif
