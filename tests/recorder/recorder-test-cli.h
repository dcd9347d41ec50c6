/*
 * recorder-test-cli.h: what the `weft record` command-line tests share —
 * a scratch folder, the recorder's exit, its file appearing, and the one
 * sentence it says when refusing.
 */
#pragma once

#include "weft-test-util.h"

G_BEGIN_DECLS

/* A new folder anyone may write (the sudo tests write there as nobody). */
char *recorder_test_make_tmpdir (void);

/* err is one line, starting with "weft: ", saying must_contain. */
void recorder_test_assert_one_sentence (const char *err, const char *must_contain);

/* `weft ARGS...` refuses with exit status 2 and one sentence saying must_contain. */
void recorder_test_assert_usage_refused (const char *const *args, const char *must_contain);

/* Waits for the child pid to end; its wait status. */
int recorder_test_wait_for (GPid pid);

/* Waits until the recorder has written its header and first events to path. */
void recorder_test_wait_for_file (const char *path, gsize min_size);

G_END_DECLS
