/* harness.h: a tiny test harness.  Each check prints "PASS: name" or
 * "FAIL: name: why"; tests/run.sh counts them.  main() returns non-zero when
 * any check failed. */
#ifndef GW_TEST_HARNESS_H
#define GW_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failed;

#define CHECK(name, cond)                                                                   \
    do {                                                                                    \
        if (cond)                                                                           \
            printf("PASS: %s\n", (name));                                                   \
        else {                                                                              \
            printf("FAIL: %s: %s (%s:%d)\n", (name), #cond, __FILE__, __LINE__);            \
            harness_failed = 1;                                                             \
        }                                                                                   \
    } while (0)

#define CHECK_STR(name, got, want)                                                          \
    do {                                                                                    \
        const char *g_ = (got), *w_ = (want);                                               \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                                \
            printf("PASS: %s\n", (name));                                                   \
        else {                                                                              \
            printf("FAIL: %s: got \"%s\", want \"%s\" (%s:%d)\n", (name), g_ ? g_ : "(null)", \
                   w_ ? w_ : "(null)", __FILE__, __LINE__);                                 \
            harness_failed = 1;                                                             \
        }                                                                                   \
    } while (0)

#define CHECK_INT(name, got, want)                                                          \
    do {                                                                                    \
        long long g_ = (long long) (got), w_ = (long long) (want);                          \
        if (g_ == w_)                                                                       \
            printf("PASS: %s\n", (name));                                                   \
        else {                                                                              \
            printf("FAIL: %s: got %lld, want %lld (%s:%d)\n", (name), g_, w_, __FILE__, __LINE__); \
            harness_failed = 1;                                                             \
        }                                                                                   \
    } while (0)

#define HARNESS_RESULT() (harness_failed ? 1 : 0)

#endif
