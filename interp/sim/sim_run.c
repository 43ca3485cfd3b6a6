/* The simulator's entry point (ipu/sim.h): options, one run from setup
 * through the event loop to the report, and the outputs handed over as
 * ipuInterpRunFunc gives them. */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

void ipuSimOptionsInit(IpuSimOptions *o) {
  memset(o, 0, sizeof *o);
  o->inferences = 1;
  o->hostOpsPerSecond = 1e9;
}

IpuLogicalResult ipuSimRun(const IpubModule *m, const IpuSimOptions *opts,
                           IpuLocation loc, const IpuTensor *inputs,
                           intptr_t numInputs, IpuTensor **outputs,
                           intptr_t *numOutputs, IpuSimReport **report) {
  *outputs = NULL;
  *numOutputs = 0;
  if (report)
    *report = NULL;
  Sim s;
  memset(&s, 0, sizeof s);
  s.m = m;
  s.ctx = m->ctx;
  s.loc = loc;
  s.t = &m->target;
  s.inputs = inputs;
  if (opts)
    s.opts = *opts;
  else
    ipuSimOptionsInit(&s.opts);
  if (numInputs < 0 || (numInputs && !inputs) ||
      numInputs != (intptr_t)m->numInputs || (m->numInputs && !m->inputs) ||
      (m->numOutputs && !m->outputs))
    return ipuEmitError(s.ctx, loc, "the model takes %u inputs, got %lld",
                        m->numInputs, (long long)numInputs);
  for (uint32_t i = 0; i < m->numInputs; ++i) {
    const IpubTensorDesc *d = &m->inputs[i];
    const IpuTensor *x = &inputs[i];
    bool ok = ipuTensorIsValid(x) && x->dtype == d->dtype &&
              x->rank == d->rank;
    for (int k = 0; ok && k < d->rank; ++k)
      ok = x->shape[k] == d->shape[k];
    if (!ok)
      return ipuEmitError(s.ctx, loc, "input %u ('%s') is not a %s tensor "
                          "of the model's shape", i,
                          d->name ? d->name : "", ipuDTypeName(d->dtype));
  }
  /* calloc: ipuInterpOutputsFree releases them with free(). */
  s.outputs = calloc(m->numOutputs ? m->numOutputs : 1, sizeof *s.outputs);
  if (!s.outputs)
    return ipuEmitError(s.ctx, loc, "out of memory");
  IpuLogicalResult r = simSetup(&s);
  if (ipuSucceeded(r))
    r = simRunEvents(&s);
  for (uint32_t i = 0; ipuSucceeded(r) && i < m->numOutputs; ++i)
    if (!s.outputs[i].data && ipuTensorByteSize(&s.outputs[i]) == 0 &&
        s.outputs[i].dtype == IPU_DTYPE_UNDEFINED)
      r = ipuEmitError(s.ctx, loc, "the programs never produce output %u", i);
  if (ipuSucceeded(r) && report && !(*report = simBuildReport(&s)))
    r = ipuEmitError(s.ctx, loc, "out of memory");
  simTeardown(&s);
  if (ipuFailed(r)) {
    ipuInterpOutputsFree(s.outputs, m->numOutputs);
    return r;
  }
  *outputs = s.outputs;
  *numOutputs = m->numOutputs;
  return IPU_SUCCESS;
}
