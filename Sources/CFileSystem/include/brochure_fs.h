// File-system and process calls Swift's Glibc module does not expose.
#ifndef BROCHURE_FS_H
#define BROCHURE_FS_H

#include <stddef.h>
#include <sys/types.h>

/// Swaps two paths in one step (renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL where the file system cannot exchange).
int brochure_exchange(const char *a, const char *b);

/// Starts writing the file's changed pages to its device without waiting for them
/// (sync_file_range with SYNC_FILE_RANGE_WRITE): a later fsync then has less to wait for.
/// Returns 0, or -1 with errno set.
int brochure_start_writeback(int fd);

/// Starts `path` with `argv` and `envp` (NULL-terminated), its standard input and output on
/// /dev/null and its standard error on a new pipe, whose read end (close-on-exec) is returned
/// in `*errors`. The child gets no other descriptor of ours, an empty signal mask and the
/// default action for every signal (a worker thread's blocked signals are not passed on).
/// Returns 0 with `*pid` set, or an errno value.
int brochure_spawn(const char *path, char *const argv[], char *const envp[], pid_t *pid, int *errors);

/// Maps the first `size` bytes of the file open on `fd` read-only. With `populate`, the pages
/// the system holds are entered at once (MAP_POPULATE), not one page fault at a time.
/// While mapped, a SIGBUS in the region (the file was cut shorter meanwhile) prints
/// "`path`: error: [io] ..." and ends the process with status 2, instead of a crash.
/// Returns the address, or NULL (too many files mapped at once, or mmap failed: read the
/// file instead).
const void *brochure_map_input(int fd, size_t size, const char *path, int populate);

/// Unmaps a region `brochure_map_input` returned.
void brochure_unmap_input(const void *base, size_t size);

#endif
