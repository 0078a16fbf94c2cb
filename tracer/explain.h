/* The reviewer's story of one verification, built from the trace only.
 *
 * For a rejected program: the failing instruction (disassembly and source
 * line), the error line, the register the error names and its history on
 * the path that failed (where it got its type, every change since, every
 * lab event that touched it: "non-owning since insn 7: bpf_rbtree_add",
 * "invalidated at insn 12: bpf_spin_unlock ends the critical section"),
 * the branch decisions on that path and a suggestion chosen by the error
 * text. For an accepted program: paths explored, states pruned, references
 * and locks used.
 *
 * The path that failed is the error step's lineage (view_model.h): the
 * verifier's own history when it reached the error. States along it are
 * materialised step by step from the trace.
 */
#ifndef VERISTEP_EXPLAIN_H
#define VERISTEP_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct vm_session;

/* Print the explanation of the session's program as text or JSON (one
 * object, no trailing newline handling needed). 0, -1 out of memory. */
int explain_print(struct vm_session *s, bool json, FILE *out);

/* The history of R@reg on the lineage of @step, up to and including it:
 * one line per change, oldest first. */
int explain_reg_history(struct vm_session *s, size_t step, int reg, FILE *out);

/* The first register an error line names ("R0 invalid mem access ..."),
 * -1 if none. */
int explain_error_reg(const char *error);

/* The suggestion for an error line (a table of substrings), or NULL. */
const char *explain_suggestion(const char *error);

#endif
