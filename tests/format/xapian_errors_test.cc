// Xapian's errors as lisan reports them: each message says what happened and
// what to do, and never sends people to xapian-check for what is not damage.
#include "lisan/format/internal/xapian_errors.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "lisan/analyzers/error.h"

namespace lisan {
namespace {

// The message of the lisan error that `error` becomes for the index "idx".
template <typename XapianError>
std::string message_for(const XapianError& error) {
  try {
    internal::with_index_errors("idx", [&] { throw error; });
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(XapianErrors, ALockHeldByAnotherWriterSaysWaitForIt) {
  const std::string message =
      message_for(Xapian::DatabaseLockError("Unable to get write lock on idx: already locked"));
  EXPECT_TRUE(has(message, "is locked by another process")) << message;
}

TEST(XapianErrors, ALockThatCannotBeTakenIsNotCalledBusy) {
  const std::string message = message_for(Xapian::DatabaseLockError(
      "Unable to get write lock on idx: Permission denied", "", "Permission denied"));
  EXPECT_FALSE(has(message, "locked by another process")) << message;
  EXPECT_TRUE(has(message, "cannot write index idx")) << message;
  EXPECT_TRUE(has(message, "check that you may write its folder")) << message;
}

TEST(XapianErrors, FailingToCreateAnIndexIsNotCalledDamage) {
  const std::string message = message_for(
      Xapian::DatabaseCreateError("Cannot create directory 'idx'", "", "Read-only file system"));
  EXPECT_TRUE(has(message, "cannot create index idx")) << message;
  EXPECT_FALSE(has(message, "damaged")) << message;
  EXPECT_FALSE(has(message, "xapian-check")) << message;
}

}  // namespace
}  // namespace lisan
