/* The bison grammar of the textual format: MLIR's generic syntax, builtin
 * types, attributes and locations, and the custom forms of known ops. */
%require "3.8"
%define api.pure full
%define api.prefix {ipuyy}
%define api.token.prefix {TOK_}
%define api.location.type {IpuSrcPos}
%define parse.error custom
%define lr.type canonical-lr
%define lr.default-reduction consistent
%locations
%param {Parser *p}
%expect 0

%code requires {
#include "parse_state.h"
}

%code {
#include <stdio.h>
#include <string.h>

/* The parser stack lives on the heap (no alloca) and may grow deep enough
 * for 10,000 nested regions; past this it stops with "nesting too deep". */
#define YYMAXDEPTH 4000000
#define YYINITDEPTH 256
#define YYMALLOC(n) parserStackAlloc(p, (n))
#define YYFREE(ptr) parserStackFree(p, (ptr))
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                           \
  do {                                                                        \
    if (N)                                                                    \
      (Cur) = YYRHSLOC(Rhs, 1);                                               \
    else                                                                      \
      (Cur) = YYRHSLOC(Rhs, 0);                                               \
  } while (0)
#define YYLOCATION_PRINT(File, Loc) ((void)0)

static void *parserStackAlloc(Parser *p, size_t n) {
  void *mem = ipuAlloc(p->ctx, n);
  if (!mem)
    p->oom = true;
  return mem;
}
static void parserStackFree(Parser *p, void *mem) { ipuFree(p->ctx, mem); }

#undef yylex
#define yylex(lval, lloc, p) parserLex((lval), (lloc), (p))
static void yyerror(IpuSrcPos *loc, Parser *p, const char *msg);

#define CHECK(cond) do { if (!(cond)) YYABORT; } while (0)
static ListRef emptyList(uint32_t top) { ListRef l = {top, 0}; return l; }
static const LocRef noLoc = {NULL, 0};
static TypeAt typeAt(IpuType t, IpuSrcPos pos) { TypeAt r = {t, pos}; return r; }
static bool pushPtr(Parser *p, const void *v) {
  if (!VEC_RESERVE(p, p->ptrs, 1))
    return false;
  p->ptrs.data[p->ptrs.len++] = (void *)v;
  return true;
}
static bool pushUse(Parser *p, Span tok, IpuSrcPos pos) {
  if (!VEC_RESERVE(p, p->uses, 1))
    return false;
  if (!parserMakeUse(p, tok, pos, &p->uses.data[p->uses.len]))
    return false;
  p->uses.len++;
  return true;
}
static bool pushDef(Parser *p, Span tok, uint32_t count, IpuSrcPos pos) {
  if (!VEC_RESERVE(p, p->defs, 1))
    return false;
  ResultDef *d = &p->defs.data[p->defs.len++];
  d->name = parserValueName(p, tok);
  d->count = count;
  d->pos = pos;
  return d->name != NULL;
}
/* A parsed `key = value` (from `keyStart`), also offered to the cache. */
static bool namedAttr(Parser *p, const char *keyStart, IpuIdent key,
                      IpuAttr value, IpuSrcPos pos) {
  if (!attrPushNamed(p, key, value, pos))
    return false;
  entryCacheNote(p, keyStart, key, value);
  return true;
}
static ListRef firstResult(Parser *p) {
  ListRef l = {p->defs.len, 1};
  p->pendingResults = l;
  return l;
}
static ListRef nextResult(Parser *p, ListRef l) {
  l.count++;
  p->pendingResults = l;
  return l;
}
/* `%x:N`: a result group of N values. */
static bool pushCountedDef(Parser *p, Span tok, IpuSrcPos pos, Span count,
                           IpuSrcPos countPos) {
  uint64_t n;
  if (!litParseU64(count, &n) || n == 0 || n > UINT32_MAX / 2)
    return parserError(p, countPos, "expected valid result count");
  return pushDef(p, tok, (uint32_t)n, pos);
}
static Literal literal(Span text, LitKind kind, bool neg, IpuSrcPos pos) {
  Literal l;
  memset(&l, 0, sizeof l);
  l.text = text;
  l.kind = (uint8_t)kind;
  l.negative = neg;
  l.pos = pos;
  return l;
}
}

/* Semantic values are small and own nothing: lists live on the parser's
 * scratch stacks, and IR under construction (regions, blocks, placeholder
 * values) is owned by the Parser, which frees whatever is left after an
 * error. So no %destructor is needed: discarding a value on an error path
 * cannot leak. */
%union {
  Span s;
  ListRef list;
  IpuType type;
  IpuAttr attr;
  IpuIdent ident;
  LocRef loc;
  TypeAt typeAt;
  DenseShape dshape;
  IpuNamedAttr named;
  OpTail tail;
  uint32_t u;
  bool flag;
}

