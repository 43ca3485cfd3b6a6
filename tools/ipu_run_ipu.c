/* ipu-run's simulator path: binds the command line's inputs to a .ipub's
 * signature, runs the simulated chip, checks and writes the outputs and
 * prints the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/interp.h"
#include "ipu/tensor_io.h"
#include "run_support.h"

/* Whether NAME designates signature entry `index`: its position (N, argN,
 * %argN for inputs; N, output_N, %N for outputs) or its ONNX name. */
static bool matchesDesc(const char *name, intptr_t index,
                        const IpubTensorDesc *desc, bool input) {
  static const char *const inPrefixes[] = {"%arg", "arg", NULL};
  static const char *const outPrefixes[] = {"output_", "%", NULL};
  if (desc[index].name && desc[index].name[0] &&
      !strcmp(desc[index].name, name))
    return true;
  return runNameIsIndex(name, index, input ? inPrefixes : outPrefixes);
}

static bool matchesOutput(const char *name, intptr_t index, void *data) {
  return matchesDesc(name, index, data, false);
}

static void describe(char *buf, size_t size, const IpubTensorDesc *d) {
  int n = snprintf(buf, size, "%s ", ipuDTypeName(d->dtype));
  for (int i = 0; i < d->rank && n > 0 && (size_t)n < size; ++i)
    n += snprintf(buf + n, size - (size_t)n, "%s%lld", i ? "x" : "",
                  (long long)d->shape[i]);
  if (!d->rank && n > 0 && (size_t)n < size)
    snprintf(buf + n, size - (size_t)n, "scalar");
}

static bool fits(const IpuTensor *t, const IpubTensorDesc *d) {
  if (t->dtype != d->dtype || t->rank != d->rank)
    return false;
  for (int i = 0; i < d->rank; ++i)
    if (t->shape[i] != d->shape[i])
      return false;
  return true;
}

/* One tensor per input of the signature; false after printing why. */
static bool loadInputs(const RunOptions *o, const IpubModule *m,
                       IpuTensor *tensors) {
  for (int k = 0; k < o->numInputs; ++k) {
    bool found = false;
    for (uint32_t i = 0; i < m->numInputs && !found; ++i)
      found = matchesDesc(o->inputs[k].name, i, m->inputs, true);
    if (!found) {
      fprintf(stderr, "ipu-run: error: input '%s' names no input of the "
              "binary (it has %u)\n", o->inputs[k].name, m->numInputs);
      return false;
    }
  }
  for (uint32_t i = 0; i < m->numInputs; ++i) {
    const NamedFile *file = NULL;
    for (int k = 0; k < o->numInputs; ++k)
      if (matchesDesc(o->inputs[k].name, i, m->inputs, true)) {
        if (file) {
          fprintf(stderr, "ipu-run: error: input %u is given twice\n", i);
          return false;
        }
        file = &o->inputs[k];
      }
    if (!file) {
      fprintf(stderr, "ipu-run: error: missing input %u%s%s%s (give --input "
              "%u=FILE)\n", i, m->inputs[i].name[0] ? " ('" : "",
              m->inputs[i].name, m->inputs[i].name[0] ? "')" : "", i);
      return false;
    }
    IpuTensorIoError err;
    if (!ipuTensorReadFile(file->path, &tensors[i], &err)) {
      fprintf(stderr, "ipu-run: error: input '%s': %s\n", file->name,
              err.message);
      return false;
    }
    if (!fits(&tensors[i], &m->inputs[i])) {
      char want[128], got[128];
      IpubTensorDesc gotDesc = {.dtype = tensors[i].dtype,
                                .rank = tensors[i].rank};
      memcpy(gotDesc.shape, tensors[i].shape, sizeof gotDesc.shape);
      describe(want, sizeof want, &m->inputs[i]);
      describe(got, sizeof got, &gotDesc);
      fprintf(stderr, "ipu-run: error: input '%s' (%s) for input %u: "
              "expected %s, got %s\n", file->name, file->path, i, want, got);
      return false;
    }
  }
  return true;
}

static bool printReport(const RunOptions *o, const IpubModule *m,
                        const IpuSimReport *report) {
  char *text = o->report == RUN_REPORT_JSON
                   ? ipuSimReportJson(m->ctx, report)
                   : ipuSimReportText(m->ctx, report);
  if (!text) {
    fprintf(stderr, "ipu-run: error: out of memory writing the report\n");
    return false;
  }
  fputs(text, stdout);
  ipuFree(m->ctx, text);
  return true;
}

int runIpub(const RunOptions *o, const IpubModule *m) {
  IpuTensor *inputs =
      calloc(m->numInputs ? m->numInputs : 1, sizeof *inputs);
  if (!inputs)
    return 1;
  int rc = 1;
  if (loadInputs(o, m, inputs)) {
    IpuTensor *outs = NULL;
    intptr_t numOuts = 0;
    IpuSimReport *report = NULL;
    double start = runNowMs();
    IpuLogicalResult r = ipuSimRun(
        m, &o->sim, ipuLocUnknownGet(m->ctx), inputs, m->numInputs, &outs,
        &numOuts, o->report != RUN_REPORT_NONE ? &report : NULL);
    if (o->time)
      fprintf(stderr, "ipu-run: simulate: %.3f ms\n", runNowMs() - start);
    if (ipuSucceeded(r)) {
      rc = runCheckAndWrite(o, matchesOutput, m->outputs, outs, numOuts)
               ? 0 : 1;
      if (report && !printReport(o, m, report))
        rc = 1;
      ipuInterpOutputsFree(outs, numOuts);
    }
    if (report)
      ipuSimReportFree(m->ctx, report);
  }
  for (uint32_t i = 0; i < m->numInputs; ++i)
    ipuTensorFree(&inputs[i]);
  free(inputs);
  return rc;
}
