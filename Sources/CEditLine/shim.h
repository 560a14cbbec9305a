/* libedit's readline-compatible API. Swift 6 rejects touching C globals, so
 * the rl_* variables the shell sets are wrapped in functions. */
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void cedit_set_name(const char *name) { rl_readline_name = name; }
static inline void cedit_set_word_breaks(const char *s) { rl_basic_word_break_characters = s; }
static inline void cedit_set_completer(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void cedit_set_append_char(int c) { rl_completion_append_character = c; }
static inline const char *cedit_line_buffer(void) { return rl_line_buffer; }
