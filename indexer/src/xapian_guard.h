// Translation of Xapian's exceptions into lisan's, at the library boundary.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>

#include "lisan/analyzers/error.h"

namespace lisan::internal {

// Runs `body`; rethrows a Xapian::Error as the lisan::Error a caller can act
// on, naming the index and, for damage, the tool that diagnoses it.
template <typename Body>
decltype(auto) with_index_errors(const std::string& db_path, Body&& body) {
  try {
    return std::forward<Body>(body)();
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("index " + db_path +
                     " is locked by another process (another `lisan index` "
                     "is writing it); wait for it to finish");
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError("index " + db_path + " is damaged (" + e.get_msg() +
                     "); check it with `xapian-check " + db_path + "` and rebuild it");
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw IndexError("no index at " + db_path + " (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError("cannot open index " + db_path + ": " + e.get_msg() +
                     "; if it should be an index, check it with `xapian-check " + db_path + "`");
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError("index " + db_path + ": " + e.get_description() +
                     "; check it with `xapian-check " + db_path + "`");
  } catch (const Xapian::Error& e) {
    throw Error("index " + db_path + ": " + e.get_description());
  }
}

}  // namespace lisan::internal
