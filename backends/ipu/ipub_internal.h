/* Shared pieces of backends/ipu: the file layout's constants, the target's
 * field table, CRC-32, and the verifier with a hook that locates errors. */
#ifndef IPUB_INTERNAL_H
#define IPUB_INTERNAL_H

#include "ipu/ipu.h"
#include "ipu/ipub.h"

/* ---- File layout (docs/binary-format.md) ------------------------------ */

#define IPUB_MAGIC_SIZE 8
extern const uint8_t ipubMagic[IPUB_MAGIC_SIZE];
#define IPUB_HEADER_SIZE 32
#define IPUB_SECTION_ENTRY_SIZE 24
#define IPUB_SECTION_ALIGN 8
/* Header field offsets. */
#define IPUB_HDR_VERSION 8
#define IPUB_HDR_FLAGS 12
#define IPUB_HDR_FILE_SIZE 16
#define IPUB_HDR_NUM_SECTIONS 24
#define IPUB_HDR_CRC 28

typedef enum {
  IPUB_SECTION_TARGET = 1,
  IPUB_SECTION_TILE = 2,
  IPUB_SECTION_HOST = 3,
  IPUB_SECTION_ROUTES = 4,
  IPUB_SECTION_KERNELS = 5,
  IPUB_SECTION_IO = 6,
  IPUB_SECTION_DEBUG = 7,
} IpubSectionKind;

const char *ipubSectionKindName(uint32_t kind);
const char *ipubOpcodeName(uint32_t opcode);

/* Instruction flag bits (the byte after the opcode). */
#define IPUB_INSTR_HAS_WINDOW 1u
#define IPUB_INSTR_IN_PLACE 2u /* EXEC on a tile only */

/* Limits the format puts on names and text (a damaged count then cannot
 * ask for absurd allocations; real values are far below). */
#define IPUB_MAX_NAME 4096
#define IPUB_TARGET_NAME_MAX 63

/* ---- The target's fields, in file order ------------------------------- */

typedef enum { IPUB_TF_INT, IPUB_TF_REAL, IPUB_TF_BOOL } IpubTargetFieldKind;
typedef struct {
  const char *key;   /* the hw.target entry's name */
  IpubTargetFieldKind kind;
  size_t offset;     /* in IpuTarget */
  int64_t min, max;  /* INT: range; REAL: min 1 means > 0, else >= 0 */
} IpubTargetField;
extern const IpubTargetField ipubTargetFields[];
extern const size_t ipubNumTargetFields;

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib and PNG) ------------------ */

uint32_t ipubCrc32(uint32_t crc, const uint8_t *data, size_t size);

/* ---- Verification with located errors -------------------------------- */

typedef enum {
  IPUB_WHERE_MODULE,
  IPUB_WHERE_TARGET,
  IPUB_WHERE_TILE,   /* tile index (numTiles: the host) */
  IPUB_WHERE_BLOCK,  /* tile, index */
  IPUB_WHERE_BUFFER, /* tile, index */
  IPUB_WHERE_INSTR,  /* tile, index */
  IPUB_WHERE_ROUTE,  /* index */
  IPUB_WHERE_KERNELS,
  IPUB_WHERE_INPUT,  /* index */
  IPUB_WHERE_OUTPUT, /* index */
  IPUB_WHERE_DEBUG,
} IpubWhereKind;

typedef struct {
  IpubWhereKind kind;
  uint32_t tile, index;
} IpubWhere;

/* Where an error about `where` goes: the loader names the byte offset in
 * `prefix` ("byte 1234: "), ipubFromHw sets *op to the op it came from (the
 * error is then the op's). NULL means the verifier's default location. */
typedef struct {
  IpuLocation (*locate)(void *userData, IpubWhere where, char *prefix,
                        size_t prefixSize, IpuOp **op);
  void *userData;
} IpubLocator;

IpuLogicalResult ipubVerifyWith(const IpubModule *m, IpuLocation loc,
                                const IpubLocator *locator);

/* The loader's check of the kernel text (parses it; see kernels.c);
 * errors are located at `loc` and start with `prefix`. */
IpuLogicalResult ipubCheckKernels(const IpubModule *m, IpuLocation loc,
                                  const char *prefix);

/* The target's own ranges (the hw.target checks); `what` receives the
 * failing field's key. */
bool ipubTargetIsValid(const IpuTarget *t, const char **what);

/* Buffer bytes implied by its type and stream_rows; false on overflow or
 * a type the format does not carry. */
bool ipubBufferExpectedBytes(const IpubBuffer *b, uint64_t *bytes);

/* The tile's name for messages: "tile (chip, x, y)" or "host". */
void ipubTileLabel(const IpubModule *m, uint32_t tile, char *buf,
                   size_t size);

#endif
