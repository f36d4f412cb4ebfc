#include "generator/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <vector>

namespace morsel::gen {
namespace {

/// 1980-01-01, the first day DOS time can name; midnight.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

void Walk(const FileSystem& fs, const std::string& dir, const std::string& prefix, std::vector<std::string>* names) {
  for (const DirEntry& entry : fs.List(dir)) {
    const std::string name = prefix.empty() ? entry.name : prefix + "/" + entry.name;
    if (entry.is_dir) {
      Walk(fs, JoinPath(dir, entry.name), name, names);
    } else {
      names->push_back(name);
    }
  }
}

/// One entry's bytes for libzip, read through the file system when libzip opens it (at
/// zip_close, one entry after another) and let go when it closes it: the archive is
/// made with one file of the site in memory at a time, not all of them.
struct EntrySource {
  const FileSystem* fs;
  std::string path;
  std::string data;
  size_t offset = 0;
  zip_error_t error;
};

zip_int64_t ReadEntry(void* state, void* out, zip_uint64_t length, zip_source_cmd_t command) {
  auto* entry = static_cast<EntrySource*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN: {
      std::string message;
      entry->offset = 0;
      if (!entry->fs->ReadFile(entry->path, &entry->data, &message)) {
        zip_error_set(&entry->error, ZIP_ER_OPEN, 0);
        return -1;
      }
      return 0;
    }
    case ZIP_SOURCE_READ: {
      const size_t n = std::min(static_cast<size_t>(length), entry->data.size() - entry->offset);
      std::copy_n(entry->data.data() + entry->offset, n, static_cast<char*>(out));
      entry->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      std::string().swap(entry->data);
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(out);
      zip_stat_init(stat);
      const int64_t size = entry->fs->FileSize(entry->path);
      if (size >= 0) {
        stat->size = static_cast<zip_uint64_t>(size);
        stat->valid |= ZIP_STAT_SIZE;
      }
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&entry->error, out, length);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&entry->error);
      delete entry;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&entry->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

std::vector<std::string> ListTree(const FileSystem& fs, const std::string& dir) {
  std::vector<std::string> names;
  Walk(fs, dir, "", &names);
  std::sort(names.begin(), names.end());
  return names;
}

bool WriteSiteZip(FileSystem* fs, const std::string& out, DiagnosticSink* sink) {
  std::string folder = NormalizePath(out);
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::string path = folder + ".zip";
  std::string zip;
  std::string error;
  if (!ZipFiles(*fs, folder, ListTree(*fs, folder), &zip, &error) || !fs->WriteFile(path, zip, &error)) {
    sink->Add(Error(path, 0, 0, "write-failed", error));
    return false;
  }
  return true;
}

bool ZipFiles(const FileSystem& fs, const std::string& dir, const std::vector<std::string>& names, std::string* zip,
              std::string* error) {
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
  for (const std::string& name : names) {
    auto* source = new EntrySource{&fs, JoinPath(dir, name), {}, 0, {}};
    zip_error_init(&source->error);
    zip_source_t* entry = zip_source_function(archive, ReadEntry, source);
    if (entry == nullptr) ReadEntry(source, nullptr, 0, ZIP_SOURCE_FREE);
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