%token <s> BARE_ID "identifier"
%token <s> STRING "string"
%token <s> INTEGER "integer"
%token <s> FLOAT "float"
%token <s> VALUE_ID "SSA value"
%token <s> DEF_ID "SSA result name"
%token <s> CARET_ID "block name"
%token <s> HASH_ID "attribute alias"
%token <s> DIALECT_ATTR "dialect attribute"
%token <s> BANG_ID "type alias"
%token <s> DIALECT_TYPE "dialect type"
%token <s> AT_ID "symbol"
%token <s> INTTYPE "integer type"
%token <list> DIMS "dimension list"
%token <type> CACHED_TYPE "type"
%token <type> CACHED_FUNC_TYPE "function type"
%token <named> CACHED_ENTRY "dictionary entry"
%token <attr> CACHED_DICT "dictionary"
%token <tail> OP_TAIL "operation type"
%token <list> OPERANDS "operand list"
%token <list> RESULT_LIST "result list"
%token STAR_X "'*x'"
%token ARROW "'->'"
%token COLONCOLON "'::'"
%token META_BEGIN "'{-#'"
%token META_END "'#-}'"
%token <s> TENSOR_LT "'tensor<'"
%token <s> MEMREF_LT "'memref<'"
%token <s> VECTOR_LT "'vector<'"
%token <s> KW_INDEX "'index'"
%token <s> KW_F16 "'f16'"
%token <s> KW_BF16 "'bf16'"
%token <s> KW_F32 "'f32'"
%token <s> KW_F64 "'f64'"
%token <s> KW_NONE "'none'"
%token <s> KW_COMPLEX "'complex'"
%token <s> KW_TUPLE "'tuple'"
%token <s> KW_TRUE "'true'"
%token <s> KW_FALSE "'false'"
%token <s> KW_UNIT "'unit'"
%token <s> KW_DENSE "'dense'"
%token <s> KW_DENSE_RESOURCE "'dense_resource'"
%token <s> KW_ARRAY "'array'"
%token <s> KW_LOC "'loc'"
%token <s> KW_UNKNOWN "'unknown'"
%token <s> KW_CALLSITE "'callsite'"
%token <s> KW_FUSED "'fused'"
%token <s> KW_AT "'at'"
%token <s> KW_TO "'to'"
%token <s> KW_ATTRIBUTES "'attributes'"
%token <s> KW_MODULE "'module'"
%token <s> KW_FUNC "'func.func'"
%token <s> KW_RETURN "'return'"
%token <s> KW_CALL "'call'"
%token START_FILE START_TYPE START_ATTR

%type <s> word res_key res_other_value
%type <ident> symbol_name
%type <list> op_results operand_uses operand_uses_opt type_list type_list_opt
%type <list> attr_list named_attr_list dims_opt memref_extras func_result_types
%type <list> loc_list loc_list_ne lit_list symbol_ref custom_types_opt
%type <dshape> dense_elem dense_elem_list
%type <type> type non_function_type function_type spelled_function_type
%type <attr> attribute attr_dict attr_dict_opt properties_opt generic_middle
%type <attr> loc_inst module_attrs_opt func_attrs_opt tensor_encoding_opt
%type <attr> location_attr
%type <typeAt> type_at typed_opt
%type <loc> location trailing_loc_opt

%start start

%%

start
  : START_FILE toplevel
  | START_TYPE type { p->resultType = $2; }
  | START_ATTR attribute { p->resultAttr = $2; }
  ;

toplevel
  : %empty
  | toplevel toplevel_item
  ;

toplevel_item
  : operation
  | HASH_ID '=' attribute { CHECK(attrAliasDefine(p, $1, @1, $3)); }
  | BANG_ID '=' type { CHECK(typeAliasDefine(p, $1, @1, $3)); }
  | DIALECT_ATTR {
      parserError(p, @1, "attribute names with a '.' are reserved for "
                         "dialect-defined names");
      YYABORT;
    }
  | DIALECT_TYPE {
      parserError(p, @1, "type names with a '.' are reserved for "
                         "dialect-defined names");
      YYABORT;
    }
  | META_BEGIN meta_entries_opt META_END
  ;

/* ---- Operations. ---------------------------------------------------- */

/* Ops are the bulk of a file: these rules keep the reductions per op few
 * (no unit rules or empty optionals where a list of alternatives does). */
operation
  : RESULT_LIST generic_op
  | RESULT_LIST custom_op
  | RESULT_LIST module_op
  | RESULT_LIST func_op
  | RESULT_LIST return_op
  | RESULT_LIST call_op
  | op_results '=' generic_op
  | op_results '=' custom_op
  | op_results '=' module_op
  | op_results '=' func_op
  | op_results '=' return_op
  | op_results '=' call_op
  | generic_op
  | custom_op
  | module_op
  | func_op
  | return_op
  | call_op
  ;

/* The op that follows takes the results when it begins (pushFrame): a
 * plain list on one line comes from the lexer as one token (RESULT_LIST,
 * its names waiting on Parser.lexedDefs); otherwise each reduction here
 * publishes the list so far. */
