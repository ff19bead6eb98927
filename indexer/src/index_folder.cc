#include "index_folder.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <sstream>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"

namespace fs = std::filesystem;

// Xapian 1.4's Database::check (check_database_intact) deletes a 440-byte
// table checker through a pointer to its 432-byte base class, on every
// check of a sound database too: undefined behaviour in Debian's libxapian
// that lisan cannot fix, harmless with glibc's allocator (it ignores the
// size), and reported by AddressSanitizer as new-delete-type-mismatch. In
// sanitizer builds, the programs that link this check (lisan, the tests,
// the fuzzers) do not report that one kind of error (docs/RELIABILITY.md);
// ASAN_OPTIONS=new_delete_type_mismatch=1 shows it again.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LISAN_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define LISAN_ADDRESS_SANITIZER 1
#endif
#ifdef LISAN_ADDRESS_SANITIZER
extern "C" const char* __asan_default_options() { return "new_delete_type_mismatch=0"; }
#endif

namespace lisan::internal {
namespace {

// Glass writes its version file through this name and a rename.
constexpr std::string_view kVersionTemporary = "v.tmp";
constexpr std::array<std::string_view, 6> kTables = {"docdata",  "postlist", "position",
                                                     "spelling", "synonym",  "termlist"};

bool is_table_file(std::string_view name) {
  return std::any_of(kTables.begin(), kTables.end(), [&](std::string_view table) {
    return name.size() == table.size() + 6 && name.starts_with(table) && name.ends_with(".glass");
  });
}

// Xapian's own files in a glass database folder, by their exact names.
bool is_xapian_file(std::string_view name) {
  return name == kVersionFile || name == kLockFile || name == kVersionTemporary ||
         is_table_file(name);
}

bool is_lisan_file(std::string_view name) { return name == kCreationMarker || name == kBulkFolder; }

struct FolderContents {
  std::vector<std::string> xapian_files;
  bool has_version = false;
  bool has_marker = false;
};

FolderContents list_index_folder(const std::string& db_path) {
  std::error_code error;
  fs::directory_iterator it(db_path, error);
  if (error) throw IoError("cannot read index folder " + db_path + ": " + error.message());
  FolderContents contents;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) throw IoError("cannot read index folder " + db_path + ": " + error.message());
    const std::string name = it->path().filename().string();
    if (name == kCreationMarker) {
      contents.has_marker = true;
    } else if (is_xapian_file(name)) {
      contents.has_version = contents.has_version || name == kVersionFile;
      contents.xapian_files.push_back(name);
    } else if (!is_lisan_file(name)) {
      throw IndexError("folder " + db_path + " is not an index (it holds " + name +
                       "); give --db a new or empty folder");
    }
  }
  return contents;
}

void sync_folder(const std::string& path) { sync_path(path, O_RDONLY | O_DIRECTORY); }

// Writes the marker durably: it must be on disk before the files it vouches for.
void write_marker(const std::string& db_path) {
  const std::string path = db_path + "/" + std::string(kCreationMarker);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot write " + path + ": " + std::strerror(errno));
  ::close(fd);
  sync_path(path, O_RDONLY);
  sync_folder(db_path);
}

void remove_file(const fs::path& path) {
  std::error_code error;
  fs::remove(path, error);
  if (error) throw IoError("cannot remove " + path.string() + ": " + error.message());
}

void move_file(const fs::path& from, const fs::path& to) {
  std::error_code error;
  fs::rename(from, to, error);
  if (error) {
    throw IoError("cannot move " + from.string() + " to " + to.string() + ": " + error.message());
  }
}

// Empties a marked folder whose creation never completed: nothing was ever
// committed there, so nothing is lost.
void remove_interrupted_creation(const std::string& db_path, const FolderContents& contents) {
  with_index_folder_lock(db_path, [&] {
    for (const std::string& name : contents.xapian_files) {
      if (name != kLockFile) remove_file(fs::path(db_path) / name);
    }
    sync_folder(db_path);
  });
}

}  // namespace

void sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open " + path.string() + ": " + std::strerror(errno));
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0) throw IoError("cannot sync " + path.string() + ": " + std::strerror(error));
}

