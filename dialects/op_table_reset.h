/* Resets every row macro of the op tables to expand to nothing; op_table.h
 * includes it before each pass and then redefines the rows that pass uses. */
/* No include guard: it is meant to be included once per pass. */
#undef OP
#undef DESCRIPTION
#undef OPERAND
#undef RESULT
#undef ATTR
#undef TRAITS
#undef REGIONS
#undef SUCCESSORS
#undef PARENT
#undef VERIFY
#undef INFER
#undef FOLD
#undef CANONICALIZE
#undef END
#define OP(id, opName, opSummary)
#define DESCRIPTION(text)
#define OPERAND(name, typec, arity, summary)
#define RESULT(name, typec, arity, summary)
#define ATTR(name, attrc, presence, defaultValue, summary)
#define TRAITS(traitBits)
#define REGIONS(n)
#define SUCCESSORS(n)
#define PARENT(parentName)
#define VERIFY(fn)
#define INFER(fn)
#define FOLD(fn)
#define CANONICALIZE(fn)
#define END(id)