op_results
  : DEF_ID { $$ = firstResult(p); CHECK(pushDef(p, $1, 1, @1)); }
  | DEF_ID ':' INTEGER
    { $$ = firstResult(p); CHECK(pushCountedDef(p, $1, @1, $3, @3)); }
  | op_results ',' DEF_ID
    { $$ = nextResult(p, $1); CHECK(pushDef(p, $3, 1, @3)); }
  | op_results ',' DEF_ID ':' INTEGER
    { $$ = nextResult(p, $1); CHECK(pushCountedDef(p, $3, @3, $5, @5)); }
  ;

generic_op
  : generic_begin OPERANDS OP_TAIL
    { CHECK(opEndGeneric(p, $2, $3.props, $3.attrs, typeAt($3.type, @3),
                         noLoc)); }
  | generic_begin OPERANDS OP_TAIL location
    { CHECK(opEndGeneric(p, $2, $3.props, $3.attrs, typeAt($3.type, @3),
                         $4)); }
  | generic_begin OPERANDS generic_middle attr_dict_opt ':' type_at
    trailing_loc_opt
    { CHECK(opEndGeneric(p, $2, $3, $4, $6, $7)); }
  | generic_begin '(' operand_uses_opt ')' generic_middle attr_dict_opt ':'
    type_at trailing_loc_opt
    { CHECK(opEndGeneric(p, $3, $5, $6, $8, $9)); }
  ;

/* The state after the name only reduces this rule: no lookahead has been
 * read, and the lexer may take a plain operand list as one token. */
generic_begin
  : STRING { CHECK(opBeginGeneric(p, $1, @1));
             p->operandsArmed = yychar == TOK_IPUYYEMPTY; }
  ;


/* Successors, properties and regions, each optional; the properties are
 * the value. */
generic_middle
  : %empty { $$ = NULL; }
  | '[' successor_list ']' properties_opt regions_opt { $$ = $4; }
  | '<' attribute '>' regions_opt { $$ = $2; }
  | '(' region_list ')' { $$ = NULL; }
  ;

custom_op
  : BARE_ID { CHECK(opBeginCustom(p, $1, @1)); }
    operand_uses_opt successors_opt custom_regions_opt attr_dict_opt
    custom_types_opt trailing_loc_opt
    { CHECK(opEndCustom(p, $3, $6, $7, $7.start != UINT32_MAX, @7, $8)); }
  ;

custom_types_opt
  : %empty { $$.start = UINT32_MAX; $$.count = 0; }
  | ':' type_list { $$ = $2; }
  ;

custom_regions_opt
  : %empty
  | '(' region_list ')'
  ;

module_op
  : KW_MODULE { CHECK(opBeginKeyword(p, OPK_MODULE, $1, @1)); }
    symbol_name module_attrs_opt region trailing_loc_opt
    { CHECK(opEndModule(p, $3, $4, $6)); }
  ;

symbol_name
  : %empty { $$ = NULL; }
  | AT_ID { CHECK($$ = attrSymbolName(p, $1, @1)); }
  ;

module_attrs_opt
  : %empty { $$ = NULL; }
  | KW_ATTRIBUTES attr_dict { $$ = $2; }
  ;

func_op
  : KW_FUNC { CHECK(opBeginKeyword(p, OPK_FUNC, $1, @1)); }
    func_visibility_opt func_name '(' func_args_opt ')' func_results_opt
    func_attrs_opt func_body_opt trailing_loc_opt
    { CHECK(opEndFunc(p, $9, $11)); }
  ;

func_visibility_opt
  : %empty
  | BARE_ID { CHECK(funcSetVisibility(p, $1, @1)); }
  ;

func_name
  : AT_ID { CHECK(funcSetName(p, $1, @1)); }
  ;

func_args_opt
  : %empty
  | func_args
  ;

func_args
  : func_arg
  | func_args ',' func_arg
  ;

func_arg
  : VALUE_ID ':' type attr_dict_opt trailing_loc_opt
    { CHECK(funcAddArg(p, &$1, @1, $3, $4, $5)); }
  | type attr_dict_opt trailing_loc_opt
    { CHECK(funcAddArg(p, NULL, @1, $1, $2, $3)); }
  ;

func_results_opt
  : %empty
  | ARROW non_function_type { CHECK(funcAddResult(p, $2, NULL)); }
  | ARROW '(' ')'
  | ARROW '(' func_results ')'
  ;

func_results
  : func_result
  | func_results ',' func_result
  ;

func_result
  : type attr_dict_opt { CHECK(funcAddResult(p, $1, $2)); }
  ;

func_attrs_opt
  : %empty { $$ = NULL; }
  | KW_ATTRIBUTES attr_dict { $$ = $2; }
  ;

func_body_opt
  : %empty
  | region
  ;

return_op
  : KW_RETURN { CHECK(opBeginKeyword(p, OPK_RETURN, $1, @1)); }
    attr_dict_opt operand_uses_opt custom_types_opt trailing_loc_opt
    { CHECK(opEndReturn(p, $3, $4, $5, @5, $6)); }
  ;

