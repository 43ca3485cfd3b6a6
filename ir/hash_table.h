/* A small open-addressing hash table of (hash, pointer) slots, and the hash
 * functions shared by uniquing, interning and the registries (private). */
#ifndef IPU_IR_HASH_TABLE_H
#define IPU_IR_HASH_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipu/context.h"

/* The caller keeps the full hash of every entry, so growing never calls back
 * into the caller and lookups compare hashes before contents. A NULL value
 * marks an empty slot; deletion shifts entries back (no tombstones). */
typedef struct {
  uint64_t hash;
  void *value;
} IpuHashSlot;

typedef struct {
  IpuHashSlot *slots; /* owned, `capacity` entries; NULL while empty */
  size_t capacity;    /* zero or a power of two */
  size_t count;       /* occupied slots */
  unsigned shift;     /* 64 - log2(capacity), for Fibonacci hashing */
} IpuHashTable;

/* True when `entry` holds the content described by `key`. */
typedef bool (*IpuHashMatchFn)(const void *entry, const void *key);

void ipuHashTableInit(IpuHashTable *t);
void ipuHashTableDispose(IpuContext *ctx, IpuHashTable *t);
/* The entry with this hash that `match` accepts, or NULL. */
void *ipuHashTableFind(const IpuHashTable *t, uint64_t hash,
                       IpuHashMatchFn match, const void *key);
/* Adds an entry (no check for an equal one). Fails only on allocation. */
bool ipuHashTableInsert(IpuContext *ctx, IpuHashTable *t, uint64_t hash,
                        void *value);
/* Makes room for `extra` more entries, so that many inserts cannot fail. */
bool ipuHashTableReserve(IpuContext *ctx, IpuHashTable *t, size_t extra);
/* Removes and returns the matching entry, or NULL. */
void *ipuHashTableRemove(IpuHashTable *t, uint64_t hash, IpuHashMatchFn match,
                         const void *key);

/* Hashes. ipuHashBytes reads eight bytes at a time in four independent
 * lanes (xxHash-style), so hashing 100 MB of constant data stays well under
 * the time it takes to read the file. */
uint64_t ipuHashBytes(const void *data, size_t length);
static inline uint64_t ipuHashCombine(uint64_t h, uint64_t v) {
  uint64_t x = (h ^ v) * 0x9E3779B97F4A7C15ull;
  return x ^ (x >> 31);
}
static inline uint64_t ipuHashPointer(uint64_t h, const void *p) {
  return ipuHashCombine(h, (uint64_t)(uintptr_t)p);
}

/* Keys of string-keyed tables: match an entry whose first member is an
 * IpuStringRef against a key that is an IpuStringRef. */
bool ipuHashMatchStringRef(const void *entry, const void *key);

#endif
