/* Shared plumbing of the command-line tools: file reading, diagnostic
 * printing, --split-input-file chunks and --verify-diagnostics checking. */
#include "tool_support.h"

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Maps a regular file whose size is not a multiple of the page size: the
 * rest of its last page reads as zeros, the lexer's NUL sentinel. Private
 * and writable, so that --split-input-file can put a NUL after a chunk
 * (only that page is copied). */
static bool mapFile(const char *path, ToolFile *out) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return false;
  struct stat st;
  long page = sysconf(_SC_PAGESIZE);
  void *mem = MAP_FAILED;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      page > 0 && st.st_size % page != 0)
    mem = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE,
               fd, 0);
  close(fd);
  if (mem == MAP_FAILED)
    return false;
  out->data = mem;
  out->length = out->mapped = (size_t)st.st_size;
  return true;
}

void toolFileRelease(const ToolFile *f, size_t begin, size_t end) {
  long page = sysconf(_SC_PAGESIZE);
  if (!f->mapped || page <= 0)
    return;
  size_t first = (begin + (size_t)page - 1) / (size_t)page * (size_t)page;
  size_t last = end / (size_t)page * (size_t)page;
  if (last > first)
    madvise(f->data + first, last - first, MADV_DONTNEED);
}

bool toolReadFile(const char *path, ToolFile *out, char *err, size_t errSize) {
  memset(out, 0, sizeof *out);
  bool isStdin = strcmp(path, "-") == 0;
  if (!isStdin && mapFile(path, out)) {
    out->name = strdup(path);
    return true;
  }
  FILE *f = isStdin ? stdin : fopen(path, "rb");
  if (!f) {
    snprintf(err, errSize, "could not open input file '%s': %s", path,
             strerror(errno));
    return false;
  }
  size_t cap = 1 << 16, len = 0;
  if (!isStdin && fseek(f, 0, SEEK_END) == 0) {
    long size = ftell(f);
    if (size >= 0)
      cap = (size_t)size + 1;
    rewind(f);
  }
  char *buf = malloc(cap + 1);
  if (!buf) {
    snprintf(err, errSize, "out of memory reading '%s'", path);
    if (!isStdin)
      fclose(f);
    return false;
  }
  for (;;) {
    if (len == cap) {
      cap *= 2;
      char *grown = realloc(buf, cap + 1);
      if (!grown) {
        free(buf);
        snprintf(err, errSize, "out of memory reading '%s'", path);
        if (!isStdin)
          fclose(f);
        return false;
      }
      buf = grown;
    }
    size_t n = fread(buf + len, 1, cap - len, f);
    len += n;
    if (n == 0)
      break;
  }
  bool readError = ferror(f);
  if (!isStdin)
    fclose(f);
  if (readError) {
    free(buf);
    snprintf(err, errSize, "could not read input file '%s'", path);
    return false;
  }
  buf[len] = '\0';
  out->data = buf;
  out->length = len;
  out->name = strdup(isStdin ? "<stdin>" : path);
  return true;
}

void toolFileFree(ToolFile *f) {
  if (f->mapped)
    munmap(f->data, f->mapped);
  else
    free(f->data);
  free(f->name);
  memset(f, 0, sizeof *f);
}

/* True if [line, lineEnd) is a `// -----` marker line. */
static bool isSplitMarker(const char *line, const char *lineEnd) {
  while (line < lineEnd && (*line == ' ' || *line == '\t'))
    line++;
  while (lineEnd > line && (lineEnd[-1] == ' ' || lineEnd[-1] == '\t' ||
                            lineEnd[-1] == '\r'))
    lineEnd--;
  static const char marker[] = "// -----";
  size_t n = sizeof marker - 1;
  return (size_t)(lineEnd - line) == n && memcmp(line, marker, n) == 0;
}