call_op
  : KW_CALL { CHECK(opBeginKeyword(p, OPK_CALL, $1, @1)); }
    AT_ID '(' operand_uses_opt ')' attr_dict_opt ':' type_at trailing_loc_opt
    { CHECK(opEndCall(p, $3, $5, $7, $9, $10)); }
  ;

operand_uses_opt
  : %empty { $$ = emptyList(p->uses.len); }
  | operand_uses
  ;

operand_uses
  : VALUE_ID { $$.start = p->uses.len; $$.count = 1;
               CHECK(pushUse(p, $1, @1)); }
  | operand_uses ',' VALUE_ID { $$ = $1; $$.count++;
                                CHECK(pushUse(p, $3, @3)); }
  ;

successors_opt
  : %empty
  | '[' successor_list ']'
  ;

successor_list
  : successor
  | successor_list ',' successor
  ;

successor
  : successor_block
  | successor_block '(' successor_args ')'
  ;

successor_block
  : CARET_ID { CHECK(opAddSuccessor(p, $1, @1)); }
  ;

successor_args
  : successor_arg
  | successor_args ',' successor_arg
  ;

successor_arg
  : VALUE_ID ':' type { CHECK(opAddSuccessorArg(p, $1, @1, $3)); }
  ;

properties_opt
  : %empty { $$ = NULL; }
  | '<' attribute '>' { $$ = $2; }
  ;

regions_opt
  : %empty
  | '(' region_list ')'
  ;

region_list
  : region
  | region_list ',' region
  ;

region
  : '{' { CHECK(regionBegin(p, @1)); } region_body '}' { CHECK(regionEnd(p)); }
  ;

region_body
  : entry_ops block_list
  ;

entry_ops
  : %empty
  | entry_ops operation
  ;

block_list
  : %empty
  | block_list block
  ;

block
  : block_label block_ops
  ;

block_ops
  : %empty
  | block_ops operation
  ;

block_label
  : CARET_ID { CHECK(blockBegin(p, $1, @1)); p->inBlockLabel = true; }
    block_args_opt ':' { p->inBlockLabel = false; }
  ;

block_args_opt
  : %empty
  | '(' ')'
  | '(' block_args ')'
  ;

block_args
  : block_arg
  | block_args ',' block_arg
  ;

block_arg
  : VALUE_ID ':' type trailing_loc_opt
    { CHECK(blockAddArg(p, $1, @1, $3, $4)); }
  ;

/* ---- Locations. ----------------------------------------------------- */

trailing_loc_opt
  : %empty { $$ = noLoc; }
  | location
  ;

location
  : KW_LOC '(' HASH_ID ')' { CHECK(locAliasRef(p, $3, @3, true, &$$)); }
  | KW_LOC '(' loc_inst ')' { $$.loc = $3; $$.deferred = 0; }
  ;

location_attr
  : KW_LOC '(' loc_inst_or_alias ')' { $$ = p->ptrs.data[--p->ptrs.len]; }
  ;

loc_inst_or_alias
  : loc_inst { CHECK(pushPtr(p, $1)); }
  | HASH_ID { LocRef r; CHECK(locAliasRef(p, $1, @1, false, &r));
              CHECK(pushPtr(p, r.loc)); }
  ;

loc_inst
  : KW_UNKNOWN { $$ = ipuLocUnknownGet(p->ctx); }
  | STRING ':' INTEGER ':' INTEGER
    { CHECK($$ = locFile(p, $1, $3, $5, NULL, NULL, @1)); }
  | STRING ':' INTEGER ':' INTEGER KW_TO INTEGER ':' INTEGER
    { CHECK($$ = locFile(p, $1, $3, $5, &$7, &$9, @1)); }
  | STRING ':' INTEGER ':' INTEGER KW_TO ':' INTEGER
    { CHECK($$ = locFile(p, $1, $3, $5, &$3, &$8, @1)); }
  | STRING { CHECK($$ = locName(p, $1, NULL)); }
  | STRING '(' loc_inst_nested ')'
    { IpuAttr child = p->ptrs.data[--p->ptrs.len];
      CHECK($$ = locName(p, $1, child)); }
  | KW_CALLSITE '(' loc_inst_nested KW_AT loc_inst_nested ')'
    { IpuAttr caller = p->ptrs.data[--p->ptrs.len];
      IpuAttr callee = p->ptrs.data[--p->ptrs.len];
      CHECK($$ = ipuLocCallSiteGet(p->ctx, callee, caller)); }
  | KW_FUSED '[' loc_list ']'
    { $$ = ipuLocFusedGet(p->ctx, $3.count,
                          (const IpuLocation *)p->ptrs.data + $3.start, NULL);
      p->ptrs.len = $3.start; CHECK($$); }
  | KW_FUSED '<' attribute '>' '[' loc_list ']'
    { $$ = ipuLocFusedGet(p->ctx, $6.count,
                          (const IpuLocation *)p->ptrs.data + $6.start, $3);
      p->ptrs.len = $6.start; CHECK($$); }
  ;