void with_index_folder_lock(const std::string& db_path, const std::function<void()>& body) {
  const std::string lock_path = db_path + "/" + std::string(kLockFile);
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot open " + lock_path + ": " + std::strerror(errno));
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  // OFD and classic record locks conflict, so this excludes Xapian's writer.
  if (::fcntl(fd, F_OFD_SETLK, &lock) != 0) {
    ::close(fd);
    throw IndexError("index " + db_path +
                     " is locked by another process (another `lisan index` is writing it); "
                     "wait for it to finish");
  }
  try {
    body();
  } catch (...) {
    ::close(fd);  // releases the lock
    throw;
  }
  ::close(fd);
}

void prepare_index_folder(const std::string& db_path) {
  if (db_path.empty()) throw IndexError("the index path is empty; give --db a folder");
  std::error_code error;
  if (!fs::exists(db_path, error)) {
    fs::create_directories(db_path, error);
    if (error) throw IoError("cannot create index folder " + db_path + ": " + error.message());
    write_marker(db_path);
    return;
  }
  if (!fs::is_directory(db_path, error)) {
    throw IndexError("index path " + db_path + " is a file, not an index folder");
  }
  const FolderContents contents = list_index_folder(db_path);
  if (contents.has_version) return;
  if (contents.xapian_files.empty() && !contents.has_marker) {
    write_marker(db_path);  // an empty folder, given to be the index
    return;
  }
  if (!contents.has_marker) {
    throw IndexError("index " + db_path +
                     " is damaged: its version file (iamglass) is missing. lisan did not "
                     "leave it so and does not reset it; restore the index from a copy, or "
                     "delete the folder and index again");
  }
  remove_interrupted_creation(db_path, contents);
}

void finish_creation(const std::string& db_path) {
  const fs::path marker = fs::path(db_path) / kCreationMarker;
  std::error_code error;
  if (!fs::exists(marker, error)) return;
  remove_file(marker);
  sync_folder(db_path);
}

void check_tables_present(const std::string& db_path) {
  const fs::path index(db_path);
  std::error_code error;
  if (!fs::exists(index / kVersionFile, error)) return;
  const auto missing = [&](std::string_view table) {
    return !fs::exists(index / (std::string(table) + ".glass"), error);
  };
  std::string lost;
  if (missing("postlist")) {
    lost = "postlist.glass";
  } else if (missing("termlist")) {
    lost = "termlist.glass";
  } else if (missing("docdata") && Xapian::Database(db_path).get_doccount() > 0) {
    lost = "docdata.glass";  // written with the first document only
  }
  if (lost.empty()) return;
  throw IndexError("index " + db_path + " is damaged: its table " + lost +
                   " is missing; restore the index from a copy, or delete the folder and index "
                   "again");
}

namespace {

// The child's exit status when the check found damage (its report on the pipe).
constexpr int kDamagedStatus = 3;

// Xapian 1.4's check is not read-only: it opens the tables for writing, and
// on a version file with a few bits flipped it truncated docdata.glass to
// nothing (xapian-check does the same). The child checking an index gives up
// the right to truncate, create, remove or rename files (Landlock's truncate
// right, Linux 6.2 and later); on older kernels the check runs unrestricted.
void forbid_truncation() {
  // Not in Debian 12's kernel headers (6.1).
  constexpr std::uint64_t kTruncate = 1ULL << 14;  // LANDLOCK_ACCESS_FS_TRUNCATE, ABI 3
  constexpr long kTruncateAbi = 3;
  if (::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION) <
      kTruncateAbi) {
    return;
  }
  landlock_ruleset_attr ruleset{};
  ruleset.handled_access_fs =
      kTruncate | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
      LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
      LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
      LANDLOCK_ACCESS_FS_MAKE_SYM | LANDLOCK_ACCESS_FS_REFER;
  const long fd = ::syscall(SYS_landlock_create_ruleset, &ruleset, sizeof ruleset, 0);
  if (fd < 0) return;
  // No rule added: what the ruleset handles is denied everywhere.
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0) {
    ::syscall(SYS_landlock_restrict_self, static_cast<int>(fd), 0);
  }
  ::close(static_cast<int>(fd));
}

