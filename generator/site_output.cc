#include "generator/site_output.h"

namespace morsel::gen {

bool SiteOutput::Fail(const std::string& path, std::string error) {
  failed_path_ = folder_.empty() ? path : JoinPath(folder_, path);
  error_ = std::move(error);
  return false;
}

bool SiteOutput::Add(const std::string& path, std::string_view contents) {
  OutputFile& file = manifest_[path];
  file = OutputFile{contents.size(), {}};
  if (discard_) return true;
  core::Sha256 hash;
  hash.Update(contents);
  file.digest = hash.Finish();
  std::string error;
  if (fs_ != nullptr) return fs_->WriteFile(JoinPath(folder_, path), contents, &error) || Fail(path, error);
  files_[path] = contents;
  return true;
}

bool SiteOutput::Open(const std::string& path) {
  open_ = path;
  open_hash_ = core::Sha256();
  manifest_[path] = OutputFile();
  pending_.clear();
  started_ = false;
  if (fs_ == nullptr && !discard_) files_[path].clear();
  return true;
}

bool SiteOutput::Append(std::string_view piece) {
  OutputFile& file = manifest_[open_];
  file.size += piece.size();
  if (discard_) return true;
  open_hash_.Update(piece);
  if (fs_ == nullptr) {
    files_[open_].append(piece);
    return true;
  }
  pending_.append(piece);
  return pending_.size() < kPendingBytes || Flush();
}

bool SiteOutput::Flush() {
  std::string error;
  const std::string path = JoinPath(folder_, open_);
  const bool written = started_ ? fs_->AppendFile(path, pending_, &error) : fs_->WriteFile(path, pending_, &error);
  started_ = true;
  pending_.clear();
  return written || Fail(open_, error);
}

bool SiteOutput::Close() {
  if (open_.empty()) return true;
  const bool written = fs_ == nullptr || discard_ || Flush();
  if (!discard_) manifest_[open_].digest = open_hash_.Finish();
  open_.clear();
  return written;
}

namespace {

/// Moves the entries of `map` whose key starts with `from` to start with `to` instead.
template <typename Map>
void MoveKeys(const std::string& from, const std::string& to, Map* map) {
  Map moved;
  for (auto it = map->lower_bound(from); it != map->end() && it->first.compare(0, from.size(), from) == 0;) {
    moved.emplace(to + it->first.substr(from.size()), std::move(it->second));
    it = map->erase(it);
  }
  map->merge(moved);
}

std::string WithoutSlash(const std::string& folder) {
  return !folder.empty() && folder.back() == '/' ? folder.substr(0, folder.size() - 1) : folder;
}

}  // namespace

bool SiteOutput::RenameFolder(const std::string& from, const std::string& to) {
  std::string error;
  if (fs_ != nullptr &&
      !fs_->Rename(JoinPath(folder_, WithoutSlash(from)), JoinPath(folder_, WithoutSlash(to)), &error)) {
    return Fail(from, error);
  }
  MoveKeys(from, to, &manifest_);
  MoveKeys(from, to, &files_);
  return true;
}

}  // namespace morsel::gen