loc_inst_nested
  : loc_inst { CHECK(pushPtr(p, $1)); }
  | HASH_ID { LocRef r; CHECK(locAliasRef(p, $1, @1, false, &r));
              CHECK(pushPtr(p, r.loc)); }
  ;

loc_list
  : %empty { $$ = emptyList(p->ptrs.len); }
  | loc_list_ne
  ;

loc_list_ne
  : loc_inst_nested { $$.start = p->ptrs.len - 1; $$.count = 1; }
  | loc_list_ne ',' loc_inst_nested { $$ = $1; $$.count++; }
  ;

/* ---- Types. --------------------------------------------------------- */

/* type_at takes a cached function type (most ops' types) directly. */
type_at
  : non_function_type { $$ = typeAt($1, @1); }
  | spelled_function_type { $$ = typeAt($1, @1); }
  | CACHED_FUNC_TYPE { $$ = typeAt($1, @1); }
  ;

type
  : non_function_type
  | function_type
  ;

function_type
  : spelled_function_type
  | CACHED_FUNC_TYPE
  ;

spelled_function_type
  : '(' type_list_opt ')' ARROW func_result_types
    { CHECK($$ = typeFunction(p, $2, $5)); typeCacheNote(p, $<s>1.ptr, $$); }
  ;

func_result_types
  : non_function_type { $$.start = p->ptrs.len; $$.count = 1;
                        CHECK(pushPtr(p, $1)); }
  | '(' type_list_opt ')' { $$ = $2; }
  ;

type_list_opt
  : %empty { $$ = emptyList(p->ptrs.len); }
  | type_list
  ;

type_list
  : type { $$.start = p->ptrs.len; $$.count = 1; CHECK(pushPtr(p, $1)); }
  | type_list ',' type { $$ = $1; $$.count++; CHECK(pushPtr(p, $3)); }
  ;

non_function_type
  : INTTYPE { CHECK($$ = typeInteger(p, $1, @1)); }
  | KW_INDEX { $$ = ipuIndexTypeGet(p->ctx); }
  | KW_F16 { $$ = ipuFloatTypeGet(p->ctx, IPU_F16); }
  | KW_BF16 { $$ = ipuFloatTypeGet(p->ctx, IPU_BF16); }
  | KW_F32 { $$ = ipuFloatTypeGet(p->ctx, IPU_F32); }
  | KW_F64 { $$ = ipuFloatTypeGet(p->ctx, IPU_F64); }
  | KW_NONE { $$ = ipuNoneTypeGet(p->ctx); }
  | TENSOR_LT dims_opt type_at tensor_encoding_opt '>'
    { CHECK($$ = typeRankedTensor(p, $2, $3, $4, @1));
      typeCacheNote(p, $1.ptr, $$); }
  | TENSOR_LT STAR_X type_at '>'
    { CHECK($$ = typeUnrankedTensor(p, $3)); typeCacheNote(p, $1.ptr, $$); }
  | MEMREF_LT dims_opt type_at memref_extras '>'
    { CHECK($$ = typeMemRef(p, $2, $3, $4, @1)); typeCacheNote(p, $1.ptr, $$); }
  | MEMREF_LT STAR_X type_at memref_extras '>'
    { CHECK($$ = typeUnrankedMemRef(p, $3, $4)); typeCacheNote(p, $1.ptr, $$); }
  | VECTOR_LT dims_opt type_at '>'
    { CHECK($$ = typeVector(p, $2, $3, @1)); typeCacheNote(p, $1.ptr, $$); }
  | CACHED_TYPE
  | KW_COMPLEX '<' type_at '>' { CHECK($$ = typeComplex(p, $3)); }
  | KW_TUPLE '<' type_list_opt '>' { CHECK($$ = typeTuple(p, $3)); }
  | BANG_ID { CHECK($$ = typeAlias(p, $1, @1)); }
  | DIALECT_TYPE { CHECK($$ = typeDialect(p, $1, @1)); }
  ;

dims_opt
  : %empty { $$ = emptyList(p->dims.len); }
  | DIMS
  ;

tensor_encoding_opt
  : %empty { $$ = NULL; }
  | ',' attribute { $$ = $2; }
  ;

memref_extras
  : %empty { $$ = emptyList(p->ptrs.len); }
  | memref_extras ',' attribute { $$ = $1; $$.count++;
                                  CHECK(pushPtr(p, $3)); }
  ;

/* ---- Attributes. ---------------------------------------------------- */