// Xapian's check of `db_path`, in this (child) process; never returns.
[[noreturn]] void run_check_and_exit(const std::string& db_path, int report_fd) {
  std::string message;
  int status = 0;
  try {
    std::ostringstream report;
    const std::size_t errors = Xapian::Database::check(db_path, 0, &report);
    if (errors > 0) {
      // The report's first line names the table and the block.
      const std::string text = report.str();
      message =
          std::to_string(errors) + " error(s) in its tables: " + text.substr(0, text.find('\n'));
      status = kDamagedStatus;
    }
  } catch (const Xapian::Error& e) {
    message = e.get_description();
    status = kDamagedStatus;
  } catch (...) {
    message = "its check failed";
    status = kDamagedStatus;
  }
  for (std::size_t written = 0; written < message.size();) {
    const ssize_t n = ::write(report_fd, message.data() + written, message.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::_exit(status);
}

// Generous: a sound index is checked at about 100 MB/s (docs/RELIABILITY.md).
int check_timeout_ms(const std::string& db_path) {
  std::uintmax_t bytes = 0;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(db_path, error)) {
    if (entry.is_regular_file(error)) bytes += entry.file_size(error);
  }
  constexpr std::uintmax_t kMegabyte = 1 << 20;
  return static_cast<int>(std::min<std::uintmax_t>(60 + bytes / kMegabyte / 2, 3600) * 1000);
}

// The child's report, until it closes the pipe or `timeout_ms` pass.
std::string read_report(int fd, int timeout_ms, bool& timed_out) {
  std::string report;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd ready{fd, POLLIN, 0};
    const int polled = left.count() <= 0 ? 0 : ::poll(&ready, 1, static_cast<int>(left.count()));
    if (polled < 0 && errno == EINTR) continue;  // Ctrl-C is handled after the check
    if (polled == 0) {
      timed_out = true;
      return report;
    }
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      report.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return report;
    }
  }
}

IndexError damaged(const std::string& db_path, const std::string& why) {
  return IndexError("index " + db_path + " is damaged (" + why +
                    "); lisan does not write into a damaged index: check it with `xapian-check " +
                    db_path + "`, restore it from a copy or rebuild it in a new folder");
}

// Runs Xapian's check in a child process: on some damaged blocks Xapian 1.4's
// check itself reads past its buffers (found by fuzz/index_open_fuzzer), so
// a crash or a hang there ends the child, and lisan reports the damage.
void check_in_child(const std::string& db_path) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw IoError("cannot check index " + db_path + ": " + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw IoError("cannot check index " + db_path + ": " + std::strerror(error));
  }
  if (pid == 0) {
    ::close(fds[0]);
    // The child shares the writer lock: it must not outlive a lisan killed
    // meanwhile, or the next run would find the index locked.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(kDamagedStatus);
    forbid_truncation();
    run_check_and_exit(db_path, fds[1]);
  }
  ::close(fds[1]);
  bool timed_out = false;
  const std::string report = read_report(fds[0], check_timeout_ms(db_path), timed_out);
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) throw damaged(db_path, "Xapian's check of it did not finish");
  if (WIFSIGNALED(status)) {
    throw damaged(db_path,
                  "Xapian's check of it crashed with signal " + std::to_string(WTERMSIG(status)));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  throw damaged(db_path, report.empty() ? "Xapian's check of it failed" : report);
}

}  // namespace

void check_database_intact(const std::string& db_path) {
  std::error_code error;
  if (!fs::exists(fs::path(db_path) / kVersionFile, error)) return;
  with_index_folder_lock(db_path, [&] { check_in_child(db_path); });
}

void move_database_into(const fs::path& merged, const std::string& db_path) {
  write_marker(db_path);
  const fs::path index(db_path);
  // Without its version file the old database no longer opens, so the
  // tables can be exchanged under the marker's cover.
  remove_file(index / kVersionFile);
  sync_folder(db_path);
  for (std::string_view table : kTables) {
    const std::string name = std::string(table) + ".glass";
    std::error_code error;
    if (fs::exists(merged / name, error)) {
      move_file(merged / name, index / name);
    } else {
      remove_file(index / name);
    }
  }
  move_file(merged / kVersionFile, index / kVersionFile);
  sync_folder(db_path);
  finish_creation(db_path);
}

}  // namespace lisan::internal
