/* Umbrella header: the whole public C API. */
#ifndef IPU_IPU_H
#define IPU_IPU_H
#include "ipu/support.h"
#include "ipu/context.h"
#include "ipu/types.h"
#include "ipu/attributes.h"
#include "ipu/diagnostics.h"
#include "ipu/ir.h"
#include "ipu/opdef.h"
#include "ipu/asm.h"
#include "ipu/verifier.h"
#include "ipu/rewrite.h"
#include "ipu/pass.h"
#include "ipu/dialects.h"
#include "ipu/ptr_map.h"
#endif