attribute
  : INTEGER typed_opt
    { CHECK($$ = attrInteger(p, $1, false, @1, $2.type, $2.pos)); }
  | '-' INTEGER typed_opt
    { CHECK($$ = attrInteger(p, $2, true, @2, $3.type, $3.pos)); }
  | FLOAT typed_opt
    { CHECK($$ = attrFloat(p, $1, false, @1, $2.type, $2.pos)); }
  | '-' FLOAT typed_opt
    { CHECK($$ = attrFloat(p, $2, true, @2, $3.type, $3.pos)); }
  | KW_TRUE { $$ = ipuBoolAttrGet(p->ctx, true); }
  | KW_FALSE { $$ = ipuBoolAttrGet(p->ctx, false); }
  | STRING typed_opt { CHECK($$ = attrString(p, $1, @1, $2.type)); }
  | KW_UNIT { $$ = ipuUnitAttrGet(p->ctx); }
  | '[' ']' { CHECK($$ = ipuArrayAttrGet(p->ctx, 0, NULL)); }
  | '[' attr_list ']' { CHECK($$ = attrArray(p, $2)); }
  | attr_dict
  | KW_ARRAY '<' type_at '>'
    { CHECK($$ = attrDenseArray(p, $3, emptyList(p->lits.len))); }
  | KW_ARRAY '<' type_at ':' lit_list '>'
    { CHECK($$ = attrDenseArray(p, $3, $5)); }
  | KW_DENSE '<' { $<u>$ = p->lits.len; } dense_elem '>' ':' type_at
    { ListRef lits = {$<u>3, p->lits.len - $<u>3};
      CHECK($$ = attrDense(p, $4.start, $4.rank, lits, $7, @4)); }
  | KW_DENSE '<' '>' ':' type_at
    { CHECK($$ = attrDense(p, p->shapes.len, UINT32_MAX,
                           emptyList(p->lits.len), $5, @3)); }
  | KW_DENSE_RESOURCE '<' word '>' ':' type_at
    { CHECK($$ = attrDenseResource(p, $3, false, @3, $6)); }
  | KW_DENSE_RESOURCE '<' STRING '>' ':' type_at
    { CHECK($$ = attrDenseResource(p, $3, true, @3, $6)); }
  | symbol_ref { CHECK($$ = attrSymbolRef(p, $1)); }
  | type { CHECK($$ = ipuTypeAttrGet(p->ctx, $1)); }
  | HASH_ID { CHECK($$ = attrAlias(p, $1, @1)); }
  | DIALECT_ATTR { CHECK($$ = attrDialect(p, $1, @1)); }
  | location_attr
  ;

typed_opt
  : %empty { $$ = typeAt(NULL, @$); }
  | ':' type_at { $$ = $2; }
  ;

attr_list
  : attribute { $$.start = p->ptrs.len; $$.count = 1; CHECK(pushPtr(p, $1)); }
  | attr_list ',' attribute { $$ = $1; $$.count++; CHECK(pushPtr(p, $3)); }
  ;

attr_dict
  : dict_open CACHED_DICT { $$ = $2; }
  | dict_open '}' { CHECK($$ = ipuDictionaryAttrGet(p->ctx, 0, NULL)); }
  | dict_open named_attr_list '}' { CHECK($$ = attrDictionary(p, $2, @1)); }
  ;

/* Entries may come from the lexer's cache: it is told where one starts,
 * and then takes the rest of a dictionary whose entries are all cached as
 * one CACHED_DICT, or an entry as one CACHED_ENTRY. The states after '{'
 * and ',' only reduce these rules, so no lookahead has been read yet
 * (checked all the same). */
dict_open
  : '{' { p->entryArmed = yychar == TOK_IPUYYEMPTY ? ENTRY_FIRST : ENTRY_NONE; }
  ;

entry_open
  : %empty { p->entryArmed = yychar == TOK_IPUYYEMPTY ? ENTRY_NEXT : ENTRY_NONE; }
  ;

attr_dict_opt
  : %empty { $$ = NULL; }
  | attr_dict
  ;

named_attr_list
  : named_attr { $$.start = p->named.len - 1; $$.count = 1; }
  | named_attr_list ',' entry_open named_attr { $$ = $1; $$.count++; }
  ;

named_attr
  : CACHED_ENTRY { CHECK(attrPushNamed(p, $1.name, $1.value, @1)); }
  | word '=' attribute
    { CHECK(namedAttr(p, $1.ptr, parserIdent(p, $1.ptr, $1.len), $3, @1)); }
  | word
    { CHECK(namedAttr(p, $1.ptr, parserIdent(p, $1.ptr, $1.len),
                      ipuUnitAttrGet(p->ctx), @1)); }
  | STRING '=' attribute
    { CHECK(namedAttr(p, $1.ptr - 1, attrKeyFromString(p, $1, @1), $3, @1)); }
  | STRING
    { CHECK(namedAttr(p, $1.ptr - 1, attrKeyFromString(p, $1, @1),
                      ipuUnitAttrGet(p->ctx), @1)); }
  ;

symbol_ref
  : AT_ID { IpuIdent id; CHECK(id = attrSymbolName(p, $1, @1));
            $$.start = p->ptrs.len; $$.count = 1; CHECK(pushPtr(p, id)); }
  | symbol_ref COLONCOLON AT_ID
    { IpuIdent id; CHECK(id = attrSymbolName(p, $3, @3));
      $$ = $1; $$.count++; CHECK(pushPtr(p, id)); }
  ;

