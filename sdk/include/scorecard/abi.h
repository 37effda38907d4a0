/* scorecard SDK: the plugin boundary, in C. Everything that crosses between the scorecard
 * program (the host) and a plugin library is declared here: plain C structs, C function
 * pointers, strings as pointer + length, columns as typed arrays with a validity array, errors
 * as a status and a message buffer. No C++ standard-library type crosses, so a plugin built by
 * any C or C++ compiler for this machine (g++ or clang++, any standard-library mode) loads.
 *
 * The rules (docs/sdk.md, "The ABI rules"):
 * - A plugin exports one symbol, SCORECARD_ENTRY_POINT, returning a scorecard_plugin_info whose
 *   first four fields (its own size, the ABI major and minor, the SDK version) never move, in
 *   any major: the host reads them to refuse a plugin of another major with a clear message.
 * - Within a major, the structs that carry a struct_size (plugin info, indicator class, host
 *   table, metadata, observation, authority) only ever grow at the end: a new minor appends
 *   fields and host functions, and each side reads a field only when the other side's
 *   struct_size covers it. The structs without a struct_size (arrays: strings, periods,
 *   columns, tables, needs, breakdowns, the care index) are frozen for the major.
 * - Anything else (a field removed, moved or retyped, a meaning changed) is a new major; the
 *   host refuses a plugin of another major, or of a newer minor than its own.
 */
#ifndef SCORECARD_ABI_H
#define SCORECARD_ABI_H

#include <stddef.h>
#include <stdint.h>

#define SCORECARD_ABI_MAJOR 2
/* The minor this SDK implements. A plugin may be compiled as for an older minor (the test of
 * the append-only rule does): define SCORECARD_ABI_MINOR to it before including the SDK. */
#define SCORECARD_ABI_CURRENT_MINOR 3
#ifndef SCORECARD_ABI_MINOR
#define SCORECARD_ABI_MINOR SCORECARD_ABI_CURRENT_MINOR
#endif
#define SCORECARD_SDK_VERSION "2.3.0"

/* The one exported symbol; its type is scorecard_entry_point. */
#define SCORECARD_ENTRY_POINT "scorecard_get_plugin_info"
/* The symbol ABI 1 plugins (scorecard 1.x, a C++ boundary) exported instead. */
#define SCORECARD_ABI1_ENTRY_POINT "scorecard_plugin_descriptor"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Plain values ---- */

/* A string: `size` bytes at `data` (UTF-8, not necessarily NUL-terminated). */
typedef struct scorecard_str {
  const char* data;
  size_t size;
} scorecard_str;

/* A status: 0 is success. A function that fails writes a message (NUL-terminated, cut to fit)
 * into the caller's buffer. */
enum { SCORECARD_OK = 0, SCORECARD_FAILED = 1 };
typedef struct scorecard_error {
  char* message;
  size_t capacity;
} scorecard_error;

/* Optional values: `has` is 0 where there is none. */
typedef struct scorecard_opt_date {
  int32_t days; /* days since 1970-01-01 */
  uint8_t has;
} scorecard_opt_date;
typedef struct scorecard_opt_double {
  double value;
  uint8_t has;
} scorecard_opt_double;

/* The enumerations of the C++ SDK's metadata, by value. */
enum {
  SCORECARD_UNIT_PERCENT,
  SCORECARD_UNIT_COUNT,
  SCORECARD_UNIT_DAYS,
  SCORECARD_UNIT_RATE_PER_10000,
  SCORECARD_UNIT_RATIO,
  SCORECARD_UNIT_NUMBER
};
enum { SCORECARD_HIGHER_IS_BETTER, SCORECARD_LOWER_IS_BETTER, SCORECARD_NEUTRAL };
enum {
  SCORECARD_COLUMN_STRING,
  SCORECARD_COLUMN_INTEGER,
  SCORECARD_COLUMN_DECIMAL,
  SCORECARD_COLUMN_DATE,
  SCORECARD_COLUMN_BOOLEAN,
  SCORECARD_COLUMN_CODE
};
enum {
  SCORECARD_PARAM_BOOLEAN,
  SCORECARD_PARAM_INTEGER,
  SCORECARD_PARAM_DECIMAL,
  SCORECARD_PARAM_STRING,
  SCORECARD_PARAM_STRING_LIST
};
enum {
  SCORECARD_PERIOD_SNAPSHOT,
  SCORECARD_PERIOD_EVENTS_WITHIN,
  SCORECARD_PERIOD_YEAR_TO_DATE,
  SCORECARD_PERIOD_ROLLING
};
enum { SCORECARD_LOG_DEBUG, SCORECARD_LOG_INFO, SCORECARD_LOG_WARN };

