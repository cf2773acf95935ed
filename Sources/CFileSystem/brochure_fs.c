#define _GNU_SOURCE
#include "brochure_fs.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <unistd.h>

int brochure_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

int brochure_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

int brochure_spawn(const char *path, char *const argv[], char *const envp[], pid_t *pid, int *errors) {
    int pipe_ends[2];
    if (pipe2(pipe_ends, O_CLOEXEC) != 0) return errno;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) { close(pipe_ends[0]); close(pipe_ends[1]); return rc; }
    rc = posix_spawnattr_init(&attributes);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); close(pipe_ends[0]); close(pipe_ends[1]); return rc; }
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attributes, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attributes, &all);
    if (rc == 0) rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (rc == 0) rc = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    if (rc != 0) { close(pipe_ends[0]); return rc; }
    *errors = pipe_ends[0];
    return 0;
}

// MARK: Input files mapped read-only

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

// The regions mapped now, for the SIGBUS handler: a slot is free (0), taken while it is being
// filled (1), or holds a region's address (set last, so the handler never sees half a slot).
#define MAPPED_SLOTS 256
static struct {
    _Atomic(uintptr_t) base;
    size_t size;
    char *path;
} mapped[MAPPED_SLOTS];

static struct sigaction previous_sigbus;

static void write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

// Async-signal-safe: reads the slots, writes, and exits. Only a fault (si_code > 0) is
// looked up; a SIGBUS sent by a process is not ours.
static void on_sigbus(int signal_number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int index = 0; info->si_code > 0 && index < MAPPED_SLOTS; index++) {
        uintptr_t base = atomic_load_explicit(&mapped[index].base, memory_order_acquire);
        if (base <= 1) continue;
        size_t size = mapped[index].size;
        const char *path = mapped[index].path;
        // Read again: a slot given back and taken meanwhile is not trusted (its path is never
        // freed while the process runs, so reading it is safe in any case).
        if (atomic_load_explicit(&mapped[index].base, memory_order_acquire) != base || path == NULL) continue;
        if (address - base < size) {
            write_all(path, strlen(path));
            static const char message[] = ": error: [io] the file was changed (cut shorter) while it was being read; "
                                          "nothing was written: run the command again\n";
            write_all(message, sizeof message - 1);
            _exit(2);
        }
    }
    // Not a file of ours: what would have happened without this handler.
    if (previous_sigbus.sa_flags & SA_SIGINFO) {
        if (previous_sigbus.sa_sigaction) { previous_sigbus.sa_sigaction(signal_number, info, context); return; }
    } else if (previous_sigbus.sa_handler != SIG_DFL && previous_sigbus.sa_handler != SIG_IGN) {
        previous_sigbus.sa_handler(signal_number);
        return;
    }
    // The default action: a faulting access runs again and ends the process; a signal sent
    // by a process is raised again.
    signal(SIGBUS, SIG_DFL);
    if (info->si_code <= 0) raise(SIGBUS);
}

static pthread_once_t sigbus_once = PTHREAD_ONCE_INIT;

static void install_sigbus_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_sigbus);
}

const void *brochure_map_input(int fd, size_t size, const char *path, int populate) {
    if (size == 0) return NULL;
    pthread_once(&sigbus_once, install_sigbus_handler);
    int slot = -1;
    for (int index = 0; index < MAPPED_SLOTS && slot < 0; index++) {
        uintptr_t expected = 0;
        if (atomic_compare_exchange_strong(&mapped[index].base, &expected, 1)) slot = index;
    }
    if (slot < 0) return NULL;
    char *name = strdup(path);
    void *base = name ? mmap(NULL, size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0) : MAP_FAILED;
    if (base == MAP_FAILED) {
        free(name);
        atomic_store_explicit(&mapped[slot].base, 0, memory_order_release);
        return NULL;
    }
    mapped[slot].size = size;
    mapped[slot].path = name;
    atomic_store_explicit(&mapped[slot].base, (uintptr_t)base, memory_order_release);
    return base;
}

void brochure_unmap_input(const void *base, size_t size) {
    // The slot is taken back (1) before the region goes: a region mapped meanwhile at the same
    // address is never named by this slot.
    for (int index = 0; index < MAPPED_SLOTS; index++) {
        uintptr_t expected = (uintptr_t)base;
        if (atomic_compare_exchange_strong(&mapped[index].base, &expected, 1)) {
            munmap((void *)base, size);
            // The path is not freed: the handler may be reading it (a few bytes for each
            // region ever mapped, which a run keeps for its whole life anyway).
            atomic_store_explicit(&mapped[index].base, 0, memory_order_release);
            return;
        }
    }
    munmap((void *)base, size);
}