lit_list
  : array_lit { $$.start = p->lits.len - 1; $$.count = 1; }
  | lit_list ',' array_lit { $$ = $1; $$.count++; }
  ;

array_lit
  : INTEGER { CHECK(litPush(p, literal($1, LIT_INT, false, @1))); }
  | '-' INTEGER { CHECK(litPush(p, literal($2, LIT_INT, true, @2))); }
  | FLOAT { CHECK(litPush(p, literal($1, LIT_FLOAT, false, @1))); }
  | '-' FLOAT { CHECK(litPush(p, literal($2, LIT_FLOAT, true, @2))); }
  | KW_TRUE { Literal l = literal($1, LIT_BOOL, false, @1); l.boolValue = true;
              CHECK(litPush(p, l)); }
  | KW_FALSE { CHECK(litPush(p, literal($1, LIT_BOOL, false, @1))); }
  ;

dense_elem
  : dense_scalar { $$.start = p->shapes.len; $$.rank = 0; $$.count = 1; }
  | '[' ']' { $$.start = p->shapes.len; $$.rank = 1; $$.count = 1;
              CHECK(denseShapePush(p, 0)); }
  | '[' dense_elem_list ']'
    { $$.start = $2.start; $$.rank = $2.rank + 1; $$.count = 1;
      CHECK(denseShapePush(p, $2.count)); }
  ;

dense_elem_list
  : dense_elem { $$ = $1; $$.count = 1; }
  | dense_elem_list ',' dense_elem
    { CHECK(denseShapeSame(p, $1, $3, @3)); $$ = $1; $$.count++; }
  ;

dense_scalar
  : array_lit
  | STRING { CHECK(litPush(p, literal($1, LIT_STRING, false, @1))); }
  | '(' array_lit ',' array_lit ')'
    { p->lits.data[p->lits.len - 2].complex = true; }
  ;

word
  : BARE_ID | INTTYPE | KW_INDEX | KW_F16 | KW_BF16 | KW_F32 | KW_F64
  | KW_NONE | KW_COMPLEX | KW_TUPLE | KW_TRUE | KW_FALSE | KW_UNIT | KW_DENSE
  | KW_DENSE_RESOURCE | KW_ARRAY | KW_LOC | KW_UNKNOWN | KW_CALLSITE
  | KW_FUSED | KW_AT | KW_TO | KW_ATTRIBUTES | KW_MODULE | KW_FUNC
  | KW_RETURN | KW_CALL
  ;

/* ---- File metadata: {-# dialect_resources: {...} #-}. --------------- */

meta_entries_opt
  : %empty
  | meta_entries
  ;

meta_entries
  : meta_entry
  | meta_entries ',' meta_entry
  ;

meta_entry
  : word { CHECK(metaBeginKey(p, $1, @1)); } ':' '{' res_groups_opt '}'
  ;

res_groups_opt
  : %empty
  | res_groups
  ;

res_groups
  : res_group
  | res_groups ',' res_group
  ;

res_group
  : word { CHECK(metaBeginGroup(p, $1, @1)); } ':' '{' res_entries_opt '}'
  ;

res_entries_opt
  : %empty
  | res_entries
  ;

res_entries
  : res_entry
  | res_entries ',' res_entry
  ;

res_entry
  : res_key ':' STRING
    { CHECK(metaEntry(p, $1, $1.num >> 1, @1, true, $3, @3)); }
  | res_key ':' res_other_value
    { CHECK(metaEntry(p, $1, $1.num >> 1, @1, false, $3, @3)); }
  ;

res_key
  : word { $$ = $1; $$.num = 0; }
  | STRING { $$ = $1; $$.num |= 2; }
  ;

res_other_value
  : INTEGER | FLOAT | KW_TRUE | KW_FALSE | BARE_ID
  ;

%%

/* ---- Syntax errors in MLIR's words. ----------------------------------- */

static bool hasToken(const yysymbol_kind_t *set, int n, yysymbol_kind_t k) {
  for (int i = 0; i < n; i++)
    if (set[i] == k)
      return true;
  return false;
}

static bool hasNamed(const yysymbol_kind_t *set, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(yysymbol_name(set[i]), name) == 0)
      return true;
  return false;
}

static void appendToken(char *buf, size_t size, yysymbol_kind_t k) {
  const char *name = yysymbol_name(k);
  size_t len = strlen(buf);
  if (name[0] == '"') { /* bison quotes aliases: "'('" */
    snprintf(buf + len, size - len, "%.*s", (int)strlen(name) - 2, name + 1);
  } else {
    snprintf(buf + len, size - len, "%s", name);
  }
}

static bool isCloser(const char *name) {
  return strcmp(name, "')'") == 0 || strcmp(name, "']'") == 0 ||
         strcmp(name, "'}'") == 0 || strcmp(name, "'>'") == 0;
}

