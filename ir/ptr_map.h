/* A small open-addressing hash map from pointers to pointers, for the ir/
 * files (clone's value and block mapping, symbol table caches). */
#ifndef IPU_IR_PTR_MAP_H
#define IPU_IR_PTR_MAP_H

#include "ipu/context.h"

typedef struct {
  const void *key; /* NULL marks an empty slot */
  void *value;
} IpuPtrMapEntry;

typedef struct {
  IpuContext *ctx;
  IpuPtrMapEntry *slots; /* owned; capacity is a power of two or 0 */
  size_t capacity;
  size_t count;
} IpuPtrMap;

void ipuPtrMapInit(IpuPtrMap *m, IpuContext *ctx);
void ipuPtrMapDestroy(IpuPtrMap *m);
/* Inserts or overwrites; fails only on allocation failure. `key` must not
 * be NULL. There is no removal: maps live for one job. */
bool ipuPtrMapPut(IpuPtrMap *m, const void *key, void *value);
/* The value for `key`, or NULL when absent. */
void *ipuPtrMapGet(const IpuPtrMap *m, const void *key);

#endif
