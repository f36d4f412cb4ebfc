#pragma once

// Reading the zips Morsel writes back in tests (zip_archive_test.cc, package_test.cc).

#include <zip.h>

#include <map>
#include <string>

#include <catch2/catch.hpp>

namespace morsel::gen {

/// Reads an archive back with libzip: name → bytes.
inline std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(source != nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  REQUIRE(archive != nullptr);
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(file != nullptr);
    std::string data(static_cast<size_t>(stat.size), '\0');
    CHECK(zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    files[stat.name] = data;
  }
  zip_close(archive);
  return files;
}

}  // namespace morsel::gen