/* Words the expected tokens the way MLIR's parser words the same errors.
 * Default reductions happen only in consistent states, so the set is
 * (nearly) exact without the cost of LAC. */
static void syntaxMessage(Parser *p, const yysymbol_kind_t *exp, int n,
                          yysymbol_kind_t la, char *msg, size_t size) {
  bool words = hasToken(exp, n, YYSYMBOL_KW_DENSE); /* any keyword */
  bool strings = hasToken(exp, n, YYSYMBOL_STRING);
  bool integers = hasToken(exp, n, YYSYMBOL_INTEGER);
  if (strings && hasToken(exp, n, YYSYMBOL_KW_RETURN) && !words) {
    snprintf(msg, size, "expected operation name in quotes");
    return;
  }
  if (words && integers) {
    snprintf(msg, size, "expected attribute value");
    return;
  }
  if (words && strings) {
    snprintf(msg, size, "expected attribute name");
    return;
  }
  if (words) {
    snprintf(msg, size, "expected identifier");
    return;
  }
  if (hasToken(exp, n, YYSYMBOL_KW_F32)) {
    snprintf(msg, size, "expected non-function type");
    return;
  }
  if (hasToken(exp, n, YYSYMBOL_KW_UNKNOWN)) {
    snprintf(msg, size, "expected location instance");
    return;
  }
  if (hasToken(exp, n, YYSYMBOL_KW_AT)) {
    snprintf(msg, size, "expected 'at' in callsite location");
    return;
  }
  bool colon = hasNamed(exp, n, "':'");
  if (colon && n == 1 && p->prevToken == TOK_VALUE_ID) {
    snprintf(msg, size, "expected ':' and type for SSA operand");
    return;
  }
  if (p->inBlockLabel && colon) {
    snprintf(msg, size, "expected ':' after block name");
    return;
  }
  if (colon && (hasNamed(exp, n, "'{'") || n == 1)) {
    snprintf(msg, size, "expected ':' followed by operation type");
    return;
  }
  bool comma = hasNamed(exp, n, "','");
  bool operandList = hasNamed(exp, n, "')'") && !p->inBlockLabel &&
                     (hasToken(exp, n, YYSYMBOL_VALUE_ID) ||
                      (comma && p->prevToken == TOK_VALUE_ID));
  if (operandList) {
    snprintf(msg, size, "expected ')' to end operand list");
    return;
  }
  if (hasToken(exp, n, YYSYMBOL_VALUE_ID)) {
    snprintf(msg, size, "expected SSA operand");
    return;
  }
  if (hasToken(exp, n, YYSYMBOL_INTEGER) && hasToken(exp, n, YYSYMBOL_FLOAT)) {
    snprintf(msg, size, "expected integer or floating point literal");
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *name = yysymbol_name(exp[i]);
    if (!isCloser(name))
      continue;
    snprintf(msg, size, comma ? "expected ',' or %s" : "expected %s", name);
    return;
  }
  if (n > 0 && n <= 3) {
    snprintf(msg, size, "expected ");
    for (int i = 0; i < n; i++) {
      if (i > 0)
        snprintf(msg + strlen(msg), size - strlen(msg),
                 i == n - 1 ? " or " : ", ");
      appendToken(msg, size, exp[i]);
    }
    return;
  }
  snprintf(msg, size, "unexpected ");
  appendToken(msg, size, la);
}

/* Tokens that only the lexer's fast paths make (from cached or plain
 * text that the grammar also takes piece by piece): never worth naming. */
static bool isFastPathToken(yysymbol_kind_t k) {
  return k == YYSYMBOL_OPERANDS || k == YYSYMBOL_OP_TAIL ||
         k == YYSYMBOL_RESULT_LIST || k == YYSYMBOL_CACHED_DICT ||
         k == YYSYMBOL_CACHED_ENTRY;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, Parser *p) {
  if (p->failed)
    return 0;
  yysymbol_kind_t exp[YYNTOKENS];
  int all = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS), n = 0;
  for (int i = 0; i < all; i++)
    if (!isFastPathToken(exp[i]))
      exp[n++] = exp[i];
  char msg[160] = "";
  syntaxMessage(p, exp, n, yypcontext_token(yyctx), msg, sizeof msg);
  parserError(p, *yypcontext_location(yyctx), "%s", msg);
  return 0;
}

static void yyerror(IpuSrcPos *loc, Parser *p, const char *msg) {
  if (p->failed)
    return;
  if (p->oom)
    parserOutOfMemory(p, *loc);
  else if (strstr(msg, "exhausted"))
    parserError(p, *loc, "nesting too deep");
  else
    parserError(p, *loc, "%s", msg);
}

int parserRun(Parser *p, ParseMode mode) {
  p->startToken = mode == PARSE_TYPE   ? TOK_START_TYPE
                  : mode == PARSE_ATTR ? TOK_START_ATTR
                                       : TOK_START_FILE;
  return yyparse(p);
}
