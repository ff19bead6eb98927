/* An LD_PRELOAD library that makes file operations inside one folder fail,
 * for the fault-injection test of the write path (tests/e2e/fault_injection_test.cc).
 *
 * Counted operations, on files under LISAN_FAULT_DIR only: opening a file for
 * writing, write/pwrite/writev, fsync/fdatasync, ftruncate, rename, unlink.
 * The operation numbered LISAN_FAULT_AT (from 1) fails with LISAN_FAULT_ERRNO
 * (default EIO); with LISAN_FAULT_STICKY=1 every later one fails too, as on a
 * disk that died or filled up, otherwise only that one, as on a transient
 * error. LISAN_FAULT_AT=0 fails nothing. At exit the number of operations
 * seen and whether one was failed go to LISAN_FAULT_REPORT ("seen failed\n"),
 * so that a first run can count the operations a run makes.
 *
 * A failing write writes nothing, so a failure never leaves a half-written
 * block that a real disk would not have left either. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { kMaxTrackedFd = 65536 };

static atomic_uchar tracked[kMaxTrackedFd];
static atomic_long seen;
static atomic_int failed;
static char fault_dir[4096];
static size_t fault_dir_length;
static long fail_at;
static int fail_errno = EIO;
static int sticky;

__attribute__((constructor)) static void read_settings(void) {
  const char* dir = getenv("LISAN_FAULT_DIR");
  if (dir != NULL && strlen(dir) < sizeof fault_dir) {
    strcpy(fault_dir, dir);
    fault_dir_length = strlen(fault_dir);
    while (fault_dir_length > 1 && fault_dir[fault_dir_length - 1] == '/') {
      fault_dir[--fault_dir_length] = '\0';
    }
  }
  const char* at = getenv("LISAN_FAULT_AT");
  if (at != NULL) fail_at = atol(at);
  const char* code = getenv("LISAN_FAULT_ERRNO");
  if (code != NULL && atoi(code) > 0) fail_errno = atoi(code);
  const char* stick = getenv("LISAN_FAULT_STICKY");
  sticky = stick != NULL && strcmp(stick, "1") == 0;
}

__attribute__((destructor)) static void write_report(void) {
  const char* report = getenv("LISAN_FAULT_REPORT");
  if (report == NULL) return;
  FILE* out = fopen(report, "w");
  if (out == NULL) return;
  fprintf(out, "%ld %d\n", atomic_load(&seen), atomic_load(&failed));
  fclose(out);
}

static int is_inside(const char* path) {
  if (fault_dir_length == 0 || path == NULL) return 0;
  char absolute[8192];
  if (path[0] != '/') {
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) == NULL) return 0;
    if ((size_t)snprintf(absolute, sizeof absolute, "%s/%s", cwd, path) >= sizeof absolute) {
      return 0;
    }
    path = absolute;
  }
  return strncmp(path, fault_dir, fault_dir_length) == 0 &&
         (path[fault_dir_length] == '/' || path[fault_dir_length] == '\0');
}

static int is_tracked(int fd) { return fd >= 0 && fd < kMaxTrackedFd && atomic_load(&tracked[fd]); }

static void set_tracked(int fd, int on) {
  if (fd >= 0 && fd < kMaxTrackedFd) atomic_store(&tracked[fd], (unsigned char)on);
}

/* Counts one operation; true when it is to fail (errno is then set). */
static int should_fail(void) {
  const long number = atomic_fetch_add(&seen, 1) + 1;
  if (fail_at <= 0) return 0;
  if (number == fail_at || (sticky && number > fail_at)) {
    atomic_store(&failed, 1);
    errno = fail_errno;
    return 1;
  }
  return 0;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

static int writes(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

static int open_common(int dirfd, const char* path, int flags, mode_t mode) {
  const int inside = (dirfd == AT_FDCWD || path[0] == '/') && is_inside(path);
  if (inside && writes(flags) && should_fail()) return -1;
  static int (*real_openat)(int, const char*, int, ...);
  if (real_openat == NULL) real_openat = NEXT(openat);
  const int fd = real_openat(dirfd, path, flags, mode);
  if (fd >= 0) set_tracked(fd, inside);
  return fd;
}

static mode_t mode_argument(int flags, va_list arguments) {
  return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(arguments, int) : 0;
}

int open(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_common(AT_FDCWD, path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_common(AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_common(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  return open_common(dirfd, path, flags, mode);
}

int creat(const char* path, mode_t mode) {
  return open_common(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd) {
  set_tracked(fd, 0);
  static int (*real)(int);
  if (real == NULL) real = NEXT(close);
  return real(fd);
}

ssize_t write(int fd, const void* buffer, size_t size) {
  if (is_tracked(fd) && should_fail()) return -1;
  static ssize_t (*real)(int, const void*, size_t);
  if (real == NULL) real = NEXT(write);
  return real(fd, buffer, size);
}

ssize_t pwrite(int fd, const void* buffer, size_t size, off_t offset) {
  if (is_tracked(fd) && should_fail()) return -1;
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (real == NULL) real = NEXT(pwrite);
  return real(fd, buffer, size, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t size, off_t offset) {
  if (is_tracked(fd) && should_fail()) return -1;
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (real == NULL) real = NEXT(pwrite64);
  return real(fd, buffer, size, offset);
}

ssize_t writev(int fd, const struct iovec* vector, int count) {
  if (is_tracked(fd) && should_fail()) return -1;
  static ssize_t (*real)(int, const struct iovec*, int);
  if (real == NULL) real = NEXT(writev);
  return real(fd, vector, count);
}

int fsync(int fd) {
  if (is_tracked(fd) && should_fail()) return -1;
  static int (*real)(int);
  if (real == NULL) real = NEXT(fsync);
  return real(fd);
}

int fdatasync(int fd) {
  if (is_tracked(fd) && should_fail()) return -1;
  static int (*real)(int);
  if (real == NULL) real = NEXT(fdatasync);
  return real(fd);
}

int ftruncate(int fd, off_t length) {
  if (is_tracked(fd) && should_fail()) return -1;
  static int (*real)(int, off_t);
  if (real == NULL) real = NEXT(ftruncate);
  return real(fd, length);
}

int ftruncate64(int fd, off_t length) {
  if (is_tracked(fd) && should_fail()) return -1;
  static int (*real)(int, off_t);
  if (real == NULL) real = NEXT(ftruncate64);
  return real(fd, length);
}

int rename(const char* from, const char* to) {
  if ((is_inside(from) || is_inside(to)) && should_fail()) return -1;
  static int (*real)(const char*, const char*);
  if (real == NULL) real = NEXT(rename);
  return real(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
  if (((from_dir == AT_FDCWD && is_inside(from)) || (to_dir == AT_FDCWD && is_inside(to))) &&
      should_fail()) {
    return -1;
  }
  static int (*real)(int, const char*, int, const char*);
  if (real == NULL) real = NEXT(renameat);
  return real(from_dir, from, to_dir, to);
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to, unsigned flags) {
  if (((from_dir == AT_FDCWD && is_inside(from)) || (to_dir == AT_FDCWD && is_inside(to))) &&
      should_fail()) {
    return -1;
  }
  static int (*real)(int, const char*, int, const char*, unsigned);
  if (real == NULL) real = NEXT(renameat2);
  return real(from_dir, from, to_dir, to, flags);
}

int unlink(const char* path) {
  if (is_inside(path) && should_fail()) return -1;
  static int (*real)(const char*);
  if (real == NULL) real = NEXT(unlink);
  return real(path);
}

int unlinkat(int dirfd, const char* path, int flags) {
  if (dirfd == AT_FDCWD && is_inside(path) && should_fail()) return -1;
  static int (*real)(int, const char*, int);
  if (real == NULL) real = NEXT(unlinkat);
  return real(dirfd, path, flags);
}

/* std::ofstream opens through fopen and writes through write(2). */
static FILE* fopen_common(const char* path, const char* mode, const char* name) {
  const int inside = is_inside(path);
  const int for_writing = strpbrk(mode, "wa+") != NULL;
  if (inside && for_writing && should_fail()) return NULL;
  FILE* (*real)(const char*, const char*) =
      (FILE * (*)(const char*, const char*)) dlsym(RTLD_NEXT, name);
  FILE* file = real(path, mode);
  if (file != NULL) set_tracked(fileno(file), inside);
  return file;
}

FILE* fopen(const char* path, const char* mode) { return fopen_common(path, mode, "fopen"); }

FILE* fopen64(const char* path, const char* mode) { return fopen_common(path, mode, "fopen64"); }

int fclose(FILE* file) {
  if (file != NULL) set_tracked(fileno(file), 0);
  static int (*real)(FILE*);
  if (real == NULL) real = NEXT(fclose);
  return real(file);
}
