// Translation of Xapian's exceptions into lisan's, at the library boundary.
//
// Internal to lisan's libraries: not part of the API, not installed.
#pragma once

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"
#include "lisan/format/internal/index_layout.h"

namespace lisan::internal {

// True when Xapian failed because the disk (or the process's file size
// limit, RLIMIT_FSIZE) is full: Xapian keeps the errno text of the failed
// write in get_error_string().
inline bool is_out_of_space(const Xapian::Error& e) {
  const char* cause = e.get_error_string();
  if (cause == nullptr) return false;
  for (int code : {ENOSPC, EFBIG, EDQUOT}) {
    if (std::strcmp(cause, std::strerror(code)) == 0) return true;
  }
  return false;
}

inline IoError no_space_error(const std::string& db_path, const Xapian::Error& e) {
  return IoError("no space left to write index " + db_path + " (" + e.get_error_string() +
                 "); the index stays at its last commit: free some space and run again");
}

inline std::string check_hint(const std::string& db_path) {
  return "; check it with `xapian-check " + db_path + "`";
}

// Runs `body`; rethrows a Xapian::Error as the lisan::Error a caller can act
// on, naming the index and, for damage, the tool that diagnoses it.
template <typename Body>
decltype(auto) with_index_errors(const std::string& db_path, Body&& body) {
  try {
    return std::forward<Body>(body)();
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian says "already locked" only when another writer holds the lock;
    // otherwise the lock file could not be opened (a read-only index).
    if (e.get_msg().find("already locked") == std::string::npos) {
      throw IndexError("cannot write index " + db_path + " (" + e.get_msg() +
                       "): check that you may write its folder");
    }
    throw IndexError("index " + db_path +
                     " is locked by another process (another `lisan index` "
                     "is writing it); wait for it to finish");
  } catch (const Xapian::DatabaseCreateError& e) {
    if (is_out_of_space(e)) throw no_space_error(db_path, e);
    throw IoError("cannot create index " + db_path + ": " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError("index " + db_path + " is damaged (" + e.get_msg() + ")" +
                     check_hint(db_path) + " and rebuild it");
  } catch (const Xapian::DatabaseNotFoundError& e) {
    std::error_code error;
    if (is_interrupted_creation(db_path)) {
      throw IndexError("index " + db_path +
                       " was never completely created (its creation was interrupted); "
                       "run `lisan index` on it to create it");
    }
    if (std::filesystem::exists(std::filesystem::path(db_path) / "postlist.glass", error)) {
      throw IndexError("index " + db_path +
                       " is damaged: its version file (iamglass) is missing; restore the index "
                       "from a copy, or delete the folder and index again");
    }
    if (std::filesystem::is_directory(db_path, error) &&
        !std::filesystem::is_empty(db_path, error)) {
      // A folder with files but no database in it: a wrong --db, or an index
      // whose version file is lost.
      throw IndexError("folder " + db_path + " is not an index (" + e.get_msg() +
                       "); if it was one, it is damaged" + check_hint(db_path));
    }
    throw IndexError("no index at " + db_path + " (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError("cannot open index " + db_path + ": " + e.get_msg() +
                     "; if it should be an index" + check_hint(db_path));
  } catch (const Xapian::DatabaseModifiedError& e) {
    throw IndexError("index " + db_path + " kept changing while it was read (" + e.get_msg() +
                     "); try again");
  } catch (const Xapian::DatabaseError& e) {
    if (is_out_of_space(e)) throw no_space_error(db_path, e);
    throw IndexError("index " + db_path + " is damaged or unreadable (" + e.get_description() +
                     ")" + check_hint(db_path));
  } catch (const Xapian::Error& e) {
    if (is_out_of_space(e)) throw no_space_error(db_path, e);
    throw Error("index " + db_path + ": " + e.get_description());
  }
}

// with_index_errors for readers: when a writer's commits have recycled the
// blocks of the revision `db` reads, Xapian throws DatabaseModifiedError;
// the remedy it documents is to reopen (at the latest commit) and read again.
// `body` runs again from the start, so it must reset what it fills.
template <typename Body>
void with_index_errors_reopening(const std::string& db_path, Xapian::Database& db, Body&& body) {
  // A read fails only when it lasts longer than two commits of the writer
  // this many times in a row.
  constexpr int kAttempts = 10;
  with_index_errors(db_path, [&] {
    for (int attempt = 1;; ++attempt) {
      try {
        body();
        return;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kAttempts) throw;
        db.reopen();
      }
    }
  });
}

}  // namespace lisan::internal