/* A parameter value. */
enum {
  SCORECARD_VALUE_BLANK,
  SCORECARD_VALUE_BOOLEAN,
  SCORECARD_VALUE_INTEGER,
  SCORECARD_VALUE_DECIMAL,
  SCORECARD_VALUE_STRING,
  SCORECARD_VALUE_LIST
};
typedef struct scorecard_value {
  uint32_t kind;   /* SCORECARD_VALUE_* */
  int64_t integer; /* boolean (0/1) and integer */
  double decimal;
  scorecard_str text;
  const scorecard_str* list;
  size_t list_size;
} scorecard_value;

/* A list of strings (since 2.2; frozen for the major, like the other arrays). */
typedef struct scorecard_strings {
  const scorecard_str* items;
  size_t count;
} scorecard_strings;

/* ---- What a plugin declares (plugin -> host; valid until the next call on the instance) ---- */

typedef struct scorecard_parameter {
  scorecard_str name;
  uint32_t type; /* SCORECARD_PARAM_* */
  uint8_t may_be_blank;
  scorecard_value default_value;
  scorecard_str description;
} scorecard_parameter;

typedef struct scorecard_column_need {
  scorecard_str name;
  uint32_t type; /* SCORECARD_COLUMN_* */
  uint8_t optional;
} scorecard_column_need;

typedef struct scorecard_dataset_need {
  scorecard_str dataset;
  const scorecard_column_need* columns;
  size_t column_count;
  uint8_t optional;
} scorecard_dataset_need;

typedef struct scorecard_metadata {
  uint32_t struct_size;
  scorecard_str id, code, name, description, definition_source, theme, version;
  uint32_t unit, polarity, period_kind; /* SCORECARD_UNIT_*, SCORECARD_*_IS_BETTER, _PERIOD_* */
  int32_t period_months;
  int32_t decimals;
  scorecard_opt_double target, tolerance;
  const scorecard_parameter* parameters;
  size_t parameter_count;
  const scorecard_dataset_need* needs;
  size_t need_count;
#if SCORECARD_ABI_MINOR >= 2
  /* Since 2.2: parameter_alternatives[i] names the parameters that parameters[i] is an
   * alternative to (within_days and within_months: a use that sets one leaves the other blank
   * instead of at its default); parameter_count entries, or NULL when no parameter has any.
   * (scorecard_parameter has no struct_size, so this lies beside it.) */
  const scorecard_strings* parameter_alternatives;
#endif
} scorecard_metadata;

/* ---- What the host hands a calculation ---- */

/* One reporting period and the window the indicator reads in it (day numbers). */
typedef struct scorecard_period {
  scorecard_str label;
  int32_t start, end, from, to;
} scorecard_period;

/* One loaded column, `rows` cells long. Integer, boolean (0/1), date (day number) and code or
 * string (a code of the run's dictionary, see text()) cells are in `ints`; decimal cells in
 * `decimals` (the other array is NULL). `blank[r]` is 1 where the cell was empty. */
typedef struct scorecard_column {
  scorecard_str name;
  uint32_t type; /* SCORECARD_COLUMN_* */
  size_t rows;
  const int32_t* ints;
  const double* decimals;
  const uint8_t* blank;
} scorecard_column;

typedef struct scorecard_table {
  scorecard_str name;
  size_t rows;
  const scorecard_column* columns;
  size_t column_count;
} scorecard_table;

/* The shared care index (each child's SSDA903 episodes, built once per run): see the C++
 * SDK's care.hpp for the meaning of each field. Codes are 0 where blank or not loaded. */
typedef struct scorecard_episode {
  size_t row; /* in the episodes table */
  int32_t start;
  scorecard_opt_date end;
  int32_t rne, ls, place, provider, rec, urn, cin, reason_change, home_post, pl_post;
  scorecard_opt_double distance;
} scorecard_episode;

typedef struct scorecard_child {
  int32_t child;
  scorecard_opt_date dob;
  int32_t sex, ethnic;
  const scorecard_episode* episodes;
  size_t episode_count;
  const scorecard_episode* short_breaks;
  size_t short_break_count;
} scorecard_child;

typedef struct scorecard_care_index {
  const scorecard_child* children;
  size_t child_count;
  /* By code: the child's position in `children`, or UINT32_MAX. */
  const uint32_t* slot_by_code;
  size_t slot_count;
} scorecard_care_index;

/* A dataset's rows grouped by the code in one of its code or string columns (since 2.3;
 * frozen for the major, like the other arrays), built once per run and shared by every
 * indicator: with i = c - first_code, the rows whose cell holds code c are rows[first[i]] to
 * rows[first[i + 1] - 1], in row order. first_code is the smallest code in the column and
 * `first` has one entry per code from it to the largest, plus one (a code outside has no
 * rows); rows whose cell is blank are in no group. */
typedef struct scorecard_row_groups {
  const uint32_t* first;
  size_t first_count;
  const uint32_t* rows;
  size_t row_count;
  int32_t first_code;
} scorecard_row_groups;

typedef struct scorecard_authority {
  uint32_t struct_size;
  scorecard_str name, code;
  scorecard_opt_double population_0_17;
} scorecard_authority;

/* ---- What a calculation hands back (plugin -> host, copied by the host at once) ---- */

