/* The open-addressing hash table behind uniquing, interning and the
 * registries, and a fast word-at-a-time hash for large byte strings. */
#include <string.h>

#include "hash_table.h"

void ipuHashTableInit(IpuHashTable *t) {
  t->slots = NULL;
  t->capacity = 0;
  t->count = 0;
  t->shift = 64;
}

void ipuHashTableDispose(IpuContext *ctx, IpuHashTable *t) {
  ipuFree(ctx, t->slots);
  ipuHashTableInit(t);
}

/* Fibonacci hashing takes the high bits of a multiplied hash, so callers'
 * weakly mixed hashes (pointers, small integers) still spread well. */
static size_t homeSlot(const IpuHashTable *t, uint64_t hash) {
  return (size_t)((hash * 0x9E3779B97F4A7C15ull) >> t->shift);
}

void *ipuHashTableFind(const IpuHashTable *t, uint64_t hash,
                       IpuHashMatchFn match, const void *key) {
  if (t->count == 0)
    return NULL;
  size_t mask = t->capacity - 1;
  for (size_t i = homeSlot(t, hash);; i = (i + 1) & mask) {
    const IpuHashSlot *s = &t->slots[i];
    if (!s->value)
      return NULL;
    if (s->hash == hash && match(s->value, key))
      return s->value;
  }
}

static void placeSlot(IpuHashTable *t, uint64_t hash, void *value) {
  size_t mask = t->capacity - 1;
  size_t i = homeSlot(t, hash);
  while (t->slots[i].value)
    i = (i + 1) & mask;
  t->slots[i].hash = hash;
  t->slots[i].value = value;
}

static bool rehash(IpuContext *ctx, IpuHashTable *t, size_t newCapacity) {
  IpuHashSlot *newSlots = ipuCalloc(ctx, newCapacity, sizeof(IpuHashSlot));
  if (!newSlots)
    return false;
  IpuHashSlot *old = t->slots;
  size_t oldCapacity = t->capacity;
  unsigned shift = 64;
  for (size_t c = newCapacity; c > 1; c >>= 1)
    shift--;
  t->slots = newSlots;
  t->capacity = newCapacity;
  t->shift = shift;
  for (size_t i = 0; i < oldCapacity; i++)
    if (old[i].value)
      placeSlot(t, old[i].hash, old[i].value);
  ipuFree(ctx, old);
  return true;
}

/* Keep the load at most 70%: linear probing degrades quickly above. */
static bool fits(size_t count, size_t capacity) {
  return count * 10 <= capacity * 7;
}

bool ipuHashTableReserve(IpuContext *ctx, IpuHashTable *t, size_t extra) {
  if (extra > SIZE_MAX / 16 - t->count)
    return false;
  size_t need = t->count + extra;
  if (fits(need, t->capacity))
    return true;
  size_t capacity = t->capacity ? t->capacity : 16;
  while (!fits(need, capacity))
    capacity *= 2;
  return rehash(ctx, t, capacity);
}

bool ipuHashTableInsert(IpuContext *ctx, IpuHashTable *t, uint64_t hash,
                        void *value) {
  if (!fits(t->count + 1, t->capacity) &&
      !rehash(ctx, t, t->capacity ? t->capacity * 2 : 16))
    return false;
  placeSlot(t, hash, value);
  t->count++;
  return true;
}

void *ipuHashTableRemove(IpuHashTable *t, uint64_t hash, IpuHashMatchFn match,
                         const void *key) {
  if (t->count == 0)
    return NULL;
  size_t mask = t->capacity - 1;
  size_t i = homeSlot(t, hash);
  for (;; i = (i + 1) & mask) {
    if (!t->slots[i].value)
      return NULL;
    if (t->slots[i].hash == hash && match(t->slots[i].value, key))
      break;
  }
  void *removed = t->slots[i].value;
  /* Backward-shift deletion: move later members of the probe run into the
   * hole when their home slot does not lie between the hole and them. */
  size_t hole = i;
  for (size_t j = (i + 1) & mask; t->slots[j].value; j = (j + 1) & mask) {
    size_t home = homeSlot(t, t->slots[j].hash);
    bool homeInRange = hole <= j ? (home > hole && home <= j)
                                 : (home > hole || home <= j);
    if (homeInRange)
      continue;
    t->slots[hole] = t->slots[j];
    hole = j;
  }
  t->slots[hole].value = NULL;
  t->slots[hole].hash = 0;
  t->count--;
  return removed;
}

#define PRIME1 0x9E3779B185EBCA87ull
#define PRIME2 0xC2B2AE3D27D4EB4Full
#define PRIME3 0x165667B19E3779F9ull
#define PRIME4 0x85EBCA77C2B2AE63ull
#define PRIME5 0x27D4EB2F165667C5ull

static inline uint64_t rotl64(uint64_t x, unsigned r) {
  return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static inline uint64_t lane(uint64_t acc, uint64_t input) {
  acc += input * PRIME2;
  acc = rotl64(acc, 31);
  return acc * PRIME1;
}

static inline uint64_t mergeLane(uint64_t h, uint64_t acc) {
  h ^= lane(0, acc);
  return h * PRIME1 + PRIME4;
}

uint64_t ipuHashBytes(const void *data, size_t length) {
  const unsigned char *p = data;
  const unsigned char *end = p + length;
  uint64_t h;
  if (length >= 32) {
    uint64_t a = PRIME1 + PRIME2, b = PRIME2, c = 0, d = 0 - PRIME1;
    const unsigned char *limit = end - 32;
    do {
      a = lane(a, load64(p));
      b = lane(b, load64(p + 8));
      c = lane(c, load64(p + 16));
      d = lane(d, load64(p + 24));
      p += 32;
    } while (p <= limit);
    h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18);
    h = mergeLane(h, a);
    h = mergeLane(h, b);
    h = mergeLane(h, c);
    h = mergeLane(h, d);
  } else {
    h = PRIME5;
  }
  h += (uint64_t)length;
  while (end - p >= 8) {
    h ^= lane(0, load64(p));
    h = rotl64(h, 27) * PRIME1 + PRIME4;
    p += 8;
  }
  if (end - p >= 4) {
    uint32_t v;
    memcpy(&v, p, 4);
    h ^= (uint64_t)v * PRIME1;
    h = rotl64(h, 23) * PRIME2 + PRIME3;
    p += 4;
  }
  while (p < end) {
    h ^= (*p++) * PRIME5;
    h = rotl64(h, 11) * PRIME1;
  }
  h ^= h >> 33;
  h *= PRIME2;
  h ^= h >> 29;
  h *= PRIME3;
  h ^= h >> 32;
  return h;
}

bool ipuHashMatchStringRef(const void *entry, const void *key) {
  return ipuStringRefEqual(*(const IpuStringRef *)entry,
                           *(const IpuStringRef *)key);
}