size_t toolSplitInput(const char *data, size_t length, ToolChunk **chunks) {
  size_t cap = 8, count = 0;
  ToolChunk *out = malloc(cap * sizeof *out);
  size_t chunkBegin = 0;
  unsigned chunkLine = 0, line = 0;
  size_t pos = 0;
  while (pos < length) {
    const char *nl = memchr(data + pos, '\n', length - pos);
    size_t lineEnd = nl ? (size_t)(nl - data) : length;
    size_t next = nl ? lineEnd + 1 : length;
    if (isSplitMarker(data + pos, data + lineEnd)) {
      if (count == cap)
        out = realloc(out, (cap *= 2) * sizeof *out);
      out[count++] = (ToolChunk){chunkBegin, pos, chunkLine};
      chunkBegin = next;
      chunkLine = line + 1;
    }
    line++;
    pos = next;
  }
  if (count == cap)
    out = realloc(out, (cap + 1) * sizeof *out);
  out[count++] = (ToolChunk){chunkBegin, length, chunkLine};
  *chunks = out;
  return count;
}

void toolFileCallback(IpuStringRef piece, void *userData) {
  fwrite(piece.data, 1, piece.length, (FILE *)userData);
}

void toolDiagPrinterHandler(const IpuDiagnostic *diag, void *userData) {
  ToolDiagPrinter *p = userData;
  if (p->quietRemarks &&
      ipuDiagnosticGetSeverity(diag) == IPU_SEVERITY_REMARK)
    return;
  /* A binary file's errors are located at the file with no line (the
   * message names the byte): `FILE.ipub: error: byte N: ...`. */
  IpuLocation loc = ipuLocFindFileLoc(ipuDiagnosticGetLocation(diag));
  if (loc && ipuLocFileGetLine(loc) == 0) {
    fprintf(p->out, "%s: %s: %s\n",
            ipuIdentCStr(ipuLocFileGetFilename(loc)),
            ipuSeverityName(ipuDiagnosticGetSeverity(diag)),
            ipuDiagnosticGetMessage(diag));
    /* The notes (a memory map, the flows that did not route) keep their
     * own locations: each is printed as a diagnostic of its own. */
    for (intptr_t i = 0; i < ipuDiagnosticGetNumNotes(diag); ++i)
      toolDiagPrinterHandler(ipuDiagnosticGetNote(diag, i), userData);
    return;
  }
  ipuDiagnosticRender(diag, p->sources, toolFileCallback, p->out);
}

/* ---- --verify-diagnostics ------------------------------------------- */

typedef struct {
  IpuSeverity severity;
  unsigned line;     /* absolute line the diagnostic is expected on; 0: unknown loc */
  unsigned fileLine; /* line of the comment itself */
  unsigned column;
  char *text;        /* substring, or the regex for -re */
  bool isRegex;
  regex_t regex;
  bool regexOk;
  bool matched;
} Expectation;

struct ToolDiagVerifier {
  IpuContext *ctx;
  const char *bufferName;
  FILE *errOut;
  IpuSourceMgr *sources;
  Expectation *items;
  size_t count, cap;
  bool failed; /* an unexpected diagnostic was seen, or a bad designator */
};

static bool parseSeverity(const char *s, size_t n, IpuSeverity *out) {
  static const struct {
    const char *name;
    IpuSeverity sev;
  } kinds[] = {{"error", IPU_SEVERITY_ERROR},
               {"warning", IPU_SEVERITY_WARNING},
               {"note", IPU_SEVERITY_NOTE},
               {"remark", IPU_SEVERITY_REMARK}};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strlen(kinds[i].name) == n && memcmp(kinds[i].name, s, n) == 0) {
      *out = kinds[i].sev;
      return true;
    }
  return false;
}

/* Turns the FileCheck-like "text {{regex}} text" of an -re expectation into
 * one POSIX extended regex. */
static char *expectationToRegex(const char *text) {
  size_t n = strlen(text);
  char *out = malloc(2 * n + 1), *o = out;
  for (size_t i = 0; i < n;) {
    if (text[i] == '{' && text[i + 1] == '{') {
      const char *close = strstr(text + i + 2, "}}");
      if (close) {
        *o++ = '(';
        memcpy(o, text + i + 2, (size_t)(close - (text + i + 2)));
        o += close - (text + i + 2);
        *o++ = ')';
        i = (size_t)(close - text) + 2;
        continue;
      }
    }
    if (strchr(".[]{}()\\*+?|^$", text[i]))
      *o++ = '\\';
    *o++ = text[i++];
  }
  *o = '\0';
  return out;
}