typedef struct scorecard_breakdown {
  scorecard_str dimension, category;
  double numerator;
  scorecard_opt_double denominator, value;
} scorecard_breakdown;

typedef struct scorecard_observation {
  uint32_t struct_size;
  scorecard_opt_double numerator, denominator, value;
  const scorecard_breakdown* breakdowns;
  size_t breakdown_count;
  const scorecard_str* numerator_records;
  size_t numerator_record_count;
  const scorecard_str* denominator_records;
  size_t denominator_record_count;
  const scorecard_str* notes;
  size_t note_count;
#if SCORECARD_ABI_MINOR >= 1
  /* Since 2.1: what the numerator and denominator are sums of ("FTE"), when they are sums of
   * weights rather than counts of records; empty for counts. */
  scorecard_str weight_unit;
#endif
} scorecard_observation;

/* ---- The host table: what a plugin may call. Only ever appended to. ---- */

/* One indicator use in one run (its parameters, the run's data), owned by the host. */
typedef struct scorecard_context scorecard_context;

typedef struct scorecard_host_api {
  uint32_t struct_size;
  uint32_t abi_major, abi_minor;

  /* The dataset as loaded, or NULL when it is absent (only for an optional need). */
  const scorecard_table* (*find_table)(scorecard_context* ctx, scorecard_str dataset);
  /* The dictionary: the text of a code; the code of a text (1 when found, else 0); how many
   * codes there are (every code is below it). */
  scorecard_str (*text)(scorecard_context* ctx, int32_t code);
  int (*find_code)(scorecard_context* ctx, scorecard_str text, int32_t* code);
  size_t (*code_count)(scorecard_context* ctx);
  /* The parameters of this use: how many, and each by position (name and value). */
  size_t (*param_count)(scorecard_context* ctx);
  int (*param_at)(scorecard_context* ctx, size_t index, scorecard_str* name,
                  scorecard_value* value);
  /* The authority's settings; the caller sets out->struct_size to the size it knows. */
  void (*authority)(scorecard_context* ctx, scorecard_authority* out);
  /* 1 when the caller (`scorecard explain`) wants the record ids behind each figure. */
  int (*want_records)(scorecard_context* ctx);
  /* The care index, or NULL with a message when the episodes dataset is not loaded. */
  const scorecard_care_index* (*care_index)(scorecard_context* ctx, scorecard_error* error);
  /* A line for the log, under the indicator's id. */
  void (*log)(scorecard_context* ctx, int32_t level, scorecard_str message);
  /* One observation per period, in the order of the periods; the host copies it. */
  int (*emit_observation)(scorecard_context* ctx, const scorecard_observation* observation,
                          scorecard_error* error);
  /* needs(): one dataset need at a time; the host copies it. */
  int (*emit_need)(scorecard_context* ctx, const scorecard_dataset_need* need,
                   scorecard_error* error);
#if SCORECARD_ABI_MINOR >= 1
  /* Since 2.1: the codes of many texts at once (-1 where absent), for code sets. */
  void (*find_codes)(scorecard_context* ctx, const scorecard_str* texts, size_t count,
                     int32_t* codes);
#endif
#if SCORECARD_ABI_MINOR >= 3
  /* Since 2.3: the dataset's rows grouped by the codes of `column` (see scorecard_row_groups),
   * built on first use and kept for the run; NULL with a message when the dataset is not
   * loaded, the column is not in it or is not a code or string column. */
  const scorecard_row_groups* (*row_groups)(scorecard_context* ctx, scorecard_str dataset,
                                            scorecard_str column, scorecard_error* error);
#endif
} scorecard_host_api;

/* ---- The plugin's side ---- */

/* One indicator class. An instance is made by create(), used from one thread at a time and
 * destroyed before the library is unloaded. Every function reports failure as a status. */
typedef struct scorecard_indicator_class {
  uint32_t struct_size;
  const char* class_name;
  void* (*create)(scorecard_error* error);
  void (*destroy)(void* instance);
  /* The metadata; it stays valid while the instance lives. */
  int (*metadata)(void* instance, const scorecard_metadata** out, scorecard_error* error);
  /* The data needs for this use's parameters, through host->emit_need. */
  int (*needs)(void* instance, const scorecard_host_api* host, scorecard_context* ctx,
               scorecard_error* error);
  /* One observation per period, through host->emit_observation. */
  int (*calculate)(void* instance, const scorecard_host_api* host, scorecard_context* ctx,
                   const scorecard_period* periods, size_t period_count, scorecard_error* error);
} scorecard_indicator_class;

typedef struct scorecard_plugin_info {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* sdk_version;
  const char* library_name;
  const char* library_version;
  const scorecard_indicator_class* const* indicators;
  size_t indicator_count;
} scorecard_plugin_info;

typedef const scorecard_plugin_info* (*scorecard_entry_point)(void);

#ifdef __cplusplus
}
#endif

#endif /* SCORECARD_ABI_H */
