// plugins: SHA-256 of a file, for pinning plugins (plugins.sha256 in the configuration).
#pragma once

#include <filesystem>
#include <string>

namespace scorecard::plugins {

// The lower-case hex SHA-256 digest of the file's bytes (FIPS 180-4). Throws
// std::runtime_error naming the file when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);
// The digest of a string, for tests.
std::string sha256_hex(const std::string& bytes);

}  // namespace scorecard::plugins