/* Prints a verifier complaint directly: reporting it through the context
 * would feed it back into the verifier's own handler. */
static void renderAndDrop(ToolDiagVerifier *v, IpuDiagnostic *d) {
  ipuDiagnosticRender(d, v->sources, toolFileCallback, v->errOut);
  ipuContextSetDiagnosticHandler(v->ctx, NULL, NULL);
  ipuDiagnosticReport(d);
  ipuContextSetDiagnosticHandler(v->ctx, toolDiagVerifierHandler, v);
}

static void reportAt(ToolDiagVerifier *v, unsigned line, unsigned col,
                     const char *fmt, const char *kind, const char *msg) {
  IpuIdent file = ipuIdentGetC(v->ctx, v->bufferName);
  IpuLocation loc = ipuLocFileGet(v->ctx, file, line, col);
  IpuDiagnostic *d =
      ipuDiagnosticCreate(v->ctx, IPU_SEVERITY_ERROR, loc, fmt, kind, msg);
  renderAndDrop(v, d);
}

static void addExpectation(ToolDiagVerifier *v, Expectation e) {
  if (v->count == v->cap) {
    v->cap = v->cap ? 2 * v->cap : 16;
    v->items = realloc(v->items, v->cap * sizeof *v->items);
  }
  v->items[v->count++] = e;
}

ToolDiagVerifier *toolDiagVerifierCreate(IpuContext *ctx, const char *bufferName,
                                         const char *data, size_t begin,
                                         size_t end, unsigned lineOffset,
                                         FILE *errOut, IpuSourceMgr *sources) {
  ToolDiagVerifier *v = calloc(1, sizeof *v);
  v->ctx = ctx;
  v->bufferName = bufferName;
  v->errOut = errOut;
  v->sources = sources;

  /* Designators `@below` wait for the next line that is not a designator;
   * `@above` takes the last line that was not one. */
  size_t pendingBelow[64];
  size_t numPendingBelow = 0;
  unsigned lastNonDesignatorLine = 0;
  unsigned line = lineOffset;
  size_t pos = begin;
  while (pos < end) {
    line++;
    const char *nl = memchr(data + pos, '\n', end - pos);
    size_t lineEnd = nl ? (size_t)(nl - data) : end;
    const char *p = data + pos, *le = data + lineEnd;
    bool designatorLine = false;
    for (;;) {
      const char *hit = NULL;
      for (const char *q = p; q + 9 <= le; q++)
        if (memcmp(q, "expected-", 9) == 0) {
          hit = q;
          break;
        }
      if (!hit)
        break;
      const char *k = hit + 9, *ke = k;
      while (ke < le && *ke >= 'a' && *ke <= 'z')
        ke++;
      IpuSeverity sev;
      if (!parseSeverity(k, (size_t)(ke - k), &sev)) {
        p = ke;
        continue;
      }
      const char *q = ke;
      bool isRegex = false;
      if (le - q >= 3 && memcmp(q, "-re", 3) == 0) {
        isRegex = true;
        q += 3;
      }
      while (q < le && *q == ' ')
        q++;
      unsigned target = line;
      enum { AT_LINE, AT_BELOW, AT_UNKNOWN } mode = AT_LINE;
      if (q < le && *q == '@') {
        q++;
        if ((*q == '+' || *q == '-') && q + 1 < le && q[1] >= '0' && q[1] <= '9') {
          char sign = *q++;
          long off = 0;
          while (q < le && *q >= '0' && *q <= '9')
            off = off * 10 + (*q++ - '0');
          long t = sign == '+' ? (long)line + off : (long)line - off;
          target = t > 0 ? (unsigned)t : 0;
        } else if (le - q >= 5 && memcmp(q, "above", 5) == 0) {
          q += 5;
          target = lastNonDesignatorLine;
        } else if (le - q >= 5 && memcmp(q, "below", 5) == 0) {
          q += 5;
          mode = AT_BELOW;
        } else if (le - q >= 7 && memcmp(q, "unknown", 7) == 0) {
          q += 7;
          mode = AT_UNKNOWN;
          target = 0;
        } else {
          p = q;
          continue;
        }
      }
      while (q < le && *q == ' ')
        q++;
      if (le - q < 2 || q[0] != '{' || q[1] != '{') {
        p = q;
        continue;
      }
      /* The text runs to the last `}}` on the line, as MLIR's regex does. */
      const char *textBegin = q + 2, *textEnd = NULL;
      for (const char *r = le - 2; r >= textBegin; r--)
        if (r[0] == '}' && r[1] == '}') {
          textEnd = r;
          break;
        }
      if (!textEnd) {
        p = q;
        continue;
      }
      designatorLine = true;
      Expectation e = {0};
      e.severity = sev;
      e.line = target;
      e.fileLine = line;
      e.column = (unsigned)(hit - (data + pos)) + 1;
      e.text = strndup(textBegin, (size_t)(textEnd - textBegin));
      e.isRegex = isRegex;
      if (isRegex) {
        char *re = expectationToRegex(e.text);
        e.regexOk = regcomp(&e.regex, re, REG_EXTENDED | REG_NOSUB) == 0;
        free(re);
        if (!e.regexOk) {
          reportAt(v, line, e.column, "invalid regex in %s expectation: %s",
                   "expected-*-re", e.text);
          v->failed = true;
        }
      }
      addExpectation(v, e);
      if (mode == AT_BELOW && numPendingBelow < 64)
        pendingBelow[numPendingBelow++] = v->count - 1;
      (void)mode;
      p = textEnd + 2;
    }
    if (!designatorLine) {
      /* A line with other content binds the pending @below designators. */
      bool blank = true;
      for (const char *r = data + pos; r < le; r++)
        if (*r != ' ' && *r != '\t' && *r != '\r') {
          blank = false;
          break;
        }
      if (!blank) {
        lastNonDesignatorLine = line;
        for (size_t i = 0; i < numPendingBelow; i++)
          v->items[pendingBelow[i]].line = line;
        numPendingBelow = 0;
      }
    }
    pos = nl ? lineEnd + 1 : end;
  }
  return v;
}

