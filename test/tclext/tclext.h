/* Shared parts of the test-only Tcl extension: the counting allocator hook,
 * one parse "session" (context + source manager + collected diagnostics). */
#ifndef IPU_TCLEXT_H
#define IPU_TCLEXT_H

#include <tcl.h>

#include "ipu/ipu.h"

/* Allocation counters of one interpreter, summed over every context the
 * ipu:: commands create (ipu::alloc_stats reports them). */
typedef struct {
  size_t allocs;     /* allocation calls (malloc and realloc) since reset */
  size_t frees;      /* free calls with a non-NULL pointer */
  size_t live;       /* blocks held by contexts that still exist */
  size_t peakLive;   /* highest `live` seen */
  size_t lastTotal;  /* allocation calls made by the last command */
  size_t lastLeaked; /* blocks the last command's context left behind */
  size_t leakedSum;  /* blocks leaked by all commands since reset */
} TestState;

/* The allocator hook: counts, and refuses allocation number `failAt`
 * (1-based; every one from there on when `persistent`). */
typedef struct {
  TestState *state;  /* interpreter totals to update; may be NULL */
  size_t total;      /* allocation calls seen, refused ones included */
  size_t live;       /* blocks handed out and not freed */
  size_t peakLive;
  size_t failAt;     /* 0: never fail */
  int persistent;
  size_t refused;    /* allocation calls that returned NULL on purpose */
} CountingAllocator;

typedef struct {
  int generic;            /* print in generic form */
  int allowUnregistered;  /* --allow-unregistered-dialect */
  int binary;             /* take the text as bytes (Tcl byte array) */
  int noVerify;           /* skip the verifier after parsing */
  int debugInfo;          /* print locations */
  int prettyDebugInfo;    /* print locations inline */
  const char *filename;   /* name used in locations; owned by the caller */
} SessionOptions;

/* One context and everything a parse needs around it. */
typedef struct {
  CountingAllocator alloc;
  IpuAllocator hook;
  IpuContext *ctx;        /* NULL if even the context could not be made */
  IpuSourceMgr *sm;       /* may be NULL under allocation failure */
  Tcl_DString diags;      /* rendered diagnostics */
  size_t numErrors;       /* error diagnostics seen by the handler */
  char *source;           /* NUL-terminated copy of the input (ckalloc) */
  size_t sourceLength;
  SessionOptions opts;
} TestSession;

void sessionOptionsInit(SessionOptions *o);
/* Parses the trailing options of a command into `o`, starting at
 * objv[first]. Leaves an error in the interpreter on a bad option. */
int sessionOptionsParse(Tcl_Interp *interp, int objc, Tcl_Obj *const objv[],
                        int first, SessionOptions *o);

/* Creates the context (allocation `failAt` refused, 0: none) with every
 * dialect registered, and copies the text. Never fails: s->ctx may be NULL
 * when allocation failure hit the context itself. */
void sessionOpen(TestSession *s, TestState *state, Tcl_Obj *text,
                 const SessionOptions *o, size_t failAt, int persistent);
/* Parses the session's text; NULL on failure (diagnostics in s->diags). */
IpuOp *sessionParse(TestSession *s, const char *text, size_t length);
/* Prints `op` into `out` (initialised by the caller). */
void sessionPrint(TestSession *s, IpuOp *op, int generic, Tcl_DString *out);
/* Destroys the context; returns the number of blocks it leaked. */
size_t sessionClose(TestSession *s);

/* Command tables of each group, as SQLite's test*.c files. */
int Ipu_ParseCmdsInit(Tcl_Interp *interp, TestState *state);
int Ipu_AllocCmdsInit(Tcl_Interp *interp, TestState *state);

#endif
