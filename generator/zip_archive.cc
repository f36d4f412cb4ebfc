#include "generator/zip_archive.h"

#include <zip.h>

namespace morsel::gen {
namespace {

/// 1980-01-01, the first day DOS time can name; midnight.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

void Walk(const FileSystem& fs, const std::string& dir, const std::string& prefix,
          std::map<std::string, std::string>* files) {
  for (const DirEntry& entry : fs.List(dir)) {
    const std::string path = JoinPath(dir, entry.name);
    const std::string name = prefix.empty() ? entry.name : prefix + "/" + entry.name;
    if (entry.is_dir) {
      Walk(fs, path, name, files);
      continue;
    }
    std::string error;
    fs.ReadFile(path, &(*files)[name], &error);
  }
}

}  // namespace

std::map<std::string, std::string> ReadTree(const FileSystem& fs, const std::string& dir) {
  std::map<std::string, std::string> files;
  Walk(fs, dir, "", &files);
  return files;
}

bool WriteSiteZip(FileSystem* fs, const std::string& out, DiagnosticSink* sink) {
  std::string folder = NormalizePath(out);
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::string path = folder + ".zip";
  std::string zip;
  std::string error;
  if (!ZipFiles(ReadTree(*fs, folder), &zip, &error) || !fs->WriteFile(path, zip, &error)) {
    sink->Add(Error(path, 0, 0, "write-failed", error));
    return false;
  }
  return true;
}

bool ZipFiles(const std::map<std::string, std::string>& files, std::string* zip, std::string* error) {
  zip_error_t status;
  zip_error_init(&status);
  auto fail = [&](const char* what) {
    *error = std::string(what) + ": " + zip_error_strerror(&status);
    zip_error_fini(&status);
    return false;
  };
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &status);
  if (buffer == nullptr) return fail("cannot create the archive");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &status);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return fail("cannot create the archive");
  }
  // Keep the buffer when the archive is closed: it holds the result.
  zip_source_keep(buffer);
  for (const auto& [name, data] : files) {
    zip_source_t* entry = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_int64_t index = entry == nullptr ? -1 : zip_file_add(archive, name.c_str(), entry, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (entry != nullptr) zip_source_free(entry);
      zip_error_set(&status, zip_error_code_zip(zip_get_error(archive)), 0);
      zip_discard(archive);
      zip_source_free(buffer);
      return fail(("cannot add '" + name + "'").c_str());
    }
    zip_file_set_dostime(archive, static_cast<zip_uint64_t>(index), kDosTime, kDosDate, 0);
  }
  if (zip_close(archive) != 0) {
    zip_error_set(&status, zip_error_code_zip(zip_get_error(archive)), 0);
    zip_discard(archive);
    zip_source_free(buffer);
    return fail("cannot write the archive");
  }
  zip_stat_t stat;
  zip->clear();
  if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    return fail("cannot read the archive back");
  }
  zip->resize(static_cast<size_t>(stat.size));
  zip_int64_t read = zip_source_read(buffer, zip->data(), stat.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) return fail("cannot read the archive back");
  zip_error_fini(&status);
  return true;
}

}  // namespace morsel::gen