static bool expectationMatches(const Expectation *e, const char *msg) {
  if (e->isRegex)
    return e->regexOk && regexec(&e->regex, msg, 0, NULL, 0) == 0;
  return strstr(msg, e->text) != NULL;
}

static void checkOne(ToolDiagVerifier *v, const IpuDiagnostic *diag) {
  IpuSeverity sev = ipuDiagnosticGetSeverity(diag);
  const char *msg = ipuDiagnosticGetMessage(diag);
  IpuLocation fileLoc = ipuLocFindFileLoc(ipuDiagnosticGetLocation(diag));
  unsigned line = 0;
  bool inBuffer = false;
  if (fileLoc) {
    line = ipuLocFileGetLine(fileLoc);
    inBuffer = strcmp(ipuIdentCStr(ipuLocFileGetFilename(fileLoc)),
                      v->bufferName) == 0;
  }
  for (size_t i = 0; i < v->count; i++) {
    Expectation *e = &v->items[i];
    if (e->matched || e->severity != sev)
      continue;
    if (e->line == 0 ? inBuffer : (!inBuffer || e->line != line))
      continue;
    if (expectationMatches(e, msg)) {
      e->matched = true;
      return;
    }
  }
  /* MLIR: "unexpected error: ..." at the diagnostic's own location. */
  IpuDiagnostic *d = ipuDiagnosticCreate(
      v->ctx, IPU_SEVERITY_ERROR, ipuDiagnosticGetLocation(diag),
      "unexpected %s: %s", ipuSeverityName(sev), msg);
  renderAndDrop(v, d);
  v->failed = true;
}

