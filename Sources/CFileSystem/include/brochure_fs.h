// File-system calls Swift's Glibc module does not expose.
#ifndef BROCHURE_FS_H
#define BROCHURE_FS_H

/// Swaps two paths in one step (renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL where the file system cannot exchange).
int brochure_exchange(const char *a, const char *b);

#endif
