/* The textual format: parsing source text into IR and printing IR back, in
 * MLIR's generic syntax or in the custom forms of known ops. */
#ifndef IPU_ASM_H
#define IPU_ASM_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *filename; /* for locations; "-" for standard input */
  unsigned lineOffset;  /* added to every line number (split input files) */
  /* Do not verify the result (ipu-opt verifies after parsing itself). */
  bool skipVerify;
  /* Streaming input (optional): called now and then, in steps of a few
   * MB, with a range [begin, end) of byte offsets into `source` that the
   * parser will never read again, so that the caller may release that
   * memory while parsing goes on: ipu-opt madvise(MADV_DONTNEED)s its
   * private file mapping, which keeps a 200 MB input from staying resident.
   * Ranges come mostly in order (a growing prefix, and the inside of a huge
   * `dense<"0x...">` token as it is decoded) and may overlap. Nothing the
   * parser keeps (tokens, caches, deferred aliases, error paths) points
   * into a released range. Diagnostics rendered later through an
   * IpuSourceMgr do re-read source lines: release only memory whose content
   * comes back when touched again, as a private mapping of an unmodified
   * file does (not a malloc'd buffer). */
  void (*sourceConsumed)(size_t begin, size_t end, void *userData);
  void *sourceConsumedData;
} IpuParseOptions;

/* Parses `length` bytes of `source` into a builtin.module. `source[length]`
 * must be a readable NUL byte (a sentinel for the lexer); NUL bytes before
 * it are errors. If the text holds exactly one top-level builtin.module it
 * is returned, otherwise the top-level ops are wrapped in a new module, as
 * MLIR does. Returns NULL after reporting a located diagnostic. The caller
 * owns the module (ipuOpDestroy). */
IpuOp *ipuParseSource(IpuContext *ctx, const char *source, size_t length,
                      const IpuParseOptions *options);

/* Parses a single type or attribute from text (for tools and tests). */
IpuType ipuTypeParse(IpuContext *ctx, IpuStringRef text);
IpuAttr ipuAttrParse(IpuContext *ctx, IpuStringRef text);

typedef struct {
  bool generic;            /* --mlir-print-op-generic */
  bool debugInfo;          /* --mlir-print-debuginfo: print locations */
  bool prettyDebugInfo;    /* locations inline instead of as #loc aliases */
  bool skipRegions;        /* print ops without their regions */
  /* Dense constants with more elements than this print in hex ("0x...");
   * 0 means the default of 100, as MLIR. */
  int64_t hexThreshold;
  /* Elide dense constants with more elements than this (0: never). */
  int64_t elideElementsLimit;
  bool noResources;        /* do not print the {-# dialect_resources #-} */
} IpuPrintOptions;

void ipuPrintOptionsInit(IpuPrintOptions *opts);

/* Prints an op (normally a module) and, when it is a top-level op, the
 * location aliases and resource section after it. */
void ipuOpPrint(IpuOp *op, const IpuPrintOptions *opts, IpuStringCallback cb,
                void *userData);
void ipuTypePrint(IpuType t, IpuStringCallback cb, void *userData);
void ipuAttrPrint(IpuAttr a, IpuStringCallback cb, void *userData);
void ipuLocationPrint(IpuLocation l, IpuStringCallback cb, void *userData);

#ifdef __cplusplus
}
#endif
#endif