void toolDiagVerifierHandler(const IpuDiagnostic *diag, void *userData) {
  ToolDiagVerifier *v = userData;
  checkOne(v, diag);
  for (intptr_t i = 0; i < ipuDiagnosticGetNumNotes(diag); i++)
    checkOne(v, ipuDiagnosticGetNote(diag, i));
}

bool toolDiagVerifierFinish(ToolDiagVerifier *v) {
  bool ok = !v->failed;
  for (size_t i = 0; i < v->count; i++) {
    Expectation *e = &v->items[i];
    if (e->matched)
      continue;
    ok = false;
    reportAt(v, e->fileLine, e->column, "expected %s \"%s\" was not produced",
             ipuSeverityName(e->severity), e->text);
  }
  return ok;
}

void toolDiagVerifierDestroy(ToolDiagVerifier *v) {
  if (!v)
    return;
  for (size_t i = 0; i < v->count; i++) {
    free(v->items[i].text);
    if (v->items[i].isRegex && v->items[i].regexOk)
      regfree(&v->items[i].regex);
  }
  free(v->items);
  free(v);
}

/* ---- --target. ---------------------------------------------------------- */

bool toolResolveTarget(IpuContext *ctx, IpuSourceMgr *sources,
                       const char *tool, const char *spec, ToolFile *file,
                       IpuTarget *target) {
  if (ipuTargetGetPreset(spec, target))
    return true;
  int fd = open(spec, O_RDONLY);
  int error = errno;
  struct stat st;
  bool regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (fd >= 0)
    close(fd);
  if (!regular) {
    /* A bare word is meant as a preset name; anything path-like as a file. */
    if (!strchr(spec, '/') && !strchr(spec, '.')) {
      fprintf(stderr, "%s: error: unknown target '%s' (known:", tool, spec);
      const char *const *names = ipuTargetPresetNames();
      for (size_t i = 0; names[i]; ++i)
        fprintf(stderr, "%s %s", i ? "," : "", names[i]);
      fputs(")\n", stderr);
    } else if (fd < 0) {
      fprintf(stderr, "%s: error: cannot open target file '%s': %s\n", tool,
              spec, strerror(error));
    } else {
      fprintf(stderr, "%s: error: target file '%s' is not a regular file\n",
              tool, spec);
    }
    return false;
  }
  char err[512];
  if (!toolReadFile(spec, file, err, sizeof err)) {
    fprintf(stderr, "%s: error: target: %s\n", tool, err);
    return false;
  }
  ipuSourceMgrAddBuffer(sources, file->name, file->data, file->length);
  return ipuSucceeded(
      ipuTargetParse(ctx, file->name, file->data, file->length, target));
}

void toolPrintTargets(FILE *out) {
  for (const char *const *n = ipuTargetPresetNames(); *n; ++n) {
    IpuTarget t;
    if (!ipuTargetGetPreset(*n, &t))
      continue;
    fprintf(out,
            "%-10s %jd chip(s) of %jd x %jd tiles, %jd x %jd arrays of "
            "%jd-bit weights, %.3g MAC/s peak\n",
            t.name, (intmax_t)t.chips, (intmax_t)t.gridCols,
            (intmax_t)t.gridRows, (intmax_t)t.arrayRows,
            (intmax_t)t.arrayCols, (intmax_t)t.weightBits,
            ipuTargetPeakMacsPerSecond(&t));
  }
}

static bool parseDims(char *p, IpuOnnxInputShape *s, int64_t *dims) {
  s->rank = 0;
  s->dims = dims;
  while (*p) {
    if (s->rank == IPU_TENSOR_MAX_RANK)
      return false;
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p || v < 0)
      return false;
    dims[s->rank++] = v;
    if (*end == 'x')
      ++end;
    else if (*end)
      return false;
    p = end;
  }
  return true;
}

bool toolParseInputShape(char *arg, IpuOnnxInputShape *s, int64_t *dims) {
  char *eq = strrchr(arg, '=');
  if (!eq || eq == arg)
    return false;
  *eq = 0;
  if (parseDims(eq + 1, s, dims)) {
    s->name = arg;
    return true;
  }
  *eq = '='; /* the whole argument goes into the error message */
  return false;
}
