// plugins: SHA-256 of a plugin file, for pinning plugins (plugins.sha256 in the configuration),
// computed by OpenSSL's libcrypto (EVP), not by code of ours.
#pragma once

#include <filesystem>
#include <string>

namespace scorecard::plugins {

// The lower-case hex SHA-256 digest of every byte of the open file `fd` (read with pread from
// offset 0, so the descriptor's own offset is left alone). Throws std::runtime_error naming
// `name` when the file cannot be read or libcrypto fails.
std::string sha256_fd(int fd, const std::string& name);
// The same for a file by name (opened read-only).
std::string sha256_file(const std::filesystem::path& file);

}  // namespace scorecard::plugins
